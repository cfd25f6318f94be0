"""Social ROI end to end: a tagged visit, a basket, Oscar's guest checkout, then the report (service and
command) shows the order with its exact revenue under the visit's network and campaign."""

import io
import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from oscar.core.loading import get_model

from socialshop.models import OrderAttribution, OrderPickup, ShareClick, Touchpoint
from socialshop.services import share_links
from socialshop.services.attribution_report import build_report
from socialshop.services.share import SharedPage
from tests.factories import create_product
from tests.flashsale_factories import create_customer, create_sale, product_on_sale
from tests.stores_data import create_stores, set_stock, standalone

from .checkout_helpers import ensure_france, go_to_preview
from .checkout_helpers import place_order as submit_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def shipping_country():
    ensure_france()


@pytest.fixture
def shopper():
    return Client(headers={"user-agent": BROWSER})


def guest_checkout(client, product, quantity=1, email="guest@example.fr"):
    """Oscar's guest checkout, step by step (as in test_guest_checkout.py). Returns the order."""
    client.post(f"/basket/add/{product.pk}/", {"quantity": quantity})
    response = client.post("/checkout/", {"username": email, "options": "anonymous"})
    assert response.status_code == 302 and response.url.endswith("/checkout/shipping-address/")
    place_order(client)
    return Order.objects.get(guest_email=email)


def place_order(client):
    """From the shipping address to the thank-you page."""
    go_to_preview(client)
    response = submit_order(client)
    assert response.status_code == 302 and response.url.endswith("/checkout/thank-you/")


def log_in(client, email, password):
    response = client.post(
        "/accounts/login/", {"login-username": email, "login-password": password, "login_submit": "1"}
    )
    assert response.status_code == 302


def command_rows(*args):
    out = io.StringIO()
    call_command("socialshop_report", *args, stdout=out)
    return json.loads(out.getvalue())


def row_for(rows, network, campaign):
    matches = [row for row in rows if row["network"] == network and row["campaign"] == campaign]
    assert len(matches) == 1, rows
    return matches[0]


def test_a_facebook_visit_then_a_guest_checkout_shows_in_the_report(shopper, shipping_country):
    product = create_product(title="Plaid en laine", price="99.00", num_in_stock=3)
    assert shopper.get("/?utm_source=facebook&utm_campaign=x").status_code == 200
    shopper.get(product.get_absolute_url())  # browsing on: not a landing
    order = guest_checkout(shopper, product, quantity=2)

    attribution = OrderAttribution.objects.get(order=order)
    assert (attribution.last_network, attribution.last_campaign, attribution.last_landing_page) == (
        "facebook",
        "x",
        "/",
    )
    assert (attribution.first_network, attribution.first_campaign) == ("facebook", "x")
    assert attribution.revenue == order.total_incl_tax == Decimal("198.00")
    assert attribution.currency == "EUR" and attribution.status == OrderAttribution.PLACED
    assert Touchpoint.objects.count() == 1

    row = row_for([r.as_dict("EUR") for r in build_report().rows], "facebook", "x")
    assert (row["clicks"], row["visits"], row["orders"], row["revenue"]) == (0, 1, 1, "198.00")
    assert (row["conversion_rate"], row["average_order_value"]) == ("1.0000", "198.00")

    row = row_for(command_rows("--format", "json"), "facebook", "x")
    assert (row["visits"], row["orders"], row["revenue"], row["currency"]) == (1, 1, "198.00", "EUR")


def test_the_order_keeps_the_first_touch_and_the_last_non_direct_one(shopper, shipping_country):
    product = create_product(title="Bougie", price="25.00")
    shopper.get("/catalogue/", HTTP_REFERER="https://www.pinterest.fr/pin/42/")
    shopper.get("/?utm_source=instagram&utm_medium=social&utm_campaign=printemps&utm_content=reel")
    shopper.get("/")  # a later direct visit does not replace the last non-direct touch
    order = guest_checkout(shopper, product)

    attribution = OrderAttribution.objects.get(order=order)
    assert (attribution.first_network, attribution.first_landing_page) == ("pinterest", "/catalogue/")
    assert (attribution.last_network, attribution.last_campaign, attribution.last_medium) == (
        "instagram",
        "printemps",
        "social",
    )
    assert attribution.last_content == "reel"
    by_first = {(r["network"], r["campaign"]): r["orders"] for r in command_rows("--touch", "first")}
    assert by_first[("pinterest", "")] == 1 and by_first.get(("instagram", "printemps"), 0) == 0


