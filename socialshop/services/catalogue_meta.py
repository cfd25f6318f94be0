"""Describers of Oscar's products and categories for :mod:`socialshop.services.meta`.

Prices and availability come from the request's pricing strategy (``request.strategy``, set by Oscar's
basket middleware): the price a shopper would pay, never a stock record's raw field.

Query budget on a product page: the product's stock records and images are prefetched onto the very
instance Oscar's templates use next, so Oscar's own repeated lookups of them become free. The category
trail, the brand/no-pin attributes and the review count (one query each) are cached until the catalogue
changes. A parent product's public children are fetched once with their stock records and handed to
Oscar (``_prefetched_public_children``), which would otherwise fetch them again for each lookup.
"""

from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db.models import F, Subquery
from django.db.models.query import prefetch_related_objects
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import NoReverseMatch
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from ..conf import settings
from . import gtin, meta
from .urls import absolute_url

GENERATION_KEY = "socialshop:meta:catalogue-generation"
FACTS_TIMEOUT = 3600


def register_describers():
    meta.register(get_model("catalogue", "Product"), describe_product)
    meta.register(get_model("catalogue", "Category"), describe_category)
    connect_invalidation()


def describe_product(product, request):
    parent = product.parent if product.is_child else None
    _prefetch(product, parent)
    strategy = _strategy(request)
    facts = _catalogue_facts(product, parent)
    attributes = facts["attributes"]
    title = product.get_title()
    primary_image = product.primary_image()  # a placeholder dict when the product has none
    description = product.description or (parent.description if parent else "")
    return {
        "title": title,
        "description": description,
        "url": product.get_absolute_url(),
        "type": meta.PRODUCT,
        # The primary image (a variant without one shows its parent's), else the site's default image.
        "image_file": getattr(primary_image, "original", None),
        "image_alt": getattr(primary_image, "caption", "") or title,
        "product": _product_info(product, parent, strategy, facts, request),
        "breadcrumbs": _breadcrumbs(facts["trail"], request)
        + (meta.Breadcrumb(meta.clean_line(title), _absolute(product.get_absolute_url(), request)),),
        "nopin": bool(settings.NOPIN) or _is_true(attributes.get(_nopin_code())),
    }


def describe_category(category, request):
    name = category.name
    return {
        "title": name,
        "description": category.description,
        "url": category.get_absolute_url(),
        "image_file": category.image,
        "image_alt": name,
        "breadcrumbs": _breadcrumbs(_trail(list(category.get_ancestors()) + [category]), request),
    }


def _product_info(product, parent, strategy, facts, request):
    attributes = facts["attributes"]
    if product.is_parent:
        children = _public_children(product)
        purchase = strategy.fetch_for_parent(product)
        variants = tuple(_variant(child, strategy.fetch_for_product(child), request) for child in children)
        prices = [variant.price for variant in variants if variant.price is not None]
    else:
        purchase = strategy.fetch_for_product(product)
        variants, prices = (), []
    price, currency = _price(purchase)
    stockrecord = getattr(purchase, "stockrecord", None)
    review_count = facts["review_count"] if product.rating is not None else 0
    return meta.ProductInfo(
        retailer_item_id=_retailer_id(product, stockrecord),
        brand=meta.clean_line(attributes.get(settings.BRAND_ATTRIBUTE))
        or settings.BRAND_DEFAULT
        or meta.site_defaults(request).site_name,
        condition=settings.PRODUCT_CONDITION,
        price=price,
        currency=currency,
        availability=_availability(purchase),
        sku=_sku(product, stockrecord),
        gtin=gtin.normalise(product.upc),
        item_group_id=_retailer_id(parent, None) if parent else "",
        group_title=meta.clean_line(parent.get_title()) if parent else "",
        group_url=_absolute(parent.get_absolute_url(), request) if parent else "",
        is_group=product.is_parent,
        variants=variants,
        low_price=min(prices) if prices else None,
        high_price=max(prices) if prices else None,
        rating_value=product.rating if review_count else None,
        review_count=review_count,
    )


def _variant(child, purchase, request):
    price, currency = _price(purchase)
    return meta.Variant(
        title=meta.clean_line(child.get_title()),
        url=_absolute(child.get_absolute_url(), request),
        sku=_sku(child, purchase.stockrecord),
        gtin=gtin.normalise(child.upc),
        price=price,
        currency=currency,
        availability=_availability(purchase),
    )


def _strategy(request):
    strategy = getattr(request, "strategy", None)
    if strategy is None:  # outside Oscar's middleware (a command, an e-mail): the default shopper's view
        user = getattr(request, "user", None)
        selector = get_class("partner.strategy", "Selector")()
        strategy = selector.strategy(request=request if user is not None else None, user=user)
    return strategy


def _prefetch(product, parent):
    """Load stock records and images onto the instances the page's templates will use again."""
    prefetch_related_objects([product], "stockrecords", "images")
    if parent is not None:
        prefetch_related_objects([parent], "images")


def _public_children(product):
    children = getattr(product, "_prefetched_public_children", None)
    if children is None:
        # Through the related manager, each child knows its parent without a query per child.
        children = list(product.children.filter(is_public=True).prefetch_related("stockrecords"))
        product._prefetched_public_children = children  # Oscar's get_public_children() returns these
    return children


