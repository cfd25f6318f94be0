"""Every kind of sandbox page carries its social metadata, as independent parsers read it."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.test import override_settings
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from wagtail.images import get_image_model
from wagtail.models import Site

from cms_blocks.models import SocialMetaSettings
from sandbox.blog.models import BlogPostPage
from sandbox.demo.blog import setup_blog
from tests.factories import create_product, jpeg_bytes
from tests.meta_oracles import read_response

pytestmark = pytest.mark.django_db

REQUIRED_OG = (
    "og:title",
    "og:type",
    "og:url",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
)


def wagtail_image(title="Atelier", size=(1600, 1000)):
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(jpeg_bytes(size)), name=f"{title}.jpg")
    )


@pytest.fixture(autouse=True)
def fresh_cache():
    """The Wagtail setting is cached per host; a rolled-back test must not leave its values behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def blog():
    return setup_blog("testserver", 80)


@pytest.fixture
def post(blog):
    page = BlogPostPage(
        title="Dans l'atelier de Lyon",
        slug="atelier",
        date=datetime.date(2026, 10, 2),
        intro="Rencontre avec nos couturières & leurs machines.",
        author_name="Camille Martin",
        author_twitter="camille_ml",  # without "@": still a handle
        image=wagtail_image(),
    )
    blog.add_child(instance=page)
    page.tags.add("lin", "savoir-faire")
    page.save_revision().publish()
    return page


def assert_complete_card(page):
    for prop in REQUIRED_OG:
        assert page.og_value(prop), prop
    assert page.og_value("og:url") == page.canonical
    assert page.og_value("og:url").startswith("http://testserver/")
    assert page.og_value("og:image").startswith("http://")
    assert not page.og_value("og:image").lower().endswith(".svg")
    assert page.twitter("card") == "summary_large_image"


def test_category_page(client):
    category = create_from_breadcrumbs("Maison > Linge de lit")
    category.description = "<p>Draps en <em>lin lavé</em>, faits en France.</p>"
    category.save()
    page = read_response(client.get(category.get_absolute_url()))

    assert_complete_card(page)
    assert page.og_value("og:type") == "website"
    assert page.og_value("og:title") == "Linge de lit"
    assert page.og_value("og:description") == "Draps en lin lavé, faits en France."
    assert page.og_value("og:url") == "http://testserver" + category.get_absolute_url()
    assert page.og_value("og:image") == "http://testserver/static/socialshop/img/default-share.png"
    assert "product:price:amount" not in page.og
    (crumbs,) = page.jsonld_of_type("BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Accueil", "Maison", "Linge de lit"]
    assert page.jsonld_of_type("Product") == []


def test_home_page(client):
    page = read_response(client.get("/"))

    assert_complete_card(page)
    assert page.og_value("og:type") == "website"
    assert page.og_value("og:url") == "http://testserver/"
    assert page.og_value("og:title") == "Maison Lumière"
    tagline = BeautifulSoup(page.html, "html.parser").select_one(".page-header .lead").get_text(strip=True)
    assert page.og_value("og:description") == tagline
    (organization,) = page.jsonld_of_type("Organization")
    assert organization["name"] == "Maison Lumière"
    assert organization["url"] == "http://testserver/"
    assert organization["sameAs"] == ["https://x.com/maisonlumiere"]
    (website,) = page.jsonld_of_type("WebSite")
    assert (
        website["potentialAction"]["target"]["urlTemplate"]
        == "http://testserver/search/?q={search_term_string}"
    )


