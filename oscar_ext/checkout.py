"""Order placement for flash sales: a mixin for Oscar's ``PaymentDetailsView`` (the view that places the
order), wired by the project through its CheckoutConfig (see docs/flash-sales.md; the sandbox does it in
``sandbox/shop/checkout.py``). Oscar's ``order_placed`` signal comes too late to refuse an order, so the
check lives where the order is written.

* While the customer is in checkout, the basket's holds are extended (payment may take a while); a hold
  that expired and was released is claimed again if units are left.
* ``place_order`` writes the order and consumes the holds in ONE transaction; the flash units are gated
  again there (a lost hold is re-claimed through the same conditional UPDATEs) and Oscar's stock record is
  checked under its row lock. Any refusal rolls the order back and shows the preview again with the reason.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from socialshop.conf import settings
from socialshop.models import FlashSaleHold
from socialshop.services import flashsales

from .offers import sale_for_offer

UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
Applicator = get_class("offer.applicator", "Applicator")
StockRecord = get_model("partner", "StockRecord")


def flash_discounted_units(basket):
    """{line id: units priced at a flash price} from the basket's applied offers."""
    units = {}
    for line in basket.all_lines():
        for discount in line.discounts:
            if discount.offer is not None and sale_for_offer(discount.offer) is not None:
                units[line.pk] = units.get(line.pk, 0) + discount.quantity
    return units


def refresh_holds(basket, user):
    """Extend the basket's holds for checkout; re-take those that expired and were released. Returns
    (whether any hold changed, names of the sales whose price could not be kept)."""
    if not basket.pk:
        return False, []
    lost, retaken = [], False
    held = FlashSaleHold.objects.filter(basket_id=basket.pk, state=FlashSaleHold.HELD).select_related("sale")
    for hold in held:
        if not flashsales.in_window(hold.sale) and flashsales.release_hold(hold, "ended"):
            lost.append(hold.sale.name)
    flashsales.extend_holds(basket.pk, settings.FLASH_SALE_CHECKOUT_HOLD_MINUTES)
    live_lines = set(flashsales.live_holds_for_basket(basket.pk).values_list("line_id", flat=True))
    expired = (
        FlashSaleHold.objects.filter(
            basket_id=basket.pk, state=FlashSaleHold.RELEASED, release_reason="expired"
        )
        .exclude(line_id__in=live_lines)
        .select_related("sale")
    )
    lines = {line.pk: line for line in basket.lines.all()}
    for hold in expired:
        line = lines.get(hold.line_id)
        FlashSaleHold.objects.filter(pk=hold.pk, release_reason="expired").update(release_reason="rechecked")
        if line is None:
            continue
        line.basket = basket
        if flashsales.sync_line(line) is None:
            lost.append(hold.sale.name)
        else:
            retaken = True
            flashsales.extend_holds(basket.pk, settings.FLASH_SALE_CHECKOUT_HOLD_MINUTES)
    return retaken or bool(lost), lost


class FlashSaleCheckoutMixin:
    """Put it before Oscar's PaymentDetailsView in the MRO."""

    flash_sales_lost = ()

    def dispatch(self, request, *args, **kwargs):
        basket = request.basket
        if basket.pk and not basket.is_empty:
            changed, self.flash_sales_lost = refresh_holds(basket, request.user)
            if changed:
                basket.reset_offer_applications()
                Applicator().apply(basket, request.user, request)
                for name in self.flash_sales_lost:
                    messages.warning(
                        request,
                        _("%(sale)s: the flash price could not be kept, the basket shows the regular price.")
                        % {"sale": name},
                    )
        return super().dispatch(request, *args, **kwargs)

    def handle_place_order_submission(self, request):
        if self.flash_sales_lost:
            # Never place the order at prices other than those the customer saw on the preview.
            return self.render_preview(
                request, error=_("Some flash sale prices changed. Please check your order again.")
            )
        return super().handle_place_order_submission(request)

    def place_order(self, *args, **kwargs):
        basket = kwargs["basket"]
        discounted = flash_discounted_units(basket)
        if not discounted:
            return super().place_order(*args, **kwargs)
        try:
            with transaction.atomic():
                order = super().place_order(*args, **kwargs)
                self.check_flash_stock(basket, discounted)
                flashsales.consume_for_order(basket, order.number, discounted)
        except flashsales.PlacementRefused as exc:
            raise UnableToPlaceOrder(str(exc)) from exc
        return order

    def check_flash_stock(self, basket, discounted):
        """After Oscar allocated the order's stock: the flash lines' stock records must not be oversold.
        The no-op UPDATE takes each row's lock, so the check sees every committed allocation."""
        lines = sorted(
            (ln for ln in basket.all_lines() if ln.pk in discounted), key=lambda ln: ln.stockrecord_id
        )
        for line in lines:
            if not line.product.get_product_class().track_stock:
                continue
            kept = (
                StockRecord.objects.filter(pk=line.stockrecord_id)
                .filter(Q(num_in_stock__isnull=True) | Q(num_in_stock__gte=Coalesce("num_allocated", 0)))
                .update(num_allocated=F("num_allocated"))
            )
            if not kept:
                raise flashsales.PlacementRefused(
                    _("“%(product)s” is out of stock.") % {"product": line.product.get_title()}
                )
