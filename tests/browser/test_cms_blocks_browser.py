"""Shop blocks in a real browser: the social post loads nothing third-party until clicked; the carousel
scrolls sideways with snap points and no script."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from sandbox.blog.models import BlogPostPage
from tests.blog_data import create_blog_index
from tests.factories import create_product

pytestmark = pytest.mark.django_db(transaction=True)

POST_URL = "https://social.example/@maisonlumiere/7"
EMBED_HTML = (
    '<iframe src="https://social.example/embed/7" title="Post" width="400" height="200"></iframe>'
    "<script>window.socialshopEmbedRan = true;</script>"
)


def publish_post(body):
    index = create_blog_index()
    post = BlogPostPage(title="Un billet", slug="un-billet")
    post.body = body
    index.add_child(instance=post)
    post.save_revision().publish()
    return post


def test_a_social_post_is_fetched_from_its_network_only_after_a_click(
    live_server, page_factory, artifacts_dir
):
    Embed.objects.create(
        hash=get_embed_hash(POST_URL, None),
        url=POST_URL,
        type="rich",
        html=EMBED_HTML,
        provider_name="Social",
    )
    post = publish_post(
        [{"type": "social_post", "value": {"post": POST_URL, "text": "Le lin est arrivé !", "author": "@ml"}}]
    )
    page = page_factory(locale="fr-FR")
    network = []
    page.route(
        "https://social.example/**",
        lambda route: (
            network.append(route.request.url),
            route.fulfill(body="<p>Le post</p>", content_type="text/html"),
        ),
    )
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto(live_server.url + post.url)

    block = page.locator("[data-socialshop-embed]")
    expect(block.locator("blockquote")).to_contain_text("Le lin est arrivé !")
    assert block.locator("a.socialshop-social-post__link").get_attribute("href") == POST_URL
    button = block.get_by_role("button", name="Afficher la publication de Social")
    expect(button).to_be_visible()  # revealed by the script: without it, readers have the link
    page.wait_for_load_state("networkidle")
    assert network == [] and hosts == {urlsplit(live_server.url).netloc}
    assert page.evaluate("window.socialshopEmbedRan") is None
    page.screenshot(path=str(artifacts_dir / "cms-social-post-before-click.png"))

    button.click()

    expect(block.locator("iframe")).to_have_attribute("src", "https://social.example/embed/7")
    page.wait_for_load_state("networkidle")
    assert network == ["https://social.example/embed/7"]
    assert page.evaluate("window.socialshopEmbedRan") is True  # the provider's script runs too
    expect(block.locator("blockquote")).to_be_hidden()
    expect(button).to_have_count(0)


def test_the_carousel_scrolls_sideways_with_snap_points(live_server, page_factory):
    products = [create_product(title=f"Bougie {i}", price="32.00") for i in range(8)]
    post = publish_post(
        [{"type": "product_list", "value": {"layout": "carousel", "products": [p.pk for p in products]}}]
    )
    page = page_factory(locale="fr-FR", java_script_enabled=False, viewport={"width": 800, "height": 900})

    page.goto(live_server.url + post.url)

    track = page.locator(".socialshop-products--carousel .socialshop-products__list")
    style = track.evaluate(
        "el => ({snap: getComputedStyle(el).scrollSnapType, overflow: getComputedStyle(el).overflowX,"
        " wide: el.scrollWidth > el.clientWidth, align: getComputedStyle(el.children[0]).scrollSnapAlign})"
    )
    assert style == {"snap": "x mandatory", "overflow": "auto", "wide": True, "align": "start"}
    first, last = track.locator("li").first.bounding_box(), track.locator("li").last.bounding_box()
    assert first["y"] == last["y"]  # one row
    assert track.get_attribute("tabindex") == "0"  # keyboard users can scroll it
