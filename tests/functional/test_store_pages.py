"""Server-rendered click-and-collect pages: the no-JavaScript lookup, the locator, a store's page with its
schema.org Store JSON-LD (read back with extruct), and "choose this shop"."""

import datetime

import extruct
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from socialshop.models import StoreSpecialDay
from socialshop.services.store_hours import local_now
from tests.stores_data import create_parent_with_variants, create_stores, set_stock, standalone

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def shop():
    stores = create_stores()
    product = standalone()
    set_stock(stores["LYS-01"], product, 10)
    set_stock(stores["LYS-02"], product, 1)
    return stores, product


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_lookup_page_without_javascript(client, shop):
    stores, product = shop
    response = client.get("/stores/availability/list/", {"product": product.pk, "q": "69003"}, **EN)
    assert response.status_code == 200
    page = soup(response)
    items = page.select("li.socialshop-store")
    assert [li["data-store"] for li in items] == ["LYS-01", "LYS-02"]
    assert "In stock (10)" in items[0].get_text() and "Only 1 left" in items[1].get_text()
    assert "Ready in 2 hours" in items[0].get_text()
    # Each shop can be chosen with a plain form.
    choose = items[0].find("form")
    assert choose["method"] == "post" and choose.find("input", {"name": "store"})["value"] == "LYS-01"
    assert page.select_one("form.socialshop-stores-form input[name=q]")["value"] == "69003"


def test_lookup_page_shows_errors(client, shop):
    stores, product = shop
    response = client.get("/stores/availability/list/", {"product": product.pk}, **EN)
    assert response.status_code == 400
    assert "Give a postcode or a town" in soup(response).select_one(".alert-danger").get_text()
    response = client.get("/stores/availability/list/", {"product": product.pk, "q": "Atlantide"}, **EN)
    assert response.status_code == 404
    assert "No place matches “Atlantide”" in soup(response).select_one(".alert-warning").get_text()
    assert client.get("/stores/availability/list/", {"product": 987654, "q": "69003"}).status_code == 404


def test_lookup_page_for_a_parent_lets_the_shopper_pick_a_variant(client):
    stores = create_stores()
    parent, (small, medium) = create_parent_with_variants()
    set_stock(stores["LYS-01"], small, 4)
    response = client.get("/stores/availability/list/", {"product": parent.pk, "q": "Lyon"}, **EN)
    page = soup(response)
    options = [option["value"] for option in page.select("select[name=product] option")]
    assert options == [str(parent.pk), str(small.pk), str(medium.pk)]
    assert page.select_one("li.socialshop-store")["data-store"] == "LYS-01"
    assert "Marinière S" in page.select_one("li.socialshop-store").get_text()


def test_locator_lists_and_searches(client, shop):
    response = client.get("/stores/", **EN)
    assert response.status_code == 200
    names = [a.get_text() for a in soup(response).select("section.socialshop-locator li a")]
    assert names == sorted(names) and len(names) == 6
    response = client.get("/stores/", {"q": "75001"}, **EN)
    first = soup(response).select_one("section.socialshop-locator li a")
    assert first.get_text() == "Paris Rivoli"
    response = client.get("/stores/", {"lat": "45.19", "lng": "5.72", "limit": "2", "radius_km": "300"}, **EN)
    assert [a.get_text() for a in soup(response).select("section.socialshop-locator li a")][0] == (
        "Grenoble Victor-Hugo"
    )
    response = client.get("/stores/", {"lat": "95", "lng": "5"}, **EN)
    assert "Ensure this value is less than or equal to 90" in response.content.decode()


def test_store_page_json_ld_is_a_schema_org_store(client, shop):
    stores, _product = shop
    store = stores["LYS-01"]
    store.name = "Lyon </script><b>Part-Dieu</b> & Co"
    store.email = "lyon@example.fr"
    store.save()
    holiday = local_now().date() + datetime.timedelta(days=3)
    StoreSpecialDay.objects.create(store=None, date=holiday, label="Férié")
    response = client.get(store.get_absolute_url(), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "</script><b>" not in html.split("application/ld+json", 1)[1].split("</script>", 1)[0]
    assert "\\u003c/script\\u003e" in html and "\\u0026 Co" in html
    data = extruct.extract(
        html, base_url="http://testserver" + store.get_absolute_url(), syntaxes=["json-ld"]
    )
    (document,) = [d for d in data["json-ld"] if d.get("@type") == "Store"]
    assert document["name"] == "Lyon </script><b>Part-Dieu</b> & Co"
    assert document["address"]["postalCode"] == "69003" and document["address"]["addressCountry"] == "FR"
    assert document["geo"] == {"@type": "GeoCoordinates", "latitude": 45.7606, "longitude": 4.8593}
    assert document["url"] == "http://testserver/stores/lys-01/"
    weekly = [s for s in document["openingHoursSpecification"] if "dayOfWeek" in s]
    assert len(weekly) == 12 and weekly[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "10:00",
        "closes": "13:00",
    }
    special = [s for s in document["openingHoursSpecification"] if "validFrom" in s]
    assert special == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": holiday.isoformat(),
            "validThrough": holiday.isoformat(),
            "opens": "00:00",
            "closes": "00:00",
        }
    ]
    rows = soup(response).select("table tbody tr")
    assert len(rows) == 7 and "Férié" in rows[3].get_text() and "Closed" in rows[3].get_text()


def test_inactive_store_has_no_page(client, shop):
    stores, _ = shop
    stores["GRE-01"].is_active = False
    stores["GRE-01"].save()
    assert client.get("/stores/gre-01/").status_code == 404


def test_choose_store_sets_the_cookie_and_redirects_safely(client, shop):
    response = client.post("/stores/choose/", {"store": "LYS-02", "next": "/catalogue/"})
    assert response.status_code == 302 and response.url == "/catalogue/"
    assert response.cookies["socialshop_store"].value == "LYS-02"
    assert response.cookies["socialshop_store"]["samesite"] == "Lax"
    response = client.post("/stores/choose/", {"store": "LYS-02", "next": "https://evil.example/"})
    assert response.url == "/stores/lys-02/"
    assert client.post("/stores/choose/", {"store": "NOPE"}).status_code == 404
    assert client.get("/stores/choose/").status_code == 405
    page = client.get("/stores/lys-02/", **EN)
    assert "This is your shop." in page.content.decode()


def test_locator_searches_are_rate_limited(client, shop, settings):
    settings.SOCIALSHOP_STORE_RATE_LIMIT = 2
    for _ in range(2):
        assert "Paris Rivoli" in client.get("/stores/", {"q": "75001"}, **EN).content.decode()
    response = client.get("/stores/", {"q": "75001"}, **EN)
    assert "Too many searches" in soup(response).select_one(".alert-warning").get_text()
    assert len(soup(response).select("section.socialshop-locator li a")) == 6  # the plain list still shows
