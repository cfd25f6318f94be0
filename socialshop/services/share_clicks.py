"""Counting share clicks: once per visitor, object and network within SOCIALSHOP_SHARE_DEDUP_SECONDS, never
for crawlers or prefetches, in at most two queries (reading the session, inserting the click).

The visitor is the customer when the session holds one, else the session, else the browser's CSRF cookie
(Oscar's product pages set one for their basket form; it is random per browser and needs no new cookie),
else the IP address and User-Agent. Only salted hashes are stored or used as cache keys: session keys and
CSRF secrets are credentials.
"""

import re
from functools import lru_cache

from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

from ..conf import settings

PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


@lru_cache(maxsize=8)
def _bot_pattern(patterns):
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def is_bot(user_agent):
    """True for an empty User-Agent or one matching SOCIALSHOP_SHARE_BOT_USER_AGENTS."""
    patterns = tuple(settings.SHARE_BOT_USER_AGENTS)
    return not user_agent.strip() or bool(patterns and _bot_pattern(patterns).search(user_agent))


def is_countable(request):
    """A human's click: a GET (not HEAD), not a speculative prefetch, not from a known bot."""
    if request.method != "GET":
        return False
    if any("prefetch" in request.META.get(header, "").lower() for header in PREFETCH_HEADERS):
        return False
    return not is_bot(request.META.get("HTTP_USER_AGENT", ""))


def _hash(kind, value):
    return salted_hmac(f"socialshop.share.{kind}", value, algorithm="sha256").hexdigest()


def session_user_id(request):
    """The id of the customer logged in this session, without loading the user (at most one query, for
    the session; none when there is no session cookie). For attribution only, never for authorisation."""
    cached_user = getattr(request, "_cached_user", None)  # set once something evaluated request.user
    if cached_user is not None:
        return cached_user.pk if cached_user.is_authenticated else None
    session = getattr(request, "session", None)
    if session is None or not session.session_key:
        return None
    raw = session.get(SESSION_KEY)
    if raw is None:
        return None
    try:
        return get_user_model()._meta.pk.to_python(raw)
    except ValidationError:
        return None


def visitor_key(request, user_id, session_key):
    if user_id is not None:
        return _hash("visitor", f"user:{user_id}")
    if session_key:
        return _hash("visitor", f"session:{session_key}")
    csrf_cookie = request.COOKIES.get(django_settings.CSRF_COOKIE_NAME)
    if csrf_cookie:
        return _hash("visitor", f"browser:{csrf_cookie}")
    meta = request.META
    return _hash("visitor", f"anon:{meta.get('REMOTE_ADDR', '')}:{meta.get('HTTP_USER_AGENT', '')}")


def record_click(request, network, ref):
    """Store a ShareClick for ``ref`` (a share_links.ShareRef) on ``network`` unless this visitor's same
    click was already counted within the window. Returns the id of the counted click (this one, or the
    earlier one it repeats), or None when that is not known (the earlier one is still being stored)."""
    from ..models import ShareClick

    user_id = session_user_id(request)  # loads the session first, so an expired cookie reads as None below
    session = getattr(request, "session", None)
    session_key = session.session_key if session is not None else None
    visitor = visitor_key(request, user_id, session_key)
    dedup_key = f"socialshop:share:{visitor}:{ref.content_type_id}:{ref.object_id}:{network.code}"
    window = settings.SHARE_DEDUP_SECONDS
    if not cache.add(dedup_key, 0, timeout=window):  # atomic: of two simultaneous clicks, one counts
        return cache.get(dedup_key) or None
    click = ShareClick.objects.create(
        network=network.code,
        content_type_id=ref.content_type_id,
        object_id=ref.object_id,
        user_id=user_id,
        session_hash=_hash("session", session_key) if session_key else "",
        campaign=ref.page.campaign,
    )
    cache.set(dedup_key, click.pk, timeout=window)
    return click.pk
