"""The demo blog: three published posts, linked from /blog/, that together use every shop block."""

import io

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Revision

from sandbox.blog.models import BlogPostPage
from tests.functional.test_cms_block_previews import SHOP_BLOCKS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_data", "--base-url", "http://testserver", stdout=io.StringIO())


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_demo_posts_use_every_block_and_show_live_products(client, demo):
    index = soup(client, "/blog/")
    links = {a["href"] for a in index.select("article h2 a")}
    posts = BlogPostPage.objects.live()
    assert posts.count() >= 3
    assert {post.url for post in posts} <= links

    used = {block["type"] for post in posts for block in post.body.raw_data}
    assert set(SHOP_BLOCKS) <= used

    pages = [soup(client, post.url) for post in posts]
    priced = {
        card["data-product-id"]
        for page in pages
        for card in page.select(".socialshop-card")
        if card.select_one(".price_color")
    }
    assert len(priced) >= 4
    hotspots = [page.select(".hotspot[data-hotspot]") for page in pages]
    assert max(len(spots) for spots in hotspots) >= 2
    flash = [page.select_one(".socialshop-flash-block") for page in pages]
    assert any(box is not None and "demo-live" in box["data-status-url"] for box in flash)
    assert any(page.select_one("template[data-socialshop-embed-html]") for page in pages)
    assert any(page.select_one(".socialshop-store-block [data-socialshop-stores]") for page in pages)
    assert any(page.select_one(".socialshop-app-promo .socialshop-store-badge") for page in pages)
    assert not any(page.select(".socialshop-block-warning") for page in pages)


def test_demo_blog_is_idempotent(client, demo):
    revisions = Revision.objects.count()
    call_command("load_demo_data", "--base-url", "http://testserver", stdout=io.StringIO())
    assert Revision.objects.count() == revisions
    assert BlogPostPage.objects.count() == 3


def test_tag_pages_filter_the_posts(client, demo):
    tagged = soup(client, "/blog/tag/vente-flash/")
    titles = [a.get_text(strip=True) for a in tagged.select("article h2 a")]
    assert titles == ["Vente flash : -30 % pour nos fans"]
    assert tagged.select_one("a[aria-current=page]").get_text(strip=True) == "#vente flash"
    assert client.get("/blog/tag/inconnu/").status_code == 404


@pytest.mark.parametrize(("path", "version"), [("/blog/feed/rss/", "rss20"), ("/blog/feed/atom/", "atom10")])
def test_feeds_list_the_posts(client, demo, path, version):
    response = client.get(path)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title == "Le journal"
    entries = {entry.title: entry for entry in feed.entries}
    assert set(entries) == set(BlogPostPage.objects.live().values_list("title", flat=True))
    salon = entries["Le salon de Claire, pièce par pièce"]
    assert salon.link == "http://testserver/blog/le-salon-de-claire/"
    assert {tag.term for tag in salon.tags} == {"maison", "lin"}
    assert salon.author == "Claire Dubois" or salon.author_detail.name == "Claire Dubois"
    index = soup(client, "/blog/")
    assert index.select_one(f'link[rel=alternate][href="{path}"]')
