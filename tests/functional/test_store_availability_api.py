"""The JSON lookup ``socialshop:store-availability``: answer shape, ordering, variants, every bad input."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from socialshop.models import StoreSpecialDay
from socialshop.services import stores as lookup
from tests.stores_data import create_parent_with_variants, create_stores, set_stock, standalone

pytestmark = pytest.mark.django_db

URL = "/stores/availability/"
BELLECOUR = {"lat": "45.7578", "lng": "4.8320"}
GEONAMES = "tests/fixtures/geonames_fr_sample.txt"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the rate limit counts in the cache


@pytest.fixture
def shop():
    stores = create_stores()
    product = standalone()
    set_stock(stores["LYS-01"], product, 10, reserved=2)  # 8 available
    set_stock(stores["LYS-02"], product, 2)  # low
    set_stock(stores["VIL-01"], product, 3, reserved=3)  # none left
    set_stock(stores["PAR-01"], product, 50)
    return stores, product


def get(client, **params):
    return client.get(URL, params, HTTP_ACCEPT_LANGUAGE="en")


def test_url_name():
    assert reverse("socialshop:store-availability") == URL


def test_answer_shape_and_order(client, shop):
    stores, product = shop
    response = get(client, product=product.pk, **BELLECOUR)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["origin"]["lat"] == 45.7578 and data["origin"]["source"] == "coordinates"
    assert [s["reference"] for s in data["stores"]] == ["LYS-02", "LYS-01"]  # VIL-01 has none, Paris too far
    first = data["stores"][0]
    assert set(first) >= {
        "reference", "id", "name", "slug", "distance_km", "address", "opening_today", "pickup", "ready_in",
        "availability",
    }  # fmt: skip
    assert first["distance_km"] == 0.0
    assert first["availability"] == {"code": "low_stock", "num_available": 2, "label": "Only 2 left"}
    assert data["stores"][1]["availability"]["code"] == "in_stock"
    assert data["stores"][1]["availability"]["num_available"] == 8
    assert 2.0 < data["stores"][1]["distance_km"] < 2.5
    assert first["ready_in"] == {"minutes": 120, "label": "Ready in 2 hours"}
    assert first["pickup"] is True and first["address"]["postcode"] == "69002"
    assert response["Cache-Control"].startswith("max-age=0")


def test_include_out_of_stock_lists_every_store_in_range(client, shop):
    stores, product = shop
    data = get(client, product=product.pk, include_out_of_stock="1", **BELLECOUR).json()
    refs = [s["reference"] for s in data["stores"]]
    assert refs[:3] == ["LYS-02", "LYS-01", "VIL-01"]
    assert "STE-01" in refs  # no stock row at all: out of stock
    codes = {s["reference"]: s["availability"]["code"] for s in data["stores"]}
    assert codes["VIL-01"] == codes["STE-01"] == "out_of_stock"


def test_radius_and_limit(client, shop):
    stores, product = shop
    data = get(client, product=product.pk, limit=1, **BELLECOUR).json()
    assert [s["reference"] for s in data["stores"]] == ["LYS-02"]
    data = get(client, product=product.pk, radius_km=1, **BELLECOUR).json()
    assert [s["reference"] for s in data["stores"]] == ["LYS-02"]
    data = get(client, product=product.pk, radius_km=300, limit=10, **BELLECOUR).json()
    assert "PAR-01" not in [s["reference"] for s in data["stores"]]  # 390 km away
    assert data["radius_km"] == 300


@override_settings(SOCIALSHOP_STORE_HIDE_EXACT_COUNT=True)
def test_hidden_counts(client, shop):
    stores, product = shop
    data = get(client, product=product.pk, **BELLECOUR).json()
    assert [s["availability"]["num_available"] for s in data["stores"]] == [None, None]
    assert [s["availability"]["label"] for s in data["stores"]] == ["Low stock", "In stock"]


@override_settings(SOCIALSHOP_STORE_SAFETY_BUFFER=2)
def test_safety_buffer(client, shop):
    stores, product = shop
    data = get(client, product=product.pk, **BELLECOUR).json()
    assert [(s["reference"], s["availability"]["num_available"]) for s in data["stores"]] == [("LYS-01", 6)]


def test_parent_gives_a_summary_per_variant(client):
    stores = create_stores()
    parent, (small, medium) = create_parent_with_variants()
    set_stock(stores["LYS-01"], small, 5)
    set_stock(stores["LYS-01"], medium, 0)
    set_stock(stores["LYS-02"], medium, 1)
    data = get(client, product=parent.pk, **BELLECOUR).json()
    assert [s["reference"] for s in data["stores"]] == ["LYS-02", "LYS-01"]
    part_dieu = data["stores"][1]
    assert part_dieu["availability"]["code"] == "in_stock"
    assert [(v["id"], v["availability"]["code"]) for v in part_dieu["variants"]] == [
        (small.pk, "in_stock"),
        (medium.pk, "out_of_stock"),
    ]
    assert data["product"]["is_parent"] is True
    # A variant alone: only the stores holding that variant.
    data = get(client, product=medium.pk, **BELLECOUR).json()
    assert [s["reference"] for s in data["stores"]] == ["LYS-02"]
    assert data["stores"][0]["variants"][0]["id"] == medium.pk


def test_opening_today_with_a_holiday(client, shop):
    stores, product = shop
    today = lookup_today()
    StoreSpecialDay.objects.create(store=None, date=today, label="Fête nationale")
    StoreSpecialDay.objects.create(
        store=stores["LYS-02"], date=today, label="Ouverture exceptionnelle", opens="09:00", closes="12:00"
    )
    data = get(client, product=product.pk, **BELLECOUR).json()
    hours = {s["reference"]: s["opening_today"] for s in data["stores"]}
    assert hours["LYS-01"]["closed"] is True and hours["LYS-01"]["special"] == "Fête nationale"
    assert hours["LYS-02"]["periods"] == [{"opens": "09:00", "closes": "12:00"}]


def lookup_today():
    from socialshop.services.store_hours import local_now

    return local_now().date()


def test_regular_hours(client, shop):
    stores, product = shop
    data = get(client, product=product.pk, **BELLECOUR).json()
    today = data["stores"][0]["opening_today"]
    if lookup_today().weekday() == 6:
        assert today["closed"] is True and today["periods"] == []
    else:
        assert today["periods"] == [
            {"opens": "10:00", "closes": "13:00"},
            {"opens": "14:00", "closes": "19:00"},
        ]
        assert today["label"] == "10:00–13:00, 14:00–19:00"


# --- q: postcodes and towns -------------------------------------------------------------------------------


def test_q_matches_a_geonames_postcode_and_town(client, shop):
    stores, product = shop
    call_command("socialshop_import_postcodes", GEONAMES, stdout=open("/dev/null", "w"))
    data = get(client, product=product.pk, q="69002").json()
    assert data["origin"]["source"] == "postcode" and data["origin"]["label"] == "69002 Lyon 02"
    assert data["stores"][0]["reference"] == "LYS-02"
    data = get(client, product=product.pk, q=" lyon ").json()  # the districts "Lyon 01" … "Lyon 07"
    assert data["origin"]["label"] == "Lyon"
    assert 45.74 < data["origin"]["lat"] < 45.77
    data = get(client, product=product.pk, q="SAINT ETIENNE", include_out_of_stock=1).json()
    assert data["origin"]["label"] == "Saint-Étienne"
    assert data["stores"][0]["reference"] == "STE-01"


def test_q_falls_back_to_store_postcodes_and_towns(client, shop):
    stores, product = shop
    data = get(client, product=product.pk, q="75001").json()  # no GeoNames data imported
    assert data["origin"]["source"] == "store" and data["origin"]["label"] == "75001 Paris"
    assert [s["reference"] for s in data["stores"]] == ["PAR-01"]
    data = get(client, product=product.pk, q="villeurbanne", include_out_of_stock=1).json()
    assert data["stores"][0]["reference"] == "VIL-01"


# --- bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"lat": "45.7", "lng": "4.8"}, "product", "required"),
        ({"product": "abc", "lat": "45.7", "lng": "4.8"}, "product", "invalid"),
        ({"product": "-3", "lat": "45.7", "lng": "4.8"}, "product", "min_value"),
        ({"lat": "north", "lng": "4.8"}, "lat", "invalid"),
        ({"lat": "91", "lng": "4.8"}, "lat", "max_value"),
        ({"lat": "45", "lng": "-180.5"}, "lng", "min_value"),
        ({"lat": "nan", "lng": "4.8"}, "lat", "invalid"),
        ({"lat": "inf", "lng": "4.8"}, "lat", "invalid"),
        ({"lat": "45.7"}, "lng", "required"),
        ({"lng": "4.8"}, "lat", "required"),
        ({}, "q", "required"),
        ({"q": "   "}, "q", "required"),
        ({"q": "x" * 101}, "q", "max_length"),
        ({"q": "69002", "country": "FRA"}, "country", "invalid"),
        ({"lat": "45.7", "lng": "4.8", "limit": "-1"}, "limit", "out_of_range"),
        ({"lat": "45.7", "lng": "4.8", "limit": "0"}, "limit", "out_of_range"),
        ({"lat": "45.7", "lng": "4.8", "limit": "100000"}, "limit", "out_of_range"),
        ({"lat": "45.7", "lng": "4.8", "limit": "two"}, "limit", "invalid"),
        ({"lat": "45.7", "lng": "4.8", "radius_km": "-5"}, "radius_km", "out_of_range"),
        ({"lat": "45.7", "lng": "4.8", "radius_km": "0"}, "radius_km", "out_of_range"),
        ({"lat": "45.7", "lng": "4.8", "radius_km": "1e9"}, "radius_km", "out_of_range"),
        ({"lat": "45.7", "lng": "4.8", "include_out_of_stock": "maybe"}, "include_out_of_stock", "invalid"),
    ],
)
def test_bad_input_is_a_400_with_field_errors(client, shop, params, field, code):
    stores, product = shop
    params = {"product": product.pk, **params} if field != "product" else params
    response = get(client, **params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors, errors
    assert errors[field][0]["code"] == code
    assert errors[field][0]["message"]


def test_unknown_product_is_a_404(client, shop):
    response = get(client, product=999999, **BELLECOUR)
    assert response.status_code == 404
    assert response.json()["errors"]["product"][0]["code"] == "not_found"


def test_private_product_is_a_404(client, shop):
    stores, product = shop
    product.is_public = False
    product.save()
    assert get(client, product=product.pk, **BELLECOUR).status_code == 404


def test_unknown_place_is_a_404(client, shop):
    stores, product = shop
    response = get(client, product=product.pk, q="Trifouillis-les-Oies")
    assert response.status_code == 404
    assert response.json()["errors"]["q"][0]["code"] == "not_found"


def test_post_is_refused(client, shop):
    assert client.post(URL, {}).status_code == 405


@override_settings(SOCIALSHOP_STORE_RATE_LIMIT=3)
def test_rate_limit_per_client(client, shop):
    stores, product = shop
    statuses = [get(client, product=product.pk, **BELLECOUR).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = get(client, product=product.pk, **BELLECOUR)
    assert response.json()["errors"]["__all__"][0]["code"] == "rate_limited"
    assert response["Retry-After"] == "60"
    other = client.get(URL, {"product": product.pk, **BELLECOUR}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_lookup_service_agrees_with_the_endpoint(client, shop):
    stores, product = shop
    data = get(client, product=product.pk, limit=10, radius_km=300, **BELLECOUR).json()
    matches = lookup.nearest_stores(45.7578, 4.8320, [product.pk], 300, 10)
    assert [s["id"] for s in data["stores"]] == [m.store_id for m in matches]
