"""Keeps Oscar in step with flash sales: one site offer per sale (custom condition and benefit), and the
holds of every basket line whenever Oscar saves or deletes one. Connected in ``SocialshopOscarConfig``."""

from django.db import transaction
from oscar.core.loading import get_model

from socialshop.conf import settings
from socialshop.models import FlashSale
from socialshop.services import flashsales

from .offers import FlashSaleBenefit, FlashSaleCondition

ConditionalOffer = get_model("offer", "ConditionalOffer")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")


def _class_path(klass):
    return f"{klass.__module__}.{klass.__name__}"


def sync_offer(sale):
    """Create or update the Oscar site offer behind ``sale`` (window, status, priority)."""
    with transaction.atomic():
        offer = sale.offer
        if offer is None:
            condition = Condition.objects.create(proxy_class=_class_path(FlashSaleCondition))
            benefit = Benefit.objects.create(proxy_class=_class_path(FlashSaleBenefit))
            offer = ConditionalOffer(condition=condition, benefit=benefit, offer_type=ConditionalOffer.SITE)
        offer.name = f"Flash sale {sale.slug}"[:128]
        offer.description = sale.name
        offer.exclusive = True
        offer.priority = settings.FLASH_SALE_OFFER_PRIORITY
        offer.start_datetime = sale.starts_at
        offer.end_datetime = sale.ends_at
        offer.status = (
            ConditionalOffer.OPEN if sale.status == FlashSale.ACTIVE else ConditionalOffer.SUSPENDED
        )
        offer.save()
        if sale.offer_id != offer.pk:
            FlashSale.objects.filter(pk=sale.pk).update(offer=offer)
            sale.offer = offer
    return offer


def on_sale_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_offer(instance)


def on_sale_deleted(sender, instance, **kwargs):
    if instance.offer_id:
        ConditionalOffer.objects.filter(pk=instance.offer_id).delete()


def on_line_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        flashsales.sync_line(instance)


def on_line_deleted(sender, instance, **kwargs):
    flashsales.sync_line(instance, deleted=True)
