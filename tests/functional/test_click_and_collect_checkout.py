"""Click & collect through Oscar's real checkout (the sandbox's CheckoutConfig): pick a shop holding every
line, the order records it and the shop's stock is reserved; a shop that lost the stock refuses the order."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from oscar.core.loading import get_model

from socialshop.models import OrderPickup, StoreStock
from tests.stores_data import create_stores, set_stock, standalone

Order = get_model("order", "Order")
Country = get_model("address", "Country")
pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def france():
    cache.clear()
    Country.objects.update_or_create(
        iso_3166_1_a2="FR",
        defaults={
            "iso_3166_1_a3": "FRA",
            "iso_3166_1_numeric": "250",
            "name": "France",
            "is_shipping_country": True,
        },
    )


@pytest.fixture
def shop():
    stores = create_stores()
    dress, scarf = standalone("Robe en lin"), standalone("Foulard en soie")
    set_stock(stores["LYS-01"], dress, 3)
    set_stock(stores["LYS-01"], scarf, 5)
    set_stock(stores["LYS-02"], dress, 1)  # not enough for 2
    set_stock(stores["LYS-02"], scarf, 5)
    set_stock(stores["VIL-01"], dress, 9)  # no scarf at all
    set_stock(stores["PAR-01"], dress, 9)
    set_stock(stores["PAR-01"], scarf, 9)
    return stores, dress, scarf


def start_checkout(client, dress, scarf, postcode="69002", city="Lyon"):
    client.post(f"/basket/add/{dress.pk}/", {"quantity": 2})
    client.post(f"/basket/add/{scarf.pk}/", {"quantity": 1})
    client.post("/checkout/", {"username": "jeanne@example.fr", "options": "anonymous"})
    response = client.post(
        "/checkout/shipping-address/",
        {
            "first_name": "Jeanne",
            "last_name": "Durand",
            "line1": "3 rue de la République",
            "line4": city,
            "postcode": postcode,
            "country": "FR",
        },
    )
    assert response.status_code == 302


def offered(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [field["value"] for field in page.select("input[name=method_code]")]


def test_shopper_collects_in_a_shop_holding_every_line(client, shop):
    stores, dress, scarf = shop
    start_checkout(client, dress, scarf)
    response = client.get("/checkout/shipping-method/", **EN)
    assert response.status_code == 200
    codes = offered(response)
    # Home delivery (Oscar's default method), then the only shop within reach holding 2 dresses and a scarf
    # (Lyon Presqu'île has one dress, Villeurbanne no scarf, Paris is beyond SOCIALSHOP_STORE_MAX_RADIUS_KM).
    assert codes == ["free-shipping", f"click-and-collect-{stores['LYS-01'].pk}"]
    text = response.content.decode()
    assert (
        "Click &amp; collect at Lyon Part-Dieu" in text and "Ready in 2 hours" in text and "km away" in text
    )

    response = client.post(
        "/checkout/shipping-method/", {"method_code": f"click-and-collect-{stores['LYS-01'].pk}"}
    )
    assert response.status_code == 302 and response.url.endswith("/checkout/payment-method/")
    response = client.get("/checkout/preview/", **EN)
    assert (
        response.status_code == 200 and "Click &amp; collect at Lyon Part-Dieu" in response.content.decode()
    )
    response = client.post("/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 302 and response.url.endswith("/checkout/thank-you/")

    order = Order.objects.get()
    assert order.shipping_code == f"click-and-collect-{stores['LYS-01'].pk}"
    assert (
        order.shipping_method == "Click & collect at Lyon Part-Dieu"
        or "Lyon Part-Dieu" in order.shipping_method
    )
    pickup = OrderPickup.objects.get(order=order)
    assert pickup.store == stores["LYS-01"] and pickup.status == "to_prepare" and len(pickup.code) == 8
    reserved = dict(
        StoreStock.objects.filter(store=stores["LYS-01"]).values_list("product_id", "num_reserved")
    )
    assert reserved == {dress.pk: 2, scarf.pk: 1}
    assert sorted(pickup.lines.values_list("quantity", flat=True)) == [1, 2]
    assert StoreStock.objects.get(store=stores["LYS-02"], product=dress).num_reserved == 0


def test_order_is_refused_when_the_shop_lost_the_stock(client, shop):
    stores, dress, scarf = shop
    start_checkout(client, dress, scarf)
    client.get("/checkout/shipping-method/")
    client.post("/checkout/shipping-method/", {"method_code": f"click-and-collect-{stores['PAR-01'].pk}"})
    assert client.get("/checkout/preview/").status_code == 200
    # Meanwhile, another shopper's order reserves 8 of the 9 dresses in Paris.
    StoreStock.objects.filter(store=stores["PAR-01"], product=dress).update(num_reserved=8)
    response = client.post("/checkout/preview/", {"action": "place_order"}, **EN)
    assert response.status_code == 200
    assert "“Robe en lin” is no longer available at Paris Rivoli" in response.content.decode()
    assert not Order.objects.exists() and not OrderPickup.objects.exists()
    reserved = dict(
        StoreStock.objects.filter(store=stores["PAR-01"]).values_list("product_id", "num_reserved")
    )
    assert reserved == {dress.pk: 8, scarf.pk: 0}  # the scarf's reservation was rolled back with the order


def test_search_near_another_place_and_remembered_shop(client, shop):
    stores, dress, scarf = shop
    start_checkout(client, dress, scarf)
    codes = offered(client.get("/checkout/shipping-method/", {"near": "75001"}))
    assert codes[1] == f"click-and-collect-{stores['PAR-01'].pk}"
    client.cookies["socialshop_store"] = "PAR-01"
    codes = offered(client.get("/checkout/shipping-method/"))
    assert codes[1] == f"click-and-collect-{stores['PAR-01'].pk}"  # the remembered shop comes first


def test_a_shop_without_every_line_cannot_be_posted(client, shop):
    stores, dress, scarf = shop
    start_checkout(client, dress, scarf)
    client.get("/checkout/shipping-method/")
    for store in ("LYS-02", "VIL-01"):
        response = client.post(
            "/checkout/shipping-method/", {"method_code": f"click-and-collect-{stores[store].pk}"}
        )
        assert response.status_code == 200  # Oscar: "Your submitted shipping method is not permitted"


def test_home_delivery_is_untouched(client, shop):
    stores, dress, scarf = shop
    start_checkout(client, dress, scarf)
    client.post("/checkout/shipping-method/", {"method_code": "free-shipping"})
    response = client.post("/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 302
    assert not OrderPickup.objects.exists()
    assert not StoreStock.objects.filter(num_reserved__gt=0).exists()
