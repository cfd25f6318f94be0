"""Link previews per network: which tags each reads, where each cuts, when the image is dropped."""

import pytest

from socialshop.services.debugger import ImageFacts
from socialshop.services.debugger.page_meta import parse_meta
from socialshop.services.debugger.previews import build_previews
from tests.debugger_pages import good_tags, page, replaced, without

URL = "https://www.shop.example/catalogue/robe_1/"
IMAGE = "https://www.shop.example/media/robe.jpg"


def previews(tags, images=None, **page_kwargs):
    meta = parse_meta(page(tags, **page_kwargs))
    found = build_previews(meta, URL, images if images is not None else {IMAGE: facts(1200, 630)})
    return {preview.network: preview for preview in found}


def facts(width, height, **kwargs):
    return ImageFacts(url=IMAGE, content_type="image/jpeg", width=width, height=height, **kwargs)


def test_four_networks_with_their_domain_style():
    cards = previews(good_tags(URL, IMAGE))
    assert list(cards) == ["facebook", "x", "pinterest", "linkedin"]
    assert cards["facebook"].domain == "SHOP.EXAMPLE"
    assert cards["x"].domain == cards["linkedin"].domain == "shop.example"
    assert {card.image for card in cards.values()} == {IMAGE}
    assert (cards["facebook"].layout, cards["x"].layout, cards["pinterest"].layout) == (
        "large",
        "large",
        "tall",
    )


def test_x_prefers_twitter_tags_and_falls_back_to_open_graph():
    tags = good_tags(URL, IMAGE) + [
        ("name", "twitter:title", "Titre pour X"),
        ("name", "twitter:image", "https://www.shop.example/media/x.jpg"),
    ]
    cards = previews(tags)
    assert cards["x"].title == "Titre pour X" and cards["facebook"].title == "Robe portefeuille en lin"
    assert cards["x"].description == "Lin lavé, coupe portefeuille."  # no twitter:description: og's
    assert cards["x"].image == "https://www.shop.example/media/x.jpg"
    assert cards["linkedin"].image == IMAGE  # LinkedIn ignores twitter:*


def test_other_networks_fall_back_to_the_html_title_and_description():
    tags = without(good_tags(URL, IMAGE), "og:title", "og:description") + [("name", "description", "Lin.")]
    cards = previews(tags, title="Robe | Maison")
    assert (cards["facebook"].title, cards["facebook"].description) == ("Robe | Maison", "Lin.")
    assert cards["x"].title == ""  # X falls back to og:* only


@pytest.mark.parametrize(
    "network, limit", [("x", 70), ("facebook", 88), ("pinterest", 100), ("linkedin", 200)]
)
def test_titles_are_cut_like_the_network_cuts_them(network, limit):
    title = " ".join(["Lin"] * 80)  # 319 characters
    card = previews(good_tags(URL, IMAGE, title=title))[network]
    assert len(card.title) <= limit and card.title.endswith("…")
    assert len(card.title) >= limit - 4  # cut at a word boundary, not much before the limit


def test_small_image_is_shown_beside_the_text():
    cards = previews(good_tags(URL, IMAGE), {IMAGE: facts(500, 300)})
    assert cards["facebook"].layout == "small" and cards["linkedin"].layout == "small"


def test_x_summary_card_is_small():
    cards = previews(replaced(good_tags(URL, IMAGE), twitter__card="summary"))
    assert cards["x"].layout == "small"


@pytest.mark.parametrize(
    "image_facts, shown_on",
    [
        (facts(150, 150), {"pinterest"}),  # Pinterest takes 80×80, the others want more
        (facts(250, 250), {"facebook", "pinterest", "linkedin"}),  # X's large card needs 300×157
        (facts(1200, 630, is_svg=True), set()),
        (ImageFacts(url=IMAGE, error="HTTP 404 Not Found"), set()),
        (ImageFacts(url=IMAGE, checked=False), {"facebook", "x", "pinterest", "linkedin"}),  # unknown: shown
    ],
)
def test_images_a_network_would_refuse_are_not_shown(image_facts, shown_on):
    cards = previews(good_tags(URL, IMAGE), {IMAGE: image_facts})
    assert {network for network, card in cards.items() if card.image} == shown_on
    assert all(card.notes for network, card in cards.items() if network not in shown_on)


def test_a_javascript_image_url_is_never_previewed():
    cards = previews(replaced(good_tags(URL, IMAGE), og__image="javascript:alert(1)"), {})
    assert all(card.image == "" for card in cards.values())
