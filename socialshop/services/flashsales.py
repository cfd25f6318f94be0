"""Fan-only flash sales: state, eligibility, flash prices, and the holds that keep them from overselling.

The rules that make this safe (measured in ``shared/specs/commerce-patterns.md``):

* Units are claimed by ONE conditional UPDATE (``units_held + units_sold + q <= unit_cap``), the last
  statement of its transaction; nothing read earlier decides. The per-customer cap is the same kind of
  UPDATE on the customer's unique :class:`~socialshop.models.FlashSaleClaim` row.
* A hold past ``expires_at`` never counts: every claim first releases the sale's expired holds in the
  same transaction (each release is itself conditional, so two buyers never release one hold twice), and
  figures shown to shoppers sum only live holds. No scheduled job is needed for correctness;
  ``socialshop_prune_holds`` only tidies up.
* Rows are locked in one order: holds (by pk), claims, then the sale row.
"""

import contextlib
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.db import connection, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.core.loading import get_class

from ..conf import settings
from ..models import FlashSale, FlashSaleClaim, FlashSaleHold, UnlockRedemption
from . import fans, flashsale_sql

SCHEDULED, LIVE, SOLD_OUT, ENDED, PAUSED = "scheduled", "live", "sold_out", "ended", "paused"
STATE_LABELS = {
    SCHEDULED: _("Coming soon"),
    LIVE: pgettext_lazy("flash sale state", "Live"),  # plain "Live" is Wagtail's "Publié"
    SOLD_OUT: _("Sold out"),
    ENDED: _("Ended"),
    PAUSED: _("Paused"),
}
CENT = Decimal("0.01")
UNLOCK_SALT = "socialshop.flashsale.unlock"


class HoldRefused(Exception):
    """No flash units for this line: ``reason`` is sold_out, customer_cap, not_live or no_stock."""

    def __init__(self, reason, expired_holds=None):
        super().__init__(reason)
        self.reason = reason
        self.expired_holds = expired_holds  # None: unknown


# --- State ----------------------------------------------------------------------------------------------


def live_held(sale, now=None):
    """Units in holds that have not expired (expired ones may not be released yet: they do not count)."""
    now = now or timezone.now()
    total = sale.holds.filter(state=FlashSaleHold.HELD, expires_at__gt=now).aggregate(n=Sum("quantity"))["n"]
    return total or 0


def remaining(sale, now=None):
    return max(0, sale.unit_cap - sale.units_sold - live_held(sale, now))


def in_window(sale, now=None):
    """Active and between start and end: flash prices may apply (even when no unit is left to claim)."""
    now = now or timezone.now()
    return sale.status == FlashSale.ACTIVE and sale.starts_at <= now < sale.ends_at


def state(sale, now=None):
    now = now or timezone.now()
    if sale.status == FlashSale.ENDED or now >= sale.ends_at:
        return ENDED
    if sale.status == FlashSale.PAUSED:
        return PAUSED
    if now < sale.starts_at:
        return SCHEDULED
    if remaining(sale, now) <= 0:
        return SOLD_OUT
    return LIVE


def is_visible(sale, now=None):
    """The landing page exists for shoppers from the teaser start (or the start) on."""
    now = now or timezone.now()
    return now >= (sale.teaser_starts_at or sale.starts_at)


# --- Products and prices --------------------------------------------------------------------------------


def covers(sale, product):
    """Whether ``product`` is on sale: listed itself, through its parent, or in the sale's range."""
    listed = {p.pk for p in sale.products.all()}
    if product.pk in listed or (product.parent_id and product.parent_id in listed):
        return True
    return bool(sale.range_id and sale.range.contains_product(product))


def live_sales_for(product, now=None):
    """Active sales in their window that cover ``product``, soonest-ending first."""
    now = now or timezone.now()
    ids = [product.pk] + ([product.parent_id] if product.parent_id else [])
    candidates = (
        FlashSale.objects.filter(status=FlashSale.ACTIVE, starts_at__lte=now, ends_at__gt=now)
        .filter(Q(products__in=ids) | Q(range__isnull=False))
        .select_related("range")
        .distinct()
        .order_by("ends_at", "pk")
    )
    return [sale for sale in candidates if covers(sale, product)]


