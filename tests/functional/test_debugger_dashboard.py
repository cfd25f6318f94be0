"""The sharing debugger's dashboard page: staff only, a URL checked over (mocked) network, a product of
the shop checked offline, bad input refused with field errors."""

import pytest
import responses
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from tests.debugger_pages import good_page, good_tags, jpeg_bytes, page, without
from tests.debugger_templates import INCOMPLETE, product_page_template
from tests.factories import create_product

pytestmark = pytest.mark.django_db

URL = "https://shop.example/catalogue/robe_1/"
IMAGE = "https://shop.example/media/robe.jpg"


@pytest.fixture
def debugger_url():
    return reverse("socialshop_dashboard:debugger")


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_the_page_is_in_the_social_menu(staff, debugger_url):
    html = staff.get(reverse("dashboard:index")).content.decode()
    link = BeautifulSoup(html, "html.parser").find("a", class_="dropdown-item", href=debugger_url)
    assert link is not None and link.get_text(strip=True)  # "Sharing debugger", translated once French exists


def test_staff_get_the_forms(staff, debugger_url):
    response = staff.get(debugger_url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    forms = soup.find_all("form", action=debugger_url)
    assert [form["method"] for form in forms] == ["post", "get"]
    assert forms[0].find("input", attrs={"name": "url", "type": "url"})
    assert forms[0].find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert forms[1].find("input", attrs={"name": "product"})


def test_customers_are_refused(client, django_user_model, debugger_url):
    assert client.get(debugger_url).status_code == 302  # anonymous: to the login page
    customer = django_user_model.objects.create_user(username="cliente", email="c@example.fr", password="x")
    client.force_login(customer)
    assert client.get(debugger_url).status_code == 403
    assert client.post(debugger_url, {"url": URL}).status_code == 403


def test_a_url_is_checked_and_previewed(staff, debugger_url, mocked):
    mocked.get(URL, body=page(without(good_tags(URL, IMAGE), "product:price:currency"), canonical=URL),
               content_type="text/html")  # fmt: skip
    mocked.get(IMAGE, body=jpeg_bytes((1200, 630)), content_type="image/jpeg")
    response = staff.post(debugger_url, {"url": URL})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    codes = [row["data-code"] for row in soup.select("tr.ss-finding--error")]
    assert codes == ["product-currency-missing"]
    cards = soup.select("figure.ss-card")
    assert [card.figcaption.get_text(strip=True) for card in cards] == [
        "Facebook",
        "X",
        "Pinterest",
        "LinkedIn",
    ]
    assert {card.find("img")["src"] for card in cards} == {IMAGE}
    assert cards[0].select_one(".ss-card__domain").get_text() == "SHOP.EXAMPLE"


def test_page_texts_are_escaped(staff, debugger_url, mocked):
    evil = '"><script>alert(1)</script>'
    mocked.get(URL, body=good_page(URL, IMAGE, title=evil), content_type="text/html")
    mocked.get(IMAGE, body=jpeg_bytes((1200, 630)), content_type="image/jpeg")
    html = staff.post(debugger_url, {"url": URL}).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unfetchable_page_is_one_clear_message(staff, debugger_url, mocked):
    mocked.get(URL, status=404)
    response = staff.post(debugger_url, {"url": URL})
    assert response.status_code == 200
    alert = BeautifulSoup(response.content, "html.parser").select_one(".alert-danger")
    assert f"{URL} answered HTTP 404 Not Found." in alert.get_text()


@pytest.mark.parametrize(
    "bad", ["file:///etc/passwd", "javascript:alert(1)", "ftp://shop.example/", "robe", ""]
)
def test_only_http_urls_are_accepted(staff, debugger_url, mocked, bad):
    response = staff.post(debugger_url, {"url": bad})
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select_one("#url-errors")
    assert not mocked.calls


def test_a_product_is_checked_offline(staff, debugger_url, mocked, tmp_path):
    product = create_product(title="Robe portefeuille", upc="3760000000017")
    with override_settings(TEMPLATES=product_page_template(tmp_path, INCOMPLETE)):
        response = staff.get(debugger_url, {"product": " 3760000000017 "})
    assert response.status_code == 200 and not mocked.calls
    soup = BeautifulSoup(response.content, "html.parser")
    assert [row["data-code"] for row in soup.select("tr.ss-finding--error")] == [
        "product-currency-missing",
        "product-availability-missing",
    ]
    assert f"http://testserver{product.get_absolute_url()}" in soup.select_one(".ss-debugger-url").get_text()
    # The quick links check products by id, without typing.
    assert soup.find("a", href=f"?product={product.pk}")
    assert staff.get(debugger_url, {"product": product.pk}).status_code == 200


@pytest.mark.parametrize("bad", ["nope", "99999999", "9" * 40])
def test_unknown_products_are_field_errors(staff, debugger_url, bad):
    response = staff.get(debugger_url, {"product": bad})
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select_one("#product-errors")