def _price(purchase):
    price = purchase.price
    currency = getattr(price, "currency", None) or _default_currency()
    if not price.exists:
        return None, currency
    return (price.incl_tax if price.is_tax_known else price.excl_tax), currency


def _availability(purchase):
    """Facebook's spelling; a custom Oscar availability class may say more with ``social_availability``."""
    availability = purchase.availability
    custom = getattr(availability, "social_availability", None)
    if custom in meta.AVAILABILITIES:
        return custom
    return meta.IN_STOCK if availability.is_available_to_buy else meta.OUT_OF_STOCK


def _retailer_id(product, stockrecord):
    """The id a product catalogue knows the product by: its UPC, else its SKU, else its primary key."""
    return product.upc or (stockrecord.partner_sku if stockrecord else "") or str(product.pk)


def _sku(product, stockrecord):
    return (stockrecord.partner_sku if stockrecord else "") or product.upc or str(product.pk)


def _attribute_codes():
    return [code for code in (settings.BRAND_ATTRIBUTE, _nopin_code()) if code]


def _attribute_values(product, parent):
    """{attribute code: text value} of the brand and no-pin attributes; the variant's own value wins."""
    codes = _attribute_codes()
    if not codes:
        return {}
    owners = [product.pk] + ([parent.pk] if parent else [])
    values = (
        get_model("catalogue", "ProductAttributeValue")
        .objects.filter(product_id__in=owners, attribute__code__in=codes)
        .select_related("attribute", "value_option")
    )
    found = {}
    for value in sorted(values, key=lambda value: value.product_id == product.pk):
        found[value.attribute.code] = value.value_as_text
    return found


def _nopin_code():
    return getattr(settings, "NOPIN_ATTRIBUTE", "")


def _is_true(value):
    return str(value).strip().lower() in {"true", "1", "yes", "oui", "vrai"}


def _approved_review_count(product):
    """Oscar keeps ``rating`` denormalised: no rating, no review, no query."""
    if product.rating is None or not hasattr(product, "reviews"):
        return 0
    return product.reviews.approved().count()


def _catalogue_facts(product, parent):
    """What changes only when the catalogue is edited: the category trail (names and relative URLs),
    the brand/no-pin attribute values and the approved review count. Cached until any product, category,
    attribute value or review is saved or deleted (see connect_invalidation), so a warm product page spends
    no query on them. Prices and availability are never cached: they come from the request's strategy."""
    generation = cache.get_or_set(GENERATION_KEY, 1, None)
    key = ":".join(
        ["socialshop:meta:facts", str(generation), str(product.pk), get_language() or "", *_attribute_codes()]
    )
    facts = cache.get(key)
    if facts is None:
        facts = {
            "trail": _trail(_category_trail(parent or product)),
            "attributes": _attribute_values(product, parent),
            "review_count": _approved_review_count(product),
        }
        cache.set(key, facts, FACTS_TIMEOUT)
    return facts


def invalidate_catalogue_facts(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not cached yet (or evicted): any new number will do
        cache.set(GENERATION_KEY, 2, None)


def connect_invalidation():
    models = [
        get_model("catalogue", name)
        for name in ("Product", "Category", "ProductCategory", "ProductAttributeValue", "AttributeOption")
    ]
    if apps.is_installed("oscar.apps.catalogue.reviews"):
        models.append(get_model("reviews", "ProductReview"))
    for model in models:
        uid = f"socialshop_meta_facts_{model._meta.label}"
        post_save.connect(invalidate_catalogue_facts, sender=model, dispatch_uid=uid)
        post_delete.connect(invalidate_catalogue_facts, sender=model, dispatch_uid=uid)
    through = get_model("catalogue", "Product").categories.through
    m2m_changed.connect(invalidate_catalogue_facts, sender=through, dispatch_uid="socialshop_meta_facts_m2m")


def _category_trail(product):
    """The product's first public category and its ancestors, root first, in one query."""
    Category = get_model("catalogue", "Category")
    first_path = (
        get_model("catalogue", "ProductCategory")
        .objects.filter(product_id=product.pk, category__is_public=True, category__ancestors_are_public=True)
        .order_by("category__path")
        .values("category__path")[:1]
    )
    return list(
        Category.objects.annotate(leaf_path=Subquery(first_path))
        .filter(leaf_path__startswith=F("path"))
        .order_by("depth")
    )


def _trail(categories):
    """((name, relative URL), ...) of categories listed root first."""
    trail, parent_slug = [], None
    for category in categories:
        parent_slug = category.get_full_slug(parent_slug=parent_slug)  # no query per ancestor, warms Oscar
        trail.append((meta.clean_line(category.name), category.get_absolute_url()))
    return tuple(trail)


def _breadcrumbs(trail, request):
    home = meta.Breadcrumb(_("Home"), _absolute(_home_url(), request))
    return (home,) + tuple(meta.Breadcrumb(name, _absolute(url, request)) for name, url in trail)


def _home_url():
    try:
        return str(getattr(django_settings, "OSCAR_HOMEPAGE", "/"))
    except NoReverseMatch:
        return "/"


def _absolute(url, request):
    return absolute_url(url, request)


def _default_currency():
    return getattr(django_settings, "OSCAR_DEFAULT_CURRENCY", "")