def flash_price(sale, regular_price):
    """The flash unit price for a regular unit price, or None when the sale would not lower it or would
    make it zero or less (never sell for nothing because of a typo)."""
    if regular_price is None or regular_price <= 0:
        return None
    value = sale.discount_value
    if sale.discount_type == FlashSale.PERCENTAGE:
        price = regular_price * (Decimal(100) - value) / Decimal(100)
    elif sale.discount_type == FlashSale.AMOUNT:
        price = regular_price - value
    else:
        price = value
    price = price.quantize(CENT, rounding=ROUND_HALF_UP)
    if price <= 0 or price >= regular_price:
        return None
    return price


# --- Eligibility and unlock links -----------------------------------------------------------------------


def has_unlocked(sale, user):
    return bool(
        user and user.is_authenticated and UnlockRedemption.objects.filter(sale=sale, user=user).exists()
    )


def is_eligible(sale, user):
    """May ``user`` buy at the flash price? Always requires a signed-in customer (the per-customer cap
    needs one). A fan is a customer who connected one of the sale's networks or redeemed its unlock link."""
    if user is None or not user.is_authenticated:
        return False
    if sale.audience == FlashSale.EVERYONE:
        return True
    if has_unlocked(sale, user):
        return True
    if sale.audience == FlashSale.UNLOCK_LINK:
        return False
    networks = fans.fan_networks(user)
    if sale.audience == FlashSale.ANY_NETWORK:
        return bool(networks)
    return bool(networks & set(sale.networks or []))


def unlock_token(sale, user=None):
    """A signed token opening ``sale`` (to anyone signed in, or only to ``user`` for a personal link)."""
    payload = {"s": sale.pk}
    if user is not None:
        payload["u"] = user.pk
    return signing.dumps(payload, salt=UNLOCK_SALT, compress=True)


class UnlockError(Exception):
    pass


def redeem_unlock(sale, token, user, now=None):
    """Check ``token`` for ``sale`` and record that ``user`` unlocked it. Raises UnlockError with a message
    meant for the customer."""
    now = now or timezone.now()
    try:
        payload = signing.loads(token, salt=UNLOCK_SALT)
    except signing.BadSignature as exc:
        raise UnlockError(_("This unlock link is not valid.")) from exc
    if not isinstance(payload, dict) or payload.get("s") != sale.pk:
        raise UnlockError(_("This unlock link is for another sale."))
    if "u" in payload and payload["u"] != user.pk:
        raise UnlockError(_("This unlock link was sent to another customer."))
    if now >= sale.ends_at or sale.status == FlashSale.ENDED:
        raise UnlockError(_("This sale is over: its unlock link has expired."))
    UnlockRedemption.objects.get_or_create(sale=sale, user=user)


# --- Holds ----------------------------------------------------------------------------------------------


def hold_ttl():
    return timedelta(minutes=settings.FLASH_SALE_HOLD_MINUTES)


def release_expired(sale, now=None, limit=200):
    """Release the sale's expired holds (oldest first). Returns the number of units released.

    Each hold leaves the HELD state through a conditional UPDATE that re-checks ``expires_at``, so a hold
    extended meanwhile, or released by a concurrent buyer, is left alone."""
    now = now or timezone.now()
    expired = list(
        sale.holds.filter(state=FlashSaleHold.HELD, expires_at__lte=now)
        .order_by("pk")
        .values_list("pk", "quantity", "user_id")[:limit]
    )
    released = 0
    for pk, quantity, user_id in expired:
        done = FlashSaleHold.objects.filter(pk=pk, state=FlashSaleHold.HELD, expires_at__lte=now).update(
            state=FlashSaleHold.RELEASED, release_reason="expired", updated_at=now
        )
        if done:
            _unclaim(sale.pk, user_id, quantity)
            released += quantity
    if released:
        FlashSale.objects.filter(pk=sale.pk, units_held__gte=released).update(
            units_held=F("units_held") - released
        )
    return released


def _unclaim(sale_id, user_id, quantity):
    if user_id:
        FlashSaleClaim.objects.filter(sale_id=sale_id, user_id=user_id, quantity__gte=quantity).update(
            quantity=F("quantity") - quantity
        )


