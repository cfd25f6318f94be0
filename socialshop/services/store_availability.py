"""The answer to "which shops near me have this product?", shared by the JSON endpoint, the server-rendered
list and the product-page widget, so that all three always say the same thing."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import store_hours, stores
from .stores import LOW_STOCK, OUT_OF_STOCK


def ready_in(minutes):
    """{"minutes": 120, "label": "Ready in 2 hours"}: preparation time in the largest whole unit."""
    if minutes < 60:
        label = ngettext("Ready in %(count)d minute", "Ready in %(count)d minutes", minutes)
        count = minutes
    elif minutes < 48 * 60:
        count = round(minutes / 60)
        label = ngettext("Ready in %(count)d hour", "Ready in %(count)d hours", count)
    else:
        count = round(minutes / (24 * 60))
        label = ngettext("Ready in %(count)d day", "Ready in %(count)d days", count)
    return {"minutes": minutes, "label": label % {"count": count}}


def availability_label(availability):
    """What a shopper reads: "In stock", "Only 2 left", "Out of stock"."""
    if availability.code == OUT_OF_STOCK:
        return _("Out of stock")
    if availability.num_available is None:
        return _("Low stock") if availability.code == LOW_STOCK else _("In stock")
    if availability.code == LOW_STOCK:
        return ngettext("Only %(count)d left", "Only %(count)d left", availability.num_available) % {
            "count": availability.num_available
        }
    return _("In stock (%(count)d)") % {"count": availability.num_available}


def availability_dict(availability):
    return {**availability.as_dict(), "label": availability_label(availability)}


def variants_of(product):
    """The purchasable products behind ``product``: its public children for a parent, else itself."""
    if product.is_parent:
        return list(product.children.filter(is_public=True).order_by("pk"))
    return [product]


def store_dict(store, match, hours, variants, now):
    """One store of an answer. ``variants`` has more than one product (or a child) only for a parent."""
    data = {
        "reference": store.reference,
        "id": store.pk,
        "name": store.name,
        "slug": store.slug,
        "url": store.get_absolute_url(),
        "distance_km": None if match.distance_km is None else round(match.distance_km, 2),
        "address": {
            "street": store.address,
            "postcode": store.postcode,
            "city": store.city,
            "country": store.country,
        },
        "phone": store.phone,
        "opening_today": hours.as_dict(now),
        "pickup": store.is_pickup_point,
        "ready_in": ready_in(store.pickup_lead_minutes),
    }
    per_variant = [(variant, match.availability(variant.pk)) for variant in variants]
    if len(per_variant) == 1 and not variants[0].is_child:
        data["availability"] = availability_dict(per_variant[0][1])
    else:
        data["availability"] = availability_dict(stores.summarise(a for _v, a in per_variant))
        data["variants"] = [
            {"id": variant.pk, "title": variant.get_title(), "availability": availability_dict(a)}
            for variant, a in per_variant
        ]
    return data


def answer(product, origin, radius_km, limit, include_out_of_stock=False, now=None):
    """The lookup's JSON-ready answer for ``product`` around ``origin`` (a geocoding Place)."""
    now = now or store_hours.local_now()
    variants = variants_of(product)
    matches = stores.nearest_stores(
        origin.latitude,
        origin.longitude,
        [variant.pk for variant in variants],
        radius_km,
        limit,
        include_out_of_stock=include_out_of_stock or not variants,
    )
    stores.attach_stores(matches)
    hours = store_hours.hours_on([m.store for m in matches], now.date())
    return {
        "origin": {
            "lat": round(origin.latitude, 6),
            "lng": round(origin.longitude, 6),
            "label": origin.label,
            "source": origin.source,
        },
        "product": {"id": product.pk, "title": product.get_title(), "is_parent": product.is_parent},
        "radius_km": radius_km,
        "stores": [store_dict(m.store, m, hours[m.store_id], variants, now) for m in matches],
    }
