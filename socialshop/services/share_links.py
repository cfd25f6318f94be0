"""From a shared object to its share links, and back.

A share link is ``/share/<network>/<token>/``. The token is a compact, signed (HMAC with SECRET_KEY) list
built by the server when it renders the page: the shared object's content type and id, and what the network
URL needs (canonical URL, title, description, Pinterest image, campaign), all taken from
:func:`socialshop.services.meta.describe`. The click endpoint verifies the signature and builds the network
URL itself, so a visitor can choose the network (among the enabled ones) and nothing else: a tampered token
is a 404, never a redirect elsewhere. Carrying the page's description in the token, rather than loading the
object again, is what keeps the endpoint at two queries (session + insert) for any kind of object.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import get_script_prefix, get_urlconf, reverse

from .meta import describe
from .share import BUILTIN_NETWORKS, SharedPage, enabled_networks, share_url
from .text import truncate

SALT = "socialshop.share.v1"
#: Longest description carried in a token: Pinterest and Bluesky never show more, and links stay short.
DESCRIPTION_LENGTH = 200
MAX_CAMPAIGN_LENGTH = 100


class InvalidToken(Exception):
    pass


@dataclass(frozen=True)
class ShareRef:
    """The shared object (as a content type and id) and what is shared about it."""

    content_type_id: int
    object_id: int
    page: SharedPage


def shared_page(obj, request, campaign="share", image_url=None):
    """What sharing ``obj`` shares, from its social metadata (the same the page's meta tags show).
    ``image_url`` replaces the Pinterest image, e.g. for the Pin-it button of one gallery image."""
    meta = describe(obj, request)
    pinterest = getattr(meta, "pinterest_image", None)
    return SharedPage(
        url=meta.url,
        title=meta.title,
        description=truncate(meta.description or "", DESCRIPTION_LENGTH),
        image=image_url or (pinterest.url if pinterest else ""),
        campaign=(campaign or "share")[:MAX_CAMPAIGN_LENGTH],
    )


def _signer():
    # No timestamp (unlike signing.dumps): the same page always gets the same links, so pages and the
    # rendered share bar can be cached. SECRET_KEY_FALLBACKS keep links valid across a key rotation.
    return signing.Signer(salt=SALT)


def make_token(obj, page):
    """The signed reference to ``obj`` shared as ``page``."""
    content_type = ContentType.objects.get_for_model(obj)  # cached by Django after the first lookup
    return _token(content_type.pk, obj.pk, page, django_settings.SECRET_KEY)


@lru_cache(maxsize=1024)
def _token(content_type_id, object_id, page, secret_key):
    """Signing is pure: a page signs its bar and its Pin-it buttons once per process, not once each."""
    payload = [
        content_type_id, object_id, page.url, page.title, page.description, page.image, page.campaign
    ]  # fmt: skip
    return _signer().sign_object(payload, compress=True)


def read_token(token):
    """The ShareRef a token carries, or InvalidToken when it was not made by this site or is malformed."""
    try:
        payload = _signer().unsign_object(token)
        content_type_id, object_id, url, title, description, image, campaign = payload
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken(str(error)) from error
    if not (isinstance(content_type_id, int) and isinstance(object_id, int)):
        raise InvalidToken("malformed object reference")
    if not all(isinstance(value, str) for value in (url, title, description, image, campaign)):
        raise InvalidToken("malformed page")
    page = SharedPage(url=url, title=title, description=description, image=image, campaign=campaign)
    return ShareRef(content_type_id, object_id, page)


def click_url(network_code, token):
    """The shop's own link for sharing on ``network_code``: it counts the click, then redirects."""
    return click_urls([network_code], token)[network_code]


def click_urls(network_codes, token):
    """click_url() of several networks (a page renders a dozen of them) from one reversed pattern."""
    head, tail = _click_pattern(get_script_prefix(), django_settings.ROOT_URLCONF, get_urlconf())
    return {code: f"{head}/{code}/{token}/{tail}" for code in network_codes}


@lru_cache(maxsize=16)
def _click_pattern(script_prefix, root_urlconf, urlconf):
    """The endpoint's path around its two arguments, for a script prefix and URLconf (the cache key)."""
    head, _, tail = reverse("socialshop:share", args=["NETWORK", "TOKEN"]).rpartition("/NETWORK/TOKEN/")
    return head, tail


@dataclass(frozen=True)
class ShareButton:
    network: object  # share.Network
    href: str  # our click endpoint
    target: str  # copy-link and Web Share: the tagged page URL the script copies or shares; else ""


def select_networks(codes=None):
    """The enabled networks in the configured order, or in the order of ``codes`` when given; a code the
    shop has not enabled is left out, an unknown code is a ValueError."""
    enabled = enabled_networks()
    if codes is None:
        return enabled
    unknown = [code for code in codes if code not in BUILTIN_NETWORKS]
    if unknown:
        raise ValueError(f"unknown share network(s): {', '.join(unknown)}")
    by_code = {network.code: network for network in enabled}
    return [by_code[code] for code in codes if code in by_code]


def buttons_for(networks, page, token):
    """A ShareButton per network for the page ``token`` signs."""
    hrefs = click_urls([network.code for network in networks], token)
    return [
        ShareButton(
            network,
            hrefs[network.code],
            share_url(network, page) if network.kind in ("copy", "native") else "",
        )
        for network in networks
    ]
