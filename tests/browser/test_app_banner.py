"""The app banner, the desktop QR code and the flyer in a real Chromium, on emulated devices."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from PIL import Image

from socialshop.models import AppPromoEvent
from tests.factories import create_product
from tests.qr import decode_image
from tests.unit.app_user_agents import IPHONE_SAFARI, MATRIX

pytestmark = pytest.mark.django_db(transaction=True)

# Playwright's "Pixel 7" and "iPhone 14" device descriptors, written out (the fixtures hand us a browser,
# not the Playwright instance that holds the descriptor table).
PIXEL_7 = {
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.33 Mobile Safari/537.36",
    "viewport": {"width": 412, "height": 839},
    "screen": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
}
IPHONE_14 = {
    "user_agent": IPHONE_SAFARI,
    "viewport": {"width": 390, "height": 664},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"user_agent": MATRIX[-3][1], "viewport": {"width": 1280, "height": 900}}
BANNER = "#socialshop-app-banner"


@pytest.fixture
def product():
    return create_product(title="Robe portefeuille en lin", price="89.00")


def offline(page, live_server):
    """Answer every request outside the live server ourselves (stores, intent: URLs): no traffic leaves."""
    origin = live_server.url

    def handle(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            route.fulfill(status=200, content_type="text/html", body="<title>store</title>store")

    page.route("**/*", handle)


def decision(page):
    return page.get_attribute(BANNER, "data-decision")


def test_android_phone_banner_shows_dismisses_and_stays_dismissed(
    live_server, page_factory, product, artifacts_dir
):
    page = page_factory(**PIXEL_7)
    offline(page, live_server)
    page.goto(live_server.url + product.get_absolute_url())

    banner = page.locator(BANNER)
    banner.wait_for(state="visible")
    assert decision(page) == "show"
    assert banner.get_by_role("link", name="Open in app").is_visible()
    assert banner.get_by_role("link", name="Install").is_visible()
    for link in banner.get_by_role("link").all():
        assert parse_qs(urlsplit(link.get_attribute("href")).query)["platform"] == ["android"]
    # A landmark with a name, at the bottom of the viewport, floating over the page.
    assert page.get_by_role("complementary", name="Maison Lumière").is_visible()
    box = banner.bounding_box()
    assert abs(box["y"] + box["height"] - PIXEL_7["viewport"]["height"]) < 1
    assert page.evaluate(f"getComputedStyle(document.querySelector('{BANNER}')).position") == "fixed"
    page.screenshot(path=str(artifacts_dir / "app-banner-pixel7.png"))

    # No layout shift: the page's content sits exactly where it sits without the banner.
    shift = page.evaluate(
        """() => {
            const banner = document.querySelector('#socialshop-app-banner');
            const top = () => document.querySelector('h1').getBoundingClientRect().top;
            const shown = top();
            banner.hidden = true;
            const hidden = top();
            banner.hidden = false;
            return shown - hidden;
        }"""
    )
    assert shift == 0

    banner.get_by_role("button", name="Close the app banner").click()
    assert banner.is_hidden()
    page.reload()
    page.wait_for_function(f"document.querySelector('{BANNER}').dataset.decision")
    assert decision(page) == "dismissed" and banner.is_hidden()
    page.goto(live_server.url + "/")
    page.wait_for_function(f"document.querySelector('{BANNER}').dataset.decision")
    assert decision(page) == "dismissed" and banner.is_hidden()


def test_install_tap_is_counted_and_starts_the_click_cooldown(live_server, page_factory, product):
    page = page_factory(**PIXEL_7)
    offline(page, live_server)
    page.goto(live_server.url + product.get_absolute_url())
    page.locator(BANNER).get_by_role("link", name="Install").click()
    page.wait_for_url("https://play.google.com/**")
    assert parse_qs(urlsplit(page.url).query)["id"] == ["fr.maisonlumiere.app"]
    (event,) = AppPromoEvent.objects.all()
    assert (event.kind, event.platform, event.path) == ("install", "android", product.get_absolute_url())

    page.goto(live_server.url + product.get_absolute_url())
    page.wait_for_function(f"document.querySelector('{BANNER}').dataset.decision")
    assert decision(page) == "clicked"


def test_frequency_cap(live_server, page_factory):
    page = page_factory(**PIXEL_7)
    offline(page, live_server)
    decisions = []
    for _ in range(6):
        page.goto(live_server.url + "/")
        page.wait_for_function(f"document.querySelector('{BANNER}').dataset.decision")
        decisions.append(decision(page))
    assert decisions == ["show"] * 5 + ["capped"]


def test_escape_closes_the_banner(live_server, page_factory):
    page = page_factory(**PIXEL_7)
    offline(page, live_server)
    page.goto(live_server.url + "/")
    page.locator(BANNER).wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.locator(BANNER).is_hidden()


def test_iphone_safari_gets_apples_banner_not_ours(live_server, page_factory, product):
    page = page_factory(**IPHONE_14)
    offline(page, live_server)
    page.goto(live_server.url + product.get_absolute_url())
    page.wait_for_function(f"document.querySelector('{BANNER}').dataset.decision")
    assert decision(page) == "native-banner" and page.locator(BANNER).is_hidden()
    content = page.get_attribute('meta[name="apple-itunes-app"]', "content")
    assert content == "app-id=1234567890, app-argument=maisonlumiere:/" + product.get_absolute_url()


def test_standalone_web_app_gets_no_banner(live_server, page_factory):
    page = page_factory(**PIXEL_7)
    offline(page, live_server)
    # Launched from the home screen: Chromium reports display-mode standalone.
    page.add_init_script(
        """const original = window.matchMedia.bind(window);
           window.matchMedia = q => q.includes('display-mode: standalone')
               ? {matches: true, media: q, addEventListener() {}, removeEventListener() {}} : original(q);"""
    )
    page.goto(live_server.url + "/")
    page.wait_for_function(f"document.querySelector('{BANNER}').dataset.decision")
    assert decision(page) == "standalone" and page.locator(BANNER).is_hidden()


def test_desktop_gets_a_qr_code_that_decodes_to_the_counted_app_link(
    live_server, page_factory, artifacts_dir
):
    page = page_factory(**DESKTOP)
    offline(page, live_server)
    page.goto(live_server.url + "/")
    page.wait_for_function(f"document.querySelector('{BANNER}').dataset.decision")
    assert decision(page) == "desktop" and page.locator(BANNER).is_hidden()

    figure = page.locator("figure.socialshop-app-qr")
    figure.scroll_into_view_if_needed()
    assert figure.is_visible()
    page.screenshot(path=str(artifacts_dir / "app-desktop-footer.png"))
    assert "Scan to get the Maison Lumière app" in figure.inner_text()
    path = artifacts_dir / "app-qr-desktop.png"
    figure.locator("svg").screenshot(path=str(path))
    (url,) = decode_image(Image.open(path))  # what a phone's camera reads off the screen
    scanned = urlsplit(url)
    assert f"{scanned.scheme}://{scanned.netloc}" == live_server.url and scanned.path == "/app/go/"
    assert parse_qs(scanned.query) == {
        "kind": ["qr_scan"], "target": ["app"],
        "utm_source": ["web"], "utm_medium": ["qr"], "utm_campaign": ["desktop"],
    }  # fmt: skip


def test_phone_does_not_show_the_desktop_qr_code(live_server, page_factory):
    page = page_factory(**PIXEL_7)
    offline(page, live_server)
    page.goto(live_server.url + "/")
    assert page.locator("figure.socialshop-app-qr").count() == 1
    assert page.locator("figure.socialshop-app-qr").is_hidden()


def staff_page(page_factory, live_server):
    staff = get_user_model().objects.create_user("staff-flyer", "staff@example.fr", "x", is_staff=True)
    client = Client()
    client.force_login(staff)
    page = page_factory()
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    offline(page, live_server)
    return page


def pdf_pages(pdf):
    """Page sizes (points) of a PDF written by Chromium: one /MediaBox per page."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(round(float(width)), round(float(height))) for width, height in boxes]


