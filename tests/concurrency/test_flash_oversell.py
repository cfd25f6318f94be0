"""No oversell under real concurrency: 64 buyers in 2 processes (32 threads each) hammer one sale with a
cap of 50. Runs on SQLite and, with DATABASE_URL=postgres://…, on PostgreSQL."""

import multiprocessing
import random
import threading
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import OperationalError, connections
from django.db.models import Sum

from socialshop.models import FlashSale, FlashSaleClaim, FlashSaleHold
from socialshop.services import flashsales
from tests.flashsale_factories import create_customer, create_sale, product_on_sale

PROCESSES = 2
THREADS = 32
ATTEMPTS = 6
CAP = 50
PER_CUSTOMER = 2


def buyer(sale_id, user_id, product_id, seed, results):
    rng = random.Random(seed)
    sale = FlashSale.objects.get(pk=sale_id)
    from django.contrib.auth import get_user_model
    from oscar.core.loading import get_model

    user = get_user_model().objects.get(pk=user_id)
    product = get_model("catalogue", "Product").objects.get(pk=product_id)
    taken = refused = errors = 0
    for attempt in range(ATTEMPTS):
        line_id = user_id * 100 + attempt
        try:
            hold = flashsales.take_hold(
                sale,
                user=user,
                basket_id=user_id,
                line_id=line_id,
                product=product,
                quantity=rng.choice((1, 1, 2)),
                unit_price=Decimal("70.00"),
            )
        except flashsales.HoldRefused:
            refused += 1
            continue
        except OperationalError:  # SQLite's lock timeout under extreme contention: a refusal, not a bug
            errors += 1
            continue
        taken += 1
        roll = rng.random()
        try:
            if roll < 0.4:
                flashsales.release_hold(hold, "removed")
            elif roll < 0.8:
                from django.db import transaction

                with transaction.atomic():
                    flashsales.consume_for_order(
                        SimpleNamespace(pk=user_id), f"O{line_id}", {line_id: hold.quantity}
                    )
        except (flashsales.PlacementRefused, OperationalError):
            errors += 1
    connections.close_all()
    results.append((taken, refused, errors))


def process_main(sale_id, jobs, product_id, queue):
    connections.close_all()  # never share the parent's connection
    results = []
    threads = [
        threading.Thread(target=buyer, args=(sale_id, user_id, product_id, seed, results))
        for user_id, seed in jobs
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(results)


@pytest.mark.django_db(transaction=True)
def test_sixty_four_buyers_in_two_processes_never_oversell():
    product = product_on_sale(stock=1000)
    sale = create_sale([product], unit_cap=CAP, per_customer_cap=PER_CUSTOMER)
    users = [create_customer(f"buyer{i}").pk for i in range(PROCESSES * THREADS)]
    connections.close_all()

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [
        context.Process(
            target=process_main,
            args=(sale.pk, [(u, u * 7919) for u in users[i::PROCESSES]], product.pk, queue),
        )
        for i in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    outcomes = [queue.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    buyers = [result for outcome in outcomes for result in outcome]
    assert len(buyers) == PROCESSES * THREADS

    sale.refresh_from_db()
    assert 0 <= sale.units_held and 0 <= sale.units_sold
    assert sale.units_held + sale.units_sold <= CAP
    holds = FlashSaleHold.objects.filter(sale=sale)
    held = holds.filter(state=FlashSaleHold.HELD).aggregate(n=Sum("quantity"))["n"]
    sold = holds.filter(state=FlashSaleHold.CONSUMED).aggregate(n=Sum("quantity"))["n"]
    assert (held or 0) == sale.units_held
    assert (sold or 0) == sale.units_sold
    assert sum(taken for taken, _, _ in buyers) > 0
    assert sum(refused for _, refused, _ in buyers) > 0  # the cap was actually reached
    for claim in FlashSaleClaim.objects.filter(sale=sale):
        assert 0 <= claim.quantity <= PER_CUSTOMER
        mine = (
            FlashSaleHold.objects.filter(sale=sale, user_id=claim.user_id)
            .exclude(state=FlashSaleHold.RELEASED)
            .aggregate(n=Sum("quantity"))["n"]
        )
        assert (mine or 0) == claim.quantity
