"""schema.org ``Store`` JSON-LD for a store page: address, position, opening hours and special days."""

import datetime

from django.db.models import Q

from ..models import StoreSpecialDay
from .schema import script_json
from .store_hours import weekly_periods
from .urls import absolute_url

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Special days announced ahead in the JSON-LD.
SPECIAL_DAYS_AHEAD = 60


def store_document(store, request=None, today=None):
    today = today or datetime.date.today()
    document = {
        "@context": "https://schema.org",
        "@type": "Store",
        "@id": absolute_url(store.get_absolute_url(), request) + "#store",
        "name": store.name,
        "url": absolute_url(store.get_absolute_url(), request),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": store.address,
            "postalCode": store.postcode,
            "addressLocality": store.city,
            "addressCountry": store.country,
        },
        "geo": {"@type": "GeoCoordinates", "latitude": store.latitude, "longitude": store.longitude},
        "openingHoursSpecification": _weekly(store) + _special(store, today),
    }
    if store.phone:
        document["telephone"] = store.phone
    if store.email:
        document["email"] = store.email
    return document


def _weekly(store):
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAYS[day]}",
            "opens": f"{opens:%H:%M}",
            "closes": f"{closes:%H:%M}",
        }
        for day, periods in weekly_periods(store)
        for opens, closes in periods
    ]


def _special(store, today):
    """Holidays and exceptional days: a closed day is opens = closes = 00:00, as Google documents."""
    days = StoreSpecialDay.objects.filter(
        Q(store=store) | Q(store__isnull=True),
        date__gte=today,
        date__lte=today + datetime.timedelta(days=SPECIAL_DAYS_AHEAD),
    ).order_by("date", "store_id")
    by_date = {}
    for day in days:  # the store's own day wins over a holiday for every store
        if day.date not in by_date or day.store_id is not None:
            by_date[day.date] = day
    return [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": day.date.isoformat(),
            "validThrough": day.date.isoformat(),
            "opens": "00:00" if day.is_closed else f"{day.opens:%H:%M}",
            "closes": "00:00" if day.is_closed else f"{day.closes:%H:%M}",
        }
        for day in by_date.values()
    ]


def store_json_ld(store, request=None, today=None):
    """The document, ready to print inside ``<script type="application/ld+json">`` (< > & escaped)."""
    return script_json(store_document(store, request, today))
