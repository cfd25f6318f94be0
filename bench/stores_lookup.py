"""Nearest-5 shops holding a product, at service level (socialshop.services.stores.nearest_stores).

50,000 stores × 30 products (1.5 M stock rows), shops spread over France, about 60 % of stock rows with units
available; 1,000 lookups from random points in France, 25 km radius, limit 5. Prints p50/p90 per lookup,
how p50 grows from 5,000 to 50,000 stores (goal: at most 2×, p50 ≤ 1 ms) and checks every answer of a sample
against a brute-force haversine ranking over all stores.

    .venv/bin/python bench/stores_lookup.py                        # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/stores_bench .venv/bin/python bench/stores_lookup.py
"""

import math
import os
import random
import statistics
import time

from _setup import setup

setup("/tmp/stores-bench.sqlite3")

from django.db import transaction  # noqa: E402  (after Django is set up)

SIZES = [5_000, 50_000]
PRODUCTS = 30
LOOKUPS = 1_000
CHECKED = 200
RADIUS_KM, LIMIT = 25, 5
FRANCE = ((42.5, 50.5), (-4.5, 7.5))


def clean():
    from oscar.core.loading import get_model

    clean_stores()
    get_model("catalogue", "Product").objects.filter(upc__startswith="BENCHLOOKUP").delete()


def clean_stores():
    """Raw DELETEs: the ORM's cascade collector would load 1.5 M stock rows first."""
    from django.db import connection, transaction

    from socialshop.models import Store, StoreStock

    store, stock = Store._meta.db_table, StoreStock._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {stock} WHERE store_id IN (SELECT id FROM {store} WHERE reference LIKE 'BENCH-%%')"
        )
        cursor.execute(f"DELETE FROM {store} WHERE reference LIKE 'BENCH-%%'")


def products():
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    product_class, _ = ProductClass.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    return [
        p.pk
        for p in Product.objects.bulk_create(
            Product(
                upc=f"BENCHLOOKUP-{i}",
                title=f"Bench {i}",
                slug=f"bench-lookup-{i}",
                product_class=product_class,
            )
            for i in range(PRODUCTS)
        )
    ]