def test_a_direct_first_visit_stays_the_first_touch(shopper, shipping_country):
    product = create_product(title="Bougie", price="25.00")
    shopper.get("/")
    shopper.get("/?utm_source=x&utm_campaign=lancement")
    order = guest_checkout(shopper, product)
    attribution = OrderAttribution.objects.get(order=order)
    assert attribution.first_network == "" and attribution.first_touch_at is not None
    assert (attribution.last_network, attribution.last_campaign) == ("x", "lancement")


def test_a_direct_order_is_in_the_report_without_visits(shopper, shipping_country):
    product = create_product(title="Bougie", price="25.00")
    order = guest_checkout(shopper, product)
    row = row_for(command_rows(), "", "")
    assert (row["visits"], row["orders"], row["revenue"]) == (0, 1, str(order.total_incl_tax))
    assert row["conversion_rate"] is None


def test_consent_required_and_not_given_records_nothing(settings, shopper, shipping_country):
    settings.SOCIALSHOP_ATTRIBUTION_REQUIRES_CONSENT = True
    product = create_product(title="Plaid en laine", price="99.00")
    shopper.get("/?utm_source=facebook&utm_campaign=x")
    order = guest_checkout(shopper, product)
    assert not Touchpoint.objects.exists()
    assert "socialshop_visitor" not in shopper.cookies
    attribution = OrderAttribution.objects.get(order=order)  # revenue still counts, as direct
    assert attribution.last_network == "" and attribution.first_network == ""
    assert all(row["network"] != "facebook" for row in command_rows())


def test_consent_given_then_the_visit_counts(settings, shopper, shipping_country):
    settings.SOCIALSHOP_ATTRIBUTION_REQUIRES_CONSENT = True
    product = create_product(title="Plaid en laine", price="99.00")
    shopper.get("/?utm_source=facebook&utm_campaign=x")
    shopper.post("/attribution/consent/", {"landing": "/?utm_source=facebook&utm_campaign=x"})
    order = guest_checkout(shopper, product)
    assert OrderAttribution.objects.get(order=order).last_network == "facebook"


def test_a_share_click_then_a_friends_visit_and_order(shopper, shipping_country):
    """The share endpoint counts the click and sends the sharer to Facebook with a UTM-tagged link; a friend
    follows that link from Facebook and buys."""
    product = create_product(title="Plaid en laine", price="99.00")
    page = SharedPage(url=f"http://testserver{product.get_absolute_url()}", title="Plaid en laine")
    sharer = Client(headers={"user-agent": BROWSER})
    response = sharer.get(share_links.click_url("facebook", share_links.make_token(product, page)))
    assert response.status_code == 302
    shared_link = urlsplit(parse_qs(urlsplit(response["Location"]).query)["u"][0])

    assert (
        shopper.get(
            f"{shared_link.path}?{shared_link.query}", HTTP_REFERER="https://l.facebook.com/"
        ).status_code
        == 200
    )
    order = guest_checkout(shopper, product)

    click = ShareClick.objects.get()
    assert Touchpoint.objects.get().share_click_ref == click.pk  # the shared link names its click
    attribution = OrderAttribution.objects.get(order=order)
    assert attribution.share_click == click
    assert (attribution.last_network, attribution.last_campaign, attribution.last_medium) == (
        "facebook",
        "share",
        "social",
    )
    row = row_for(command_rows("--format", "json"), "facebook", "share")
    assert (row["clicks"], row["visits"], row["orders"], row["revenue"]) == (1, 1, 1, "99.00")


def test_the_visit_survives_login_and_basket_merge(shopper, shipping_country):
    customer = get_user_model().objects.create_user("jeanne", "jeanne@example.fr", "secret-pw")
    product = create_product(title="Bougie", price="25.00")
    shopper.get("/?utm_source=instagram&utm_campaign=printemps")
    shopper.post(f"/basket/add/{product.pk}/", {"quantity": 2})  # an anonymous basket
    log_in(shopper, "jeanne@example.fr", "secret-pw")  # Oscar merges it into the customer's
    assert shopper.get("/checkout/").status_code == 302
    place_order(shopper)

    order = Order.objects.get(user=customer)
    assert order.total_incl_tax == Decimal("50.00")
    attribution = OrderAttribution.objects.get(order=order)
    assert (attribution.last_network, attribution.last_campaign, attribution.revenue) == (
        "instagram",
        "printemps",
        Decimal("50.00"),
    )


