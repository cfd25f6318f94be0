"""Hold throughput on one hot flash sale, next to a raw conditional UPDATE loop and Oscar's own offer cap.

    export DATABASE_URL=postgres://postgres@/socialshop_bench?host=/var/run/postgresql
    .venv/bin/python bench/flash_holds.py

Creates (and migrates) the database if needed. For 1, 8 and 64 concurrent clients (threads, one connection
each), ATTEMPTS purchase attempts of one unit on a sale of UNITS units:

- ``take_hold``: socialshop's path (release expired holds, per-customer claim UPDATE, hold INSERT, the
  sale's conditional UPDATE last, in one transaction);
- ``raw UPDATE``: the bare ``UPDATE … SET units_held = units_held + 1 WHERE … <= cap`` in autocommit;
- ``Oscar offer``: Oscar's pattern for ``max_global_applications``: read the offer, check
  ``get_max_applications() > 0``, then ``record_usage()`` (read, add, save) in the order's transaction.

Prints tx/s and units sold beyond the cap for each.
"""

import os
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox.settings")
os.environ.setdefault("DEBUG", "0")

UNITS = 1000
ATTEMPTS = 4000
CLIENTS = (1, 8, 64)


def ensure_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/flash_holds.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    admin = psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    )
    if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()


def setup():
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def run_clients(clients, work):
    """Share ATTEMPTS between ``clients`` threads running ``work(client_index)`` once per attempt."""
    from django.db import connections

    counter = {"left": ATTEMPTS}
    lock = threading.Lock()
    start_barrier = threading.Barrier(clients + 1)

    def loop(index):
        start_barrier.wait()
        while True:
            with lock:
                if counter["left"] <= 0:
                    break
                counter["left"] -= 1
            work(index)
        connections.close_all()

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    start_barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return ATTEMPTS / (time.perf_counter() - began)


def main():
    ensure_database()
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Sum
    from django.utils import timezone
    from oscar.core.loading import get_model

    from socialshop.models import FlashSale, FlashSaleClaim, FlashSaleHold
    from socialshop.services import flashsales

    Product = get_model("catalogue", "Product")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    Range = get_model("offer", "Range")

    product, _ = Product.objects.get_or_create(upc="BENCH-FLASH", defaults={"title": "Bench product"})
    users = [
        get_user_model().objects.get_or_create(username=f"bench{i}", defaults={"email": f"b{i}@example.fr"})[
            0
        ]
        for i in range(max(CLIENTS))
    ]
    now = timezone.now()
    sale, _ = FlashSale.objects.update_or_create(
        slug="bench-hot-sale",
        defaults={
            "name": "Bench",
            "discount_type": FlashSale.PERCENTAGE,
            "discount_value": Decimal("30"),
            "starts_at": now - timezone.timedelta(hours=1),
            "ends_at": now + timezone.timedelta(days=1),
            "unit_cap": UNITS,
            "per_customer_cap": ATTEMPTS,
            "audience": FlashSale.EVERYONE,
        },
    )
    everything, _ = Range.objects.get_or_create(name="Bench range", defaults={"includes_all_products": True})
    offer, _ = ConditionalOffer.objects.get_or_create(
        name="Bench Oscar offer",
        defaults={
            "condition": Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
            "benefit": Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=30),
        },
    )

    def reset():
        FlashSaleHold.objects.filter(sale=sale).delete()
        FlashSaleClaim.objects.filter(sale=sale).delete()
        FlashSale.objects.filter(pk=sale.pk).update(units_held=0, units_sold=0, unit_cap=UNITS)
        ConditionalOffer.objects.filter(pk=offer.pk).update(
            num_applications=0, num_orders=0, total_discount=0, max_global_applications=UNITS, status="Open"
        )

    def hold_work(index):
        try:
            flashsales.take_hold(
                sale,
                user=users[index],
                basket_id=index + 1,
                line_id=index + 1,
                product=product,
                quantity=1,
                unit_price=Decimal("70.00"),
            )
        except flashsales.HoldRefused:
            pass

    def raw_work(index):
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE socialshop_flashsale SET units_held = units_held + 1 "
                "WHERE id = %s AND units_held + units_sold + 1 <= unit_cap",
                [sale.pk],
            )

    oscar_orders = []

    def oscar_work(index):
        with transaction.atomic():
            current = ConditionalOffer.objects.get(pk=offer.pk)
            if current.get_max_applications() > 0:  # what Applicator checks before discounting
                current.record_usage({"freq": 1, "discount": Decimal("30.00")})  # what OrderCreator does
                oscar_orders.append(1)

    print(f"PostgreSQL {connection.pg_version}, {UNITS} units, {ATTEMPTS} attempts of 1 unit")
    print(f"{'clients':>7} | {'take_hold tx/s':>14} | {'raw UPDATE tx/s':>15} | {'ratio':>5} | "
          f"{'held+sold':>9} | {'Oscar tx/s':>10} | {'Oscar oversold':>14}")  # fmt: skip
    for clients in CLIENTS:
        reset()
        raw_rate = run_clients(clients, raw_work)
        reset()
        hold_rate = run_clients(clients, hold_work)
        sale.refresh_from_db()
        taken = sale.units_held + sale.units_sold
        live = FlashSaleHold.objects.filter(sale=sale, state="held").aggregate(n=Sum("quantity"))["n"] or 0
        assert live == sale.units_held, (live, sale.units_held)
        reset()
        oscar_orders.clear()
        oscar_rate = run_clients(clients, oscar_work)
        oversold = max(0, len(oscar_orders) - UNITS)
        print(
            f"{clients:>7} | {hold_rate:>14,.0f} | {raw_rate:>15,.0f} | {hold_rate / raw_rate:>5.2f} | "
            f"{taken:>9} | {oscar_rate:>10,.0f} | {oversold:>14}"
        )
        if taken > UNITS:
            sys.exit(f"OVERSOLD: {taken} > {UNITS}")
    reset()


if __name__ == "__main__":
    main()
