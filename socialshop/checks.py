"""System checks that catch misconfiguration before a shared link renders badly."""

import re

from django.conf import settings as django_settings
from django.core.checks import Error, Tags, Warning, register

from .conf import settings

TWITTER_HANDLE = re.compile(r"^@[A-Za-z0-9_]{1,15}$")
CONDITIONS = ("new", "refurbished", "used")
CARD_TYPES = ("summary", "summary_large_image", "app", "player")


@register(Tags.compatibility)
def check_social_settings(app_configs, **kwargs):
    messages = []
    if settings.TWITTER_CARDS:
        handle = settings.TWITTER_SITE
        if not handle:
            messages.append(
                Warning(
                    "Twitter/X cards are on but the shop has no X handle.",
                    hint='Set SOCIALSHOP_TWITTER_SITE = "@yourshop", or SOCIALSHOP_TWITTER_CARDS = False.',
                    id="socialshop.W001",
                )
            )
        elif not TWITTER_HANDLE.match(handle):
            messages.append(
                Error(
                    f"SOCIALSHOP_TWITTER_SITE {handle!r} is not an X handle.",
                    hint='Use "@" followed by 1 to 15 letters, digits or underscores, e.g. "@yourshop".',
                    id="socialshop.E001",
                )
            )
        if settings.TWITTER_CARD_TYPE not in CARD_TYPES:
            messages.append(
                Error(
                    f"SOCIALSHOP_TWITTER_CARD_TYPE {settings.TWITTER_CARD_TYPE!r} is not a card type.",
                    hint="Use one of: " + ", ".join(CARD_TYPES) + ".",
                    id="socialshop.E002",
                )
            )
    if settings.PRODUCT_CONDITION not in CONDITIONS:
        messages.append(
            Error(
                f"SOCIALSHOP_PRODUCT_CONDITION {settings.PRODUCT_CONDITION!r} is not understood by Facebook.",
                hint="Use one of: " + ", ".join(CONDITIONS) + ".",
                id="socialshop.E003",
            )
        )
    site_url = settings.SITE_URL
    if site_url and (not re.match(r"^https?://[^/]+$", site_url)):
        messages.append(
            Error(
                f"SOCIALSHOP_SITE_URL {site_url!r} must be a scheme and host without a path.",
                hint='For example "https://www.example.fr" (no trailing slash).',
                id="socialshop.E004",
            )
        )
    languages = [code for code, _name in django_settings.LANGUAGES]
    missing = [code for code in languages if code.split("-")[0] not in settings.OG_LOCALES]
    if missing and len(languages) < 20:  # Django's default LANGUAGES lists ~100: only check a chosen list.
        messages.append(
            Warning(
                "Some LANGUAGES have no Open Graph locale: " + ", ".join(missing) + ".",
                hint="Add them to SOCIALSHOP_OG_LOCALES, e.g. {'de': 'de_DE'}.",
                id="socialshop.W002",
            )
        )
    return messages


@register(Tags.compatibility)
def check_app_install_settings(app_configs, **kwargs):
    """App-install settings (SOCIALSHOP_APP_*): ids and fingerprints in the formats Apple and Google read,
    URL paths, and an apple-app-site-association Apple will accept (≤ 128 KB). An error turns the feature off.

    Ids: socialshop.E301 (a malformed or inconsistent value); W301 (app ids but no name), W302 (no
    apple-app-site-association), W303 (no assetlinks.json): it works, but not as the shop expects."""
    from .services.appinstall import config_from_settings

    config = config_from_settings()
    return [
        (Warning if problem.warning else Error)(
            f"{problem.setting}: {problem.message}",
            hint=problem.hint,
            id=problem.check_id,
        )
        for problem in config.problems
    ]


@register(Tags.compatibility)
def check_attribution_settings(app_configs, **kwargs):
    """Social ROI (SOCIALSHOP_ATTRIBUTION_*): socialshop.E901 (window or retention out of range), E902 (a
    touchpoint source or order dimension that cannot be imported), W901 (the middleware is not installed:
    orders are attributed, but no visit is ever recorded, so every order looks direct)."""
    from django.utils.module_loading import import_string

    messages = []
    window, retention = settings.ATTRIBUTION_WINDOW_DAYS, settings.ATTRIBUTION_RETENTION_DAYS
    if not isinstance(window, int) or window < 1 or not isinstance(retention, int) or retention < window:
        messages.append(
            Error(
                f"SOCIALSHOP_ATTRIBUTION_WINDOW_DAYS ({window!r}) must be a whole number of days ≥ 1 and "
                f"SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS ({retention!r}) at least as long.",
                hint="Touchpoints purged before the window ends could no longer be attributed to an order.",
                id="socialshop.E901",
            )
        )
    for setting in ("ATTRIBUTION_TOUCHPOINT_SOURCES", "ATTRIBUTION_ORDER_DIMENSIONS"):
        for path in getattr(settings, setting):
            try:
                import_string(path)
            except ImportError as exc:
                messages.append(
                    Error(f"SOCIALSHOP_{setting}: cannot import {path!r} ({exc}).", id="socialshop.E902")
                )
    if "socialshop.middleware.AttributionMiddleware" not in django_settings.MIDDLEWARE:
        messages.append(
            Warning(
                "socialshop.middleware.AttributionMiddleware is not in MIDDLEWARE: no visit is recorded and "
                "every order will look direct in the social ROI report.",
                hint="Add it after AuthenticationMiddleware.",
                id="socialshop.W901",
            )
        )
    return messages


@register(Tags.compatibility)
def check_share_settings(app_configs, **kwargs):
    """Share buttons (SOCIALSHOP_SHARE_*): socialshop.E401 (a network code that does not exist),
    E402 (a bot pattern that is not a regular expression), E403 (a de-duplication window that is not a
    whole number of seconds ≥ 0)."""
    from .services.share import BUILTIN_NETWORKS

    messages = []
    known = ", ".join(BUILTIN_NETWORKS)
    for setting, codes in (
        ("SHARE_NETWORKS", settings.SHARE_NETWORKS),
        ("SHARE_LABELS", settings.SHARE_LABELS),
    ):
        for code in codes:
            if code not in BUILTIN_NETWORKS:
                messages.append(
                    Error(
                        f"SOCIALSHOP_{setting}: no share network is called {code!r}.",
                        hint=f"Known: {known}.",
                        id="socialshop.E401",
                    )
                )
    for pattern in settings.SHARE_BOT_USER_AGENTS:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            messages.append(
                Error(
                    f"SOCIALSHOP_SHARE_BOT_USER_AGENTS: {pattern!r} is not a regular expression ({exc}).",
                    id="socialshop.E402",
                )
            )
    seconds = settings.SHARE_DEDUP_SECONDS
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
        messages.append(
            Error(
                f"SOCIALSHOP_SHARE_DEDUP_SECONDS must be a whole number of seconds ≥ 0, not {seconds!r}.",
                hint="0 counts every click.",
                id="socialshop.E403",
            )
        )
    return messages
