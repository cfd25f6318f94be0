"""Stores, stock and hours around Lyon and Paris for the click-and-collect tests."""

import datetime

from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from socialshop.models import Store, StoreOpeningPeriod, StoreStock
from tests.factories import create_product

Product = get_model("catalogue", "Product")

# reference, name, postcode, city, latitude, longitude
STORES = [
    ("LYS-01", "Lyon Part-Dieu", "69003", "Lyon", 45.7606, 4.8593),
    ("LYS-02", "Lyon Presqu'île", "69002", "Lyon", 45.7578, 4.8320),
    ("VIL-01", "Villeurbanne Gratte-Ciel", "69100", "Villeurbanne", 45.7700, 4.8800),
    ("STE-01", "Saint-Étienne Centre", "42000", "Saint-Étienne", 45.4397, 4.3872),
    ("PAR-01", "Paris Rivoli", "75001", "Paris", 48.8600, 2.3400),
    ("GRE-01", "Grenoble Victor-Hugo", "38000", "Grenoble", 45.1885, 5.7245),
]


def create_stores(**overrides):
    stores = {}
    for reference, name, postcode, city, lat, lng in STORES:
        store = Store.objects.create(
            reference=reference,
            name=name,
            slug=reference.lower(),
            address=f"1 rue de {city}",
            postcode=postcode,
            city=city,
            country="FR",
            latitude=lat,
            longitude=lng,
            phone="+33 4 00 00 00 00",
            **overrides,
        )
        for weekday in range(6):  # Monday to Saturday, with a lunch break
            StoreOpeningPeriod.objects.create(
                store=store, weekday=weekday, opens=datetime.time(10), closes=datetime.time(13)
            )
            StoreOpeningPeriod.objects.create(
                store=store, weekday=weekday, opens=datetime.time(14), closes=datetime.time(19)
            )
        stores[reference] = store
    return stores


def set_stock(store, product, in_stock, reserved=0):
    StoreStock.objects.update_or_create(
        store=store, product=product, defaults={"num_in_stock": in_stock, "num_reserved": reserved}
    )


def create_parent_with_variants(title="Marinière", sizes=("S", "M")):
    product_class = oscar_factories.ProductClassFactory(name="Vêtements", requires_shipping=True)
    parent = oscar_factories.create_product(
        title=title, structure=Product.PARENT, product_class=product_class
    )
    children = []
    for size in sizes:
        child = oscar_factories.create_product(
            title=f"{title} {size}", parent=parent, structure=Product.CHILD, price=49, num_in_stock=5
        )
        children.append(child)
    return parent, children


def standalone(title="Robe en lin", num_in_stock=10):
    return create_product(title=title, image_size=None, num_in_stock=num_in_stock)