def test_blog_post_is_an_article(client, post):
    page = read_response(client.get("/blog/atelier/"))

    assert_complete_card(page)
    assert page.og_value("og:type") == "article"
    assert page.og_value("og:title") == "Dans l'atelier de Lyon"
    assert page.og_value("og:description") == "Rencontre avec nos couturières & leurs machines."
    assert page.og_value("og:url") == "http://testserver/blog/atelier/"
    assert page.og_value("article:published_time").startswith("2026-10-02")
    assert "/media/images/" in page.og_value("og:image")
    assert (page.og_value("og:image:width"), page.og_value("og:image:height")) == ("1200", "630")
    assert page.twitter("creator") == "@camille_ml"
    assert page.twitter("site") == "@maisonlumiere"
    (article,) = page.jsonld_of_type("BlogPosting")
    assert article["headline"] == "Dans l'atelier de Lyon"
    assert article["datePublished"] == "2026-10-02"
    assert article["author"] == {
        "@type": "Person",
        "name": "Camille Martin",
        "sameAs": "https://x.com/camille_ml",
    }
    assert article["image"][0] == page.og_value("og:image")
    assert sorted(page.og["article:tag"]) == sorted(article["keywords"]) == ["lin", "savoir-faire"]
    (crumbs,) = page.jsonld_of_type("BreadcrumbList")
    assert [item["item"] for item in crumbs["itemListElement"]] == [
        "http://testserver/blog/",
        "http://testserver/blog/atelier/",
    ]


def test_blog_index_is_a_website(client, blog):
    page = read_response(client.get("/blog/"))
    assert_complete_card(page)
    assert page.og_value("og:type") == "website"
    assert page.og_value("og:description") == "Nos coulisses, nos artisans et nos idées de style."
    assert page.jsonld_of_type("BlogPosting") == []


def test_wagtail_site_setting_overrides_the_defaults(client, post):
    SocialMetaSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "site_name": "Lumière Paris",
            "twitter_site": "@lumiereparis",
            "facebook_app_id": "123456",
            "default_image": wagtail_image("Vitrine"),
        },
    )
    product = create_product(title="Torchon", image_size=None)
    page = read_response(client.get(product.get_absolute_url()))

    assert page.og_value("og:site_name") == "Lumière Paris"
    assert page.og_value("fb:app_id") == "123456"
    assert page.twitter("site") == "@lumiereparis"
    assert "/media/images/Vitrin" in page.og_value("og:image")  # the site's image: the product has none

    SocialMetaSettings.objects.update(site_name="")  # an emptied field gives the setting back
    SocialMetaSettings.objects.get().save()  # signals invalidate the cached values
    assert read_response(client.get(product.get_absolute_url())).og_value("og:site_name") == "Maison Lumière"


def test_language_sets_og_locale(client):
    product = create_product(title="Nappe")
    client.cookies["django_language"] = "en"
    page = read_response(client.get(product.get_absolute_url()))
    assert page.og_value("og:locale") == "en_GB"
    assert page.og["og:locale:alternate"] == ["fr_FR"]


@override_settings(SOCIALSHOP_TWITTER_CARDS=False, SOCIALSHOP_FACEBOOK_APP_ID="")
def test_settings_switch_groups_off(client):
    page = read_response(client.get(create_product(title="Plaid").get_absolute_url()))
    assert [name for name in page.metadata["twitter"] if not name.startswith("app:")] == []  # app: not ours
    assert "fb:app_id" not in page.og


@override_settings(SOCIALSHOP_META_TAGS=False)
def test_meta_tags_setting_turns_the_tag_off(client):
    page = read_response(client.get(create_product(title="Plaid").get_absolute_url()))
    assert [prop for prop in page.og if not prop.startswith("al:")] == []  # App Links are not ours
    assert page.jsonld == [] and page.canonical is None
    assert [name for name in page.metadata["twitter"] if not name.startswith("app:")] == []


def test_a_shop_can_replace_one_group_of_tags(client, tmp_path, settings):
    """Extending socialshop/meta/all.html and emptying its twitter block removes only the X tags."""
    folder = tmp_path / "socialshop" / "meta"
    folder.mkdir(parents=True)
    (folder / "all.html").write_text(
        '{% extends "socialshop/meta/all.html" %}'
        '{% block twitter %}<meta name="x:custom" content="1">{% endblock %}'
    )
    settings.TEMPLATES = [dict(settings.TEMPLATES[0], DIRS=[tmp_path, *settings.TEMPLATES[0]["DIRS"]])]
    page = read_response(client.get(create_product(title="Coussin").get_absolute_url()))

    assert page.og_value("og:title") == "Coussin"
    assert page.jsonld_of_type("Product")
    assert page.metadata["meta"].get("x:custom") == "1"
    assert [name for name in page.metadata["twitter"] if not name.startswith("app:")] == []
