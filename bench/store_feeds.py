"""Store and stock CSV imports at 100,000 rows (goal: under 10 s each), through the management commands.

.venv/bin/python bench/store_feeds.py                       # SQLite file in /tmp
DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/store_feeds.py
"""

import csv
import io
import os
import random
import tempfile
import time
from pathlib import Path

from _setup import setup

ROWS = 100_000
STORES_FOR_STOCK = 1_000
PRODUCTS = 100


def timed(label, *command):
    from django.core.management import call_command

    out = io.StringIO()
    start, cpu = time.perf_counter(), time.process_time()
    call_command(*command, stdout=out)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    # CPU time of this process (SQLite runs in it) tells the cost when other jobs share the machine.
    print(f"{label:<40} wall {elapsed:6.2f} s  cpu {cpu:6.2f} s   {out.getvalue().strip()}")
    return elapsed


def clean():
    from oscar.core.loading import get_model

    from socialshop.models import Store, StoreStock

    StoreStock.objects.filter(store__reference__startswith="BENCH").delete()
    Store.objects.filter(reference__startswith="BENCH").delete()
    get_model("catalogue", "Product").objects.filter(upc__startswith="BENCH").delete()


def products():
    from decimal import Decimal

    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    product_class, _ = ProductClass.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    partner, _ = Partner.objects.get_or_create(name="Bench partner")
    created = Product.objects.bulk_create(
        Product(upc=f"BENCH-{i:05d}", title=f"Bench {i}", slug=f"bench-{i}", product_class=product_class)
        for i in range(PRODUCTS)
    )
    StockRecord.objects.bulk_create(
        StockRecord(
            product=p, partner=partner, partner_sku=f"BENCH-SKU-{i:05d}", price=Decimal("10"), num_in_stock=5
        )
        for i, p in enumerate(created)
    )


def write_stores(path, rows, shift=0.0):
    from socialshop.services.store_feeds import STORE_COLUMNS

    rng = random.Random(7)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(STORE_COLUMNS)
        for i in range(rows):
            lat, lng = rng.uniform(42.5, 50.5), rng.uniform(-4.5, 7.5)
            writer.writerow(
                [
                    f"BENCH-{i:06d}",
                    f"Bench store {i}",
                    f"{i} rue du Test",
                    f"{rng.randint(10000, 95999)}",
                    "Ville",
                    "FR",
                    f"{lat + shift:.6f}",
                    f"{lng:.6f}",
                    "",
                    "1",
                ]
            )


def write_stock(path, bump=0):
    from socialshop.services.store_feeds import STOCK_COLUMNS

    rng = random.Random(11)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(STOCK_COLUMNS)
        for s in range(STORES_FOR_STOCK):
            for p in range(PRODUCTS):
                writer.writerow([f"BENCH-{s:06d}", f"BENCH-SKU-{p:05d}", rng.randint(0, 20) + bump])


def main():
    vendor = setup("/tmp/stores-bench.sqlite3")
    print(f"database: {vendor}; {ROWS:,} rows per file; load average {os.getloadavg()[0]:.1f}")
    clean()
    products()
    folder = Path(tempfile.mkdtemp(prefix="socialshop-bench-"))
    stores, moved = folder / "stores.csv", folder / "stores-moved.csv"
    stock, bumped = folder / "stock.csv", folder / "stock-bumped.csv"
    write_stores(stores, ROWS)
    write_stores(moved, ROWS, shift=0.001)
    write_stock(stock)
    write_stock(bumped, bump=1)
    figures = [
        timed("stores: 100,000 new", "socialshop_import_stores", str(stores)),
        timed("stores: same file again (no change)", "socialshop_import_stores", str(stores)),
        timed("stores: 100,000 moved", "socialshop_import_stores", str(moved)),
        timed("stock: 100,000 new rows", "socialshop_import_store_stock", str(stock)),
        timed("stock: same file again (no change)", "socialshop_import_store_stock", str(stock)),
        timed("stock: 100,000 changed counts", "socialshop_import_store_stock", str(bumped)),
        timed("stock: --dry-run", "socialshop_import_store_stock", str(stock), "--dry-run"),
    ]
    print(f"slowest: {max(figures):.2f} s (goal: under 10 s)")
    clean()


if __name__ == "__main__":
    main()
