"""Oscar dashboard tables extended by socialshop (installed through :mod:`oscar_ext.loading`)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_tables2 import A, TemplateColumn

from socialshop.models import ShareClick

from ..loading import original_class

OscarProductTable = original_class("dashboard.catalogue.tables", "ProductTable")


def share_click_counts(queryset):
    """``queryset`` of products annotated ``socialshop_share_clicks`` (all time), in the same query."""
    product_type = ContentType.objects.get_for_model(queryset.model)
    clicks = (
        ShareClick.objects.filter(content_type=product_type, object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        socialshop_share_clicks=Coalesce(Subquery(clicks, output_field=IntegerField()), 0)
    )


class ProductTable(OscarProductTable):
    """Oscar's product list with a "Shares" column linking to the product's share-click report."""

    share_clicks = TemplateColumn(
        verbose_name=_("Shares"),
        template_name="socialshop/dashboard/product_row_share_clicks.html",
        accessor=A("socialshop_share_clicks"),
        order_by="socialshop_share_clicks",
        attrs={"td": {"class": "text-right"}, "th": {"class": "text-right"}},
    )

    def __init__(self, data=None, *args, **kwargs):
        if isinstance(data, QuerySet):
            data = share_click_counts(data)
        super().__init__(data, *args, **kwargs)
