"""Reservations and the pickup workflow at service level: all or nothing, the safety buffer, the email with
its QR code, collected / not collected / expired, and actions that lost a race."""

import datetime
import io

import pytest
import zxingcpp
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation
from oscar.test.factories import create_order
from PIL import Image

from socialshop.models import OrderPickup, StoreStock
from socialshop.services import pickups
from tests.stores_data import create_stores, set_stock, standalone

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    stores = create_stores()
    dress, scarf = standalone("Robe"), standalone("Foulard")
    set_stock(stores["LYS-01"], dress, 3)
    set_stock(stores["LYS-01"], scarf, 1)
    return stores["LYS-01"], dress, scarf


def stock(store):
    return {
        row.product_id: (row.num_in_stock, row.num_reserved) for row in StoreStock.objects.filter(store=store)
    }


def order_for(*products, quantity=1, email="jeanne@example.fr"):
    from oscar.test.factories import create_basket

    basket = create_basket(empty=True)
    for product in products:
        basket.add_product(product, quantity)
    order = create_order(basket=basket, guest_email=email)
    return order


def test_reserve_is_all_or_nothing(shop):
    store, dress, scarf = shop
    with (
        translation.override("en"),
        pytest.raises(pickups.PickupUnavailable, match="“Foulard” is no longer available at Lyon Part-Dieu"),
    ):
        pickups.reserve_for_order(order_for(dress, scarf, quantity=2), store)
    assert stock(store) == {dress.pk: (3, 0), scarf.pk: (1, 0)}  # the dress's reservation was rolled back
    pickup = pickups.reserve_for_order(order_for(dress, scarf, quantity=1), store)
    assert stock(store) == {dress.pk: (3, 1), scarf.pk: (1, 1)}
    assert pickup.status == OrderPickup.TO_PREPARE and len(pickup.code) == 8
    assert set(pickup.code) <= set(pickups.CODE_ALPHABET)


def test_reserve_needs_a_stock_row_for_every_line(shop):
    store, dress, _scarf = shop
    other = standalone("Sans stock en boutique")
    with pytest.raises(pickups.PickupUnavailable, match="Sans stock en boutique"):
        pickups.reserve_for_order(order_for(dress, other), store)
    assert not OrderPickup.objects.exists()


@override_settings(SOCIALSHOP_STORE_SAFETY_BUFFER=1)
def test_reserve_keeps_the_safety_buffer(shop):
    store, dress, _scarf = shop
    pickups.reserve_for_order(order_for(dress, quantity=2), store)  # 3 − 1 buffer = 2
    with pytest.raises(pickups.PickupUnavailable):
        pickups.reserve_for_order(order_for(dress), store)
    assert stock(store)[dress.pk] == (3, 2)


def test_ready_emails_the_code_and_its_qr_code(shop, django_capture_on_commit_callbacks):
    store, dress, _scarf = shop
    pickup = pickups.reserve_for_order(order_for(dress), store)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        pickups.mark_ready(pickup, now)
    pickup.refresh_from_db()
    assert pickup.status == OrderPickup.READY and pickup.deadline == now + datetime.timedelta(days=7)
    (message,) = mail.outbox
    assert message.to == ["jeanne@example.fr"]
    assert pickup.order.number in message.subject and "Lyon Part-Dieu" in message.subject
    assert pickup.code in message.body
    html = message.alternatives[0][0]
    assert pickup.code in html and 'src="cid:pickup-qr"' in html
    (image,) = [
        part for part in message.attachments if getattr(part, "get_content_type", lambda: "")() == "image/png"
    ]
    assert image["Content-ID"] == "<pickup-qr>"
    png = Image.open(io.BytesIO(image.get_payload(decode=True)))
    assert png.format == "PNG" and png.size[0] == png.size[1] >= 150
    (decoded,) = zxingcpp.read_barcodes(png)  # an independent decoder reads the code back
    assert decoded.text == pickup.code and decoded.format == zxingcpp.BarcodeFormat.QRCode


def test_collected_takes_the_units_out_of_the_shop(shop):
    store, dress, scarf = shop
    pickup = pickups.reserve_for_order(order_for(dress, scarf), store)
    pickups.mark_ready(pickup)
    pickups.mark_collected(pickup)
    assert stock(store) == {dress.pk: (2, 0), scarf.pk: (0, 0)}
    with pytest.raises(pickups.WrongStatus):
        pickups.mark_collected(pickup)  # a second click does nothing
    assert stock(store) == {dress.pk: (2, 0), scarf.pk: (0, 0)}


def test_not_collected_releases_once(shop):
    store, dress, _scarf = shop
    pickup = pickups.reserve_for_order(order_for(dress, quantity=2), store)
    pickups.mark_not_collected(pickup)
    assert stock(store)[dress.pk] == (3, 0)
    with pytest.raises(pickups.WrongStatus):
        pickups.mark_not_collected(pickup)
    assert stock(store)[dress.pk] == (3, 0)
    with pytest.raises(pickups.WrongStatus):
        pickups.mark_ready(pickup)


def test_expired_pickups_are_released_by_the_command(shop):
    store, dress, _scarf = shop
    late = pickups.reserve_for_order(order_for(dress), store)
    pickups.mark_ready(late, timezone.now() - datetime.timedelta(days=8))
    waiting = pickups.reserve_for_order(order_for(dress), store)
    pickups.mark_ready(waiting)
    out = io.StringIO()
    call_command("socialshop_release_expired_pickups", stdout=out)
    assert "1 expired pickup(s) released." in out.getvalue()
    late.refresh_from_db()
    waiting.refresh_from_db()
    assert (late.status, waiting.status) == (OrderPickup.NOT_COLLECTED, OrderPickup.READY)
    assert stock(store)[dress.pk] == (3, 1)
    call_command("socialshop_release_expired_pickups", stdout=io.StringIO())
    assert stock(store)[dress.pk] == (3, 1)
