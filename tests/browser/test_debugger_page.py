"""The sharing debugger's dashboard page in a real Chromium, JavaScript off: the four cards lay out like
the networks' (1.91:1 on Facebook, 2:1 on X, a tall pin), and a staff member can run a check."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import create_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff_page(live_server, page_factory, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@example.fr", "x")
    client = Client()
    client.force_login(admin)
    page = page_factory(locale="fr-FR", java_script_enabled=False)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def ratio(locator):
    box = locator.bounding_box()
    return box["width"] / box["height"]


def test_product_check_without_javascript(live_server, staff_page, artifacts_dir):
    product = create_product(title="Robe portefeuille en lin", upc="3760000000017")
    page = staff_page
    page.goto(f"{live_server.url}/dashboard/social/debugger/")
    page.fill("input[name=product]", "3760000000017")
    page.locator("form[method=get] button[type=submit]").click()

    page.wait_for_selector(".ss-previews")
    assert live_server.url + product.get_absolute_url() in page.locator(".ss-debugger-url").inner_text()
    cards = page.locator("figure.ss-card")
    assert cards.count() == 4
    assert [cards.nth(i).locator("figcaption").inner_text() for i in range(4)] == [
        "Facebook",
        "X",
        "Pinterest",
        "LinkedIn",
    ]
    facebook, x = (
        page.locator(".ss-card--facebook .ss-card__image"),
        page.locator(".ss-card--x .ss-card__image"),
    )
    if "ss-card--large" in (cards.nth(0).get_attribute("class") or ""):
        assert ratio(facebook) == pytest.approx(1.91, abs=0.03)
    if "ss-card--large" in (cards.nth(1).get_attribute("class") or ""):
        assert ratio(x) == pytest.approx(2.0, abs=0.03)
    page.screenshot(path=str(artifacts_dir / "sharing-debugger.png"), full_page=True)
