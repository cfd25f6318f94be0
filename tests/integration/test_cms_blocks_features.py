"""The blocks that show other socialshop features: flash sales, in-store stock, share buttons, the app."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from sandbox.blog.models import BlogIndexPage
from socialshop.models import FlashSale
from socialshop.services import appinstall
from tests.factories import create_product
from tests.flashsale_factories import create_customer, create_sale
from tests.integration.test_cms_blocks import product_block, render, shopper_request
from tests.stores_data import create_stores

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """These tests read the English texts; the French catalogue has its own tests (test_translations.py)."""
    with translation.override("en"):
        yield


def flash_block(sale):
    return {"type": "flash_sale", "value": {"sale": sale.pk if sale else None, "heading": ""}}


def test_flash_sale_block_shows_countdown_remaining_units_and_fan_call_to_action():
    sale = create_sale([create_product(title="Jean droit")], unit_cap=25, share_message="-30 % pour nos fans")

    soup = render([flash_block(sale)])

    box = soup.select_one(".socialshop-flash-block")
    assert box["data-status-url"] == reverse("socialshop:flashsale-status", kwargs={"slug": sale.slug})
    assert box.h2.get_text(strip=True) == "Vente flash fans"
    assert "-30 % pour nos fans" in box.get_text()
    countdown = box.select_one("time[data-socialshop-countdown]")
    assert countdown["datetime"] == sale.ends_at.astimezone(timezone.get_current_timezone()).isoformat()
    assert box.select_one("[data-remaining]").get_text() == "25"
    assert box.select_one("progress")["max"] == "25"
    link = box.select_one("a.btn")
    url = urlsplit(link["href"])
    assert url.path == sale.get_absolute_url()
    assert parse_qs(url.query)["utm_campaign"] == [f"flash-{sale.slug}"]
    assert "fan" in link.get_text().lower()
    assert soup.select_one('script[src$="socialshop/flashsale.js"]')


def test_flash_sale_block_tells_a_fan_to_shop():
    sale = create_sale([create_product()])
    request = shopper_request()
    request.user = create_customer("fan")
    soup = render([flash_block(sale)], request=request)
    assert soup.select_one(".socialshop-flash-block a.btn").get_text(strip=True) == "Shop at the fan price"


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ({"status": FlashSale.PAUSED}, False),
        ({"status": FlashSale.ENDED}, False),
        ({"starts_at_in": timedelta(days=2)}, False),  # not announced yet: no teaser
        ({"starts_at_in": timedelta(days=2), "teaser": True}, True),
    ],
)
def test_flash_sale_block_disappears_when_the_sale_is_not_on(change, shown):
    sale = create_sale([create_product()])
    if "status" in change:
        sale.status = change["status"]
    if "starts_at_in" in change:
        now = timezone.now()
        sale.starts_at, sale.ends_at = now + change["starts_at_in"], now + change["starts_at_in"] * 2
        sale.teaser_starts_at = now - timedelta(hours=1) if change.get("teaser") else None
    sale.save()

    soup = render([flash_block(sale)])

    assert bool(soup.select(".socialshop-flash-block")) is shown
    assert not soup.select(".socialshop-block-warning")
    if not shown:
        assert render([flash_block(sale)], preview=True).select_one(".socialshop-block-warning")


def test_flash_sale_block_of_a_deleted_sale():
    sale = create_sale([create_product()])
    raw = [flash_block(sale)]
    sale.delete()
    assert render(raw).get_text(strip=True) == ""
    assert render(raw, preview=True).select_one(".socialshop-block-warning")


def test_store_availability_block_shows_the_product_and_the_store_widget():
    create_stores()
    product = create_product(title="Sac cabas en cuir", price="149.00")

    soup = render([{"type": "store_availability", "value": {"product": product.pk, "show_product": True}}])

    assert soup.select_one(".socialshop-card__title").get_text(strip=True) == "Sac cabas en cuir"
    widget = soup.select_one("[data-socialshop-stores]")
    assert widget["id"] == f"socialshop-stores-{product.pk}"
    assert widget.select_one("form")


def test_store_availability_block_hides_without_product_or_shops():
    product = create_product()
    raw = [{"type": "store_availability", "value": {"product": product.pk}}]
    assert render(raw).get_text(strip=True) == ""  # no shop yet
    assert "click and collect" in render(raw, preview=True).select_one(".socialshop-block-warning").get_text()
    create_stores()
    product.delete()
    assert render(raw).get_text(strip=True) == ""


def test_product_block_share_buttons_share_the_product():
    product = create_product(title="Foulard en soie")
    soup = render([product_block(product, show_share_buttons=True)])
    share = soup.select_one(".socialshop-product nav[data-socialshop-share]")
    assert share is not None and share["data-share-title"] == "Foulard en soie"
    assert render([product_block(product)]).select_one("nav[data-socialshop-share]") is None


def test_share_block_shares_the_page_with_the_chosen_networks():
    page = BlogIndexPage(title="Le journal", slug="journal-test", intro="")
    Page.get_first_root_node().add_child(instance=page)
    raw = [{"type": "share", "value": {"heading": "Partagez", "networks": ["pinterest", "facebook"]}}]

    soup = render(raw, context={"page": page})

    nav = soup.select_one(".socialshop-share-block nav[data-socialshop-share]")
    assert nav["data-share-title"] == "Le journal"
    assert [a["data-share-network"] for a in nav.select("[data-share-network]")] == ["pinterest", "facebook"]
    assert nav.select_one(".socialshop-share__heading").get_text(strip=True) == "Partagez"


def app_block(product=None, qr=True):
    return {
        "type": "app_promotion",
        "value": {
            "heading": "Notre appli",
            "text": "",
            "product": product.pk if product else None,
            "show_qr_code": qr,
        },
    }


def test_app_promotion_block_has_store_badges_deep_link_and_qr_code():
    product = create_product(title="Trench-coat beige")

    soup = render([app_block(product)])

    badges = soup.select("a.socialshop-store-badge")
    assert [parse_qs(urlsplit(a["href"]).query)["platform"] for a in badges] == [["ios"], ["android"]]
    assert all(a.svg for a in badges)  # our own inline SVG, nothing fetched from the stores
    open_link = parse_qs(urlsplit(soup.select_one("a.socialshop-app-promo__open")["href"]).query)
    assert open_link["kind"] == ["open"] and open_link["path"] == [product.get_absolute_url()]
    qr = soup.select_one(".socialshop-app-promo__qr svg")
    assert qr is not None and qr.title.get_text() == "Scan to get the app"
    assert not soup.select("img[src^=http], iframe")


def test_app_promotion_qr_code_encodes_a_counted_link_to_the_product():
    product = create_product()
    soup = render([app_block(product)])
    url = appinstall.scan_url("product", product.pk, appinstall.utm("blog", "qr", "app"), shopper_request())
    expected = BeautifulSoup(appinstall.qr_svg(url, "Scan to get the app"), "html.parser").svg
    assert str(soup.select_one(".socialshop-app-promo__qr svg")) == str(expected)
    assert parse_qs(urlsplit(url).query)["target"] == ["product"]


@override_settings(SOCIALSHOP_APP_NAME="", SOCIALSHOP_APP_IOS_ID="", SOCIALSHOP_APP_ANDROID_PACKAGE="")
def test_app_promotion_block_hides_when_the_app_is_not_configured():
    assert render([app_block()]).get_text(strip=True) == ""
    assert render([app_block()], preview=True).select_one(".socialshop-block-warning")


def test_the_page_mixin_offers_the_pages_share_buttons_to_its_template():
    page = BlogIndexPage(title="Le journal", slug="journal-mixin", intro="")
    Page.get_first_root_node().add_child(instance=page)
    page.social_share_networks = "x,email"

    buttons = page.get_context(shopper_request())["page_share_buttons"]

    nav = BeautifulSoup(str(buttons), "html.parser").select_one("nav[data-socialshop-share]")
    assert nav["data-share-title"] == "Le journal"
    assert [a["data-share-network"] for a in nav.select("[data-share-network]")] == ["x", "email"]
