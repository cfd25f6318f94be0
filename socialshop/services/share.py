"""Share links: the registry of networks, their share-URL builders, UTM tagging and text fitting.

Every builder takes a :class:`SharedPage` whose ``url`` is already UTM-tagged for that network and returns
the network's share URL, every value URL-encoded (``%20`` for spaces: ``+`` is a literal plus in ``mailto:``
and in some apps). Formats: /work/shared/specs/social-tags.md, "Share links".

Projects choose which networks show and in what order with ``SOCIALSHOP_SHARE_NETWORKS`` and rename them
with ``SOCIALSHOP_SHARE_LABELS``.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ..conf import settings
from .text import truncate

#: What a URL counts for on X and Mastodon, whatever its length (t.co / Mastodon's link rule).
SHORTENED_URL_LENGTH = 23
X_LIMIT = 280
BLUESKY_LIMIT = 300
MASTODON_LIMIT = 500
PINTEREST_DESCRIPTION_LIMIT = 500
# X (twitter-text v3) counts these code points 1 and every other one 2 (CJK, emoji…).
_X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


@dataclass(frozen=True)
class SharedPage:
    """What a share button shares. Built on the server from the shared object (never from the client)."""

    url: str  # absolute canonical URL (UTM-tagged by share_url() before a builder sees it)
    title: str
    description: str = ""
    image: str = ""  # absolute URL of the 2:3 Pinterest image
    campaign: str = "share"
    instance: str = ""  # Mastodon only: the visitor's instance host, validated by clean_instance()


@dataclass(frozen=True)
class Network:
    """A share target. ``text_limit`` is the network's post length, ``url_weight`` what a URL counts for in
    it (None: its real length). ``kind`` tells the template and script how the button behaves: ``link``
    (opens the network), ``mail``, ``copy`` (copies the URL), ``native`` (Web Share API), ``mastodon``
    (needs the visitor's instance)."""

    code: str
    label: str
    build_url: Callable[[SharedPage], str]
    text_limit: int | None = None
    url_weight: int | None = None
    kind: str = "link"

    @property
    def popup(self):
        """Opened in a small window by the script (the network's own share dialog)."""
        return self.kind in ("link", "mastodon") and self.code != "whatsapp"


def with_params(url, **params):
    """``url`` with ``params`` set: other parameters kept in order, one of the same name replaced."""
    parts = urlsplit(url)
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in params
    ]
    query += [(key, str(value)) for key, value in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def utm_url(url, source, campaign="share", medium="social"):
    """``url`` tagged ``utm_source``, ``utm_medium`` and ``utm_campaign`` (replacing earlier utm_* tags)."""
    return with_params(url, utm_source=source, utm_medium=medium, utm_campaign=campaign or "share")


def x_length(text):
    """Length of ``text`` as X counts it (URLs aside). Emoji sequences count one per code point, more than
    X's 2 per emoji: a safe overestimate."""
    return sum(1 if any(low <= ord(char) <= high for low, high in _X_LIGHT_RANGES) else 2 for char in text)


def fit_text(text, limit, urls=(), url_weight=None, reserved=0, length=len):
    """``text`` trimmed at a word boundary so that it, a space and each URL, plus ``reserved`` characters,
    fit in ``limit``. Each URL counts ``url_weight`` characters, or its length when that is None;
    ``length`` measures text as the network does."""
    room = limit - reserved - sum(1 + (url_weight or len(url)) for url in urls)
    size = room
    fitted = truncate(text, size)
    while size > 0 and length(fitted) > room:  # only for characters weighing more than one
        size -= max(1, (length(fitted) - room) // 2)
        fitted = truncate(text, size)
    return fitted


def _query(base, **params):
    """``base`` + the non-empty params, each fully percent-encoded."""
    pairs = [(key, value) for key, value in params.items() if value]
    return base + "?" + urlencode(pairs, quote_via=quote, safe="")


def _headline(page, with_description=False):
    if with_description and page.description:
        return f"{page.title} — {page.description}"
    return page.title


def _x_handle():
    return settings.TWITTER_SITE.lstrip("@")


def _hashtags():
    return [tag.lstrip("#") for tag in settings.SHARE_HASHTAGS if tag.strip("#")]


def facebook(page):
    return _query("https://www.facebook.com/sharer/sharer.php", u=page.url)


def x(page):
    via, hashtags = _x_handle(), _hashtags()
    # X composes "text #tag1 #tag2 URL via @handle": every separator and tag counts.
    reserved = (x_length(" via @" + via) if via else 0) + sum(x_length(" #" + tag) for tag in hashtags)
    text = fit_text(page.title, X_LIMIT, [page.url], SHORTENED_URL_LENGTH, reserved, length=x_length)
    return _query("https://x.com/intent/tweet", text=text, url=page.url, via=via, hashtags=",".join(hashtags))


def pinterest_description(page):
    """A pin's description: the title, then the description, within Pinterest's 500 characters."""
    return truncate(_headline(page, with_description=True), PINTEREST_DESCRIPTION_LIMIT)


def pinterest(page):
    return _query(
        "https://www.pinterest.com/pin/create/button/",
        url=page.url,
        media=page.image,
        description=pinterest_description(page),
    )


def linkedin(page):
    return _query("https://www.linkedin.com/sharing/share-offsite/", url=page.url)


def whatsapp(page):
    return _query("https://api.whatsapp.com/send", text=f"{page.title} {page.url}")


def telegram(page):
    return _query("https://t.me/share/url", url=page.url, text=page.title)


def bluesky(page):
    text = fit_text(_headline(page, with_description=True), BLUESKY_LIMIT, [page.url])
    return _query("https://bsky.app/intent/compose", text=f"{text} {page.url}")


def mastodon(page):
    host = clean_instance(page.instance)
    text = fit_text(_headline(page, with_description=True), MASTODON_LIMIT, [page.url], SHORTENED_URL_LENGTH)
    return _query(f"https://{host}/share", text=f"{text} {page.url}")


def email(page):
    body = f"{page.description}\n\n{page.url}" if page.description else page.url
    return _query("mailto:", subject=page.title, body=body)


def plain_url(page):
    """Copy-link and the native share sheet share the tagged page URL itself."""
    return page.url


BUILTIN_NETWORKS = {
    network.code: network
    for network in (
        Network("native", _("Share…"), plain_url, kind="native"),
        Network("facebook", _("Facebook"), facebook),
        Network("x", _("X"), x, text_limit=X_LIMIT, url_weight=SHORTENED_URL_LENGTH),
        Network("pinterest", _("Pinterest"), pinterest, text_limit=PINTEREST_DESCRIPTION_LIMIT),
        Network("linkedin", _("LinkedIn"), linkedin),
        Network("whatsapp", _("WhatsApp"), whatsapp),
        Network("telegram", _("Telegram"), telegram),
        Network("bluesky", _("Bluesky"), bluesky, text_limit=BLUESKY_LIMIT),
        Network("mastodon", _("Mastodon"), mastodon, MASTODON_LIMIT, SHORTENED_URL_LENGTH, kind="mastodon"),
        Network("email", _("Email"), email, kind="mail"),
        Network("copy", _("Copy link"), plain_url, kind="copy"),
    )
}


def enabled_networks():
    """The networks of SOCIALSHOP_SHARE_NETWORKS, in that order, with SOCIALSHOP_SHARE_LABELS applied."""
    labels = settings.SHARE_LABELS
    networks = []
    for code in settings.SHARE_NETWORKS:
        if code not in BUILTIN_NETWORKS:
            raise ImproperlyConfigured(
                f"SOCIALSHOP_SHARE_NETWORKS: unknown network {code!r} (known: {', '.join(BUILTIN_NETWORKS)})."
            )
        network = BUILTIN_NETWORKS[code]
        networks.append(replace(network, label=labels[code]) if code in labels else network)
    return networks


def get_network(code):
    """The enabled network called ``code``, or None: a disabled network cannot be used, even by URL."""
    return next((network for network in enabled_networks() if network.code == code), None)


def share_url(network, page):
    """The network's share URL for ``page``, whose URL is first tagged utm_source=<network code>."""
    tagged = replace(page, url=utm_url(page.url, network.code, page.campaign))
    return network.build_url(tagged)


# A DNS name: dot-separated labels of letters, digits and inner hyphens, a letter-only (or punycode) TLD.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})$")


class InvalidInstance(ValueError):
    pass


def clean_instance(value):
    """The Mastodon instance host the visitor typed, as a lower-case ASCII hostname, or InvalidInstance.

    Only a bare DNS name is accepted: no scheme, path, query, user info, port or IP address, so the
    redirect can only ever be ``https://<that host>/share?...``. A pasted ``https://host/`` or ``@user@host``
    is reduced to the host first, as visitors often paste those.
    """
    text = (value or "").strip()
    if "@" in text and "://" not in text:
        text = text.rsplit("@", 1)[1]  # "@alice@mastodon.social" -> the host part
    elif text.lower().startswith("https://"):
        text = text[len("https://") :].rstrip("/")
    try:
        host = text.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise InvalidInstance(text) from error
    if len(host) > 253 or not _HOSTNAME.match(host):
        raise InvalidInstance(text)
    return host