def insert(rows, table, columns):
    """Fast bulk load: COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


@transaction.atomic  # one transaction: SQLite would otherwise commit (and sync) every row
def build(size, product_ids, rng):
    """Insert ``size`` stores and their stock; returns [(id, lat, lng)] and {product: {store id: units}}."""
    from django.db import connection
    from django.utils import timezone

    from socialshop.models import Store, StoreStock

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    (lat_lo, lat_hi), (lng_lo, lng_hi) = FRANCE
    store_rows = []
    for i in range(size):
        lat, lng = rng.uniform(lat_lo, lat_hi), rng.uniform(lng_lo, lng_hi)
        store_rows.append(
            [
                f"BENCH-{i}",
                f"Bench {i}",
                f"bench-{i}",
                "",
                "",
                "",
                "FR",
                lat,
                lng,
                "",
                "",
                True,
                120,
                True,
                now,
            ]
        )
    insert(
        store_rows,
        Store._meta.db_table,
        "reference name slug address postcode city country latitude longitude phone email is_pickup_point "
        "pickup_lead_minutes is_active updated_at".split(),
    )
    stores = list(
        Store.objects.filter(reference__startswith="BENCH")
        .values_list("pk", "latitude", "longitude")
        .order_by("pk")
    )
    available = {pk: {} for pk in product_ids}
    stock_rows = []
    for store_id, _lat, _lng in stores:
        for product_id in product_ids:
            in_stock = 0 if rng.random() < 0.35 else rng.randint(1, 10)
            reserved = min(in_stock, rng.choice([0, 0, 0, 1, 2]))
            stock_rows.append([store_id, product_id, in_stock, reserved, now])
            if in_stock - reserved > 0:
                available[product_id][store_id] = in_stock - reserved
    insert(
        stock_rows,
        StoreStock._meta.db_table,
        "store_id product_id num_in_stock num_reserved updated_at".split(),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return stores, available, len(stock_rows)


def oracle(stores, available, lat, lng, product_id):
    """Brute force: the distance to every store (haversine written out again here), sorted."""
    r = 6371.0088
    phi = math.radians(lat)
    ranked = []
    for store_id, s_lat, s_lng in stores:
        if store_id not in available[product_id]:
            continue
        dphi = math.radians(s_lat) - phi
        dlam = math.radians(s_lng - lng)
        a = math.sin(dphi / 2) ** 2 + math.cos(phi) * math.cos(math.radians(s_lat)) * math.sin(dlam / 2) ** 2
        distance = 2 * r * math.asin(math.sqrt(a))
        if distance <= RADIUS_KM:
            ranked.append((distance, store_id))
    return sorted(ranked)[:LIMIT]


def measure(size, product_ids):
    from django.db import connection, reset_queries

    from socialshop.services.stores import nearest_stores

    rng = random.Random(size)
    clean_stores()
    started = time.perf_counter()
    stores, available, stock_count = build(size, product_ids, rng)
    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load: sets the visibility map
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE socialshop_store")
            cursor.execute("VACUUM ANALYZE socialshop_storestock")
    load_time = time.perf_counter() - started
    (lat_lo, lat_hi), (lng_lo, lng_hi) = FRANCE
    lookups = [
        (rng.uniform(lat_lo, lat_hi), rng.uniform(lng_lo, lng_hi), rng.choice(product_ids))
        for _ in range(LOOKUPS)
    ]
    for lat, lng, product in lookups[:100]:  # warm the caches
        nearest_stores(lat, lng, [product], RADIUS_KM, LIMIT)
    timings, answers = [], []
    for lat, lng, product in lookups:
        start = time.perf_counter()
        result = nearest_stores(lat, lng, [product], RADIUS_KM, LIMIT)
        timings.append(time.perf_counter() - start)
        answers.append(result)
    reset_queries()
    mismatches = 0
    for (lat, lng, product), result in list(zip(lookups, answers, strict=True))[:CHECKED]:
        expected = oracle(stores, available, lat, lng, product)
        got = [(m.distance_km, m.store_id) for m in result]
        same = [s for _d, s in got] == [s for _d, s in expected] and all(
            abs(a[0] - b[0]) < 1e-9 for a, b in zip(got, expected, strict=True)
        )
        units_ok = all(m.units[product] == available[product][m.store_id] for m in result)
        mismatches += not (same and units_ok)
    timings.sort()
    p50, p90 = statistics.median(timings), timings[int(len(timings) * 0.9)]
    found = statistics.mean(len(r) for r in answers)
    print(
        f"{connection.vendor:<10} {size:>6,} stores {stock_count:>9,} stock rows "
        f"(loaded in {load_time:5.1f} s): "
        f"p50 {p50 * 1000:.3f} ms  p90 {p90 * 1000:.3f} ms  mean shops found {found:.2f}  "
        f"oracle mismatches {mismatches}/{CHECKED}"
    )
    return p50, mismatches


def main():
    from django.db import connection

    vendor = connection.vendor
    print(
        f"database: {vendor}; load average {os.getloadavg()[0]:.1f} "
        "(2 vCPUs: figures inflate when it is high)"
    )
    clean()
    product_ids = products()
    results = {size: measure(size, product_ids) for size in SIZES}
    small, large = results[SIZES[0]][0], results[SIZES[-1]][0]
    print(
        f"p50 growth {SIZES[0]:,} -> {SIZES[-1]:,} stores: ×{large / small:.2f} (goal ≤ 2×); "
        f"p50 at {SIZES[-1]:,}: {large * 1000:.3f} ms (goal ≤ 1 ms); "
        f"oracle mismatches: {sum(r[1] for r in results.values())}"
    )
    clean()


if __name__ == "__main__":
    main()
