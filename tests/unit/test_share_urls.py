"""Share URL builders against the formats of shared/specs/social-tags.md, decoded by urllib (not by us),
with X's length checked by twitter-text (X's own rules, ported)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from socialshop.services import share
from socialshop.services.share import InvalidInstance, SharedPage, clean_instance, share_url, utm_url

HOSTILE = 'Robe "été" & <script>alert(1)</script> #soldes 100% +1 ?a=b&c=d /../ \u202e \U0001f457'
PAGE = SharedPage(
    url="https://www.maison-lumiere.fr/catalogue/robe_1/?colour=red&size=M",
    title=HOSTILE,
    description="Lin lavé, coupe portefeuille. Fabriquée à Lyon & teinte à la main.",
    image="https://www.maison-lumiere.fr/media/cache/ab/cd/robe.jpg",
    campaign="share",
)


def network(code):
    return share.BUILTIN_NETWORKS[code]


def params(url):
    """Query parameters as any server would decode them (one value each)."""
    values = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), values
    return {key: value[0] for key, value in values.items()}


def tagged(source, url=PAGE.url, campaign="share"):
    return utm_url(url, source, campaign)


def where(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


# --- Formats ------------------------------------------------------------------------------------------------


def test_facebook_reads_only_u():
    url = share_url(network("facebook"), PAGE)
    assert where(url) == "https://www.facebook.com/sharer/sharer.php"
    assert params(url) == {"u": tagged("facebook")}


@override_settings(SOCIALSHOP_TWITTER_SITE="@maisonlumiere", SOCIALSHOP_SHARE_HASHTAGS=["soldes", "#lin"])
def test_x_intent_has_text_url_via_and_hashtags():
    url = share_url(network("x"), PAGE)
    assert where(url) == "https://x.com/intent/tweet"
    query = params(url)
    assert query["url"] == tagged("x")
    assert query["via"] == "maisonlumiere"
    assert query["hashtags"] == "soldes,lin"
    assert query["text"] == HOSTILE  # short enough: untouched, every character intact


def test_pinterest_has_url_media_and_description():
    url = share_url(network("pinterest"), PAGE)
    assert where(url) == "https://www.pinterest.com/pin/create/button/"
    query = params(url)
    assert query["url"] == tagged("pinterest")
    assert query["media"] == PAGE.image
    assert query["description"] == f"{HOSTILE} — {PAGE.description}"


def test_linkedin_reads_only_url():
    url = share_url(network("linkedin"), PAGE)
    assert where(url) == "https://www.linkedin.com/sharing/share-offsite/"
    assert params(url) == {"url": tagged("linkedin")}


def test_whatsapp_sends_title_and_url_as_text():
    url = share_url(network("whatsapp"), PAGE)
    assert where(url) == "https://api.whatsapp.com/send"
    assert params(url) == {"text": f"{HOSTILE} {tagged('whatsapp')}"}


def test_telegram_has_url_and_text():
    url = share_url(network("telegram"), PAGE)
    assert where(url) == "https://t.me/share/url"
    assert params(url) == {"url": tagged("telegram"), "text": HOSTILE}


def test_bluesky_compose_text_ends_with_the_url():
    url = share_url(network("bluesky"), PAGE)
    assert where(url) == "https://bsky.app/intent/compose"
    text = params(url)["text"]
    assert text == f"{HOSTILE} — {PAGE.description} {tagged('bluesky')}"


def test_mastodon_goes_to_the_visitors_instance():
    url = share_url(network("mastodon"), SharedPage(**{**PAGE.__dict__, "instance": "piaille.fr"}))
    assert where(url) == "https://piaille.fr/share"
    assert params(url)["text"] == f"{HOSTILE} — {PAGE.description} {tagged('mastodon')}"


def test_mastodon_without_a_valid_instance_builds_nothing():
    with pytest.raises(InvalidInstance):
        share_url(network("mastodon"), PAGE)
    evil = SharedPage(**{**PAGE.__dict__, "instance": "evil.example/phish?"})
    with pytest.raises(InvalidInstance):
        share_url(network("mastodon"), evil)


def test_email_is_a_mailto_with_subject_and_body():
    url = share_url(network("email"), PAGE)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("mailto", "", "")
    assert "+" not in parts.query  # in mailto: "+" is a literal plus, spaces must be %20
    assert params(url) == {"subject": HOSTILE, "body": f"{PAGE.description}\n\n{tagged('email')}"}


def test_copy_and_native_share_the_tagged_page_itself():
    assert share_url(network("copy"), PAGE) == tagged("copy")
    assert share_url(network("native"), PAGE) == tagged("native")


@pytest.mark.parametrize(
    "code", ["facebook", "x", "pinterest", "linkedin", "whatsapp", "telegram", "bluesky"]
)
def test_nothing_hostile_survives_unencoded(code):
    url = share_url(network(code), PAGE)
    query = urlsplit(url).query
    for char in ' "<>#\u202e&?/':
        if char in "&":
            assert query.count("&") == len(params(url)) - 1  # only the separators
            continue
        assert char not in query, (code, char)


# --- Text limits --------------------------------------------------------------------------------------------

LONG_TITLE = " ".join(["Robe longue en lin lavé teinte à la main"] * 20)


@override_settings(SOCIALSHOP_TWITTER_SITE="@maisonlumiere")
def test_x_text_is_trimmed_at_a_word_boundary_to_fit_280():
    query = params(share_url(network("x"), SharedPage(PAGE.url, LONG_TITLE)))
    tweet = f"{query['text']} {query['url']} via @{query['via']}"
    result = parse_tweet(tweet)
    assert result.valid and result.weightedLength <= 280
    assert result.weightedLength >= 270  # trimmed, not emptied
    assert query["text"].endswith("…")
    kept = query["text"][:-1]
    assert LONG_TITLE.startswith(kept) and LONG_TITLE[len(kept)] == " "


@override_settings(SOCIALSHOP_TWITTER_SITE="@maisonlumiere", SOCIALSHOP_SHARE_HASHTAGS=["soldes"])
def test_x_counts_cjk_and_emoji_double_like_x_does():
    title = "夏のリネンドレス " * 40 + "\U0001f457"
    query = params(share_url(network("x"), SharedPage(PAGE.url, title)))
    tweet = f"{query['text']} #soldes {query['url']} via @{query['via']}"
    assert parse_tweet(tweet).valid


def test_bluesky_text_fits_300_with_the_full_url():
    text = params(share_url(network("bluesky"), SharedPage(PAGE.url, LONG_TITLE)))["text"]
    assert len(text) <= 300 and text.endswith(" " + tagged("bluesky"))
    assert len(text) >= 290


def test_mastodon_text_fits_500_with_the_url_counted_23():
    page = SharedPage(PAGE.url, LONG_TITLE * 2, instance="mastodon.social")
    text = params(share_url(network("mastodon"), page))["text"]
    url = tagged("mastodon")
    assert text.endswith(" " + url)
    assert len(text) - len(url) + 23 <= 500
    assert len(text) - len(url) + 23 >= 490


@settings(max_examples=150, deadline=None)
@given(title=st.text(min_size=0, max_size=600), description=st.text(max_size=300))
def test_any_title_round_trips_and_fits(title, description):
    page = SharedPage(PAGE.url, title, description, PAGE.image, instance="mastodon.social")
    with override_settings(SOCIALSHOP_TWITTER_SITE="@maisonlumiere"):
        x_query = params(share_url(network("x"), page))
    tweet = f"{x_query.get('text', '')} {x_query['url']} via @{x_query['via']}"
    assert parse_tweet(tweet).weightedLength <= 280
    assert len(params(share_url(network("bluesky"), page))["text"]) <= 300
    mastodon_text = params(share_url(network("mastodon"), page))["text"]
    assert len(mastodon_text) - len(tagged("mastodon")) + 23 <= 500
    assert len(params(share_url(network("pinterest"), page)).get("description", "")) <= 500
    telegram = params(share_url(network("telegram"), page))
    assert telegram.get("text", "") == title  # every character survives the encoding


# --- UTM tagging --------------------------------------------------------------------------------------------


def test_utm_tags_keep_other_parameters_and_the_fragment():
    url = utm_url("https://shop.example/p/?colour=red&utm_source=old&size=M#reviews", "x", "soldes-ete")
    parts = urlsplit(url)
    assert parts.fragment == "reviews"
    assert parse_qs(parts.query) == {
        "colour": ["red"],
        "size": ["M"],
        "utm_source": ["x"],
        "utm_medium": ["social"],
        "utm_campaign": ["soldes-ete"],
    }


def test_utm_campaign_defaults_to_share():
    assert parse_qs(urlsplit(utm_url("https://shop.example/", "facebook", "")).query)["utm_campaign"] == [
        "share"
    ]


# --- Mastodon instance --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, host",
    [
        ("mastodon.social", "mastodon.social"),
        ("  Piaille.FR ", "piaille.fr"),
        ("https://mastodon.social/", "mastodon.social"),
        ("@alice@mamot.fr", "mamot.fr"),
        ("alice@mamot.fr", "mamot.fr"),
        ("evil.example\\@good.example", "good.example"),  # whatever precedes the last @ is dropped
        ("bücher.example", "xn--bcher-kva.example"),
        ("social.xn--p1ai", "social.xn--p1ai"),
    ],
)
def test_instance_accepts_hostnames(typed, host):
    assert clean_instance(typed) == host


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "localhost",
        "mastodon",
        "127.0.0.1",
        "[::1]",
        "http://mastodon.social",
        "javascript:alert(1)",
        "//evil.example",
        "evil.example/share",
        "evil.example?x=",
        "evil.example#",
        "evil.example:8443",
        "user:pass@",
        "https://user@evil.example",
        "https://evil.example/path",
        "evil.example.",
        "-evil.example",
        "evil-.example",
        "evil..example",
        "evil example.com",
        "evil.example\r\nLocation: x",
        "a" * 64 + ".example",
        ".".join(["abcdefghij"] * 25) + ".example",
        "evil.example%2fpath",
    ],
)
def test_instance_refuses_anything_but_a_hostname(typed):
    with pytest.raises(InvalidInstance):
        clean_instance(typed)


# --- Registry -----------------------------------------------------------------------------------------------


def test_networks_follow_the_configured_order_and_labels():
    with override_settings(
        SOCIALSHOP_SHARE_NETWORKS=["pinterest", "email"], SOCIALSHOP_SHARE_LABELS={"email": "Mail"}
    ):
        networks = share.enabled_networks()
        assert [(n.code, str(n.label)) for n in networks] == [("pinterest", "Pinterest"), ("email", "Mail")]
        assert share.get_network("facebook") is None  # not enabled: unusable, even by URL


def test_default_networks_are_all_there():
    assert [n.code for n in share.enabled_networks()] == [
        "native", "facebook", "x", "pinterest", "linkedin", "whatsapp", "telegram", "bluesky", "mastodon",
        "email", "copy",
    ]  # fmt: skip


def test_an_unknown_network_is_a_configuration_error():
    with override_settings(SOCIALSHOP_SHARE_NETWORKS=["facebook", "myspace"]):
        with pytest.raises(ImproperlyConfigured, match="myspace"):
            share.enabled_networks()
