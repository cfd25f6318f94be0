"""Staff workflow in Oscar's dashboard: orders to prepare per shop → ready (email) → collected, or not
collected → reservation released; the "Click & collect" entry of the sandbox's Social menu."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from oscar.test.factories import UserFactory

from socialshop.models import OrderPickup, StoreStock
from socialshop.services import pickups
from tests.integration.test_pickups import order_for
from tests.stores_data import create_stores, set_stock, standalone

pytestmark = pytest.mark.django_db(transaction=True)  # the ready email is sent on commit
URL = "/dashboard/social/pickups/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def orders():
    stores = create_stores()
    dress = standalone("Robe")
    set_stock(stores["LYS-01"], dress, 5)
    set_stock(stores["PAR-01"], dress, 5)
    lyon = pickups.reserve_for_order(order_for(dress, quantity=2), stores["LYS-01"])
    paris = pickups.reserve_for_order(order_for(dress, email="paul@example.fr"), stores["PAR-01"])
    return stores, dress, lyon, paris


def rows(response):
    return [
        int(tr["data-pickup"])
        for tr in BeautifulSoup(response.content, "html.parser").select("tr[data-pickup]")
    ]


def test_only_staff(client, orders):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response.url


def test_orders_to_prepare_per_shop(staff_client, orders):
    stores, dress, lyon, paris = orders
    assert rows(staff_client.get(URL, **EN)) == [lyon.pk, paris.pk]
    assert rows(staff_client.get(URL, {"store": stores["PAR-01"].pk})) == [paris.pk]
    assert rows(staff_client.get(URL, {"q": lyon.code.lower()})) == [lyon.pk]  # typed or scanned code
    assert rows(staff_client.get(URL, {"q": paris.order.number})) == [paris.pk]
    assert rows(staff_client.get(URL, {"status": "ready"})) == []
    menu = staff_client.get("/dashboard/", **EN).content.decode()
    assert "/dashboard/social/pickups/" in menu and "Click &amp; collect" in menu


def test_ready_then_collected(staff_client, orders):
    stores, dress, lyon, paris = orders
    action = f"{URL}{lyon.pk}/ready/"
    response = staff_client.post(action, {"next": f"{URL}?store={stores['LYS-01'].pk}"}, follow=True, **EN)
    assert response.redirect_chain[-1][0] == f"{URL}?store={stores['LYS-01'].pk}"
    assert "is ready for pickup: the customer has been emailed" in response.content.decode()
    lyon.refresh_from_db()
    assert lyon.status == OrderPickup.READY and lyon.deadline is not None
    (message,) = mail.outbox
    assert message.to == ["jeanne@example.fr"] and lyon.code in message.body

    response = staff_client.post(action, follow=True, **EN)  # a second click, e.g. another tab
    assert "has already moved on" in response.content.decode()
    assert len(mail.outbox) == 1

    staff_client.post(f"{URL}{lyon.pk}/collected/")
    lyon.refresh_from_db()
    assert lyon.status == OrderPickup.COLLECTED
    row = StoreStock.objects.get(store=stores["LYS-01"], product=dress)
    assert (row.num_in_stock, row.num_reserved) == (3, 0)


def test_not_collected_releases_the_reservation(staff_client, orders):
    stores, dress, lyon, paris = orders
    response = staff_client.post(f"{URL}{paris.pk}/not-collected/", {"next": "https://evil.example/"})
    assert response.url == URL  # never an open redirect
    paris.refresh_from_db()
    assert paris.status == OrderPickup.NOT_COLLECTED
    row = StoreStock.objects.get(store=stores["PAR-01"], product=dress)
    assert (row.num_in_stock, row.num_reserved) == (5, 0)
    assert staff_client.get(f"{URL}{paris.pk}/ready/").status_code == 405
    assert staff_client.post(f"{URL}{paris.pk}/explode/").status_code == 302
    assert staff_client.post(f"{URL}999999/ready/").status_code == 404
