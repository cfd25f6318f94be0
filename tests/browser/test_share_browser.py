"""Share buttons in a real Chromium: no third-party request at page load, the Pinterest button through our
endpoint to Pinterest (intercepted, never fetched), copy-link, Web Share, Mastodon, and no-JS links."""

import html
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from socialshop.models import ShareClick
from tests.factories import create_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def product():
    return create_product(title="Robe portefeuille « lin » & <soie>", price="89.00", image_size=(1000, 1400))


def fake_site(route):
    """Answer for a network's site without leaving the machine."""
    route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>intercepted</title>")


def pass_through_our_endpoint(context, live_server, log):
    """Let our /share/ endpoint answer for real, then go on to its Location.

    Playwright never routes the target of a redirect (only the first URL of a chain), so the 302 would
    reach the network for real. Here the endpoint's true answer is fetched (not followed), logged, and
    replayed as a page that navigates to the same Location: a new navigation, which routes do intercept.
    """

    def handler(route):
        response = route.fetch(max_redirects=0)
        location = response.headers.get("location", "")
        log.append((route.request.url, response.status, location))
        if response.status != 302:
            route.fulfill(response=response)
            return
        body = f'<!doctype html><meta http-equiv="refresh" content="0;url={html.escape(location)}">'
        route.fulfill(status=200, content_type="text/html", body=body)

    context.route(live_server.url + "/share/**", handler)
    context.on("requestfailed", lambda request: log.append(("FAILED", request.url, request.failure)))


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_product_page_requests_nothing_but_the_shop(live_server, page_factory, artifacts_dir, product):
    page = page_factory(locale="fr-FR")
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + product.get_absolute_url(), wait_until="networkidle")
    page.locator("#product_gallery .carousel-item img").first.hover()  # shows our Pin-it button
    page.wait_for_timeout(300)

    shop = urlsplit(live_server.url).netloc
    assert requested and all(urlsplit(url).netloc == shop for url in requested), [
        url for url in requested if urlsplit(url).netloc != shop
    ]
    assert any(url.endswith("socialshop/share.js") for url in requested)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("nav[data-socialshop-share] a").count() == 10
    assert page.locator(".socialshop-pinit").first.is_visible()
    page.screenshot(path=str(artifacts_dir / "share-buttons-product-page.png"), full_page=True)


def test_pinterest_button_goes_through_our_endpoint_to_pinterest(live_server, page_factory, product):
    page = page_factory()
    context, endpoint, pinterest = page.context, [], []
    pass_through_our_endpoint(context, live_server, endpoint)

    def at_pinterest(route):
        pinterest.append(route.request.url)
        fake_site(route)

    context.route("https://www.pinterest.com/**", at_pinterest)
    page.goto(live_server.url + product.get_absolute_url())

    with page.expect_popup() as popup_info:  # share.js opens the network in a small window
        page.get_by_role("link", name="Pinterest").click()
    popup = popup_info.value
    popup.wait_for_url("https://www.pinterest.com/pin/create/button/?**")

    assert len(endpoint) == 1, endpoint  # and no failed request: nothing tried to leave the machine
    url, status, location = endpoint[0]
    assert url.startswith(live_server.url + "/share/pinterest/") and status == 302
    assert pinterest == [location]
    query = parse_qs(urlsplit(location).query)
    media = urlsplit(query["media"][0])
    assert media.scheme == "http" and media.netloc == urlsplit(live_server.url).netloc  # absolute, ours
    assert media.path.endswith(".jpg")
    shared = urlsplit(query["url"][0])
    assert shared.path == product.get_absolute_url()
    assert parse_qs(shared.query)["utm_source"] == ["pinterest"]
    assert query["description"][0].startswith("Robe portefeuille « lin » & <soie>")
    assert ShareClick.objects.filter(network="pinterest", object_id=product.pk).count() == 1


