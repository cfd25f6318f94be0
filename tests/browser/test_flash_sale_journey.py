"""Anonymous visitor -> unlock call to action -> connect with the demo provider -> flash price in the basket
with the hold countdown -> order placed, in a real Chromium."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from oscar.core.loading import get_model

from socialshop.models import FanConnection, FlashSaleHold
from tests.flashsale_factories import create_sale, product_on_sale
from tests.functional.checkout_helpers import ensure_france

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True)


def test_fan_unlocks_buys_at_the_flash_price_and_orders(live_server, page_factory, artifacts_dir):
    ensure_france()
    product = product_on_sale(price="95.00", stock=20, title="Jean droit taille haute")
    sale = create_sale([product], slug="demo-live", name="Vente flash fans", unit_cap=25)
    page = page_factory(locale="en-GB")
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto(live_server.url + sale.get_absolute_url())
    page.screenshot(path=str(artifacts_dir / "flash-sale-page.png"), full_page=True)
    assert "66.50" not in page.content() and "66,50" not in page.content()  # no fan price for visitors
    countdown = page.locator("time[data-socialshop-countdown]").first
    page.wait_for_function(
        "el => /\\d+:\\d\\d:\\d\\d/.test(el.textContent)", arg=countdown.element_handle(), timeout=5000
    )
    page.locator('button[data-network="demo"]').click()  # a POST form to /social/login/demo/

    page.fill("#id_name", "Camille Demo")
    page.fill("#id_email", "camille.fan@example.fr")
    page.get_by_role("button", name="Connect my demo account").click()
    page.wait_for_url(re.compile(r".*/flash-sales/demo-live/$"))
    assert FanConnection.objects.filter(network="demo", user__email="camille.fan@example.fr").exists()
    assert "66.50" in page.locator("[data-flash-price]").first.inner_text().replace(",", ".")
    page.screenshot(path=str(artifacts_dir / "flash-sale-page-fan.png"), full_page=True)

    page.get_by_role("button", name=re.compile("Add to basket at the fan price")).click()
    page.goto(live_server.url + "/basket/")
    hold_countdown = page.locator("[data-flash-hold] time[data-socialshop-countdown]")
    page.wait_for_function(
        "el => /^00:(09|10):\\d\\d$/.test(el.textContent)", arg=hold_countdown.element_handle(), timeout=5000
    )
    assert "66.50" in page.locator("#basket_totals").inner_text().replace(",", ".")
    page.screenshot(path=str(artifacts_dir / "flash-sale-basket.png"), full_page=True)

    page.goto(live_server.url + "/checkout/")
    page.fill("#id_first_name", "Camille")
    page.fill("#id_last_name", "Demo")
    page.fill("#id_line1", "3 rue de la République")
    page.fill("#id_line4", "Lyon")
    page.fill("#id_postcode", "69002")
    if page.locator("select#id_country").count():  # Oscar hides the field when one country ships
        page.select_option("select#id_country", "FR")
    page.locator("form#new_shipping_address button[type=submit], form button[type=submit]").last.click()
    page.goto(live_server.url + "/checkout/preview/")
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r".*/checkout/thank-you/$"))

    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("66.50")
    assert FlashSaleHold.objects.get().state == FlashSaleHold.CONSUMED
    sale.refresh_from_db()
    assert sale.units_sold == 1 and sale.units_held == 0
    assert hosts == {urlsplit(live_server.url).netloc}, f"third-party requests: {hosts}"
