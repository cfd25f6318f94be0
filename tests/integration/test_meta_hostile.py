"""Hostile product and blog fields: the page stays valid, every JSON-LD block parses, values round-trip.

The expectations are the documented text rules, written here independently: titles keep every character
(whitespace collapsed), descriptions are HTML whose text is kept (whitespace collapsed, at most 300
characters, cut at a word with "…"), X fields are cut to X's limits the same way.
"""

import datetime
import html
import itertools
import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.blog.models import BlogPostPage
from sandbox.demo.blog import setup_blog
from tests.factories import create_product
from tests.meta_oracles import read_response

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"', "'", "</script>", "<!--", "-->", "&", "&amp;", "\u2028", "\u2029", "<script>alert(1)</script>",
    "</title>", "]]>", "\\", "\\u003c", "{{ x }}", "{% now %}", "\n", "\t", "  ", "<b>", "é", "🧵", "​",
]  # fmt: skip
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(CHARACTERS, max_size=12)), min_size=1, max_size=12
).map("".join)
long_text = st.text(CHARACTERS, min_size=250, max_size=1200)
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_counter = itertools.count()


def collapsed(value):
    return " ".join(value.split())


def assert_trimmed(shown, full, limit):
    """``shown`` is ``full``, or a prefix of it ended by "…", within ``limit`` characters."""
    assert len(shown) <= limit
    if shown != full:
        assert shown.endswith("…") and full.startswith(shown[:-1]), (shown, full)


def assert_page_structure(page, jsonld_count):
    """A spec-compliant HTML parser (html5lib, as browsers parse) finds every tag where it belongs."""
    soup = BeautifulSoup(page.html, "html5lib")
    head_metas = soup.head.find_all("meta", property=True)
    assert len(head_metas) == sum(len(values) for values in page.og.values())
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == len(page.jsonld) == jsonld_count
    assert all(block.parent.name == "head" for block in blocks)
    scripts = [script for script in soup.find_all("script") if script.get("type") != "application/ld+json"]
    assert not [script for script in scripts if "alert(1)" in (script.string or "")]
    assert page.extruct_jsonld == page.jsonld


@SETTINGS
@given(
    title=st.one_of(hostile_text, st.text(CHARACTERS, min_size=200, max_size=255)).filter(
        lambda value: collapsed(value) and len(value) <= 255
    ),
    description=st.one_of(hostile_text, long_text),
    brand=hostile_text.filter(collapsed),
)
def test_hostile_product_fields_round_trip(client, title, description, brand):
    number = next(_counter)
    product = create_product(
        title=title,
        description=f"<p>{html.escape(description)}</p>",
        upc=f"H{number}",
        # Oscar would derive the slug from the title, transliterated (one emoji becomes several letters): a
        # 255-character title can overflow the 255-character slug column, which PostgreSQL enforces.
        slug=f"hostile-{number}",
        image_size=None,
        attributes={"brand": brand},
    )
    page = read_response(client.get(product.get_absolute_url()))

    assert_page_structure(page, jsonld_count=2)
    assert page.og_value("og:title") == collapsed(title)
    assert page.og_value("og:image:alt") == collapsed(title)
    assert page.og_value("product:brand") == collapsed(brand)
    if collapsed(description):
        assert_trimmed(page.og_value("og:description"), collapsed(description), 300)
    assert_trimmed(page.twitter("title"), collapsed(title), 70)
    assert_trimmed(page.twitter("description"), page.og_value("og:description"), 200)
    (document,) = page.jsonld_of_type("Product")
    assert document["name"] == collapsed(title)
    assert document["brand"]["name"] == collapsed(brand)
    assert document["description"] == page.og_value("og:description")
    (crumbs,) = page.jsonld_of_type("BreadcrumbList")
    assert crumbs["itemListElement"][-1]["name"] == collapsed(title)


@pytest.fixture
def blog():
    return setup_blog("testserver", 80)


@SETTINGS
@given(
    title=hostile_text.filter(lambda value: collapsed(value) and len(value) <= 255),
    intro=st.one_of(hostile_text, st.text(CHARACTERS, min_size=200, max_size=250)).filter(
        lambda value: len(value) <= 250
    ),
    author=hostile_text.filter(lambda value: len(value) <= 100),
    handle=st.one_of(st.from_regex(r"@?[A-Za-z0-9_]{1,15}", fullmatch=True), hostile_text).filter(
        lambda value: len(value) <= 16
    ),
)
def test_hostile_blog_fields_round_trip(client, blog, title, intro, author, handle):
    slug = f"post-{next(_counter)}"
    post = BlogPostPage(
        title=title, slug=slug, date=datetime.date(2026, 5, 1), intro=intro, author_name=author,
        author_twitter=handle,
    )  # fmt: skip
    blog.add_child(instance=post)
    post.save_revision().publish()
    page = read_response(client.get(f"/blog/{slug}/"))

    assert_page_structure(page, jsonld_count=2)
    assert page.og_value("og:type") == "article"
    assert page.og_value("og:title") == collapsed(title)
    if collapsed(intro):
        assert_trimmed(page.og_value("og:description"), collapsed(intro), 300)
    (article,) = page.jsonld_of_type("BlogPosting")
    assert_trimmed(article["headline"], collapsed(title), 110)
    valid_handle = re.fullmatch(r"@?([A-Za-z0-9_]{1,15})", handle.strip())  # X's handle rule
    if valid_handle:
        assert page.twitter("creator") == "@" + valid_handle.group(1)
        assert article["author"]["sameAs"] == "https://x.com/" + valid_handle.group(1)
    else:
        assert page.twitter("creator") is None
    if collapsed(author):
        assert article["author"]["name"] == collapsed(author)
