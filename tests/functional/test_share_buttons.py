"""The share bar and Pinterest attributes as the sandbox renders them, read with BeautifulSoup, and every
rendered link followed through the endpoint to the network the spec names."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from socialshop.models import ShareClick
from tests.factories import create_product

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
# network: (scheme, host, path, the parameter carrying the shared URL) from the spec's table.
SPEC_HOSTS = {
    "facebook": ("https", "www.facebook.com", "/sharer/sharer.php", "u"),
    "x": ("https", "x.com", "/intent/tweet", "url"),
    "pinterest": ("https", "www.pinterest.com", "/pin/create/button/", "url"),
    "linkedin": ("https", "www.linkedin.com", "/sharing/share-offsite/", "url"),
    "whatsapp": ("https", "api.whatsapp.com", "/send", "text"),
    "telegram": ("https", "t.me", "/share/url", "url"),
    "bluesky": ("https", "bsky.app", "/intent/compose", "text"),
    "email": ("mailto", "", "", "body"),
}


@pytest.fixture
def visitor():
    return Client(HTTP_USER_AGENT=BROWSER, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def product():
    return create_product(title="Robe <portefeuille> & « lin »", price="89.00")


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def share_bar(soup):
    bars = soup.select("nav[data-socialshop-share]")
    assert len(bars) == 1
    return bars[0]


def test_product_page_shows_every_network_in_order_with_accessible_names(visitor, product):
    soup = soup_of(visitor, product.get_absolute_url())
    bar = share_bar(soup)
    assert bar["aria-label"] == "Share"
    controls = bar.select("[data-share-network]")
    assert [c["data-share-network"] for c in controls] == [
        "native", "facebook", "x", "pinterest", "linkedin", "whatsapp", "telegram", "bluesky", "mastodon",
        "email", "copy",
    ]  # fmt: skip
    names = [c.get_text(" ", strip=True) for c in controls]
    assert names == [
        "Share…", "Facebook", "X", "Pinterest", "LinkedIn", "WhatsApp", "Telegram", "Bluesky", "Mastodon",
        "Email", "Copy link",
    ]  # fmt: skip
    native = bar.select_one("[data-share-kind=native]")
    assert native.name == "button" and native.find_parent("li").has_attr("hidden")  # shown by the script only
    for link in bar.select("a[data-share-network]"):
        assert urlsplit(link["href"]).path.startswith("/share/" + link["data-share-network"] + "/")
        assert "nofollow" in link["rel"]
        assert link.svg["aria-hidden"] == "true"
    assert bar.select_one("[role=status]") is not None


def test_assets_are_ours_loaded_once_and_deferred(visitor, product):
    soup = soup_of(visitor, product.get_absolute_url())
    scripts = soup.select('script[src*="socialshop/share.js"]')
    styles = soup.select('link[href*="socialshop/share.css"]')
    assert len(scripts) == len(styles) == 1
    assert scripts[0].has_attr("defer") and scripts[0].find_parent("head") is not None
    for tag in soup.select("script[src], link[href], img[src], iframe"):
        url = tag.get("src") or tag.get("href")
        if tag.name == "link" and "stylesheet" not in tag.get("rel", []) and "icon" not in tag.get("rel", []):
            continue  # canonical / alternate links are not fetched
        assert urlsplit(url).netloc in ("", "testserver"), url


def test_every_rendered_link_goes_through_the_endpoint_to_the_spec_url(visitor, product):
    bar = share_bar(soup_of(visitor, product.get_absolute_url()))
    for link in bar.select("a[data-share-network]"):
        code = link["data-share-network"]
        response = visitor.get(link["href"])
        if code == "mastodon":
            assert response.status_code == 200  # asks for the instance first
            continue
        assert response.status_code == 302, code
        location = urlsplit(response["Location"])
        if code == "copy":
            assert (location.netloc, location.path) == ("testserver", product.get_absolute_url())
            continue
        scheme, host, path, parameter = SPEC_HOSTS[code]
        assert (location.scheme, location.netloc, location.path) == (scheme, host, path)
        shared = parse_qs(location.query)[parameter][0].split()[-1]  # the URL ends any text
        assert parse_qs(urlsplit(shared).query)["utm_source"] == [code], code
    assert set(ShareClick.objects.values_list("network", flat=True)) == set(SPEC_HOSTS) | {"copy"}


def test_copy_link_carries_the_utm_tagged_canonical_url(visitor, product):
    copy = share_bar(soup_of(visitor, product.get_absolute_url())).select_one("[data-share-kind=copy]")
    url = urlsplit(copy["data-share-url"])
    assert (url.scheme, url.netloc, url.path) == ("http", "testserver", product.get_absolute_url())
    assert parse_qs(url.query) == {
        "utm_source": ["copy"],
        "utm_medium": ["social"],
        "utm_campaign": ["share"],
    }


def test_gallery_images_carry_pinterest_attributes(visitor, product):
    soup = soup_of(visitor, product.get_absolute_url())
    image = soup.select_one("#product_gallery .carousel-item img")
    media = urlsplit(image["data-pin-media"])
    assert media.scheme == "http" and media.netloc == "testserver" and media.path.endswith(".jpg")
    assert image["data-pin-description"].startswith("Robe <portefeuille> & « lin »")
    pin_url = urlsplit(image["data-pin-url"])
    assert pin_url.path == product.get_absolute_url()
    assert parse_qs(pin_url.query)["utm_source"] == ["pinterest"]
    assert image["data-socialshop-pin"].startswith("/share/pinterest/")
    assert image["data-socialshop-pin-label"] == "Pin it"
    html = str(image)
    assert "<portefeuille>" not in html.replace("&lt;portefeuille&gt;", "")  # escaped in the attribute


def test_pin_button_pins_that_very_image(visitor):
    product = create_product(title="Chemise", image_size=(900, 1200))
    second = create_product(title="autre", image_size=(1600, 900)).images.get()
    second.product, second.display_order = product, 1
    second.save()
    soup = soup_of(visitor, product.get_absolute_url())
    images = soup.select("#product_gallery .carousel-item img")
    assert len(images) == 2
    medias = {img["data-pin-media"] for img in images}
    assert len(medias) == 2
    for img in images:
        location = visitor.get(img["data-socialshop-pin"])["Location"]
        assert parse_qs(urlsplit(location).query)["media"] == [img["data-pin-media"]]
    thumbnails = soup.select("#product_gallery .carousel-indicators img")
    assert thumbnails and all(img["data-pin-nopin"] == "true" for img in thumbnails)


def test_a_product_can_opt_out_of_pinterest(visitor):
    ProductAttribute = get_model("catalogue", "ProductAttribute")
    product = create_product(title="Édition limitée")
    ProductAttribute.objects.create(
        product_class=product.get_product_class(), name="No pin", code="nopin", type="boolean"
    )
    product.attr.nopin = True
    product.save()
    soup = soup_of(visitor, product.get_absolute_url())
    assert soup.select_one("meta[name=pinterest][content=nopin]") is not None
    for image in soup.select("#product_gallery img"):
        assert image["data-pin-nopin"] == "true" and not image.has_attr("data-pin-media")
    assert share_bar(soup).select_one("[data-share-network=pinterest]") is None


@override_settings(SOCIALSHOP_NOPIN=True)
def test_the_whole_shop_can_opt_out_of_pinterest(visitor, product):
    soup = soup_of(visitor, product.get_absolute_url())
    assert soup.select_one("#product_gallery img")["data-pin-nopin"] == "true"


@override_settings(
    SOCIALSHOP_SHARE_NETWORKS=["whatsapp", "email", "copy"],
    SOCIALSHOP_SHARE_LABELS={"email": "Send to a friend"},
    SOCIALSHOP_PIN_BUTTON=False,
)
def test_networks_order_and_labels_are_settings(visitor, product):
    soup = soup_of(visitor, product.get_absolute_url())
    controls = share_bar(soup).select("[data-share-network]")
    assert [(c["data-share-network"], c.get_text(strip=True)) for c in controls] == [
        ("whatsapp", "WhatsApp"),
        ("email", "Send to a friend"),
        ("copy", "Copy link"),
    ]
    image = soup.select_one("#product_gallery .carousel-item img")
    assert image.has_attr("data-pin-media") and not image.has_attr("data-socialshop-pin")


@override_settings(SOCIALSHOP_SHARE_NETWORKS=[])
def test_no_network_no_bar(visitor, product):
    soup = soup_of(visitor, product.get_absolute_url())
    assert not soup.select("nav[data-socialshop-share]")


def test_share_buttons_cost_at_most_one_query(visitor, product):
    url = product.get_absolute_url()
    visitor.get(url)  # warm the thumbnails
    with CaptureQueriesContext(connection) as with_buttons:
        visitor.get(url)
    with override_settings(SOCIALSHOP_SHARE_NETWORKS=[], SOCIALSHOP_PIN_BUTTON=False):
        with CaptureQueriesContext(connection) as without:
            visitor.get(url)
    assert len(with_buttons) <= len(without) + 1


def test_blog_posts_have_the_share_bar(visitor):
    from sandbox.demo.blog import setup_blog

    setup_blog("testserver", 80)
    soup = soup_of(visitor, "/blog/bienvenue/")
    bar = share_bar(soup)
    location = urlsplit(visitor.get(bar.select_one("[data-share-network=facebook]")["href"])["Location"])
    shared = urlsplit(parse_qs(location.query)["u"][0])
    assert shared.path == "/blog/bienvenue/"


def test_french_visitors_get_a_french_bar(product):
    soup = soup_of(Client(HTTP_USER_AGENT=BROWSER, HTTP_ACCEPT_LANGUAGE="fr"), product.get_absolute_url())
    assert soup.html["lang"] == "fr"
    assert share_bar(soup)["aria-label"] in ("Partager", "Share")  # "Share" until the lead compiles the .po


def test_the_cached_bar_follows_the_product(visitor, product):
    """The bar is cached by its content: a new title is a new bar at once, not after the cache expires."""
    assert share_bar(soup_of(visitor, product.get_absolute_url()))["data-share-title"].startswith("Robe")
    product.title = "Chemise en lin"
    product.save()
    bar = share_bar(soup_of(visitor, product.get_absolute_url()))
    assert bar["data-share-title"] == "Chemise en lin"
    location = visitor.get(bar.select_one("[data-share-network=telegram]")["href"])["Location"]
    assert parse_qs(urlsplit(location).query)["text"] == ["Chemise en lin"]
