"""Social ROI attribution: touchpoints on landing requests, consent, and the attribution of placed orders.

The visitor is a random id in a signed first-party cookie (SOCIALSHOP_ATTRIBUTION_COOKIE_NAME), so it
survives login, logout and Oscar's basket merge; it is linked to the customer when they log in. The cookie
also remembers, without any query, when the visitor's current window started and whether that first request
was direct, and the last recorded source (reloads within SOCIALSHOP_ATTRIBUTION_VISIT_MINUTES count once).

Query budget, enforced by tests: a landing request costs one INSERT, any other request none. See
:mod:`socialshop.services.attribution_sources` for what makes a landing and for the order dimensions.
"""

import contextvars
import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, transaction
from django.db.models import Q, Sum
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.module_loading import import_string
from oscar.core.loading import get_model

from ..conf import settings

logger = logging.getLogger(__name__)

SALT = "socialshop.attribution"
OPT_OUT = "optout"
#: How long an opt-out is remembered, in days (the usual 13-month consent lifetime).
OPT_OUT_DAYS = 395
STATE_ATTRIBUTE = "socialshop_visitor"
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
# Used only when the share feature (and its configurable list) is not installed.
FALLBACK_BOTS = re.compile(r"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|preview|curl/|wget", re.I)
CENT = Decimal("0.01")
#: The utm_medium of the links the share buttons post.
SHARE_MEDIUM = "social"
#: Earlier share clicks compared with a visit's page when its link carried no share-click id.
SHARE_CANDIDATES = 50

_current_state = contextvars.ContextVar("socialshop_attribution_state", default=None)


# --- The visitor cookie ---------------------------------------------------------------------------------


@dataclass
class VisitorState:
    """What the visitor's cookie says, and what this request changes in it."""

    visitor: str = ""  # random id; "" before the first recorded request (or without consent)
    first_at: int = 0  # epoch seconds of the first request of the current window
    first_direct: bool = False  # that request came from no tracked source
    last_signature: str = ""  # the last recorded source, to count a reload once
    last_at: int = 0
    consented: bool = False  # the visitor gave consent (only needed when it is required)
    opted_out: bool = False
    dirty: bool = False  # the cookie must be written

    def encode(self):
        if self.opted_out:
            return OPT_OUT
        flags = ("d" if self.first_direct else "t") + ("c" if self.consented else "")
        return f"{self.visitor}.{self.first_at}.{flags}.{self.last_signature}.{self.last_at}"

    @classmethod
    def decode(cls, value):
        if value == OPT_OUT:
            return cls(opted_out=True)
        try:
            visitor, first_at, flags, signature, last_at = (value or "").split(".")
            state = cls(visitor, int(first_at), "d" in flags, signature, int(last_at), consented="c" in flags)
        except ValueError:
            return cls()
        return state if re.fullmatch(r"[A-Za-z0-9_-]{16,32}", visitor) else cls()

    def window_open(self, now):
        """Whether the visitor's current attribution window (started at ``first_at``) is still running."""
        return bool(self.visitor) and now - self.first_at < window().total_seconds()

    def start_window(self, now, direct):
        self.visitor = self.visitor or secrets.token_urlsafe(16)
        self.first_at, self.first_direct = now, direct
        self.last_signature, self.last_at = "", 0
        self.dirty = True


def window():
    return timedelta(days=settings.ATTRIBUTION_WINDOW_DAYS)


def read_state(request):
    """The visitor state of ``request`` (from its cookie; no query), cached on the request."""
    state = getattr(request, STATE_ATTRIBUTE, None)
    if state is None:
        raw = request.get_signed_cookie(settings.ATTRIBUTION_COOKIE_NAME, default=None, salt=SALT)
        state = VisitorState.decode(raw) if raw else VisitorState()
        setattr(request, STATE_ATTRIBUTE, state)
    return state


