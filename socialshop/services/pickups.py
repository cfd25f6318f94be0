"""Click-and-collect orders: reserving store stock at order placement and the staff workflow after it.

Every change of stock goes through one conditional UPDATE whose WHERE clause is the rule itself
(``reserved + q <= in stock − buffer`` to reserve, ``reserved >= q`` to release), on rows taken in primary-key
order so that concurrent orders cannot deadlock; the row count decides, never a value read earlier. Status
changes are conditional too (``WHERE status = <expected>``), so two staff members clicking at once cannot
release a reservation twice.
"""

import datetime
import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import settings
from ..models import OrderPickup, OrderPickupLine, StoreStock

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the counter
CODE_LENGTH = 8


class PickupUnavailable(Exception):
    """The shop cannot hold the order any more; the message names the product, for the shopper."""


class WrongStatus(Exception):
    """The pickup is no longer in the status the action expects (someone else acted first)."""


def basket_quantities(basket):
    """{product id: units} of every line of ``basket``."""
    quantities = {}
    for line in basket.all_lines():
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
    return quantities


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def reserve(store, quantities, titles=None):
    """Reserve ``quantities`` ({product id: units}) in ``store``, all or nothing: call it inside a transaction
    and let PickupUnavailable roll the transaction back. Returns [(StoreStock id, units)]."""
    rows = list(
        StoreStock.objects.filter(store=store, product_id__in=list(quantities))
        .order_by("pk")
        .values_list("pk", "product_id")
    )
    titles = titles or {}
    missing = set(quantities) - {product_id for _pk, product_id in rows}
    if missing:
        raise PickupUnavailable(_unavailable(store, titles.get(min(missing))))
    reserved = []
    for pk, product_id in rows:
        units = quantities[product_id]
        room = F("num_reserved") + units + settings.STORE_SAFETY_BUFFER
        if not StoreStock.objects.filter(pk=pk, num_in_stock__gte=room).update(
            num_reserved=F("num_reserved") + units, updated_at=timezone.now()
        ):
            raise PickupUnavailable(_unavailable(store, titles.get(product_id)))
        reserved.append((pk, units))
    return reserved


def _unavailable(store, title):
    if title:
        return _("“%(product)s” is no longer available at %(store)s: choose another shop or delivery.") % {
            "product": title,
            "store": store.name,
        }
    return _("Your order is no longer available at %(store)s: choose another shop or delivery.") % {
        "store": store.name
    }


@transaction.atomic
def reserve_for_order(order, store):
    """Reserve the order's lines in ``store`` and record the pickup. Raises PickupUnavailable (and writes
    nothing) when any line cannot be held. Call it last in the transaction that places the order."""
    quantities, titles = {}, {}
    for line in order.lines.all():
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
        titles[line.product_id] = line.title
    reserved = reserve(store, quantities, titles)
    pickup = OrderPickup.objects.create(order=order, store=store, code=_unused_code())
    OrderPickupLine.objects.bulk_create(
        OrderPickupLine(pickup=pickup, stock_id=pk, quantity=units) for pk, units in reserved
    )
    return pickup


def _unused_code():
    while True:  # 32^8 codes: a collision is rare, and the unique constraint is the final word
        code = new_code()
        if not OrderPickup.objects.filter(code=code).exists():
            return code


def _move(pickup, expected, new_status, **fields):
    """Conditional status change; returns the refreshed pickup or raises WrongStatus."""
    if isinstance(expected, str):
        expected = [expected]
    changed = OrderPickup.objects.filter(pk=pickup.pk, status__in=expected).update(
        status=new_status, **fields
    )
    if not changed:
        raise WrongStatus(pickup.pk)
    pickup.refresh_from_db()
    return pickup


@transaction.atomic
def mark_ready(pickup, now=None):
    """Prepared: the customer may come until the deadline; the email with the pickup code is queued."""
    now = now or timezone.now()
    deadline = now + datetime.timedelta(days=settings.STORE_PICKUP_DAYS)
    pickup = _move(pickup, OrderPickup.TO_PREPARE, OrderPickup.READY, ready_at=now, deadline=deadline)
    from ..store_tasks import send_pickup_ready_email

    transaction.on_commit(lambda: send_pickup_ready_email.enqueue(pickup_id=pickup.pk))
    return pickup


@transaction.atomic
def mark_collected(pickup, now=None):
    """Handed over: the units leave the shop, so in stock and reserved both go down."""
    pickup = _move(pickup, OrderPickup.READY, OrderPickup.COLLECTED, closed_at=now or timezone.now())
    for line in pickup.lines.order_by("stock_id"):
        StoreStock.objects.filter(
            pk=line.stock_id, num_reserved__gte=line.quantity, num_in_stock__gte=line.quantity
        ).update(
            num_in_stock=F("num_in_stock") - line.quantity,
            num_reserved=F("num_reserved") - line.quantity,
            updated_at=timezone.now(),
        )
    return pickup


@transaction.atomic
def mark_not_collected(pickup, now=None):
    """Not collected by the deadline (or cancelled before): the reserved units are for sale again."""
    pickup = _move(
        pickup,
        [OrderPickup.TO_PREPARE, OrderPickup.READY],
        OrderPickup.NOT_COLLECTED,
        closed_at=now or timezone.now(),
    )
    release(pickup)
    return pickup


def release(pickup):
    for line in pickup.lines.order_by("stock_id"):
        StoreStock.objects.filter(pk=line.stock_id, num_reserved__gte=line.quantity).update(
            num_reserved=F("num_reserved") - line.quantity, updated_at=timezone.now()
        )


def release_expired(now=None):
    """Close every ready pickup whose deadline has passed; returns how many. Safe to run concurrently."""
    now = now or timezone.now()
    released = 0
    for pickup in OrderPickup.objects.filter(status=OrderPickup.READY, deadline__lt=now).order_by("pk"):
        try:
            mark_not_collected(pickup, now)
        except WrongStatus:
            continue
        released += 1
    return released