def test_a_visit_on_the_phone_counts_for_an_order_on_the_computer(shopper, shipping_country):
    customer = get_user_model().objects.create_user("jeanne", "jeanne@example.fr", "secret-pw")
    product = create_product(title="Bougie", price="25.00")
    shopper.get("/?utm_source=tiktok&utm_campaign=unboxing")
    log_in(shopper, "jeanne@example.fr", "secret-pw")  # links the phone's visits to the customer

    computer = Client(headers={"user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0"})
    log_in(computer, "jeanne@example.fr", "secret-pw")
    computer.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    computer.get("/checkout/")
    place_order(computer)
    attribution = OrderAttribution.objects.get(order__user=customer)
    assert (attribution.last_network, attribution.last_campaign) == ("tiktok", "unboxing")


def test_a_click_and_collect_order_is_attributed_to_its_shop(shopper, shipping_country):
    """Through the real click-and-collect checkout: the pickup is recorded after Oscar's order-placed signal,
    in the placement transaction; the attribution picks its shop up when that row is saved."""
    stores = create_stores()
    product = standalone("Robe en lin")
    set_stock(stores["LYS-01"], product, 3)
    shopper.get("/?utm_source=facebook&utm_campaign=x")
    shopper.post(f"/basket/add/{product.pk}/", {"quantity": 2})
    shopper.post("/checkout/", {"username": "guest@example.fr", "options": "anonymous"})
    response = shopper.post(
        "/checkout/shipping-address/",
        {"first_name": "Jeanne", "last_name": "Durand", "line1": "3 rue de la République", "line4": "Lyon",
         "postcode": "69002", "country": "FR"},
    )  # fmt: skip
    assert response.status_code == 302
    shopper.get("/checkout/shipping-method/")
    response = shopper.post(
        "/checkout/shipping-method/", {"method_code": f"click-and-collect-{stores['LYS-01'].pk}"}
    )
    assert response.status_code == 302
    assert shopper.get("/checkout/preview/").status_code == 200
    response = shopper.post("/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 302 and response.url.endswith("/checkout/thank-you/")

    order = Order.objects.get()
    assert OrderPickup.objects.get(order=order).store == stores["LYS-01"]
    attribution = OrderAttribution.objects.get(order=order)
    assert attribution.pickup_store == stores["LYS-01"] and attribution.last_network == "facebook"
    rows = command_rows("--by", "network,campaign,pickup_store")
    row = next(row for row in rows if row["pickup_store"] == "LYS-01")
    assert (row["network"], row["campaign"], row["orders"], row["revenue"]) == (
        "facebook",
        "x",
        1,
        str(order.total_incl_tax),
    )
    assert row["pickup_store_name"] == "Lyon Part-Dieu"


def test_a_fan_order_at_a_flash_price_is_attributed_to_the_sale(shopper, django_capture_on_commit_callbacks):
    """Through the real flash-sale checkout: the holds are consumed after Oscar's order-placed signal, in the
    same transaction; the attribution finds the sale once it commits."""
    product = product_on_sale(price="100.00", stock=10)
    sale = create_sale([product], unit_cap=10, per_customer_cap=2)  # 30 % off
    shopper.force_login(create_customer("fan"))
    shopper.get(
        f"{sale.get_absolute_url()}?utm_source=instagram&utm_medium=social&utm_campaign=flash-{sale.slug}"
    )
    shopper.post(f"/basket/add/{product.pk}/", {"quantity": 2})
    go_to_preview(shopper)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit_order(shopper).status_code == 302

    attribution = OrderAttribution.objects.get()
    assert attribution.flash_sale == sale
    assert (attribution.last_network, attribution.revenue) == ("instagram", Decimal("140.00"))
    rows = command_rows("--by", "flash_sale")
    row = next(row for row in rows if row["flash_sale"] == sale.slug)
    assert (row["visits"], row["orders"], row["revenue"]) == (1, 1, "140.00")
