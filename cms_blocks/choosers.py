"""Wagtail choosers for Oscar's products, categories and ranges.

Built on Wagtail's ChooserViewSet (registered in ``wagtail_hooks``); each viewset also makes the StreamField
block class that uses it (``get_block_class``). Editors search and click; nobody types an id.
"""

from django import forms
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.blocks import ChooserBlock

from .products import product_queryset

Product = get_model("catalogue", "Product")


class SearchForm(BaseFilterForm):
    """A "q" search field (the id the chooser modal's live search listens to) over a few text fields."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def matches(self, term):
        raise NotImplementedError

    def filter(self, objects):
        term = (self.cleaned_data.get("q") or "").strip()
        if term:
            self.is_searching = True
            self.search_query = term
            objects = objects.filter(self.matches(term)).distinct()
        return objects


class ProductSearchForm(SearchForm):
    def matches(self, term):
        return (
            Q(title__icontains=term)
            | Q(parent__title__icontains=term)
            | Q(upc__iexact=term)
            | Q(upc__istartswith=term)
            | Q(stockrecords__partner_sku__icontains=term)
        )


class NameSearchForm(SearchForm):
    def matches(self, term):
        return Q(name__icontains=term)


class ThumbnailColumn(BaseColumn):
    cell_template_name = "socialshop_cms/chooser/thumbnail_cell.html"


def partner_skus(product):
    return ", ".join(record.partner_sku for record in product.stockrecords.all() if record.partner_sku)


class ProductChooseMixin:
    filter_form_class = ProductSearchForm
    per_page = 20

    def get_object_list(self):
        # Children are choosable too (a precise colour or size); their parent's images stand in for theirs.
        return (
            Product.objects.select_related("parent")
            .prefetch_related("images", "parent__images", "stockrecords")
            .order_by("-date_updated", "-pk")
        )

    @property
    def columns(self):
        return [
            ThumbnailColumn("thumbnail", label=_("Image"), width="10%"),
            self.title_column,
            Column("upc", label=_("UPC"), accessor="upc"),
            Column("sku", label=_("Partner SKU"), accessor=partner_skus),
            Column("public", label=_("Status"), accessor=product_status),
        ]


def product_status(product):
    return _("Public") if product.is_public else _("Hidden from the shop")


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


def product_label(product):
    """What the chooser widget shows once a product is chosen: title (with variant) and UPC."""
    label = str(product)
    return f"{label} · {product.upc}" if product.upc else label


class ProductChosenView(ChosenView):
    def get_display_title(self, instance):
        return product_label(instance)


class ProductChosenMultipleView(ChosenMultipleView):
    def get_display_title(self, instance):
        return product_label(instance)


class ProductChooserWidget(BaseChooser):
    def get_display_title(self, instance):
        return product_label(instance)


class BaseProductChooserBlock(ChooserBlock):
    """A product chooser block whose stream loads every product it needs in one go, with what pricing,
    images and the basket form need (see :func:`cms_blocks.products.product_queryset`)."""

    def bulk_to_python(self, values):
        ids = {pk for pk in map(_as_pk, values) if pk is not None}
        found = product_queryset().in_bulk(ids) if ids else {}
        # A product chosen twice shares one instance: blocks only read it.
        return [found.get(_as_pk(value)) for value in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    def value_from_form(self, value):
        product = super().value_from_form(value)
        if product is None and value not in (None, ""):
            return value  # a vanished product's id: clean() then says so, rather than "required"
        return product

    @cached_property
    def field(self):
        field = super().field
        field.error_messages["invalid_choice"] = _("This product no longer exists: choose another one.")
        return field


def _as_pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit product")
    page_title = _("Choose a product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    chosen_view_class = ProductChosenView
    chosen_multiple_view_class = ProductChosenMultipleView
    base_widget_class = ProductChooserWidget
    base_block_class = BaseProductChooserBlock
    # Oscar's product form is in its dashboard: the chooser picks, it does not create.
    register_widget = False


class NamedChooseMixin:
    filter_form_class = NameSearchForm


class CategoryChooseView(NamedChooseMixin, ChooseView):
    def get_object_list(self):
        return get_model("catalogue", "Category").objects.all()


class CategoryChooseResultsView(NamedChooseMixin, ChooseResultsView):
    def get_object_list(self):
        return get_model("catalogue", "Category").objects.all()


class CategoryChooserViewSet(ChooserViewSet):
    model = "catalogue.Category"
    icon = "folder-open-1"
    choose_one_text = _("Choose a category")
    choose_another_text = _("Choose another category")
    page_title = _("Choose a category")
    choose_view_class = CategoryChooseView
    choose_results_view_class = CategoryChooseResultsView
    register_widget = False


class RangeChooseView(NamedChooseMixin, ChooseView):
    ordering = "name"


class RangeChooseResultsView(NamedChooseMixin, ChooseResultsView):
    ordering = "name"


class RangeChooserViewSet(ChooserViewSet):
    model = "offer.Range"
    icon = "list-ul"
    choose_one_text = _("Choose a range")
    choose_another_text = _("Choose another range")
    page_title = _("Choose a range")
    choose_view_class = RangeChooseView
    choose_results_view_class = RangeChooseResultsView
    register_widget = False


def sale_state(sale):
    from socialshop.services import flashsales

    return flashsales.STATE_LABELS[flashsales.state(sale)]


class FlashSaleChooseMixin:
    filter_form_class = NameSearchForm

    def get_object_list(self):
        return get_model("socialshop", "FlashSale").objects.order_by("-starts_at", "-pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("state", label=_("State"), accessor=sale_state),
            Column("starts_at", label=_("Starts"), accessor="starts_at"),
            Column("ends_at", label=_("Ends"), accessor="ends_at"),
        ]


class FlashSaleChooseView(FlashSaleChooseMixin, ChooseView):
    pass


class FlashSaleChooseResultsView(FlashSaleChooseMixin, ChooseResultsView):
    pass


class FlashSaleChooserViewSet(ChooserViewSet):
    model = "socialshop.FlashSale"
    icon = "time"
    choose_one_text = _("Choose a flash sale")
    choose_another_text = _("Choose another flash sale")
    page_title = _("Choose a flash sale")
    choose_view_class = FlashSaleChooseView
    choose_results_view_class = FlashSaleChooseResultsView
    register_widget = False


product_chooser_viewset = ProductChooserViewSet(
    "socialshop_product_chooser", url_prefix="socialshop/products"
)
category_chooser_viewset = CategoryChooserViewSet(
    "socialshop_category_chooser", url_prefix="socialshop/categories"
)
range_chooser_viewset = RangeChooserViewSet("socialshop_range_chooser", url_prefix="socialshop/ranges")
flash_sale_chooser_viewset = FlashSaleChooserViewSet(
    "socialshop_flash_sale_chooser", url_prefix="socialshop/flash-sales"
)