def _claim(sale, user, quantity, now, *, into_sold=False):
    """The two gates, customer then sale; the sale's UPDATE is the last statement. Raises HoldRefused."""
    claim, _ = FlashSaleClaim.objects.get_or_create(sale=sale, user=user)
    if not FlashSaleClaim.objects.filter(pk=claim.pk, quantity__lte=sale.per_customer_cap - quantity).update(
        quantity=F("quantity") + quantity
    ):
        raise HoldRefused("customer_cap")
    counter = "units_sold" if into_sold else "units_held"
    claimed = FlashSale.objects.filter(
        pk=sale.pk,
        status=FlashSale.ACTIVE,
        starts_at__lte=now,
        ends_at__gt=now,
        unit_cap__gte=F("units_held") + F("units_sold") + quantity,
    ).update(**{counter: F(counter) + quantity})
    if not claimed:
        raise HoldRefused("sold_out")


def _gated(sale, now, work):
    """Run ``work()`` (which ends with the conditional UPDATE) in one transaction after releasing expired
    holds. A refusal rolls back the claim but keeps the releases (through a savepoint, only when there
    were releases to keep)."""
    refusal = None
    with transaction.atomic():
        released = release_expired(sale, now)
        try:
            with transaction.atomic() if released else contextlib.nullcontext():
                result = work()
        except HoldRefused as exc:
            if not released:
                raise
            refusal = exc
    if refusal:
        raise refusal
    return result


def take_hold(sale, *, user, basket_id, line_id, product, quantity, unit_price, now=None):
    """Hold ``quantity`` more units of ``sale`` for a basket line: a new hold row. Raises HoldRefused.

    On PostgreSQL the claim is one statement (:mod:`.flashsale_sql`); expired holds, which still weigh on
    the counters until released, are released only when that statement refuses, in their own transaction,
    and the claim is tried once more: a refusal never stands because of an expired hold. Elsewhere the
    claim runs through the ORM, after releasing expired holds in the same transaction."""
    now = now or timezone.now()
    if connection.vendor == "postgresql":
        args = dict(
            user=user, basket_id=basket_id, line_id=line_id, product=product, quantity=quantity,
            unit_price=unit_price, now=now, expires_at=now + hold_ttl(),
        )  # fmt: skip
        try:
            return flashsale_sql.take_hold(sale, **args)
        except HoldRefused as refusal:
            expired = refusal.expired_holds
            if expired is None:
                expired = sale.holds.filter(state=FlashSaleHold.HELD, expires_at__lte=now).exists()
            if not expired:
                raise
        with transaction.atomic():
            release_expired(sale, now)
        return flashsale_sql.take_hold(sale, **args)

    def work():
        hold = FlashSaleHold.objects.create(
            sale=sale,
            basket_id=basket_id,
            line_id=line_id,
            product=product,
            user=user,
            quantity=quantity,
            unit_price=unit_price,
            expires_at=now + hold_ttl(),
        )
        _claim(sale, user, quantity, now)  # last: a refusal rolls the INSERT back
        return hold

    return _gated(sale, now, work)


def grow_hold(hold, quantity, now=None):
    """Add ``quantity`` units to a live hold (the line's quantity went up). Raises HoldRefused."""
    now = now or timezone.now()

    def work():
        grown = FlashSaleHold.objects.filter(pk=hold.pk, state=FlashSaleHold.HELD, expires_at__gt=now).update(
            quantity=F("quantity") + quantity, expires_at=now + hold_ttl(), updated_at=now
        )
        if not grown:
            raise HoldRefused("not_live")
        _claim(hold.sale, hold.user, quantity, now)  # last
        hold.quantity += quantity
        hold.expires_at = now + hold_ttl()
        return hold

    return _gated(hold.sale, now, work)


