"""Oscar products as blocks show them: loaded in bulk, priced by the shopper's strategy.

Prices are never stored in a page: every render asks Oscar's strategy for the current request
(``request.strategy``, set by Oscar's basket middleware), so a post shows the price the shopper would pay
today. ``product_queryset`` loads what the strategy, the image and the basket form read (stock records,
images, product class and options, public children and their stock records), so N products cost a fixed
number of queries, not N.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

Product = get_model("catalogue", "Product")
Option = get_model("catalogue", "Option")
Selector = get_class("partner.strategy", "Selector")

# What a product card can say about a product. Gone: deleted or hidden from the shop (shoppers see nothing).
AVAILABLE, OUT_OF_STOCK, UNAVAILABLE, GONE = "available", "out_of_stock", "unavailable", "gone"

ORDERINGS = [
    ("newest", _("Newest first")),
    ("title", _("Title (A to Z)")),
    ("price_asc", _("Price, lowest first")),
    ("price_desc", _("Price, highest first")),
]
MAX_LIMIT = 24


def product_queryset():
    """Products with everything a card reads: product class and parent (availability, title), stock records
    (price), images, public children with their stock records (a parent's price and availability), and
    whether the product has options (Oscar's own annotations, read by ``Product.has_options``)."""
    class_options = Option.objects.filter(
        Q(productclass=OuterRef("product_class")) | Q(productclass=OuterRef("parent__product_class"))
    )
    return (
        Product.objects.select_related("product_class", "parent", "parent__product_class")
        .annotate(
            has_product_class_options=Exists(class_options),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            "stockrecords",
            "images",
            "parent__images",
            Prefetch(
                "children",
                queryset=Product.objects.public().prefetch_related("stockrecords"),
                to_attr="_prefetched_public_children",
            ),
        )
    )


def strategy_for(request):
    """The request's pricing strategy (Oscar's middleware sets it), or the default one for this user."""
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        user = getattr(request, "user", None)
        strategy = Selector().strategy(request=request, user=user)
    return strategy


@dataclass
class ProductCard:
    """A product as a block shows it: its state for this shopper and what the template needs."""

    product: object
    state: str
    price: object = None
    availability: object = None
    image: object = None

    @property
    def is_gone(self):
        return self.state == GONE

    @property
    def is_buyable(self):
        return self.state == AVAILABLE

    @cached_property
    def url(self):
        return self.product.get_absolute_url()

    @cached_property
    def add_to_basket_url(self):
        """Only standalone and child products without options go straight to the basket; a parent (size to
        choose) or a product with options links to its page instead."""
        product = self.product
        if not self.is_buyable or product.is_parent or product.has_options:
            return ""
        return reverse("basket:add", kwargs={"pk": product.pk})

    @property
    def title(self):
        return self.product.get_title() if self.product is not None else ""

    @property
    def warning(self):
        """What the editor is told in preview about this product, or "" when all is well."""
        if self.product is None:
            return _("A product in this block no longer exists: shoppers don't see it. Choose another one.")
        if self.state == GONE:
            return _("“%(title)s” is hidden from the shop: shoppers don't see it.") % {"title": self.title}
        if self.state == UNAVAILABLE:
            return _("“%(title)s” has no price: shoppers see it as unavailable.") % {"title": self.title}
        if self.state == OUT_OF_STOCK:
            return _("“%(title)s” is out of stock: shoppers can't add it to their basket.") % {
                "title": self.title
            }
        return ""


def is_visible(product):
    if product is None or not product.is_public:
        return False
    return not (product.is_child and product.parent_id and not product.parent.is_public)


def card(product, strategy):
    if not is_visible(product):
        return ProductCard(product=product, state=GONE)
    if product.is_parent:
        info = strategy.fetch_for_parent(product)
    else:
        info = strategy.fetch_for_product(product)
    price, availability = info.price, info.availability
    if not price.exists:
        state = UNAVAILABLE
    elif availability.is_available_to_buy:
        state = AVAILABLE
    else:
        state = OUT_OF_STOCK
    return ProductCard(
        product=product, state=state, price=price, availability=availability, image=product.primary_image()
    )


def cards(products, request):
    """Cards for products (None for a deleted one), priced for ``request``, in the same order."""
    strategy = strategy_for(request)
    return [card(product, strategy) for product in products]


def ordered(queryset, ordering):
    if ordering == "title":
        return queryset.order_by("title", "pk")
    if ordering in ("price_asc", "price_desc"):
        queryset = queryset.annotate(lowest_price=Min("stockrecords__price"))
        lowest = F("lowest_price")
        order = lowest.asc(nulls_last=True) if ordering == "price_asc" else lowest.desc(nulls_last=True)
        return queryset.order_by(order, "pk")
    return queryset.order_by("-date_created", "-pk")


def category_products(category, limit, ordering):
    """Browsable products of a category and its subcategories."""
    queryset = product_queryset().browsable().filter(categories__in=category.get_descendants_and_self())
    return list(ordered(queryset.distinct(), ordering)[: _bounded(limit)])


def range_products(product_range, limit, ordering):
    """Public products of an Oscar range (included products, classes and categories, minus exclusions)."""
    queryset = product_queryset().public().filter(pk__in=product_range.all_products().values("pk"))
    return list(ordered(queryset, ordering)[: _bounded(limit)])


def _bounded(limit):
    return max(1, min(int(limit or MAX_LIMIT), MAX_LIMIT))


def preview_product():
    """A public product in stock, for Wagtail's block previews (None in an empty shop)."""
    return (
        product_queryset()
        .browsable()
        .filter(stockrecords__num_in_stock__gt=0, stockrecords__price__isnull=False)
        .order_by("-date_created", "-pk")
        .first()
    )


def preview_products(count=4):
    return list(
        product_queryset()
        .browsable()
        .filter(stockrecords__num_in_stock__gt=0, stockrecords__price__isnull=False)
        .distinct()
        .order_by("-date_created", "-pk")[:count]
    )
