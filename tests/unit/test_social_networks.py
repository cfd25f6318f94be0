import pytest
from django.test import override_settings

from socialshop.services.social_networks import network_for_host, network_for_source, referrer_host


@pytest.mark.parametrize(
    "referrer, host, network",
    [
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fshop.example%2F&h=AT0", "l.facebook.com", "facebook"),
        ("https://m.facebook.com/story.php?story_fbid=1", "m.facebook.com", "facebook"),
        ("https://lm.facebook.com/", "lm.facebook.com", "facebook"),
        ("https://l.instagram.com/?u=x", "l.instagram.com", "instagram"),
        ("https://www.instagram.com/p/abc/", "instagram.com", "instagram"),
        ("https://t.co/AbCdEf", "t.co", "x"),
        ("https://x.com/maison/status/1", "x.com", "x"),
        ("https://twitter.com/", "twitter.com", "x"),
        ("https://mobile.twitter.com/", "mobile.twitter.com", "x"),
        ("https://www.pinterest.fr/pin/123/", "pinterest.fr", "pinterest"),
        ("https://fr.pinterest.com/", "fr.pinterest.com", "pinterest"),
        ("https://www.pinterest.co.uk/", "pinterest.co.uk", "pinterest"),
        ("https://pin.it/abc", "pin.it", "pinterest"),
        ("https://www.linkedin.com/feed/", "linkedin.com", "linkedin"),
        ("https://lnkd.in/abc", "lnkd.in", "linkedin"),
        ("https://web.whatsapp.com/", "web.whatsapp.com", "whatsapp"),
        ("https://wa.me/33600000000", "wa.me", "whatsapp"),
        ("https://t.me/s/maison", "t.me", "telegram"),
        ("https://web.telegram.org/k/", "web.telegram.org", "telegram"),
        ("https://bsky.app/profile/maison.bsky.social", "bsky.app", "bluesky"),
        ("https://go.bsky.app/abc", "go.bsky.app", "bluesky"),
        ("https://mastodon.social/@maison/1", "mastodon.social", "mastodon"),
        ("https://mastodon.xyz/@a", "mastodon.xyz", "mastodon"),
        ("https://mstdn.jp/@a", "mstdn.jp", "mastodon"),
        ("https://piaille.fr/@a", "piaille.fr", "mastodon"),
        ("https://www.youtube.com/watch?v=1", "youtube.com", "youtube"),
        ("https://youtu.be/1", "youtu.be", "youtube"),
        ("https://www.tiktok.com/@maison", "tiktok.com", "tiktok"),
        ("https://www.snapchat.com/", "snapchat.com", "snapchat"),
        ("https://out.reddit.com/t3_x", "out.reddit.com", "reddit"),
        ("https://www.threads.net/@maison", "threads.net", "threads"),
        ("android-app://com.facebook.katana/", "com.facebook.katana", "facebook"),
        ("android-app://com.instagram.android", "com.instagram.android", "instagram"),
        ("android-app://com.linkedin.android/", "com.linkedin.android", "linkedin"),
        ("android-app://org.telegram.messenger/", "org.telegram.messenger", "telegram"),
    ],
)
def test_social_referrers_map_to_their_network_and_keep_only_the_host(referrer, host, network):
    assert referrer_host(referrer) == host
    assert network_for_host(host) == network


@pytest.mark.parametrize(
    "referrer",
    [
        "https://www.google.com/search?q=robe",
        "https://duckduckgo.com/",
        "https://notfacebook.com/",  # a suffix match needs a dot boundary
        "https://facebook.com.evil.example/",
        "https://pinterestfan.blog/",
        "https://blog.example.org/mastodon-tips/",
        "android-app://com.google.android.gm/",
    ],
)
def test_other_sites_are_not_social(referrer):
    assert network_for_host(referrer_host(referrer)) == ""


@pytest.mark.parametrize(
    "referrer", ["", "not a url", "ftp://facebook.com/", "javascript:alert(1)", "http://[::1"]
)
def test_malformed_or_unusable_referrers_give_no_host(referrer):
    assert referrer_host(referrer) == ""


@pytest.mark.parametrize(
    "source, network",
    [
        ("facebook", "facebook"),
        ("FB", "facebook"),
        ("ig", "instagram"),
        ("twitter", "x"),
        ("t.co", "x"),
        ("pinterest", "pinterest"),
        (" LinkedIn ", "linkedin"),
        ("bsky", "bluesky"),
        ("Newsletter Mai", "newsletter-mai"),
        ("", ""),
    ],
)
def test_utm_sources_are_normalised(source, network):
    assert network_for_source(source) == network


@override_settings(SOCIALSHOP_ATTRIBUTION_REFERRER_NETWORKS={"Social.Example.org": "mastodon"})
def test_extra_referrer_hosts_come_from_the_setting():
    assert network_for_host("social.example.org") == "mastodon"
    assert network_for_host("eu.social.example.org") == "mastodon"


@pytest.mark.parametrize(
    "overrides, check_id",
    [
        ({"SOCIALSHOP_ATTRIBUTION_WINDOW_DAYS": 0}, "socialshop.E901"),
        ({"SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS": 10}, "socialshop.E901"),
        ({"SOCIALSHOP_ATTRIBUTION_TOUCHPOINT_SOURCES": ["socialshop.nope.source"]}, "socialshop.E902"),
        (
            {"SOCIALSHOP_ATTRIBUTION_ORDER_DIMENSIONS": ["socialshop.services.attribution.nope"]},
            "socialshop.E902",
        ),
    ],
)
def test_attribution_settings_are_checked(overrides, check_id):
    from socialshop.checks import check_attribution_settings

    assert not check_attribution_settings(None)
    with override_settings(**overrides):
        assert [message.id for message in check_attribution_settings(None)] == [check_id]


def test_a_missing_middleware_is_a_warning(settings):
    from socialshop.checks import check_attribution_settings

    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AttributionMiddleware" not in m]
    assert [message.id for message in check_attribution_settings(None)] == ["socialshop.W901"]
