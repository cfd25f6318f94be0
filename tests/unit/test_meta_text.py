"""Text rules, GTINs, prices and JSON-LD escaping of the social metadata."""

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialshop.services import gtin, meta, schema


@pytest.mark.parametrize(
    "value",
    ["96385074", "036000291452", "3760000000017", "4006381333931", "00012345600012", " 3760000000017 "],
)
def test_valid_gtins_are_recognised(value):
    assert gtin.normalise(value) == value.strip()


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "3760000000018",
        "37600000000",
        "PULL-S",
        "376000000001７",
        "１２３４５６７０",
        "3760000000017x",
    ],
)
def test_anything_else_is_no_gtin(value):
    assert gtin.normalise(value) == ""


def test_clean_line_collapses_whitespace_and_drops_what_parsers_reject():
    assert meta.clean_line("  Robe\n\t<b>en</b>\u2028lin\u00a0 ") == "Robe <b>en</b> lin"
    assert meta.clean_line("a\x00b\x07c\ufffed\ufdd0e") == "abcde"
    assert meta.clean_line(None) == ""


def test_clean_description_strips_html_and_trims_at_a_word():
    html = "<p>Une robe <strong>légère</strong> &amp; fluide,</p>\n<p>coupée à Lyon.</p>" * 20
    text = meta.clean_description(html)
    assert len(text) <= meta.DESCRIPTION_LIMIT and text.endswith("…")
    assert text.startswith("Une robe légère & fluide, coupée à Lyon. Une robe")
    assert "  " not in text and "<" not in text


def test_twitter_fields_are_trimmed_to_x_limits():
    image = meta.images.SocialImage("https://x.example/i.jpg", 1200, 630, "alt " * 200)
    card = meta.SocialMeta(
        title="Titre " * 30, description="Mot " * 100, url="https://x.example/", type=meta.WEBSITE,
        image=image, pinterest_image=image, site_name="S", locale="fr_FR",
    )  # fmt: skip
    assert len(card.twitter_title) <= 70 and card.twitter_title.endswith("Titre…")
    assert len(card.twitter_description) <= 200 and card.twitter_description.endswith("Mot…")
    assert len(card.twitter_image_alt) <= 420


@pytest.mark.parametrize(
    ("price", "currency", "expected"),
    [
        (Decimal("89"), "EUR", "89.00"),
        (Decimal("106.8000"), "EUR", "106.80"),
        (Decimal("0.125"), "EUR", "0.13"),
        (Decimal("1E+3"), "EUR", "1000.00"),
        (Decimal("1500.4"), "JPY", "1500"),
        (None, "EUR", ""),
    ],
)
def test_amount_is_digits_and_a_dot(price, currency, expected):
    assert meta.amount(price, currency) == expected


def test_script_json_cannot_end_or_alter_the_block():
    value = "</script><script>alert(1)</script><!-- & \u2028\u2029 ' \""
    out = schema.script_json({"name": value})
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in out
    assert json.loads(out) == {"name": value}


@settings(max_examples=30, deadline=None)
@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner)))
def test_script_json_round_trips_and_never_contains_markup(value):
    out = schema.script_json({"v": value})
    assert json.loads(out) == {"v": value}
    assert "<" not in out and ">" not in out and "&" not in out
