"""The sale landing page, its status endpoint and unlock links, through HTTP."""

import json
from datetime import timedelta
from decimal import Decimal

import extruct
import pytest
from django.utils import timezone

from socialshop.models import FlashSale, UnlockRedemption
from socialshop.services import flashsale_pages, flashsales
from tests.flashsale_factories import create_customer, create_sale, product_on_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return product_on_sale(price="100.00", stock=20, title="Trench beige")


@pytest.fixture
def sale(product):
    return create_sale(
        [product], slug="fans-trench", unit_cap=25, share_message="Le trench à -30 % pour nos fans"
    )


def test_the_detail_url_contains_flash_sales(sale):
    assert "/flash-sales/fans-trench/" in sale.get_absolute_url()


def test_visitors_see_the_unlock_call_to_action_and_no_flash_price(client, sale):
    response = client.get(sale.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "70,00" not in html and "70.00" not in html
    assert 'action="/social/login/demo/"' in html and 'name="next" value="/flash-sales/fans-trench/"' in html
    assert 'method="post"' in html
    assert response.context["remaining"] == 25


def test_fans_see_the_flash_price(client, sale):
    client.force_login(create_customer("fan"))
    response = client.get(sale.get_absolute_url())
    assert response.context["eligible"]
    assert response.context["rows"][0].flash_price == Decimal("70.00")
    assert "data-flash-price" in response.content.decode()


def test_the_page_has_social_metadata(client, sale):
    response = client.get(sale.get_absolute_url())
    data = extruct.extract(response.content.decode(), base_url="http://testserver/", syntaxes=["opengraph"])
    og = dict(data["opengraph"][0]["properties"])
    assert og["og:title"] == sale.name
    assert og["og:url"].endswith("/flash-sales/fans-trench/")
    assert og["og:description"].startswith("Le trench")


def test_a_sale_before_its_teaser_is_not_found(client, product):
    later = timezone.now() + timedelta(days=3)
    sale = create_sale([product], slug="later", starts_at=later, ends_at=later + timedelta(days=1))
    assert client.get(sale.get_absolute_url()).status_code == 404
    FlashSale.objects.filter(pk=sale.pk).update(teaser_starts_at=timezone.now() - timedelta(hours=1))
    response = client.get(sale.get_absolute_url())
    assert response.status_code == 200 and response.context["state"] == "scheduled"


def test_status_endpoint(client, sale, product):
    response = client.get(f"/flash-sales/{sale.slug}/status.json")
    assert response.status_code == 200
    assert "max-age=1" in response["Cache-Control"]
    status = json.loads(response.content)
    assert status == {
        "state": "live",
        "starts_at": sale.starts_at.isoformat(),
        "ends_at": sale.ends_at.isoformat(),
        "cap": 25,
        "remaining": 25,
        "products": [product.pk],
    }


def test_status_counts_only_live_holds(client, sale, product):
    fan = create_customer("fan")
    flashsales.take_hold(
        sale,
        user=fan,
        basket_id=1,
        line_id=1,
        product=product,
        quantity=2,
        unit_price=Decimal("70"),
        now=timezone.now() - timedelta(hours=1),
    )
    assert json.loads(client.get(f"/flash-sales/{sale.slug}/status.json").content)["remaining"] == 25


def test_unlock_link_for_a_sale_only_audience(client, product):
    sale = create_sale([product], slug="vip", audience=FlashSale.UNLOCK_LINK)
    customer = create_customer("nofan", fan_of=())
    url = flashsale_pages.unlock_url(sale)
    assert "utm_campaign=flash-vip" in url and "utm_medium=unlock-link" in url
    path = url.split("testserver", 1)[1]
    response = client.get(path)  # anonymous: sign in, then come back
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")
    client.force_login(customer)
    assert not flashsales.is_eligible(sale, customer)
    response = client.get(path)
    assert response.status_code == 302 and response.url == sale.get_absolute_url()
    assert flashsales.is_eligible(sale, customer)


def test_a_tampered_unlock_token_is_refused(client, product):
    sale = create_sale([product], slug="vip", audience=FlashSale.UNLOCK_LINK)
    client.force_login(create_customer("nofan", fan_of=()))
    token = flashsales.unlock_token(sale)
    response = client.get(f"/flash-sales/vip/unlock/{token[:-3]}abc/")
    assert response.status_code == 400
    assert not UnlockRedemption.objects.exists()


def test_an_unlock_token_cannot_open_another_sale(client, product):
    vip = create_sale([product], slug="vip", audience=FlashSale.UNLOCK_LINK)
    other = create_sale([product_on_sale(title="Autre")], slug="other", audience=FlashSale.UNLOCK_LINK)
    client.force_login(create_customer("nofan", fan_of=()))
    response = client.get(f"/flash-sales/{other.slug}/unlock/{flashsales.unlock_token(vip)}/")
    assert response.status_code == 400
    assert not UnlockRedemption.objects.exists()


def test_another_customer_s_personal_unlock_link_is_refused(client, product):
    sale = create_sale([product], slug="vip", audience=FlashSale.UNLOCK_LINK)
    alice, bruno = create_customer("alice", fan_of=()), create_customer("bruno", fan_of=())
    client.force_login(bruno)
    response = client.get(f"/flash-sales/vip/unlock/{flashsales.unlock_token(sale, alice)}/")
    assert response.status_code == 400
    assert not flashsales.is_eligible(sale, bruno)
    client.force_login(alice)
    assert client.get(f"/flash-sales/vip/unlock/{flashsales.unlock_token(sale, alice)}/").status_code == 302
    assert flashsales.is_eligible(sale, alice)


def test_unlock_links_expire_with_the_sale(client, product):
    sale = create_sale([product], slug="vip", audience=FlashSale.UNLOCK_LINK)
    token = flashsales.unlock_token(sale)
    FlashSale.objects.filter(pk=sale.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(create_customer("late", fan_of=()))
    assert client.get(f"/flash-sales/vip/unlock/{token}/").status_code == 400


def test_connecting_the_demo_account_makes_a_fan_and_returns_to_the_sale(client, sale):
    response = client.post("/social/login/demo/", {"next": sale.get_absolute_url()})
    response = client.post(response.url, {"name": "Camille Demo", "email": "camille@example.fr"})
    response = client.get(response.url)
    assert response.status_code == 302 and response.url == sale.get_absolute_url()
    response = client.get(response.url)
    assert response.context["eligible"]


def test_badge_on_product_page_listing_tag(sale, product):
    from django.template import Context, Template

    html = Template("{% load socialshop_flash %}{% socialshop_flash_badge product %}").render(
        Context({"product": product})
    )
    assert sale.get_absolute_url() in html
    other = product_on_sale(title="Sans promo")
    assert (
        Template("{% load socialshop_flash %}{% socialshop_flash_badge p %}")
        .render(Context({"p": other}))
        .strip()
        == ""
    )


def test_badge_on_the_sandbox_product_page_and_listing(client, sale, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'href="{sale.get_absolute_url()}"' in html
    html = client.get("/").content.decode()  # the home page lists new products with Oscar's product card
    assert f'href="{sale.get_absolute_url()}"' in html
