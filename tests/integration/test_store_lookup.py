"""The store lookup gives exactly the brute-force ranking, on random stores that include points near both
poles and on both sides of the antimeridian."""

import random

import pytest
from django.test import override_settings

from socialshop.models import Store, StoreStock
from socialshop.services import stores as lookup
from tests.factories import create_product
from tests.unit.test_store_geometry import chord_km

pytestmark = pytest.mark.django_db

# Centres where things go wrong: the poles, the antimeridian (both sides), the equator, France.
HOTSPOTS = [
    (89.8, 0),
    (-89.7, 120),
    (0.0, 179.99),
    (0.0, -179.99),
    (-17.7, 179.8),
    (65.5, -179.7),
    (46.5, 2.5),
]


def random_point(rng):
    if rng.random() < 0.2:
        return rng.uniform(-90, 90), rng.uniform(-180, 180)
    lat, lng = rng.choice(HOTSPOTS)
    lat = max(-90.0, min(90.0, lat + rng.gauss(0, 0.8)))
    lng = (lng + rng.gauss(0, 0.8) + 180) % 360 - 180
    return lat, lng


@pytest.fixture
def world():
    """600 stores with random stock of two products (some inactive, some without a stock row)."""
    rng = random.Random(20261123)
    products = [create_product(title=f"P{i}", image_size=None) for i in range(2)]
    stores = Store.objects.bulk_create(
        Store(
            reference=f"S{i}",
            name=f"Store {i}",
            slug=f"store-{i}",
            latitude=lat,
            longitude=lng,
            is_active=rng.random() > 0.05,
        )
        for i, (lat, lng) in enumerate(random_point(rng) for _ in range(600))
    )
    StoreStock.objects.bulk_create(
        StoreStock(
            store=store,
            product=product,
            num_in_stock=rng.choice([0, 0, 1, 2, 5, 9]),
            num_reserved=rng.choice([0, 0, 0, 1, 3]),
        )
        for store in stores
        for product in products
        if rng.random() > 0.15
    )
    return rng, products


def oracle(lat, lng, product_ids, radius_km, limit, include_out_of_stock, match, buffer=0):
    """Brute force: every store, the chord distance, the stock rows read through the ORM."""
    stock = {(s.store_id, s.product_id): s for s in StoreStock.objects.all()}
    ranked = []
    for store in Store.objects.filter(is_active=True):
        distance = chord_km(lat, lng, store.latitude, store.longitude)
        if distance > radius_km:
            continue
        available = []
        for pk in product_ids:
            row = stock.get((store.pk, pk))
            available.append(row is not None and row.num_in_stock - row.num_reserved - buffer >= 1)
        ok = all(available) if match == "all" else any(available)
        if include_out_of_stock or ok:
            ranked.append((distance, store.pk))
    ranked.sort()
    return ranked[:limit]


def assert_same(result, expected, radius_km):
    got = [(m.distance_km, m.store_id) for m in result]
    # Two formulas may disagree in the last bits for a store sitting exactly on the radius or for two
    # stores at the same distance: nothing else is tolerated.
    assert len(got) == len(expected) or abs(max(d for d, _ in got + expected) - radius_km) < 1e-6
    for (d1, id1), (d2, id2) in zip(got, expected, strict=False):
        assert abs(d1 - d2) < 1e-6
        assert id1 == id2 or abs(d1 - d2) < 1e-9


def test_lookup_equals_brute_force_ranking(world):
    rng, products = world
    ids = [p.pk for p in products]
    for _ in range(150):
        lat, lng = random_point(rng)
        radius = rng.choice([1, 10, 50, 120, 300, 2500])
        limit = rng.choice([1, 5, 20])
        include = rng.random() < 0.3
        match = rng.choice(["any", "all"])
        wanted = rng.choice([ids[:1], ids])
        result = lookup.nearest_stores(
            lat, lng, wanted, radius, limit, include_out_of_stock=include, match=match
        )
        assert_same(result, oracle(lat, lng, wanted, radius, limit, include, match), radius)


def test_lookup_across_the_antimeridian_and_at_the_poles(world):
    _, products = world
    ids = [products[0].pk]
    for lat, lng in [(0.0, 179.999), (0.0, -179.999), (0.0, 180.0), (89.99, 45), (-90.0, 0), (90.0, -180)]:
        result = lookup.nearest_stores(lat, lng, ids, 200, 20, include_out_of_stock=True)
        expected = oracle(lat, lng, ids, 200, 20, True, "any")
        assert expected, "the fixture has stores around every hotspot"
        assert_same(result, expected, 200)
    east_and_west = lookup.nearest_stores(0.0, 179.999, ids, 300, 50, include_out_of_stock=True)
    longitudes = [Store.objects.get(pk=m.store_id).longitude for m in east_and_west]
    assert min(longitudes) < -179 and max(longitudes) > 179


@override_settings(SOCIALSHOP_STORE_SAFETY_BUFFER=2)
def test_safety_buffer_is_taken_off_the_stock(world):
    rng, products = world
    ids = [products[0].pk]
    for _ in range(30):
        lat, lng = random_point(rng)
        result = lookup.nearest_stores(lat, lng, ids, 500, 10)
        assert_same(result, oracle(lat, lng, ids, 500, 10, False, "any", buffer=2), 500)
        assert all(m.units[ids[0]] >= 1 for m in result)


def test_quantities_must_all_be_available_for_a_basket(world):
    _, products = world
    needs = {products[0].pk: 3, products[1].pk: 2}
    for match in lookup.nearest_stores(46.5, 2.5, needs, 300, 20, match="all"):
        stock = {
            s.product_id: s.num_in_stock - s.num_reserved
            for s in StoreStock.objects.filter(store_id=match.store_id)
        }
        assert stock[products[0].pk] >= 3 and stock[products[1].pk] >= 2


def test_stores_by_name_is_alphabetical_and_filtered(world):
    _, products = world
    result = lookup.stores_by_name([products[0].pk], 10)
    names = [m.store.name for m in result]
    assert names == sorted(names) and len(names) == 10
    assert all(m.units[products[0].pk] >= 1 for m in result)


@pytest.mark.parametrize(
    ("units", "hide", "expected"),
    [
        (0, False, ("out_of_stock", 0)),
        (3, False, ("low_stock", 3)),
        (4, False, ("in_stock", 4)),
        (9, True, ("in_stock", None)),
    ],
)
def test_availability_codes(units, hide, expected):
    with override_settings(SOCIALSHOP_STORE_LOW_STOCK_THRESHOLD=3, SOCIALSHOP_STORE_HIDE_EXACT_COUNT=hide):
        result = lookup.availability(units)
    assert (result.code, result.num_available) == expected


def test_available_units_never_negative():
    with override_settings(SOCIALSHOP_STORE_SAFETY_BUFFER=1):
        assert lookup.available_units(5, 2) == 2
        assert lookup.available_units(2, 2) == 0
        assert lookup.available_units(1, 3) == 0
