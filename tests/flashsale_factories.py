"""Builders for flash-sale tests."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from socialshop.models import FanConnection, FlashSale
from tests.factories import create_product


def create_sale(products=(), slug="vente-flash", **kwargs):
    now = timezone.now()
    fields = {
        "name": "Vente flash fans",
        "slug": slug,
        "discount_type": FlashSale.PERCENTAGE,
        "discount_value": Decimal("30"),
        "starts_at": now - timedelta(hours=1),
        "ends_at": now + timedelta(days=1),
        "unit_cap": 50,
        "per_customer_cap": 2,
        "audience": FlashSale.ANY_NETWORK,
    }
    fields.update(kwargs)
    sale = FlashSale.objects.create(**fields)
    if products:
        sale.products.set(products)
    sale.refresh_from_db()
    return sale


def create_customer(username, fan_of=("facebook",), password="pw"):
    user = get_user_model().objects.create_user(username, f"{username}@example.fr", password)
    for network in fan_of:
        FanConnection.objects.create(user=user, network=network, provider=network, verified_at=timezone.now())
    return user


def product_on_sale(price="100.00", stock=100, title="Robe en lin"):
    return create_product(title=title, price=price, num_in_stock=stock, image_size=None)
