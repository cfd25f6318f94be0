"""Flash-sale pieces for Oscar templates. ``{% load socialshop_flash %}`` then:

- ``{% socialshop_flash_badge product %}``: a badge linking to the live (or teased) sale of a product;
- ``{% socialshop_flash_holds basket %}``: the basket's held flash units with their countdown;
- ``{% socialshop_flash_share sale %}``: share buttons carrying the sale's utm_campaign (the share
  feature's ``socialshop_share`` tag when it is installed, nothing otherwise).
"""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import FlashSale, FlashSaleHold
from ..services import flashsale_pages, flashsales

register = template.Library()


def _badge_sale(product, now):
    """The sale to advertise on a product: live first, else one in its teaser period."""
    for sale in flashsales.live_sales_for(product, now):
        return sale
    ids = [product.pk] + ([product.parent_id] if product.parent_id else [])
    teased = (
        FlashSale.objects.filter(status=FlashSale.ACTIVE, products__in=ids, starts_at__gt=now)
        .filter(teaser_starts_at__lte=now)
        .order_by("starts_at")
        .first()
    )
    return teased


@register.inclusion_tag("socialshop/flashsales/badge.html")
def socialshop_flash_badge(product):
    now = timezone.now()
    sale = _badge_sale(product, now) if product is not None and product.pk else None
    if sale is None:
        return {"sale": None}
    return {"sale": sale, "state": flashsales.state(sale, now), "now": now}


@register.inclusion_tag("socialshop/flashsales/basket_holds.html")
def socialshop_flash_holds(basket):
    if basket is None or not basket.pk:
        return {"holds": []}
    holds = FlashSaleHold.objects.filter(
        basket_id=basket.pk, state=FlashSaleHold.HELD, expires_at__gt=timezone.now()
    ).select_related("sale", "product")
    return {"holds": list(holds)}


@register.simple_tag(takes_context=True)
def socialshop_flash_share(context, sale):
    try:
        from .socialshop_share import socialshop_share
    except ImportError:  # the share feature is not installed
        return ""
    values = socialshop_share(context, sale, campaign=flashsale_pages.campaign(sale))
    return render_to_string("socialshop/share/buttons.html", values, request=context.get("request"))
