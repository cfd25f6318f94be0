"""The product page's "Check in-store availability" widget in Chromium: geolocation granted (Playwright sets
the position), the variant selector, the remembered shop, and the same form without JavaScript."""

from urllib.parse import urlsplit

import pytest

from tests.stores_data import create_parent_with_variants, create_stores, set_stock, standalone

pytestmark = pytest.mark.django_db(transaction=True)
BELLECOUR = {"latitude": 45.7578, "longitude": 4.8320}


@pytest.fixture
def stores():
    return create_stores()


def test_widget_with_geolocation_granted(live_server, page_factory, artifacts_dir, stores):
    product = standalone("Robe portefeuille en lin")
    set_stock(stores["LYS-01"], product, 10)
    set_stock(stores["LYS-02"], product, 2)
    set_stock(stores["PAR-01"], product, 10)
    page = page_factory(locale="en-GB", geolocation=BELLECOUR, permissions=["geolocation"])
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(live_server.url + product.get_absolute_url())

    widget = page.locator("[data-socialshop-stores]")
    assert widget.get_by_role("heading").inner_text() == "Check in-store availability"
    # Permission was granted: the widget locates the shopper and lists the shops at once.
    items = widget.locator("li.socialshop-store")
    items.first.wait_for()
    assert items.count() == 2  # Paris is 390 km away
    assert items.nth(0).get_attribute("data-store") == "LYS-02"
    assert "Only 2 left" in items.nth(0).inner_text()
    assert "0 km" in items.nth(0).inner_text()
    assert "Ready in 2 hours" in items.nth(0).inner_text()
    assert "2.1 km" in items.nth(1).inner_text() and "In stock (10)" in items.nth(1).inner_text()

    # Choosing a shop remembers it, for the next visit and for the server (cookie).
    items.nth(1).get_by_role("button", name="Choose this shop").click()
    assert widget.locator(".socialshop-store-mine").inner_text() == "Your shop"
    saved = page.evaluate("JSON.parse(localStorage.getItem('socialshop.store'))")
    assert saved == {"reference": "LYS-01", "name": "Lyon Part-Dieu"}
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["socialshop_store"] == "LYS-01"
    page.screenshot(path=str(artifacts_dir / "store-availability-widget.png"), full_page=True)

    page.reload()
    assert "Your shop: Lyon Part-Dieu" in widget.locator(".socialshop-stores-mine").inner_text()
    assert hosts == {urlsplit(live_server.url).netloc}, f"third-party requests: {hosts}"


def test_widget_follows_the_chosen_variant(live_server, page_factory, stores):
    parent, (small, medium) = create_parent_with_variants()
    set_stock(stores["LYS-01"], small, 4)
    set_stock(stores["LYS-02"], medium, 1)
    page = page_factory(locale="en-GB", geolocation=BELLECOUR, permissions=["geolocation"])
    page.goto(live_server.url + parent.get_absolute_url())
    widget = page.locator("[data-socialshop-stores]")
    items = widget.locator("li.socialshop-store")
    items.first.wait_for()
    assert [items.nth(i).get_attribute("data-store") for i in range(items.count())] == ["LYS-02", "LYS-01"]
    assert "Marinière S — In stock (4)" in items.nth(1).inner_text()

    with page.expect_response(lambda r: "/stores/availability/" in r.url and f"product={small.pk}" in r.url):
        widget.locator("select[name=product]").select_option(str(small.pk))
    page.wait_for_function(
        "document.querySelectorAll('[data-socialshop-stores] li.socialshop-store').length === 1"
    )
    assert items.nth(0).get_attribute("data-store") == "LYS-01"


def test_widget_search_by_postcode_and_without_javascript(live_server, page_factory, stores):
    product = standalone("Plaid en laine")
    set_stock(stores["PAR-01"], product, 7)
    page = page_factory(locale="en-GB")  # no geolocation permission: nothing happens until asked
    page.goto(live_server.url + product.get_absolute_url())
    widget = page.locator("[data-socialshop-stores]")
    widget.get_by_label("Postcode or town").fill("75001")
    widget.get_by_role("button", name="Find shops").click()
    widget.locator("li.socialshop-store").first.wait_for()
    assert widget.locator("li.socialshop-store").first.get_attribute("data-store") == "PAR-01"

    plain = page_factory(locale="en-GB", java_script_enabled=False)
    plain.goto(live_server.url + product.get_absolute_url())
    form = plain.locator("[data-socialshop-stores] form")
    assert form.locator("[data-locate]").is_hidden()  # the location button needs JavaScript
    form.get_by_label("Postcode or town").fill("Paris")
    form.get_by_role("button", name="Find shops").click()
    plain.wait_for_url("**/stores/availability/list/**")
    assert plain.locator("li.socialshop-store").first.get_attribute("data-store") == "PAR-01"
    assert "In stock (7)" in plain.locator("li.socialshop-store").first.inner_text()
