"""``{% socialshop_store_availability product %}``: the product page's "Check in-store availability"."""

from django import template

from ..conf import settings
from ..models import Store
from ..services import store_availability, stores

register = template.Library()


@register.inclusion_tag("socialshop/stores/widget.html", takes_context=True)
def socialshop_store_availability(context, product):
    """A form (postcode or town, or the shopper's position with JavaScript) that lists the nearest shops
    holding ``product`` (for a parent, per variant), and the availability at the shopper's remembered shop."""
    request = context.get("request")
    variants = store_availability.variants_of(product)
    return {
        "request": request,
        "product": product,
        "variants": variants,
        "prefix": f"socialshop-stores-{product.pk}",
        "cookie_name": settings.STORE_COOKIE_NAME,
        "remembered": remembered_store(request, variants),
        "csrf_token": context.get("csrf_token"),
    }


def remembered_store(request, variants):
    """{"store", "availability"} for the shop in the shopper's cookie, if it is still open for business."""
    name = settings.STORE_COOKIE_NAME
    reference = request.COOKIES.get(name) if (request is not None and name) else None
    store = Store.objects.filter(reference=reference, is_active=True).first() if reference else None
    if store is None or not variants:
        return None
    units = stores.stock_units(store.pk, [variant.pk for variant in variants])
    summary = stores.summarise(stores.availability(units.get(variant.pk, 0)) for variant in variants)
    return {"store": store, "availability": store_availability.availability_dict(summary)}
