"""Pluggable inputs of the attribution: touchpoint sources and order dimensions.

A **touchpoint source** is a callable ``source(request) -> dict | None``, listed in
SOCIALSHOP_ATTRIBUTION_TOUCHPOINT_SOURCES. It returns the Touchpoint fields it recognises in the request, or
None. A request is a landing when any source returns something; the fields are merged, the earlier source
winning a field both give (so ``utm_source`` names the network before the referrer does). Sources run after
the view, may read ``request.resolver_match``, and must not query the database: the landing's only query is
the touchpoint's INSERT.

An **order dimension** is a callable ``dimension(order) -> dict`` of OrderAttribution fields, listed in
SOCIALSHOP_ATTRIBUTION_ORDER_DIMENSIONS. It may query. It gives ``{}`` when the feature behind it is not
installed, so the attribution works before (and without) flash sales or click-and-collect. Its optional
``fields`` attribute names the fields it sets, reset to None when it no longer finds them. Its optional
``triggers`` attribute lists ``(model label, instance -> order lookup or None)``: when such a row is saved,
the dimensions of that order are computed again (a feature may write its row after the order-placed signal).
"""

from django.apps import apps
from django.core.exceptions import DisallowedHost
from django.db.models import Q
from django.http.request import split_domain_port

from ..conf import settings
from .social_networks import network_for_host, network_for_source, referrer_host

UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
UTM_MAX_LENGTH = 100


def _param(request, name, length=UTM_MAX_LENGTH):
    return request.GET.get(name, "").strip()[:length]


# --- Touchpoint sources ---------------------------------------------------------------------------------


def campaign_tags(request):
    """``utm_source``, ``utm_medium``, ``utm_campaign``, ``utm_content``, ``utm_term`` of the URL."""
    tags = {name: _param(request, name) for name in UTM_FIELDS}
    if not any(tags.values()):
        return None
    network = network_for_source(tags["utm_source"])
    return {**tags, "network": network} if network else tags


def _own_host(request):
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    return split_domain_port(host)[0].removeprefix("www.")


def social_referrer(request):
    """A Referer from a social network's site or app (a link followed from a post or a message)."""
    host = referrer_host(request.META.get("HTTP_REFERER", ""))
    if not host or host == _own_host(request):
        return None
    network = network_for_host(host)
    return {"network": network, "referrer_host": host} if network else None


def share_click(request):
    """The id of the share click a shared link carries (SOCIALSHOP_ATTRIBUTION_SHARE_CLICK_PARAM)."""
    name = settings.ATTRIBUTION_SHARE_CLICK_PARAM
    value = request.GET.get(name, "") if name else ""
    if not value.isascii() or not value.isdigit() or not 0 < len(value) <= 18:
        return None
    return {"share_click_ref": int(value)}


def unlock_link(request):
    """A flash sale's unlock link (a view named in SOCIALSHOP_ATTRIBUTION_UNLOCK_URL_NAMES)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in settings.ATTRIBUTION_UNLOCK_URL_NAMES:
        return None
    ref = match.kwargs.get("slug") or match.kwargs.get("pk")
    return {"unlock_ref": str(ref)[:128]} if ref else None


def flyer(request):
    """A printed flyer, poster or QR code: a ``utm_medium`` among SOCIALSHOP_ATTRIBUTION_FLYER_MEDIUMS."""
    medium = _param(request, "utm_medium").lower()
    if not medium or medium not in {value.lower() for value in settings.ATTRIBUTION_FLYER_MEDIUMS}:
        return None
    return {"flyer_ref": _param(request, "utm_content") or _param(request, "utm_campaign") or medium}


# --- Order dimensions -----------------------------------------------------------------------------------


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def flash_sale(order):
    """The flash sale whose units the order bought: its holds are consumed under the order's number, or (when
    the order-placed signal runs inside the placement transaction, before they are consumed) still held
    by the order's basket."""
    Hold = _model("socialshop.FlashSaleHold")
    if Hold is None:
        return {}
    consumed = Q(state=Hold.CONSUMED, order_number=order.number)
    held = Q(state=Hold.HELD, basket_id=order.basket_id) if order.basket_id else Q(pk__in=[])
    sale_id = Hold.objects.filter(consumed | held).order_by("pk").values_list("sale_id", flat=True).first()
    return {"flash_sale_id": sale_id} if sale_id else {}


flash_sale.fields = ("flash_sale_id",)


def pickup_store(order):
    """The shop where a click-and-collect order is picked up."""
    Pickup = _model("socialshop.OrderPickup")
    if Pickup is None:
        return {}
    store_id = Pickup.objects.filter(order_id=order.pk).values_list("store_id", flat=True).first()
    return {"pickup_store_id": store_id} if store_id else {}


pickup_store.fields = ("pickup_store_id",)
pickup_store.triggers = [("socialshop.OrderPickup", lambda pickup: {"pk": pickup.order_id})]
