import pytest
from django.core import mail
from django.core.management import call_command
from oscar.core.loading import get_model

from tests.factories import create_product

from .checkout_helpers import ensure_france, go_to_preview

Order = get_model("order", "Order")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipping_country():
    ensure_france()


def test_guest_checkout_places_an_order_in_euros(client, shipping_country):
    product = create_product(title="Plaid en laine", price="99.00", num_in_stock=3)
    client.post(f"/basket/add/{product.pk}/", {"quantity": 2})

    response = client.post("/checkout/", {"username": "guest@example.fr", "options": "anonymous"})
    assert response.status_code == 302 and response.url.endswith("/checkout/shipping-address/")
    go_to_preview(client)  # shipping address, the only (free) shipping method, payment details, preview
    response = client.post("/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 302 and response.url.endswith("/checkout/thank-you/")

    order = Order.objects.get()
    assert order.guest_email == "guest@example.fr"
    assert order.currency == "EUR"
    assert str(order.total_incl_tax) == "198.00"
    assert order.shipping_address.country_id == "FR"
    assert any("guest@example.fr" in message.to for message in mail.outbox)
    product.stockrecords.get().refresh_from_db()
    assert product.stockrecords.get().num_allocated == 2


def test_demo_data_configures_shipping_countries():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert Country.objects.filter(is_shipping_country=True).count() >= 5