@pytest.mark.parametrize(("size", "points"), [("A4", (595, 842)), ("A5", (420, 595))])
def test_printable_flyer_is_one_page_of_the_chosen_paper(
    live_server, page_factory, product, artifacts_dir, size, points
):
    page = staff_page(page_factory, live_server)
    page.goto(
        f"{live_server.url}/dashboard/social/flyer/?target=product&product={product.pk}"
        f"&campaign=vitrine-printemps&size={size}&headline=Nouveau+%3A+la+robe+en+lin"
    )
    sheet = page.locator("article.flyer-sheet")
    assert sheet.locator("h2").inner_text() == "Nouveau : la robe en lin"
    page.screenshot(path=str(artifacts_dir / f"app-flyer-dashboard-{size}.png"), full_page=True)

    with page.context.expect_page() as popup:
        page.get_by_role("link", name="Open the printable page").click()
    printable = popup.value
    printable.wait_for_load_state()
    path = artifacts_dir / f"app-flyer-qr-{size}.png"
    printable.locator("article.flyer-sheet svg").screenshot(path=str(path))
    (url,) = decode_image(Image.open(path))
    query = parse_qs(urlsplit(url).query)
    assert query["utm_source"] == ["flyer"] and query["utm_campaign"] == ["vitrine-printemps"]

    pdf = printable.pdf(prefer_css_page_size=True)
    (artifacts_dir / f"app-flyer-{size}.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == [points]
