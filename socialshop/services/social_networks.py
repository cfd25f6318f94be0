"""Which social network a visit came from, from its ``utm_source`` or its referrer.

Network codes are the share buttons' (``facebook``, ``x``, ``pinterest``…) plus the networks that have no
share button (``instagram``, ``youtube``, ``tiktok``…). A referrer is reduced to its host before anything is
stored: the path of a post or a profile never leaves this module.
"""

import re
from urllib.parse import urlsplit

from django.utils.text import slugify

from ..conf import settings

#: utm_source spellings seen in the wild -> network code.
SOURCE_ALIASES = {
    "facebook": "facebook", "fb": "facebook", "facebook.com": "facebook", "meta": "facebook",
    "messenger": "facebook",
    "instagram": "instagram", "ig": "instagram", "insta": "instagram", "instagram.com": "instagram",
    "x": "x", "twitter": "x", "t.co": "x", "tw": "x", "x.com": "x", "twitter.com": "x",
    "pinterest": "pinterest", "pin": "pinterest", "pinterest.com": "pinterest",
    "linkedin": "linkedin", "li": "linkedin", "lnkd.in": "linkedin", "linkedin.com": "linkedin",
    "whatsapp": "whatsapp", "wa": "whatsapp",
    "telegram": "telegram", "tg": "telegram",
    "bluesky": "bluesky", "bsky": "bluesky",
    "mastodon": "mastodon", "fediverse": "mastodon",
    "youtube": "youtube", "yt": "youtube",
    "tiktok": "tiktok",
    "snapchat": "snapchat", "snap": "snapchat",
    "reddit": "reddit",
    "threads": "threads",
}  # fmt: skip

#: Referrer hosts (the host itself or any subdomain of it) -> network code.
REFERRER_HOSTS = {
    "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook", "messenger.com": "facebook",
    "m.me": "facebook",
    "instagram.com": "instagram",
    "twitter.com": "x", "x.com": "x", "t.co": "x",
    "pin.it": "pinterest",
    "linkedin.com": "linkedin", "lnkd.in": "linkedin",
    "whatsapp.com": "whatsapp", "wa.me": "whatsapp",
    "t.me": "telegram", "telegram.me": "telegram", "telegram.org": "telegram",
    "bsky.app": "bluesky",
    "youtube.com": "youtube", "youtu.be": "youtube",
    "tiktok.com": "tiktok",
    "snapchat.com": "snapchat",
    "reddit.com": "reddit", "redd.it": "reddit",
    "threads.net": "threads", "threads.com": "threads",
    # Large Mastodon servers whose names do not say "mastodon".
    "mas.to": "mastodon", "fosstodon.org": "mastodon", "piaille.fr": "mastodon", "framapiaf.org": "mastodon",
    "mamot.fr": "mastodon", "hachyderm.io": "mastodon", "infosec.exchange": "mastodon",
    "techhub.social": "mastodon", "universeodon.com": "mastodon", "mastodon.social": "mastodon",
}  # fmt: skip

#: Android apps send ``android-app://<package>`` as the referrer.
ANDROID_PACKAGES = {
    "com.facebook.katana": "facebook", "com.facebook.orca": "facebook", "com.facebook.lite": "facebook",
    "com.instagram.android": "instagram",
    "com.twitter.android": "x",
    "com.pinterest": "pinterest",
    "com.linkedin.android": "linkedin",
    "com.whatsapp": "whatsapp", "com.whatsapp.w4b": "whatsapp",
    "org.telegram.messenger": "telegram",
    "xyz.blueskyweb.app": "bluesky",
    "org.joinmastodon.android": "mastodon",
    "com.google.android.youtube": "youtube",
    "com.zhiliaoapp.musically": "tiktok", "com.ss.android.ugc.trill": "tiktok",
    "com.snapchat.android": "snapchat",
    "com.reddit.frontpage": "reddit",
    "com.instagram.barcelona": "threads",
}  # fmt: skip

# Pinterest runs one domain per country: pinterest.fr, pinterest.co.uk, fr.pinterest.com…
PINTEREST_HOST = re.compile(r"(^|\.)pinterest\.[a-z]{2,3}(\.[a-z]{2})?$")
# Mastodon servers are detectable when their name says so: mastodon.xyz, mstdn.jp, toot.community…
MASTODON_HOST = re.compile(r"(^|\.)(mastodon|mstdn|toot)[.-]")

NETWORK_MAX_LENGTH = 32


def network_for_source(utm_source):
    """The network code for a ``utm_source`` value: a known network, else the value itself (lowercase, as a
    slug) so that "newsletter" or "partner-blog" get their own rows. Empty for an empty value."""
    value = (utm_source or "").strip().lower()
    if not value:
        return ""
    return SOURCE_ALIASES.get(value) or slugify(value)[:NETWORK_MAX_LENGTH]


def referrer_host(referrer):
    """The host of a Referer header (``android-app://`` referrers give the app's package), lowercase and
    without ``www.``; empty when the header is missing or malformed."""
    try:
        parts = urlsplit((referrer or "").strip())
        host = parts.hostname or ""
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https", "android-app"):
        return ""
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _match_suffix(host, table):
    labels = host.split(".")
    for start in range(len(labels) - 1):
        network = table.get(".".join(labels[start:]))
        if network:
            return network
    return ""


def network_for_host(host):
    """The social network a referrer host belongs to, or "" for any other site (search engines included)."""
    if not host:
        return ""
    extra = {key.lower(): value for key, value in settings.ATTRIBUTION_REFERRER_NETWORKS.items()}
    network = _match_suffix(host, extra) or ANDROID_PACKAGES.get(host) or _match_suffix(host, REFERRER_HOSTS)
    if network:
        return network
    if PINTEREST_HOST.search(host):
        return "pinterest"
    if MASTODON_HOST.search(host):
        return "mastodon"
    return ""


#: How networks are named in reports.
LABELS = {
    "facebook": "Facebook", "instagram": "Instagram", "x": "X (Twitter)", "pinterest": "Pinterest",
    "linkedin": "LinkedIn", "whatsapp": "WhatsApp", "telegram": "Telegram", "bluesky": "Bluesky",
    "mastodon": "Mastodon", "youtube": "YouTube", "tiktok": "TikTok", "snapchat": "Snapchat",
    "reddit": "Reddit", "threads": "Threads",
}  # fmt: skip


def network_label(code):
    """A network code as people write it ("x" -> "X (Twitter)"); other sources are shown as they came."""
    return LABELS.get(code, code)