def write_cookie(request, response, state):
    name = settings.ATTRIBUTION_COOKIE_NAME
    days = OPT_OUT_DAYS if state.opted_out else settings.ATTRIBUTION_WINDOW_DAYS
    response.set_signed_cookie(
        name,
        state.encode(),
        salt=SALT,
        max_age=int(timedelta(days=days).total_seconds()),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def may_record(state):
    """Nothing is recorded after an opt-out, nor, when consent is required, before it was given (a cookie set
    while it was not required does not count as consent)."""
    if state.opted_out:
        return False
    return state.consented or not settings.ATTRIBUTION_REQUIRES_CONSENT


# --- Landing requests -----------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _load_sources(paths):
    return [import_string(path) for path in paths]


def touchpoint_sources():
    return _load_sources(tuple(settings.ATTRIBUTION_TOUCHPOINT_SOURCES))


def landing_fields(request):
    """The Touchpoint fields of a landing request, or None when no source recognises the request."""
    fields = {}
    for source in touchpoint_sources():
        for name, value in (source(request) or {}).items():
            if value not in ("", None):
                fields.setdefault(name, value)
    if not fields:
        return None
    fields["landing_path"] = request.path[:255]
    return fields


def is_bot(user_agent):
    try:
        from .share_clicks import is_bot as share_is_bot  # the share feature's list, kept in one place
    except ImportError:
        return not user_agent.strip() or bool(FALLBACK_BOTS.search(user_agent))
    return share_is_bot(user_agent)


def _forwards_landing(response):
    """A redirect that carries the landing's tags on (our QR and share redirects): the page it leads to
    records the visit, not this hop."""
    location = response.get("Location", "")
    share_param = settings.ATTRIBUTION_SHARE_CLICK_PARAM
    return "utm_" in location or bool(share_param and f"{share_param}=" in location)


def is_measurable(request, response):
    """A human's GET that reached a page: not a HEAD, a prefetch, a crawler, an error or a forwarding hop."""
    if request.method != "GET" or response.status_code >= 400:
        return False
    if 300 <= response.status_code < 400 and _forwards_landing(response):
        return False
    if any("prefetch" in request.META.get(header, "").lower() for header in PREFETCH_HEADERS):
        return False
    return not is_bot(request.META.get("HTTP_USER_AGENT", ""))


def _signature(fields):
    text = "|".join(f"{key}={fields[key]}" for key in sorted(fields))
    return hashlib.blake2s(text.encode(), digest_size=6).hexdigest()


def _session_user_id(request):
    """The customer's id if something already loaded ``request.user`` (no query of our own)."""
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


def record_landing(request, fields, state, now=None):
    """Insert the touchpoint of a landing (the one query) unless it repeats the last recorded source within
    SOCIALSHOP_ATTRIBUTION_VISIT_MINUTES. Returns the Touchpoint or None."""
    from ..models import Touchpoint

    now = now or timezone.now()
    seconds = int(now.timestamp())
    signature = _signature(fields)
    if state.window_open(seconds):
        repeat = signature == state.last_signature
        if repeat and seconds - state.last_at < settings.ATTRIBUTION_VISIT_MINUTES * 60:
            return None
        kind = Touchpoint.LAST
    else:
        state.start_window(seconds, direct=False)
        kind = Touchpoint.FIRST
    state.last_signature, state.last_at, state.dirty = signature, seconds, True
    return Touchpoint.objects.create(
        visitor=state.visitor, user_id=_session_user_id(request), kind=kind, created_at=now, **fields
    )


def process_response(request, response):
    """The middleware's work once the view has answered: record a landing, or remember a direct first visit
    in the cookie (no query), then write the cookie if it changed."""
    state = read_state(request)
    if may_record(state) and is_measurable(request, response):
        fields = landing_fields(request)
        now = int(timezone.now().timestamp())
        if fields:
            try:
                record_landing(request, fields, state)
            except DatabaseError:  # measuring must never break the page
                logger.exception("Could not record a touchpoint")
        elif (
            not state.window_open(now)
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        ):
            state.start_window(now, direct=True)
    if state.dirty:
        write_cookie(request, response, state)
    return response


def enter_request(request):
    """Make the request's visitor known to the order-placed receiver (which gets no request)."""
    return _current_state.set(read_state(request))


def leave_request(token):
    _current_state.reset(token)


# --- Consent --------------------------------------------------------------------------------------------


MIDDLEWARE_MARK = "_socialshop_attribution_middleware"


def _state_for_hook(request):
    """The visitor state, when the middleware that writes the cookie runs for this request."""
    if not getattr(request, MIDDLEWARE_MARK, False):
        raise ImproperlyConfigured(
            "socialshop.middleware.AttributionMiddleware must be in MIDDLEWARE to record consent."
        )
    return read_state(request)


class _LandingRequest:
    """The page on which consent was given, seen as the request that brought the visitor there."""

    def __init__(self, request, url, referrer):
        path, _, query = url.split("#")[0].partition("?")
        self.path = path
        self.GET = QueryDict(query)
        self.META = {"HTTP_REFERER": referrer or ""}
        try:
            self.resolver_match = resolve(path)
        except Resolver404:
            self.resolver_match = None
        self.get_host = request.get_host
        self._cached_user = getattr(request, "_cached_user", None)


def grant_consent(request, landing="", referrer=""):
    """The consent banner's hook: from this response on, the visitor is measured (the cookie is set).

    ``landing`` (a local path with its query string) and ``referrer`` describe the page on which the banner
    was accepted; if that page was a landing (UTM tags, a social referrer…) it is recorded now, since it was
    not when it was served. Returns the Touchpoint recorded, or None."""
    state = _state_for_hook(request)
    if state.opted_out:
        state.opted_out, state.visitor = False, ""
    state.consented, state.dirty = True, True
    fields = None
    if landing.startswith("/") and not landing.startswith("//"):
        fields = landing_fields(_LandingRequest(request, landing, referrer))
    if fields:
        return record_landing(request, fields, state)  # opens the visitor's window if none is open
    if not state.window_open(int(timezone.now().timestamp())):
        state.start_window(int(timezone.now().timestamp()), direct=True)
    return None


def revoke_consent(request):
    """Withdraw consent (or opt out when none is required): this browser's touchpoints are deleted (orders
    keep their own copy) and nothing is recorded on it any more. Returns the number deleted."""
    from ..models import Touchpoint

    state = _state_for_hook(request)
    deleted = 0
    if state.visitor:
        deleted, _ = Touchpoint.objects.filter(visitor=state.visitor).delete()
    state.opted_out, state.visitor, state.consented, state.dirty = True, "", False, True
    return deleted


# --- Login ----------------------------------------------------------------------------------------------


def link_visitor_to_user(request, user):
    """At login: the visitor's anonymous touchpoints now belong to the customer too (other devices)."""
    from ..models import Touchpoint

    state = read_state(request)
    if state.visitor and may_record(state) and user.pk is not None:
        Touchpoint.objects.filter(visitor=state.visitor, user__isnull=True).update(user=user)


# --- Orders ---------------------------------------------------------------------------------------------


def _touch_fields(prefix, touch):
    """The ``first_*`` or ``last_*`` fields of an OrderAttribution for ``touch`` (None: a direct visit)."""
    if touch is None:
        blank = ("network", "campaign", "medium", "content", "landing_page")
        return {**{f"{prefix}_{name}": "" for name in blank}, f"{prefix}_touch_at": None}
    return {
        f"{prefix}_network": touch.network,
        f"{prefix}_campaign": touch.utm_campaign,
        f"{prefix}_medium": touch.utm_medium,
        f"{prefix}_content": touch.utm_content,
        f"{prefix}_landing_page": touch.landing_path,
        f"{prefix}_touch_at": touch.created_at,
    }


def order_touches(placed_at, visitor="", user=None):
    """The visitor's and the customer's touchpoints within the window before ``placed_at``, oldest first."""
    from ..models import Touchpoint

    who = Q(visitor=visitor) if visitor else Q(pk__in=[])
    if user is not None and user.pk is not None:
        who |= Q(user=user)
    return list(
        Touchpoint.objects.filter(
            who, created_at__gt=placed_at - window(), created_at__lte=placed_at
        ).order_by("created_at", "pk")
    )


def _inferred_share_click(touch):
    """The share click a visit most probably followed when its link carried no share-click id: the latest
    click on the same network and campaign, before the visit and within the window, whose shared object's
    page is the visit's landing page (the share buttons tag their links utm_medium=social)."""
    from ..models import ShareClick

    if touch.utm_medium != SHARE_MEDIUM or not touch.network:
        return None
    candidates = (
        ShareClick.objects.filter(
            network=touch.network,
            campaign=touch.utm_campaign,
            created_at__lte=touch.created_at,
            created_at__gt=touch.created_at - window(),
        )
        .order_by("-created_at")
        .prefetch_related("shared_object")[:SHARE_CANDIDATES]
    )
    for click in candidates:
        get_url = getattr(click.shared_object, "get_absolute_url", None)
        if get_url is not None and urlsplit(get_url()).path == touch.landing_path:
            return click
    return None


def _share_click(touches):
    """The share click that started the journey: the one named by the earliest touch whose link carried a
    share-click id, else the one inferred for the earliest share landing."""
    from ..models import ShareClick

    refs = [touch.share_click_ref for touch in touches if touch.share_click_ref]
    if refs:
        clicks = ShareClick.objects.in_bulk(refs)
        found = next((clicks[ref] for ref in refs if ref in clicks), None)
        if found is not None:
            return found
    return next(filter(None, map(_inferred_share_click, touches)), None)


def touch_attribution(placed_at, touches, state=None):
    """First and last non-direct touch fields, and the share click, for an order placed at ``placed_at``."""
    first = touches[0] if touches else None
    last = touches[-1] if touches else None
    fields = {**_touch_fields("first", first), **_touch_fields("last", last)}
    if state is not None and state.first_direct and state.visitor:
        direct_at = datetime.fromtimestamp(state.first_at, tz=UTC)
        if placed_at - direct_at < window() and (first is None or direct_at < first.created_at):
            fields.update(_touch_fields("first", None), first_touch_at=direct_at)
    click = _share_click(touches)
    if click is not None:
        fields["share_click"] = click
        if last is not None and last.share_click_ref == click.pk:  # a bare ?ssc= link: no UTM tags
            fields["last_network"] = fields["last_network"] or click.network
            fields["last_campaign"] = fields["last_campaign"] or click.campaign
    return fields


@lru_cache(maxsize=4)
def _load_dimensions(paths):
    return [import_string(path) for path in paths]


def order_dimensions():
    return _load_dimensions(tuple(settings.ATTRIBUTION_ORDER_DIMENSIONS))


def dimension_fields(order):
    """The dimensions' fields for ``order``; the fields a dimension declares (its ``fields`` attribute) and
    no longer finds are reset to None."""
    fields = {}
    for dimension in order_dimensions():
        fields.update(dict.fromkeys(getattr(dimension, "fields", ()), None))
        fields.update(dimension(order))
    return fields


def refresh_dimensions(order):
    """Compute the order's dimensions again (flash sale, pickup shop…) and store any change."""
    from ..models import OrderAttribution

    fields = dimension_fields(order)
    if fields:
        OrderAttribution.objects.filter(order=order).update(**fields)


def revenue_figures(order):
    """(status, refunded, revenue) of ``order`` now. Refunds are the larger of the refund payment events,
    the refunds recorded on its payment sources and its cancelled lines (they usually describe the same
    money, so they are not added up); a cancelled order is worth nothing."""
    from ..models import OrderAttribution

    total = order.total_incl_tax or Decimal("0.00")
    cancelled = {status.lower() for status in settings.ATTRIBUTION_CANCELLED_STATUSES}
    if (order.status or "").lower() in cancelled:
        return OrderAttribution.CANCELLED, Decimal("0.00"), Decimal("0.00")
    refund_types = Q(pk__in=[])
    for name in settings.ATTRIBUTION_REFUND_EVENT_TYPES:
        refund_types |= Q(event_type__code__iexact=name) | Q(event_type__name__iexact=name)
    events = order.payment_events.filter(refund_types).aggregate(total=Sum("amount"))["total"]
    sources = order.sources.aggregate(total=Sum("amount_refunded"))["total"]
    lines = order.lines.filter(status__in=settings.ATTRIBUTION_CANCELLED_STATUSES).aggregate(
        total=Sum("line_price_incl_tax")
    )["total"]
    zero = Decimal("0.00")
    refunded = Decimal(min(max(events or zero, sources or zero, lines or zero), total)).quantize(CENT)
    if refunded <= 0:
        status = OrderAttribution.PLACED
    elif refunded >= total:
        status = OrderAttribution.REFUNDED
    else:
        status = OrderAttribution.PARTIALLY_REFUNDED
    return status, refunded, (total - refunded).quantize(CENT)


def attribute_order(order, visitor_state=None, user=None):
    """Record (or record again) the attribution of ``order``: its first and last non-direct touch, share
    click, dimensions and revenue. ``visitor_state`` is the placing browser's (the middleware's, when
    called during a request); without it only the customer's linked touchpoints count."""
    from ..models import OrderAttribution

    user = user if user is not None else order.user
    placed_at = order.date_placed or timezone.now()
    if visitor_state is not None and not may_record(visitor_state):
        visitor_state = None  # opted out, or no consent: the browser's visits are not to be used
    touches = order_touches(placed_at, visitor_state.visitor if visitor_state else "", user)
    status, refunded, revenue = revenue_figures(order)
    fields = {
        "placed_at": placed_at,
        "currency": order.currency,
        "total": order.total_incl_tax,
        "status": status,
        "refunded": refunded,
        "revenue": revenue,
        **touch_attribution(placed_at, touches, visitor_state),
        **dimension_fields(order),
    }
    attribution, _ = OrderAttribution.objects.update_or_create(order=order, defaults=fields)
    return attribution


def update_revenue(order):
    """Reflect a cancellation, a refund or a cancelled line in the order's attributed revenue."""
    from ..models import OrderAttribution

    status, refunded, revenue = revenue_figures(order)
    OrderAttribution.objects.filter(order=order).update(status=status, refunded=refunded, revenue=revenue)


# --- Signal receivers (connected in socialshop.apps) ----------------------------------------------------


def on_order_placed(sender, order, user=None, **kwargs):
    """Oscar's order_placed: attribute the order. Never lets a failure of ours break a placed order."""
    state = _current_state.get()
    try:
        with transaction.atomic():
            attribute_order(order, visitor_state=state, user=user)
    except Exception:
        logger.exception("Could not record the attribution of order %s", order.number)
        return
    # A feature may write its row later in the same placement transaction (flash-sale holds are consumed
    # after Oscar's placement): look again once it commits.
    order_id = order.pk
    transaction.on_commit(lambda: _refresh_after_commit(order_id))


def _refresh_after_commit(order_id):
    Order = get_model("order", "Order")
    order = Order.objects.filter(pk=order_id).first()
    if order is not None:
        try:
            refresh_dimensions(order)
        except Exception:
            logger.exception("Could not refresh the attribution of order %s", order.number)


def on_order_status_changed(sender, order, old_status=None, new_status=None, **kwargs):
    update_revenue(order)


def on_line_status_changed(sender, line, old_status=None, new_status=None, **kwargs):
    update_revenue(line.order)


def on_payment_event_saved(sender, instance, **kwargs):
    names = {name.lower() for name in settings.ATTRIBUTION_REFUND_EVENT_TYPES}
    event_type = instance.event_type
    if event_type.code.lower() in names or event_type.name.lower() in names:
        update_revenue(instance.order)


def on_source_saved(sender, instance, created=False, **kwargs):
    if instance.amount_refunded and instance.order_id:
        update_revenue(instance.order)


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "COOKIES"):
        link_visitor_to_user(request, user)


