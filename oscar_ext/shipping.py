"""The "Click & collect" shipping method and the repository mixin that offers it (docs/click-and-collect.md).

One method instance per eligible shop (code ``click-and-collect-<store id>``), so Oscar's own shipping-method
page lets the shopper pick the shop and the checkout session remembers it as the method code. A shop is
eligible when it is an active pickup point holding every line of the basket. They are offered nearest first
from the place the shopper typed on the shipping-method page (``?near=``), else from the shipping address's
postcode, else alphabetically; the shop remembered in the shopper's cookie and the shop already chosen in
this checkout are always offered when eligible.
"""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class

from socialshop.conf import settings
from socialshop.models import Store
from socialshop.services import geocoding, pickups, store_availability, store_hours, stores

CODE_PREFIX = "click-and-collect-"
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")


class ClickAndCollect(Free):
    """Free collection in a shop. ``store`` is the Store; ``distance_km`` is shown when known."""

    is_click_and_collect = True

    def __init__(self, store, distance_km=None, hours=None):
        self.store = store
        self.distance_km = distance_km
        self.hours = hours
        self.code = f"{CODE_PREFIX}{store.pk}"
        self.name = _("Click & collect at %(store)s") % {"store": store.name}

    @property
    def description(self):
        """Oscar prints it with ``|safe``: every piece is escaped here."""
        ready = store_availability.ready_in(self.store.pickup_lead_minutes)["label"]
        parts = [f"{self.store.address}, {self.store.postcode} {self.store.city}", ready]
        if self.distance_km is not None:
            parts.append(_("%(km)s km away") % {"km": f"{self.distance_km:.1f}"})
        if self.hours is not None:
            parts.append(_("Today: %(hours)s") % {"hours": self.hours.label})
        return format_html("{}", " · ".join(parts))


def store_of(method):
    """The Store of a click-and-collect method (also through Oscar's offer-discount wrappers), else None."""
    method = getattr(method, "method", method)
    return method.store if getattr(method, "is_click_and_collect", False) else None


def store_id_from_code(code):
    if code and code.startswith(CODE_PREFIX) and code[len(CODE_PREFIX) :].isdigit():
        return int(code[len(CODE_PREFIX) :])
    return None


class ClickAndCollectRepositoryMixin:
    """Put it before Oscar's (or the shop's) ``shipping.repository.Repository`` in the MRO."""

    #: How many shops to offer (the chosen and remembered ones come on top).
    click_and_collect_limit = 5

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        methods = list(super().get_available_shipping_methods(basket, shipping_addr=shipping_addr, **kwargs))
        if basket.is_empty:
            return methods
        return methods + self.get_click_and_collect_methods(basket, shipping_addr, kwargs.get("request"))

    def get_click_and_collect_methods(self, basket, shipping_addr, request):
        quantities = pickups.basket_quantities(basket)
        origin = self.pickup_origin(shipping_addr, request)
        if origin is not None:
            matches = stores.nearest_stores(
                origin.latitude,
                origin.longitude,
                quantities,
                settings.STORE_MAX_RADIUS_KM,
                self.click_and_collect_limit,
                match="all",
                pickup_only=True,
            )
        else:
            matches = stores.stores_by_name(
                quantities, self.click_and_collect_limit, match="all", pickup_only=True
            )
        found = {match.store_id for match in matches}
        for store_id in self.preferred_store_ids(basket, request):
            if store_id not in found:
                units = stores.stock_units(store_id, quantities)
                if all(units.get(pk, 0) >= q for pk, q in quantities.items()):
                    matches.insert(0, stores.StoreMatch(store_id, None, units))
                    found.add(store_id)
        stores.attach_stores(matches)
        matches = [m for m in matches if m.store.is_active and m.store.is_pickup_point]
        hours = store_hours.hours_on([m.store for m in matches], store_hours.local_now().date())
        return [ClickAndCollect(m.store, m.distance_km, hours[m.store_id]) for m in matches]

    def pickup_origin(self, shipping_addr, request):
        near = request.GET.get("near", "").strip()[:100] if request is not None else ""
        country = settings.STORE_DEFAULT_COUNTRY
        query = near
        if not query and shipping_addr is not None:
            query = shipping_addr.postcode or shipping_addr.line4 or ""
            country = getattr(shipping_addr, "country_id", None) or country
        if not query:
            return None
        try:
            return geocoding.geocode(query, country)
        except geocoding.GeocodingUnavailable:
            return None

    def preferred_store_ids(self, basket, request):
        """The shop being chosen (posted) or already chosen in this checkout, then the shopper's cookie's."""
        if request is None:
            return []
        ids = []
        posted = store_id_from_code(request.POST.get("method_code")) if request.method == "POST" else None
        chosen = posted or store_id_from_code(CheckoutSessionData(request).shipping_method_code(basket))
        if chosen:
            ids.append(chosen)
        reference = request.COOKIES.get(settings.STORE_COOKIE_NAME) if settings.STORE_COOKIE_NAME else None
        if reference:
            remembered = Store.objects.filter(reference=reference).values_list("pk", flat=True).first()
            if remembered and remembered not in ids:
                ids.append(remembered)
        return ids[::-1]  # inserted at the front one by one: the chosen shop ends up first