def shrink_hold(hold, quantity, now=None):
    """Give back ``quantity`` units of a hold (the line's quantity went down); all of them releases it."""
    now = now or timezone.now()
    with transaction.atomic():
        if quantity >= hold.quantity:
            return release_hold(hold, "removed", now)
        done = FlashSaleHold.objects.filter(
            pk=hold.pk, state=FlashSaleHold.HELD, quantity=hold.quantity
        ).update(quantity=F("quantity") - quantity, updated_at=now)
        if done:
            _unclaim(hold.sale_id, hold.user_id, quantity)
            FlashSale.objects.filter(pk=hold.sale_id, units_held__gte=quantity).update(
                units_held=F("units_held") - quantity
            )
            hold.quantity -= quantity
        return bool(done)


def release_hold(hold, reason, now=None):
    """Put a hold's units back on sale. Returns False if it was no longer HELD (someone else got there)."""
    now = now or timezone.now()
    with transaction.atomic():
        done = FlashSaleHold.objects.filter(pk=hold.pk, state=FlashSaleHold.HELD).update(
            state=FlashSaleHold.RELEASED, release_reason=reason, updated_at=now
        )
        if done:
            _unclaim(hold.sale_id, hold.user_id, hold.quantity)
            FlashSale.objects.filter(pk=hold.sale_id, units_held__gte=hold.quantity).update(
                units_held=F("units_held") - hold.quantity
            )
            hold.state = FlashSaleHold.RELEASED
        return bool(done)


def extend_holds(basket_id, minutes, now=None):
    """Push back the expiry of the basket's HELD holds (checkout in progress). A hold already past its
    expiry but not released still has its units counted, so extending it is safe; one released meanwhile
    is untouched (the UPDATE re-checks the state). Returns the number of holds extended."""
    now = now or timezone.now()
    return FlashSaleHold.objects.filter(basket_id=basket_id, state=FlashSaleHold.HELD).update(
        expires_at=now + timedelta(minutes=minutes), updated_at=now
    )


def live_holds_for_basket(basket_id, now=None):
    now = now or timezone.now()
    return FlashSaleHold.objects.filter(basket_id=basket_id, state=FlashSaleHold.HELD, expires_at__gt=now)


@dataclass
class LineView:
    """What a basket line may show about its flash units."""

    sale: FlashSale
    hold: FlashSaleHold | None
    flash_price: Decimal | None


def _stock_allows(line, quantity):
    """Oscar's own stock: a tracked stock record must have the units (num_in_stock - num_allocated)."""
    stockrecord = line.stockrecord
    if stockrecord is None:
        return False
    if not line.product.get_product_class().track_stock:
        return True
    return (stockrecord.net_stock_level or 0) >= quantity


def sync_line(line, *, deleted=False, now=None):
    """Make the holds of one basket line match it: take, grow, shrink or release. Called whenever a line is
    saved or deleted, whatever the path (add to basket, quantity edit, merge at login, removal).

    Returns the line's live hold or None. Never raises for a refusal: the line stays at the regular price."""
    now = now or timezone.now()
    holds = list(
        FlashSaleHold.objects.filter(line_id=line.pk, state=FlashSaleHold.HELD).select_related("sale")
    )
    basket = None if deleted else line.basket
    user = getattr(basket, "owner", None) if basket is not None else None
    open_basket = basket is not None and basket.status == "Open"  # a saved-for-later line holds nothing
    sale = None
    if open_basket and user is not None and line.quantity > 0:
        sale = next((s for s in live_sales_for(line.product, now) if is_eligible(s, user)), None)
    keep = None
    for hold in holds:
        if (
            keep is None
            and sale is not None
            and hold.sale_id == sale.pk
            and hold.basket_id == basket.pk
            and hold.user_id == user.pk
            and hold.expires_at > now
        ):
            keep = hold
        else:
            release_hold(hold, "removed" if deleted or sale is None else "moved", now)
    if sale is None:
        return None
    if keep is not None:
        keep.sale = sale
    wanted = min(line.quantity, sale.per_customer_cap)
    current = keep.quantity if keep else 0
    if wanted < current:
        shrink_hold(keep, current - wanted, now)
        return keep if keep.state == FlashSaleHold.HELD else None
    if wanted == current:
        return keep
    price = flash_price(sale, _regular_price(line))
    if price is None or not _stock_allows(line, wanted):
        return keep
    for attempt in _attempts(sale, user, wanted - current, now):
        try:
            if keep is not None:
                return grow_hold(keep, attempt, now)
            return take_hold(
                sale,
                user=user,
                basket_id=basket.pk,
                line_id=line.pk,
                product=line.product,
                quantity=attempt,
                unit_price=price,
                now=now,
            )
        except HoldRefused:
            continue
    return keep


