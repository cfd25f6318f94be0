"""The PostgreSQL fast path of :func:`socialshop.services.flashsales.take_hold`: the whole claim in ONE
statement. A plain read comes first, so that a sold-out sale refuses at the cost of an index lookup
(most attempts on a hot sale come after it sold out); it decides nothing, the statement re-checks all.

Data-modifying CTEs, chained through their RETURNING rows:

0. ``room``: the same read inside the statement: when its snapshot shows no room, nothing is written;
1. ``claim``: the customer's unique claim row, inserted or grown only while it stays within the
   per-customer cap (``ON CONFLICT … DO UPDATE … WHERE``);
2. ``gate``: the sale's conditional UPDATE (``units_held + units_sold + q <= unit_cap``, in its window),
   applied only if the claim passed;
3. ``hold``: the hold row, inserted only if the gate passed.

If the claim passed but the gate did not (sold out), the statement divides by the gate's row count (zero)
so PostgreSQL aborts it and nothing of it remains: an error is the only way for one statement to undo its
own earlier effects. The division is over an aggregate of a CTE, so it is evaluated at run time, never
folded by the planner. The claim row is locked before the sale row, the order every other path uses.

On a refusal, the read (or the statement's last column) tells whether the sale has expired holds still
weighing on the counters, so the caller releases them and tries again without another query.
"""

from django.db import DataError, connection, transaction

from ..models import FlashSale, FlashSaleClaim, FlashSaleHold

SOLD_OUT_SIGNAL = "division by zero"


def _statement():
    sale, claim, hold = (m._meta.db_table for m in (FlashSale, FlashSaleClaim, FlashSaleHold))
    return f"""
    WITH room AS (
        SELECT 1 FROM {sale}
        WHERE id = %(sale)s AND status = %(active)s AND starts_at <= %(now)s AND ends_at > %(now)s
          AND units_held + units_sold + %(quantity)s <= unit_cap
    ), claim AS (
        INSERT INTO {claim} AS c (sale_id, user_id, quantity)
        SELECT %(sale)s, %(user)s, %(quantity)s FROM room WHERE %(quantity)s <= %(per_customer_cap)s
        ON CONFLICT (sale_id, user_id) DO UPDATE SET quantity = c.quantity + EXCLUDED.quantity
        WHERE c.quantity + EXCLUDED.quantity <= %(per_customer_cap)s
        RETURNING 1
    ), gate AS (
        UPDATE {sale} SET units_held = units_held + %(quantity)s
        WHERE id = %(sale)s AND status = %(active)s AND starts_at <= %(now)s AND ends_at > %(now)s
          AND units_held + units_sold + %(quantity)s <= unit_cap
          AND EXISTS (SELECT 1 FROM claim)
        RETURNING 1
    ), new_hold AS (
        INSERT INTO {hold} (sale_id, basket_id, line_id, product_id, user_id,
            quantity, unit_price, state, release_reason, order_number, expires_at, created_at, updated_at)
        SELECT %(sale)s, %(basket)s, %(line)s, %(product)s, %(user)s,
            %(quantity)s, %(price)s, %(held)s, '', '', %(expires)s, %(now)s, %(now)s
        FROM gate
        RETURNING id
    )
    SELECT EXISTS (SELECT 1 FROM room),
           EXISTS (SELECT 1 FROM claim),
           (SELECT id FROM new_hold),
           CASE WHEN EXISTS (SELECT 1 FROM claim) THEN (SELECT 1 / count(*) FROM gate) END,
           NOT EXISTS (SELECT 1 FROM claim) AND EXISTS (
               SELECT 1 FROM {hold} WHERE sale_id = %(sale)s AND state = %(held)s AND expires_at <= %(now)s
           )
    """


_PRECHECK = f"""
    SELECT status = %(active)s AND starts_at <= %(now)s AND ends_at > %(now)s
               AND units_held + units_sold + %(quantity)s <= unit_cap,
           EXISTS (SELECT 1 FROM {FlashSaleHold._meta.db_table}
                   WHERE sale_id = %(sale)s AND state = %(held)s AND expires_at <= %(now)s)
    FROM {FlashSale._meta.db_table} WHERE id = %(sale)s
"""
_STATEMENT = _statement()


def take_hold(sale, *, user, basket_id, line_id, product, quantity, unit_price, now, expires_at):
    """Returns the new FlashSaleHold; raises flashsales.HoldRefused("customer_cap" | "sold_out")."""
    from .flashsales import HoldRefused

    params = {
        "sale": sale.pk,
        "user": user.pk,
        "quantity": quantity,
        "per_customer_cap": sale.per_customer_cap,
        "active": FlashSale.ACTIVE,
        "now": now,
        "basket": basket_id,
        "line": line_id,
        "product": product.pk,
        "price": unit_price,
        "held": FlashSaleHold.HELD,
        "expires": expires_at,
    }
    with connection.cursor() as cursor:
        # A plain read first: a sold-out (or closed) sale refuses at the cost of one index lookup, without
        # planning the writing statement. The statement below re-checks everything under its locks.
        cursor.execute(_PRECHECK, params)
        row = cursor.fetchone()
    if row is None or not row[0]:
        raise HoldRefused("sold_out", expired_holds=bool(row and row[1]))
    try:
        # Inside a transaction the statement needs a savepoint (its error would abort the transaction);
        # in autocommit it is its own transaction: one round trip.
        with transaction.atomic() if connection.in_atomic_block else _noop():
            with connection.cursor() as cursor:
                cursor.execute(_STATEMENT, params)
                room, claimed, hold_id, _, expired_holds = cursor.fetchone()
    except DataError as exc:
        if SOLD_OUT_SIGNAL in str(exc):  # room at read time, but the gate lost the race
            raise HoldRefused("sold_out", expired_holds=None) from exc
        raise
    if not room:
        raise HoldRefused("sold_out", expired_holds=expired_holds)
    if not claimed:
        raise HoldRefused("customer_cap", expired_holds=expired_holds)
    if hold_id is None:  # the claim passed and the gate did not: the statement raised above; never here
        raise HoldRefused("sold_out")
    return FlashSaleHold(
        pk=hold_id,
        sale=sale,
        basket_id=basket_id,
        line_id=line_id,
        product=product,
        user=user,
        quantity=quantity,
        unit_price=unit_price,
        state=FlashSaleHold.HELD,
        expires_at=expires_at,
        created_at=now,
        updated_at=now,
    )


class _noop:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
