"""App-install tags, banner markup, QR codes, the click counter and the dashboard flyer, through the sandbox's
real pages. Tags are read by independent parsers (metadata_parser, extruct, BeautifulSoup), QR codes by a real
decoder (zxing-cpp)."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings

from socialshop.models import AppPromoEvent
from tests.factories import create_product
from tests.meta_oracles import read_response
from tests.qr import decode_svg
from tests.unit.app_user_agents import IPHONE_SAFARI, MATRIX, PIXEL_CHROME

pytestmark = pytest.mark.django_db

DESKTOP = MATRIX[-3][1]
NO_APP = {"SOCIALSHOP_APP_NAME": "", "SOCIALSHOP_APP_IOS_ID": "", "SOCIALSHOP_APP_ANDROID_PACKAGE": ""}
NO_APP["SOCIALSHOP_APP_ANDROID_SHA256_FINGERPRINTS"] = []


@pytest.fixture
def product():
    return create_product(title="Robe portefeuille en lin", price="89.00")


def meta(reading, name):
    values = reading.metadata["meta"].get(name)
    return values if isinstance(values, list) else [values] if values is not None else []


def single(reading, name):
    (value,) = meta(reading, name)
    return value


def itunes_content(reading):
    return dict(part.strip().split("=", 1) for part in single(reading, "apple-itunes-app").split(","))


# --- Tags in <head> ----------------------------------------------------------------------------------------


def test_product_page_carries_every_app_tag(client, product):
    response = client.get(product.get_absolute_url())
    reading = read_response(response)
    deep_link = "maisonlumiere:/" + product.get_absolute_url()  # "maisonlumiere://catalogue/…"

    assert itunes_content(reading) == {"app-id": "1234567890", "app-argument": deep_link}
    for device in ("iphone", "ipad"):
        assert single(reading, f"twitter:app:name:{device}") == "Maison Lumière"
        assert single(reading, f"twitter:app:id:{device}") == "1234567890"
        assert single(reading, f"twitter:app:url:{device}") == deep_link
    assert single(reading, "twitter:app:id:googleplay") == "fr.maisonlumiere.app"
    assert single(reading, "twitter:app:url:googleplay") == deep_link
    assert single(reading, "twitter:app:country") == "FR"
    # The app tags ride along: the card stays the product's large-image card, once.
    assert meta(reading, "twitter:card") == ["summary_large_image"]

    # App Links, read by extruct as Open Graph properties (the page declares the al: prefix) …
    assert reading.og_value("al:ios:url") == deep_link
    assert reading.og_value("al:ios:app_store_id") == "1234567890"
    assert reading.og_value("al:ios:app_name") == "Maison Lumière"
    assert reading.og_value("al:android:url") == deep_link
    assert reading.og_value("al:android:package") == "fr.maisonlumiere.app"
    assert reading.og_value("al:android:app_name") == "Maison Lumière"
    assert reading.og_value("al:web:url") == "http://testserver" + product.get_absolute_url()
    # … and by metadata_parser.
    assert single(reading, "al:ios:app_store_id") == "1234567890"

    soup = BeautifulSoup(response.content, "html.parser")
    (manifest_link,) = soup.head.find_all("link", rel="manifest")
    manifest = json.loads(client.get(manifest_link["href"]).content)
    assert manifest["prefer_related_applications"] is True


def test_blog_post_deep_link(client):
    from sandbox.demo.blog import setup_blog

    setup_blog("testserver", 80)
    reading = read_response(client.get("/blog/bienvenue/"))
    assert itunes_content(reading)["app-argument"] == "maisonlumiere://blog/bienvenue/"
    assert single(reading, "al:android:url") == "maisonlumiere://blog/bienvenue/"


def test_flash_sale_deep_link_and_sale_qr_target(client):
    from tests.flashsale_factories import create_sale

    sale = create_sale(slug="ete-fans")
    reading = read_response(client.get(sale.get_absolute_url()))
    assert itunes_content(reading)["app-argument"] == "maisonlumiere://flash-sales/ete-fans/"
    response = go(
        client, kind="qr_scan", target="sale", id=sale.pk, utm_source="flyer", utm_campaign="vitrine"
    )
    assert urlsplit(response["Location"]).path == "/flash-sales/ete-fans/"
    assert only_event().target == "sale"


def test_page_the_app_does_not_open_deep_links_to_the_apps_home(client):
    reading = read_response(client.get("/"))
    assert itunes_content(reading)["app-argument"] == "maisonlumiere://"


def test_checkout_pages_get_no_banner_of_either_kind_but_keep_app_links(client, product):
    response = client.get("/basket/")
    reading = read_response(response)
    assert meta(reading, "apple-itunes-app") == []
    assert single(reading, "al:ios:app_store_id") == "1234567890"
    assert b"socialshop-app-banner" not in response.content


@override_settings(**NO_APP)
def test_no_app_configured_means_no_tags_no_banner_no_qr(client, product):
    response = client.get(product.get_absolute_url())
    reading = read_response(response)
    assert not [
        name for name in reading.metadata["meta"] if name.startswith(("apple-", "twitter:app", "al:"))
    ]
    assert meta(reading, "twitter:card") == ["summary_large_image"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="manifest") is None
    assert soup.find(id="socialshop-app-banner") is None
    assert soup.find(class_="socialshop-qr") is None


@override_settings(SOCIALSHOP_APP_ANDROID_PACKAGE="", SOCIALSHOP_APP_ANDROID_SHA256_FINGERPRINTS=[])
def test_ios_only_app_has_no_android_tags(client, product):
    reading = read_response(client.get(product.get_absolute_url()))
    assert meta(reading, "twitter:app:id:googleplay") == [] and meta(reading, "al:android:package") == []
    assert single(reading, "twitter:app:id:iphone") == "1234567890"


# --- Banner markup --------------------------------------------------------------------------------------


def test_banner_is_hidden_markup_with_counted_links(client, product):
    soup = BeautifulSoup(client.get(product.get_absolute_url()).content, "html.parser")
    banner = soup.find(id="socialshop-app-banner")
    assert banner.name == "aside" and banner.has_attr("hidden")
    assert soup.find(id=banner["aria-labelledby"]).get_text(strip=True) == "Maison Lumière"
    assert banner.has_attr("data-ios") and banner.has_attr("data-android")
    assert (banner["data-dismiss-days"], banner["data-click-days"]) == ("30", "90")
    assert (banner["data-max-views"], banner["data-cap-days"]) == ("5", "7")
    links = {link["data-app-action"]: urlsplit(link["href"]) for link in banner.find_all("a")}
    assert set(links) == {"open", "install"}
    for action, link in links.items():
        assert link.path == "/app/go/" and not link.netloc
        assert parse_qs(link.query) == {"kind": [action], "path": [product.get_absolute_url()]}
    close = banner.find("button")
    assert close["type"] == "button" and close["aria-label"]
    assert soup.find("script", src="/static/socialshop/appbanner.js").has_attr("defer")


def test_banner_speaks_french_and_english(client, product):
    client.cookies["django_language"] = "en"
    soup = BeautifulSoup(client.get(product.get_absolute_url()).content, "html.parser")
    banner = soup.find(id="socialshop-app-banner")
    assert banner.find("a", attrs={"data-app-action": "open"}).get_text(strip=True) == "Open in app"
    assert banner.find("a", attrs={"data-app-action": "install"}).get_text(strip=True) == "Install"


def test_page_opts_out_with_a_context_variable():
    request = RequestFactory().get("/catalogue/x_1/")
    template = Template("{% load socialshop_app %}{% socialshop_app_meta %}{% socialshop_app_banner %}")
    shown = template.render(Context({"request": request}))
    hidden = template.render(Context({"request": request, "socialshop_app_banner": False}))
    assert "socialshop-app-banner" in shown and "apple-itunes-app" in shown
    assert "socialshop-app-banner" not in hidden and "apple-itunes-app" not in hidden
    assert "al:ios:url" in hidden  # App Links are not a banner


# --- The counter -----------------------------------------------------------------------------------------


def go(client, user_agent=PIXEL_CHROME, **params):
    return client.get("/app/go/", params, HTTP_USER_AGENT=user_agent)


def only_event():
    (event,) = AppPromoEvent.objects.all()
    return event


def test_install_on_android_goes_to_play_with_utm_referrer(client, product):
    response = go(client, kind="install", platform="android", path=product.get_absolute_url())
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.netloc, location.path) == ("play.google.com", "/store/apps/details")
    referrer = parse_qs(parse_qs(location.query)["referrer"][0])
    assert referrer == {"utm_source": ["web"], "utm_medium": ["app_banner"]}
    event = only_event()
    assert (event.kind, event.platform, event.path) == ("install", "android", product.get_absolute_url())
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_install_on_ios_goes_to_the_app_store(client):
    response = go(client, IPHONE_SAFARI, kind="install", path="/")  # platform guessed from the UA
    assert response["Location"] == "https://apps.apple.com/fr/app/id1234567890"
    assert only_event().platform == "ios"


def test_open_in_app(client, product):
    path = product.get_absolute_url()
    assert go(client, kind="open", platform="ios", path=path)["Location"] == "maisonlumiere:/" + path
    android = go(client, kind="open", platform="android", path=path)["Location"]
    assert android.startswith(
        "intent:/" + path + "#Intent;scheme=maisonlumiere;package=fr.maisonlumiere.app;"
    )
    assert go(client, DESKTOP, kind="open", path=path)["Location"] == path
    assert AppPromoEvent.objects.filter(kind="open").count() == 3


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "open", "path": "//evil.example/"},
        {"kind": "open", "path": "https://evil.example/"},
        {"kind": "open", "path": "/\\evil.example"},
        {"kind": "open", "path": "/x\r\nLocation: https://evil.example/"},
        {"kind": "redirect"},
        {},
        {"kind": "qr_scan", "target": "product"},
        {"kind": "qr_scan", "target": "product", "id": "x"},
        {"kind": "qr_scan", "utm_campaign": "<script>"},
        {"kind": "install", "platform": "windows"},
    ],
)
def test_bad_input_is_a_400_with_field_errors_and_no_redirect(client, params):
    response = go(client, **params)
    assert response.status_code == 400
    assert "Location" not in response
    assert json.loads(response.content)["errors"]
    assert not AppPromoEvent.objects.exists()


def test_qr_scan_of_a_product_flyer(client, product):
    response = go(
        client, IPHONE_SAFARI, kind="qr_scan", target="product", id=product.pk,
        utm_source="flyer", utm_medium="qr", utm_campaign="vitrine-printemps",
    )  # fmt: skip
    location = urlsplit(response["Location"])
    assert location.path == product.get_absolute_url()
    assert parse_qs(location.query) == {
        "utm_source": ["flyer"], "utm_medium": ["qr"], "utm_campaign": ["vitrine-printemps"],
    }  # fmt: skip
    event = only_event()
    assert (event.kind, event.target, event.object_id) == ("qr_scan", "product", product.pk)
    assert (event.utm_source, event.utm_medium, event.utm_campaign) == ("flyer", "qr", "vitrine-printemps")


def test_qr_scan_of_a_vanished_product_lands_on_the_home_page(client):
    response = go(client, kind="qr_scan", target="product", id=999999, utm_campaign="old-flyer")
    assert response.status_code == 302 and urlsplit(response["Location"]).path == "/"


@pytest.mark.parametrize(
    ("user_agent", "destination"),
    [
        (IPHONE_SAFARI, "https://apps.apple.com/fr/app/id1234567890"),
        (PIXEL_CHROME, "https://play.google.com/store/apps/details?id=fr.maisonlumiere.app"),
        (DESKTOP, "/app/"),
    ],
)
def test_qr_scan_of_the_app_picks_the_phones_store(client, user_agent, destination):
    response = go(client, user_agent, kind="qr_scan", target="app", utm_source="flyer", utm_medium="qr")
    assert response["Location"].split("&referrer=")[0].split("?")[0] == destination.split("?")[0]


def test_bots_and_prefetches_are_redirected_but_not_counted(client):
    assert go(client, "facebookexternalhit/1.1", kind="install", platform="ios").status_code == 302
    assert client.get("/app/go/", {"kind": "install"}, HTTP_SEC_PURPOSE="prefetch").status_code == 302
    assert client.head("/app/go/", {"kind": "install"}, HTTP_USER_AGENT=PIXEL_CHROME).status_code == 302
    assert not AppPromoEvent.objects.exists()


def test_beacon_post_counts_without_csrf_token(product):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/app/go/?kind=install&platform=android&beacon=1&path=" + product.get_absolute_url(),
        HTTP_USER_AGENT=PIXEL_CHROME,
    )
    assert response.status_code == 204
    assert only_event().kind == "install"


@override_settings(**NO_APP)
def test_counter_is_404_without_an_app(client):
    assert go(client, kind="install").status_code == 404


# --- QR codes --------------------------------------------------------------------------------------------


def test_desktop_footer_qr_leads_to_the_app_through_the_counter(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    figure = soup.find("figure", class_="socialshop-app-qr")
    assert "Maison Lumière" in figure.figcaption.get_text()
    (url,) = decode_svg(str(figure.find("svg")))
    scanned = urlsplit(url)
    assert (scanned.scheme, scanned.netloc, scanned.path) == ("http", "testserver", "/app/go/")
    assert parse_qs(scanned.query) == {
        "kind": ["qr_scan"], "target": ["app"],
        "utm_source": ["web"], "utm_medium": ["qr"], "utm_campaign": ["desktop"],
    }  # fmt: skip
    response = client.get(scanned.path + "?" + scanned.query, HTTP_USER_AGENT=IPHONE_SAFARI)
    assert response["Location"] == "https://apps.apple.com/fr/app/id1234567890"
    assert only_event().utm_campaign == "desktop"


def test_qr_svg_endpoint(client, product):
    response = client.get("/app/qr.svg", {"target": "product", "id": product.pk, "utm_campaign": "salon"})
    assert response["Content-Type"] == "image/svg+xml"
    (url,) = decode_svg(response.content.decode())
    assert parse_qs(urlsplit(url).query) == {
        "kind": ["qr_scan"], "target": ["product"], "id": [str(product.pk)],
        "utm_source": ["web"], "utm_medium": ["qr"], "utm_campaign": ["salon"],
    }  # fmt: skip
    assert client.get("/app/qr.svg", {"target": "product"}).status_code == 400
    assert client.get("/app/qr.svg", {"target": "moon"}).status_code == 400


def test_landing_page_offers_both_stores(client):
    soup = BeautifulSoup(client.get("/app/").content, "html.parser")
    hrefs = [urlsplit(a["href"]) for a in soup.select(".socialshop-app-landing a.btn")]
    assert [parse_qs(href.query)["platform"] for href in hrefs] == [["ios"], ["android"]]
    assert all(href.path == "/app/go/" for href in hrefs)
    assert soup.find(id="socialshop-app-banner") is None


# --- Dashboard flyer -------------------------------------------------------------------------------------


def test_flyer_needs_staff(client, django_user_model):
    assert client.get("/dashboard/social/flyer/").status_code == 302
    client.force_login(django_user_model.objects.create_user("shopper", "shopper@example.fr", "x"))
    assert client.get("/dashboard/social/flyer/").status_code in (302, 403)


def test_product_flyer_carries_a_qr_code_with_utm_tags(admin_client, product):
    response = admin_client.get(
        "/dashboard/social/flyer/",
        {"target": "product", "product": product.pk, "campaign": "vitrine-printemps", "size": "A5"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    soup = BeautifulSoup(html, "html.parser")
    sheet = soup.find("article", class_="flyer-sheet")
    assert sheet.h2.get_text(strip=True) == "Robe portefeuille en lin"
    (url,) = decode_svg(str(sheet.find("svg")))
    assert url == sheet["data-scan-url"]
    query = parse_qs(urlsplit(url).query)
    assert query["utm_source"] == ["flyer"] and query["utm_medium"] == ["qr"]
    assert query["utm_campaign"] == ["vitrine-printemps"]
    assert query["target"] == ["product"] and query["id"] == [str(product.pk)]

    # The printable page: the sheet alone, and @page set to the chosen paper.
    printable = soup.find("a", href=lambda href: href and "print=1" in href)["href"]
    page = admin_client.get("/dashboard/social/flyer/" + printable).content.decode()
    assert "@page { size: A5 portrait; margin: 0; }" in page
    page_soup = BeautifulSoup(page, "html.parser")
    assert page_soup.find(class_="navbar") is None
    assert page_soup.find("article", class_="flyer-sheet")["data-scan-url"] == url


def test_sale_flyer(admin_client):
    from tests.flashsale_factories import create_sale

    sale = create_sale(slug="ete-fans", name="Soldes d’été des fans")
    html = admin_client.get(
        "/dashboard/social/flyer/", {"target": "sale", "sale": sale.pk, "campaign": "ete"}
    ).content
    sheet = BeautifulSoup(html, "html.parser").find("article", class_="flyer-sheet")
    assert sheet.h2.get_text(strip=True) == "Soldes d’été des fans"
    query = parse_qs(urlsplit(decode_svg(str(sheet.find("svg")))[0]).query)
    assert (query["target"], query["id"], query["utm_campaign"]) == (["sale"], [str(sale.pk)], ["ete"])


def test_app_flyer_and_form_errors(admin_client):
    html = admin_client.get("/dashboard/social/flyer/", {"target": "app", "campaign": "salon-2026"}).content
    sheet = BeautifulSoup(html, "html.parser").find("article", class_="flyer-sheet")
    assert parse_qs(urlsplit(decode_svg(str(sheet.find("svg")))[0]).query)["target"] == ["app"]
    response = admin_client.get("/dashboard/social/flyer/", {"target": "product", "campaign": "x y"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("article", class_="flyer-sheet") is None
    assert response.status_code == 200
    assert len(soup.select(".error-block")) == 2  # no product chosen, campaign not a slug


def test_flyer_is_in_the_social_dashboard_menu(admin_client):
    html = admin_client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/social/flyer/"' in html
