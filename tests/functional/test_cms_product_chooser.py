"""The product chooser in Wagtail's admin: search by title, UPC or partner SKU, with thumbnails."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import create_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def catalogue():
    robe = create_product(title="Robe portefeuille en lin", upc="3760000000017")
    robe.stockrecords.update(partner_sku="ML-ROBE-LIN")
    caban = create_product(title="Caban en laine", upc="3760000000093")
    caban.stockrecords.update(partner_sku="ML-CABAN")
    return robe, caban


def results(client, query):
    response = client.get(reverse("socialshop_product_chooser:choose_results"), {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, [a.get_text(strip=True) for a in soup.select("a[data-chooser-modal-choice]")]


@pytest.mark.parametrize(
    "query", ["portefeuille", "ROBE PORTE", "3760000000017", "376000000001", "ml-robe", "ROBE-LIN"]
)
def test_search_by_title_upc_or_partner_sku(editor, catalogue, query):
    soup, titles = results(editor, query)
    assert titles == ["Robe portefeuille en lin"]


def test_results_show_thumbnails_upc_and_sku(editor, catalogue):
    soup, titles = results(editor, "")
    assert set(titles) == {"Robe portefeuille en lin", "Caban en laine"}
    row = next(tr for tr in soup.select("tbody tr") if "Caban" in tr.get_text())
    assert row.select_one("img")["src"].startswith("/media/")
    assert "3760000000093" in row.get_text() and "ML-CABAN" in row.get_text()


def test_the_modal_opens_with_a_search_field(editor, catalogue):
    response = editor.get(reverse("socialshop_product_chooser:choose"))
    payload = json.loads(response.content)
    soup = BeautifulSoup(payload["html"], "html.parser")
    assert soup.select_one("input#id_q[name=q]")
    assert "Robe portefeuille en lin" in soup.get_text()


def test_choosing_returns_the_title_and_upc(editor, catalogue):
    robe, _ = catalogue
    response = editor.get(reverse("socialshop_product_chooser:chosen", args=[robe.pk]))
    result = json.loads(response.content)["result"]
    assert result["id"] == str(robe.pk)
    assert result["title"] == "Robe portefeuille en lin · 3760000000017"


def test_the_chooser_is_for_editors_only(client, catalogue):
    response = client.get(reverse("socialshop_product_chooser:choose_results"), {"q": "robe"})
    assert response.status_code == 302 and "/cms/login/" in response["Location"]


def test_category_and_range_choosers_search_by_name(editor):
    from oscar.apps.catalogue.categories import create_from_breadcrumbs
    from oscar.core.loading import get_model

    create_from_breadcrumbs("Maison > Bougies")
    get_model("offer", "Range").objects.create(name="Soldes d'été")
    categories = editor.get(reverse("socialshop_category_chooser:choose_results"), {"q": "boug"})
    ranges = editor.get(reverse("socialshop_range_chooser:choose_results"), {"q": "soldes"})
    assert "Maison &gt; Bougies" in categories.content.decode()
    assert "Soldes d&#x27;été" in ranges.content.decode()
