"""Flash sales as Oscar offers, through Oscar's supported extension point: a custom Condition and Benefit
(``proxy_class``) on one site offer per sale, kept in step with the sale by :mod:`oscar_ext.flashsales`.

The benefit gives the flash price only to units covered by a live hold of THIS basket, taken for its owner
(holds are only ever taken for eligible, signed-in customers within both caps), and only while the sale is
in its window. Oscar's exclusive offers then keep vouchers and other offers off those units."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_classes, get_model

from socialshop.models import FlashSale
from socialshop.services import flashsales

Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
BasketDiscount, ZERO_DISCOUNT = get_classes("offer.results", ["BasketDiscount", "ZERO_DISCOUNT"])
apply_discount = get_class("offer.benefits", "apply_discount")
unit_price = get_class("offer.utils", "unit_price")


def sale_for_offer(offer):
    try:
        return offer.socialshop_flash_sale
    except FlashSale.DoesNotExist:
        return None


def covered_holds(offer, basket):
    """{line id: live hold} for the basket's units this offer may discount, or {} if none may be."""
    if not basket.pk or not basket.owner_id:  # anonymous baskets: no query at all
        return {}
    sale = sale_for_offer(offer)
    owner = basket.owner
    if sale is None or not flashsales.in_window(sale):
        return {}
    if not flashsales.is_eligible(sale, owner):
        return {}
    holds = flashsales.live_holds_for_basket(basket.pk).filter(sale=sale, user=owner)
    return {hold.line_id: hold for hold in holds}


class FlashSaleCondition(Condition):
    """Satisfied when the basket holds live flash units of the offer's sale for an eligible owner."""

    class Meta:
        proxy = True
        verbose_name = _("Flash sale condition")
        verbose_name_plural = _("Flash sale conditions")

    @property
    def name(self):
        return _("Holds flash sale units")

    @property
    def description(self):
        return self.name

    def is_satisfied(self, offer, basket):
        return bool(covered_holds(offer, basket))

    def can_apply_condition(self, line):
        return bool(line.stockrecord_id)


class FlashSaleBenefit(Benefit):
    """Prices held units at the sale's flash price; other units keep the regular price."""

    class Meta:
        proxy = True
        verbose_name = _("Flash sale price")
        verbose_name_plural = _("Flash sale prices")

    @property
    def name(self):
        return _("Flash sale price")

    @property
    def description(self):
        return self.name

    def apply(self, basket, condition, offer, **kwargs):
        holds = covered_holds(offer, basket)
        if not holds:
            return ZERO_DISCOUNT
        sale = sale_for_offer(offer)
        total = Decimal("0.00")
        for line in basket.all_lines():
            hold = holds.get(line.pk)
            if hold is None or not line.stockrecord_id or not line.product.is_discountable:
                continue
            price = unit_price(offer, line)
            flash = flashsales.flash_price(sale, price)
            # Oscar applies an offer again while it succeeds: count the units this offer already priced.
            already = line.quantity_with_offer_discount(offer)
            quantity = min(hold.quantity - already, line.quantity_without_offer_discount(offer))
            if flash is None or quantity <= 0:
                continue
            line_discount = (price - flash) * quantity
            apply_discount(line, line_discount, quantity, offer)
            total += line_discount
        if not total:
            return ZERO_DISCOUNT
        return BasketDiscount(total)