def test_copy_link_puts_the_tagged_url_on_the_clipboard(live_server, page_factory, product):
    page = page_factory(permissions=["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + product.get_absolute_url())
    page.get_by_role("link", name="Copy link").click()

    status = page.locator("nav[data-socialshop-share] [role=status]")
    status.filter(has_text="Link copied").wait_for()
    copied = urlsplit(page.evaluate("navigator.clipboard.readText()"))
    assert f"{copied.scheme}://{copied.netloc}" == live_server.url
    assert copied.path == product.get_absolute_url()
    assert parse_qs(copied.query) == {
        "utm_source": ["copy"],
        "utm_medium": ["social"],
        "utm_campaign": ["share"],
    }
    assert page.url == live_server.url + product.get_absolute_url()  # stayed on the page
    assert wait_for(lambda: ShareClick.objects.filter(network="copy").count() == 1)


def test_native_share_sheet_where_the_browser_has_one(live_server, page_factory, product):
    page = page_factory()
    page.add_init_script(
        "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
        "navigator.canShare = () => true;"
    )
    page.goto(live_server.url + product.get_absolute_url())
    button = page.get_by_role("button", name="Share…")
    assert button.is_visible()
    button.click()
    shared = page.wait_for_function("window.__shared").json_value()
    assert shared["title"].startswith("Robe portefeuille")
    assert parse_qs(urlsplit(shared["url"]).query)["utm_source"] == ["native"]
    assert wait_for(lambda: ShareClick.objects.filter(network="native").count() == 1)


def test_no_native_button_without_web_share(live_server, page_factory, product):
    page = page_factory()
    page.add_init_script("delete Navigator.prototype.share; delete Navigator.prototype.canShare;")
    page.goto(live_server.url + product.get_absolute_url())
    assert page.locator("[data-share-kind=native]").is_hidden()


def test_mastodon_asks_for_the_server_once(live_server, page_factory, product):
    page = page_factory()
    endpoint = []
    pass_through_our_endpoint(page.context, live_server, endpoint)
    page.context.route("https://piaille.fr/**", fake_site)
    prompts = []

    def answer(dialog):
        prompts.append(dialog.message)
        dialog.accept("@camille@Piaille.fr")

    page.on("dialog", answer)
    page.goto(live_server.url + product.get_absolute_url())
    for _ in range(2):
        with page.expect_popup() as popup_info:
            page.get_by_role("link", name="Mastodon").click()
        popup = popup_info.value
        popup.wait_for_url("https://piaille.fr/share?**")
        text = parse_qs(urlsplit(popup.url).query)["text"][0]
        assert "utm_source=mastodon" in text
        popup.close()
    assert len(prompts) == 1
    assert [parse_qs(urlsplit(url).query)["instance"] for url, _status, _location in endpoint] == [
        ["piaille.fr"],
        ["piaille.fr"],
    ]
    assert page.evaluate("localStorage.getItem('socialshop.mastodon')") == "piaille.fr"


def test_links_work_without_javascript(live_server, page_factory, product):
    page = page_factory(java_script_enabled=False)
    endpoint = []
    pass_through_our_endpoint(page.context, live_server, endpoint)
    page.context.route("https://www.facebook.com/**", fake_site)
    page.goto(live_server.url + product.get_absolute_url())
    assert page.locator("[data-share-kind=native]").is_hidden()
    with page.expect_popup() as popup_info:  # a plain target=_blank link
        page.get_by_role("link", name="Facebook").click()
    popup = popup_info.value
    popup.wait_for_url("https://www.facebook.com/sharer/sharer.php?**")
    assert popup.title() == "intercepted"
    assert len(endpoint) == 1 and endpoint[0][1] == 302 and endpoint[0][2] == popup.url
    shared = urlsplit(parse_qs(urlsplit(popup.url).query)["u"][0])
    assert shared.path == product.get_absolute_url()
    assert ShareClick.objects.filter(network="facebook").count() == 1


def test_buttons_have_a_visible_keyboard_focus(live_server, page_factory, product):
    page = page_factory()
    page.goto(live_server.url + product.get_absolute_url())
    link = page.get_by_role("link", name="Facebook")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    style = link.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] != "none" and style[1] != "0px"
    pin = page.locator(".socialshop-pinit").first
    assert pin.get_attribute("aria-label") == "Pin it – Robe portefeuille « lin » & <soie>"  # which image
    pin.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.wait_for_function("el => getComputedStyle(el).opacity === '1'", arg=pin.element_handle())
