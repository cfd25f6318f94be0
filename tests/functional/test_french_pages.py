"""Shopper pages speak the visitor's language (Accept-Language): French from the compiled catalogues, English
otherwise, including the texts the scripts read from data attributes."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from tests.factories import create_product
from tests.flashsale_factories import create_customer, create_sale, product_on_sale
from tests.stores_data import create_stores, set_stock

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def visitor(language):
    return Client(HTTP_USER_AGENT=BROWSER, HTTP_ACCEPT_LANGUAGE=language)


def soup_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return " ".join(element.get_text().split())


@pytest.fixture
def product():
    stores = create_stores()
    product = create_product(title="Robe en lin", num_in_stock=10)  # with an image, so a Pin it button
    set_stock(stores["LYS-01"], product, 10)
    set_stock(stores["LYS-02"], product, 1)
    return product


PRODUCT_PAGE = {
    "fr": {
        "share": "Partager",
        "copy": "Copier le lien",
        "copied": "Lien copié",
        "pin": "Épingler",
        "stores": "Vérifier la disponibilité en magasin",
        "locate": "Utiliser ma position",
        "today": "Aujourd’hui\u00a0:",
        "searching": "Recherche en cours…",
    },
    "en": {
        "share": "Share",
        "copy": "Copy link",
        "copied": "Link copied",
        "pin": "Pin it",
        "stores": "Check in-store availability",
        "locate": "Use my location",
        "today": "Today:",
        "searching": "Searching…",
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_product_page_share_bar_and_store_widget(product, language):
    words = PRODUCT_PAGE[language]
    page = soup_of(visitor(language), product.get_absolute_url())

    assert page.html["lang"] == language
    bar = page.select_one("[data-socialshop-share]")
    assert bar["aria-label"] == words["share"]
    assert bar["data-copied"] == words["copied"]
    copy = bar.select_one("[data-share-kind=copy] .socialshop-share__label")
    assert text(copy) == words["copy"]
    assert page.select_one("img[data-socialshop-pin]")["data-socialshop-pin-label"] == words["pin"]

    widget = page.select_one("[data-socialshop-stores]")
    assert text(widget.h2) == words["stores"]
    assert text(widget.select_one("[data-locate]")) == words["locate"]
    results = widget.select_one(".socialshop-stores-results")
    assert results["data-i18n-today"] == words["today"]
    assert results["data-i18n-searching"] == words["searching"]


STORE_LIST = {
    "fr": ("En stock (10)", "Plus que 1 en stock", "Retrait sous 2\u00a0heures", "Choisir ce magasin"),
    "en": ("In stock (10)", "Only 1 left", "Ready in 2 hours", "Choose this shop"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_store_availability_without_javascript(product, language):
    in_stock, low, ready, choose = STORE_LIST[language]
    page = soup_of(visitor(language), "/stores/availability/list/", product=product.pk, q="69003")
    first, second = page.select("li.socialshop-store")[:2]
    assert in_stock in text(first) and low in text(second)
    assert ready.replace("\u00a0", " ") in text(first)
    assert choose in text(first.find("form"))


FLASH_PAGE = {
    "fr": {
        "state": "En cours",
        "fans": "Réservée à nos fans",
        "day": "j",
        "buy": "Ajouter au panier au prix fan",
    },
    "en": {
        "state": "Live",
        "fans": "Reserved for our fans",
        "day": "d",
        "buy": "Add to basket at the fan price",
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_flash_sale_page(language):
    words = FLASH_PAGE[language]
    sale = create_sale([product_on_sale(price="100.00", stock=20, title="Trench beige")], slug="fans-trench")
    page = soup_of(visitor(language), sale.get_absolute_url())

    # "Live" alone is Wagtail's msgid for a published page ("Publié"): the sale's state has its own context.
    assert text(page.select_one("[data-flash-state]")) == words["state"]
    assert text(page.select_one(".socialshop-flash-unlock h2")) == words["fans"]
    assert page.select_one("time[data-socialshop-countdown]")["data-day-suffix"] == words["day"]

    fan = visitor(language)
    fan.force_login(create_customer("fan"))
    page = soup_of(fan, sale.get_absolute_url())
    buy = page.select_one(".socialshop-flash-sale form button[type=submit]")
    assert text(buy) == words["buy"]