def dimension_trigger(lookup):
    """A post_save receiver refreshing the dimensions of the order ``lookup(instance)`` designates."""

    def receiver(sender, instance, **kwargs):
        criteria = lookup(instance)
        if criteria:
            order = get_model("order", "Order").objects.filter(**criteria).first()
            if order is not None:
                refresh_dimensions(order)

    return receiver


def connect_signals():
    """Connect the receivers; called from SocialshopConfig.ready()."""
    from django.apps import apps
    from django.contrib.auth.signals import user_logged_in
    from django.db.models.signals import post_save
    from oscar.core.loading import get_class

    uid = "socialshop.attribution"
    get_class("order.signals", "order_placed").connect(on_order_placed, dispatch_uid=uid)
    get_class("order.signals", "order_status_changed").connect(on_order_status_changed, dispatch_uid=uid)
    get_class("order.signals", "order_line_status_changed").connect(on_line_status_changed, dispatch_uid=uid)
    post_save.connect(on_payment_event_saved, sender=get_model("order", "PaymentEvent"), dispatch_uid=uid)
    post_save.connect(on_source_saved, sender=get_model("payment", "Source"), dispatch_uid=uid)
    user_logged_in.connect(on_login, dispatch_uid=uid)
    for dimension in order_dimensions():
        for label, lookup in getattr(dimension, "triggers", ()):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            post_save.connect(
                dimension_trigger(lookup),
                sender=model,
                weak=False,  # the receiver is a closure: nothing else keeps it alive
                dispatch_uid=f"{uid}.{label}.{dimension.__module__}.{dimension.__name__}",
            )


# --- Retention ------------------------------------------------------------------------------------------


def purge_touchpoints(days=None, dry_run=False, now=None):
    """Delete touchpoints older than ``days`` (default SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS). Returns
    (number deleted or, with ``dry_run``, that would be, cutoff datetime)."""
    from ..models import Touchpoint

    days = settings.ATTRIBUTION_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = Touchpoint.objects.filter(created_at__lt=cutoff)
    if dry_run:
        return old.count(), cutoff
    deleted, _ = old.delete()
    return deleted, cutoff
