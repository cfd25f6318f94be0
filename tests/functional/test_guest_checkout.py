import pytest
from django.core import mail
from django.core.management import call_command
from oscar.core.loading import get_model

from tests.factories import create_product

Order = get_model("order", "Order")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipping_country():
    Country.objects.update_or_create(
        iso_3166_1_a2="FR",
        defaults={
            "iso_3166_1_a3": "FRA",
            "iso_3166_1_numeric": "250",
            "printable_name": "France",
            "name": "France",
            "is_shipping_country": True,
        },
    )


def test_guest_checkout_places_an_order_in_euros(client, shipping_country):
    product = create_product(title="Plaid en laine", price="99.00", num_in_stock=3)
    client.post(f"/basket/add/{product.pk}/", {"quantity": 2})

    response = client.post("/checkout/", {"username": "guest@example.fr", "options": "anonymous"})
    assert response.status_code == 302 and response.url.endswith("/checkout/shipping-address/")
    response = client.post(
        "/checkout/shipping-address/",
        {
            "first_name": "Jeanne",
            "last_name": "Durand",
            "line1": "3 rue de la République",
            "line4": "Lyon",
            "postcode": "69002",
            "country": "FR",
        },
    )
    assert response.status_code == 302
    response = client.get("/checkout/shipping-method/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/checkout/payment-details/")
    response = client.get("/checkout/preview/")
    assert response.status_code == 200
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
