"""The demo shops: at least 20 across France, with hours, holidays and stock of every demo product;
loading twice changes nothing; a lookup from Lyon finds the Lyon shops."""

import datetime

import pytest
from oscar.core.loading import get_model

from sandbox.demo.catalogue import load_catalogue
from sandbox.demo.stores import easter, french_holidays, load_stores
from socialshop.models import Store, StoreOpeningPeriod, StoreSpecialDay, StoreStock
from socialshop.services.stores import nearest_stores

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Store, StoreOpeningPeriod, StoreSpecialDay, StoreStock)]


def test_demo_shops_across_france():
    load_catalogue()
    assert load_stores(datetime.date(2026, 11, 23)) == 25
    before = counts()
    assert load_stores(datetime.date(2026, 11, 23)) == 0
    assert counts() == before

    shops = Store.objects.all()
    assert shops.count() >= 20 and len({shop.city for shop in shops}) >= 18
    for shop in shops:
        assert 41.3 < shop.latitude < 51.1 and -5.2 < shop.longitude < 9.6, shop  # metropolitan France
        assert shop.opening_periods.count() >= 6
    purchasable = Product.objects.exclude(structure=Product.PARENT).count()
    assert StoreStock.objects.count() == purchasable * shops.count()
    assert (
        StoreStock.objects.filter(num_in_stock=0).exists()
        and StoreStock.objects.filter(num_in_stock__gt=5).exists()
    )
    assert StoreSpecialDay.objects.filter(store=None, date=datetime.date(2027, 7, 14)).exists()

    lyon = [m.store_id for m in nearest_stores(45.7640, 4.8357, [], 20, 5)]
    assert set(Store.objects.filter(pk__in=lyon).values_list("city", flat=True)) == {"Lyon"}


def test_french_holidays():
    assert easter(2026) == datetime.date(2026, 4, 5)
    assert easter(2027) == datetime.date(2027, 3, 28)
    assert easter(2000) == datetime.date(2000, 4, 23)
    holidays = dict(french_holidays(2026))
    assert len(holidays) == 11
    assert holidays[datetime.date(2026, 4, 6)] == "Lundi de Pâques"
    assert holidays[datetime.date(2026, 5, 14)] == "Ascension"
    assert holidays[datetime.date(2026, 5, 25)] == "Lundi de Pentecôte"