def _attempts(sale, user, quantity, now):
    """Try the whole quantity, then once what looks available (the gate still decides)."""
    yield quantity
    claimed = (
        FlashSaleClaim.objects.filter(sale=sale, user=user).values_list("quantity", flat=True).first() or 0
    )
    sale.refresh_from_db(fields=["units_sold", "units_held", "unit_cap"])
    available = min(sale.per_customer_cap - claimed, remaining(sale, now))
    if 0 < available < quantity:
        yield available


def _regular_price(line):
    """The line's unit price through the basket's strategy (Oscar's, or the shop's)."""
    basket = line.basket
    if basket.has_strategy:
        strategy = basket.strategy
    else:  # baskets being merged at login have none yet
        strategy = get_class("partner.strategy", "Selector")().strategy(user=basket.owner)
    info = strategy.fetch_for_line(line, line.stockrecord)
    return info.price.effective_price if info.price.exists else None


# --- Order placement ------------------------------------------------------------------------------------


class PlacementRefused(Exception):
    """The order cannot be placed at the prices shown; the message is for the customer."""


def consume_for_order(basket, order_number, discounted, now=None):
    """Turn the holds behind the order's flash-priced units into sold units, atomically.

    ``discounted`` maps basket line id -> units the order priced at a flash price. A hold that is still
    HELD moves from held to sold (it cannot oversell: the units were already counted). One that was
    released meanwhile (it expired and a buyer released it) is claimed again straight into ``units_sold``
    through the same gates; when that fails the whole order is refused. Must run inside the transaction that
    writes the order, so a refusal rolls the order back."""
    now = now or timezone.now()
    holds = {
        hold.line_id: hold
        for hold in FlashSaleHold.objects.filter(basket_id=basket.pk, line_id__in=list(discounted))
        .exclude(state=FlashSaleHold.CONSUMED)
        .select_related("sale")
        .order_by("pk")
    }
    for line_id, quantity in sorted(discounted.items()):
        hold = holds.get(line_id)
        if hold is None:
            raise PlacementRefused(_("A flash sale price in your basket is no longer available."))
        if quantity < hold.quantity and hold.state == FlashSaleHold.HELD:
            shrink_hold(hold, hold.quantity - quantity, now)
        moved = FlashSaleHold.objects.filter(pk=hold.pk, state=FlashSaleHold.HELD).update(
            state=FlashSaleHold.CONSUMED, order_number=order_number, quantity=quantity, updated_at=now
        )
        if moved:
            FlashSale.objects.filter(pk=hold.sale_id, units_held__gte=quantity).update(
                units_held=F("units_held") - quantity, units_sold=F("units_sold") + quantity
            )
            continue
        try:
            _claim(hold.sale, hold.user, quantity, now, into_sold=True)
        except HoldRefused as exc:
            raise PlacementRefused(
                _("The flash sale units held for you expired and “%(sale)s” is now sold out.")
                % {"sale": hold.sale.name}
            ) from exc
        FlashSaleHold.objects.filter(pk=hold.pk).update(
            state=FlashSaleHold.CONSUMED, order_number=order_number, quantity=quantity, updated_at=now
        )


# --- Figures --------------------------------------------------------------------------------------------


def figures(sale, now=None):
    """Live figures for merchandisers."""
    now = now or timezone.now()
    held = live_held(sale, now)
    consumed = sale.holds.filter(state=FlashSaleHold.CONSUMED)
    revenue = sum(
        (h.quantity * h.unit_price for h in consumed.only("quantity", "unit_price")), Decimal("0.00")
    )
    return {
        "state": state(sale, now),
        "held": held,
        "sold": sale.units_sold,
        "remaining": max(0, sale.unit_cap - sale.units_sold - held),
        "cap": sale.unit_cap,
        "unlocked": sale.unlocks.count(),
        "revenue": revenue,
    }
