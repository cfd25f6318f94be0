"""Mobile app-install prompts: configuration, deep links, store links, association files and manifest.

Everything here is computed from an :class:`AppInstallConfig`, built from the ``SOCIALSHOP_APP_*`` settings
and, per request, from any registered override provider (``cms_blocks`` registers the Wagtail site setting,
so the core never imports Wagtail). An empty configuration turns the feature off: no tags, no banner, and the
association files answer 404.
"""

import io
import json
import re
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from urllib.parse import quote, urlencode

from django.apps import apps
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from oscar.core.loading import get_model

from ..conf import settings
from .urls import absolute_url

#: Apple refuses an apple-app-site-association file larger than this (bytes, uncompressed).
AASA_MAX_BYTES = 128 * 1024

IOS, ANDROID, OTHER = "ios", "android", "other"
PLATFORMS = (IOS, ANDROID, OTHER)

IOS_ID = re.compile(r"^[1-9][0-9]{5,11}$")
TEAM_ID = re.compile(r"^[A-Z0-9]{10}$")
BUNDLE_ID = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
PACKAGE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")
FINGERPRINT = re.compile(r"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
LINK_BASE = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]+)?$")
PATH_PATTERN = re.compile(r"^/[A-Za-z0-9/_.~%*?:@!$&'()+,;=-]*$")
COUNTRY = re.compile(r"^[A-Za-z]{2}$")
WEB_SCHEMES = ("http", "https", "ftp", "file", "javascript", "data", "intent")

# Settings name (after SOCIALSHOP_) of each configuration field, for messages and the settings reader.
SETTING_NAMES = {
    "name": "APP_NAME",
    "ios_id": "APP_IOS_ID",
    "ios_team_id": "APP_IOS_TEAM_ID",
    "ios_bundle_id": "APP_IOS_BUNDLE_ID",
    "android_package": "APP_ANDROID_PACKAGE",
    "android_fingerprints": "APP_ANDROID_SHA256_FINGERPRINTS",
    "deep_link_scheme": "APP_DEEP_LINK_SCHEME",
    "universal_link_base": "APP_UNIVERSAL_LINK_BASE",
    "paths": "APP_PATHS",
    "country": "APP_COUNTRY",
    "banner": "APP_BANNER",
    "banner_dismiss_days": "APP_BANNER_DISMISS_DAYS",
    "banner_click_days": "APP_BANNER_CLICK_DAYS",
    "banner_max_views": "APP_BANNER_MAX_VIEWS",
    "banner_cap_days": "APP_BANNER_CAP_DAYS",
    "banner_excluded_paths": "APP_BANNER_EXCLUDED_PATHS",
    "desktop_qr": "APP_DESKTOP_QR",
    "icon": "APP_ICON",
}
LIST_FIELDS = ("android_fingerprints", "paths", "banner_excluded_paths")


@dataclass(frozen=True)
class AppInstallConfig:
    """The shop's app, as every tag, file, banner and redirect sees it."""

    name: str = ""
    ios_id: str = ""
    ios_team_id: str = ""
    ios_bundle_id: str = ""
    android_package: str = ""
    android_fingerprints: tuple = ()
    deep_link_scheme: str = ""
    universal_link_base: str = ""
    paths: tuple = ()
    country: str = ""
    banner: bool = True
    banner_dismiss_days: int = 30
    banner_click_days: int = 90
    banner_max_views: int = 5
    banner_cap_days: int = 7
    banner_excluded_paths: tuple = ()
    desktop_qr: bool = True
    icon: str = ""
    #: What :func:`validate` found; a configuration with an error (not a warning) is off, see ``enabled``.
    problems: tuple = field(default=(), compare=False)

    @property
    def enabled(self):
        has_error = any(not problem.warning for problem in self.problems)
        return bool(self.name and (self.ios_id or self.android_package) and not has_error)

    @property
    def has_ios(self):
        return self.enabled and bool(self.ios_id)

    @property
    def has_android(self):
        return self.enabled and bool(self.android_package)

    @property
    def ios_app_id(self):
        """``TEAMID.bundle.id`` as apple-app-site-association names the app; empty if either is missing."""
        if self.ios_team_id and self.ios_bundle_id:
            return f"{self.ios_team_id}.{self.ios_bundle_id}"
        return ""

    def has_platform(self, platform):
        return {IOS: self.has_ios, ANDROID: self.has_android}.get(platform, False)

    def banner_shown_on(self, path):
        """Whether the banner (and the Smart App Banner, its iOS twin) may appear on ``path`` at all."""
        return (
            self.enabled
            and self.banner
            and not any(path.startswith(prefix) for prefix in self.banner_excluded_paths)
        )

    def opens_in_app(self, path):
        """Whether ``path`` is one the app declares it can open (``*`` and ``?`` as in the AASA file)."""
        return any(fnmatchcase(path, pattern) for pattern in self.paths)

    def deep_link(self, path, request=None):
        """The URL that opens ``path`` in the app: the app's home for a path it does not handle.

        With a custom scheme, ``/catalogue/x/`` becomes ``scheme://catalogue/x/``. Otherwise it is a universal
        link: APP_UNIVERSAL_LINK_BASE (or the shop's own address) followed by the path.
        """
        if not self.opens_in_app(path):
            path = "/"
        if self.deep_link_scheme:
            return f"{self.deep_link_scheme}://{quote(path.lstrip('/'), safe='/:@!$&()*+;=-._~')}"
        base = self.universal_link_base or absolute_url("/", request).rstrip("/")
        return base + quote(path, safe="/:@!$&()*+;=-._~")

    def app_store_url(self):
        country = f"{self.country.lower()}/" if self.country else ""
        return f"https://apps.apple.com/{country}app/id{self.ios_id}"

    def play_store_url(self, utm=None):
        """Google Play listing; UTM tags ride in ``referrer`` so the Play install referrer reports them."""
        query = {"id": self.android_package}
        if utm:
            query["referrer"] = urlencode(utm)
        return "https://play.google.com/store/apps/details?" + urlencode(query)

    def android_intent_url(self, path, request=None, utm=None):
        """An ``intent://`` URL for Chrome on Android: opens the page in the app when it is installed,
        the Play listing otherwise (``S.browser_fallback_url``), with no error page in between."""
        link = self.deep_link(path, request)
        scheme, rest = link.split("://", 1)
        fallback = quote(self.play_store_url(utm), safe="")
        return f"intent://{rest}#Intent;scheme={scheme};package={self.android_package};S.browser_fallback_url={fallback};end"

    def store_url(self, platform, utm=None):
        """The store listing for ``platform``, or None when the app is not on it."""
        if platform == IOS and self.has_ios:
            return self.app_store_url()
        if platform == ANDROID and self.has_android:
            return self.play_store_url(utm)
        return None

    def open_url(self, platform, path, request=None, utm=None):
        """Where "Open in app" leads on ``platform``: the deep link, or the web page itself elsewhere."""
        if platform == IOS and self.has_ios:
            return self.deep_link(path, request)
        if platform == ANDROID and self.has_android:
            return self.android_intent_url(path, request, utm)
        return path


# --- Building the configuration -------------------------------------------------------------------------

_override_providers = []


def register_override_provider(provider):
    """Register ``provider(request) -> dict`` of field values that replace the settings' (empty values are
    ignored). ``cms_blocks`` registers the Wagtail site setting this way."""
    if provider not in _override_providers:
        _override_providers.append(provider)


def unregister_override_provider(provider):
    if provider in _override_providers:
        _override_providers.remove(provider)


def config_from_settings():
    values = {name: getattr(settings, setting) for name, setting in SETTING_NAMES.items()}
    return build_config(values)


def get_config(request=None):
    """The configuration for this request (cached on the request: tags, banner and QR code ask for it)."""
    cached = getattr(request, "_socialshop_app_config", None)
    if cached is not None:
        return cached
    values = {name: getattr(settings, setting) for name, setting in SETTING_NAMES.items()}
    for provider in _override_providers:
        for name, value in (provider(request) or {}).items():
            if name in SETTING_NAMES and value not in ("", None, [], ()):
                values[name] = value
    config = build_config(values)
    if request is not None:
        request._socialshop_app_config = config
    return config


def build_config(values):
    """A validated :class:`AppInstallConfig` from field values (lists as tuples, ids as stripped strings).

    Every page asks for it, with the same few values: validated configurations are memoised by value (they
    are immutable), so settings changed by ``override_settings`` still take effect at once."""
    values = dict(values)
    for name in LIST_FIELDS:
        if isinstance(values[name], list | tuple):
            values[name] = tuple(values[name])
    for name in ("name", "ios_id", "ios_team_id", "ios_bundle_id", "android_package", "country"):
        values[name] = str(values[name] or "").strip()
    try:
        return _validated(tuple(sorted(values.items())))
    except TypeError:  # an unhashable value (a malformed setting, e.g. a dict): validate it uncached
        return _validate(values)


@lru_cache(maxsize=64)
def _validated(items):
    return _validate(dict(items))


def _validate(values):
    config = AppInstallConfig(**values)
    return replace(config, problems=tuple(validate(config)))


# --- Validation (the system check and the Wagtail form both use it) -----------------------------------


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    hint: str
    warning: bool = False
    #: System check id: one per kind of warning (so a shop can silence one), one for every error.
    check_id: str = "socialshop.E301"

    @property
    def setting(self):
        return "SOCIALSHOP_" + SETTING_NAMES[self.field]


def validate(config):
    """Every problem in ``config``, errors first. Only errors switch the feature off."""
    problems = list(_field_problems(config))
    problems += _consistency_problems(config, problems)
    return sorted(problems, key=lambda problem: problem.warning)


def _field_problems(config):
    simple = [
        (
            "ios_id",
            IOS_ID,
            "the digits of the App Store URL apps.apple.com/app/id123456789, not the bundle id",
        ),
        (
            "ios_team_id",
            TEAM_ID,
            'ten capital letters or digits, e.g. "ABCDE12345" (Apple Developer > Membership)',
        ),
        ("ios_bundle_id", BUNDLE_ID, 'reverse-DNS letters, digits and hyphens, e.g. "fr.maboutique.app"'),
        ("android_package", PACKAGE, 'a Java package name, e.g. "fr.maboutique.app"'),
        ("deep_link_scheme", SCHEME, 'a URL scheme such as "maboutique" (no "://")'),
        (
            "universal_link_base",
            LINK_BASE,
            'an https scheme and host, no path, e.g. "https://www.maboutique.fr"',
        ),
        ("country", COUNTRY, 'a two-letter country code, e.g. "FR"'),
    ]
    for name, pattern, hint in simple:
        value = getattr(config, name)
        if value and not (isinstance(value, str) and pattern.match(value)):
            yield Problem(name, f"{value!r} is not a valid value.", f"Use {hint}.")
    if config.deep_link_scheme and config.deep_link_scheme.lower() in WEB_SCHEMES:
        yield Problem(
            "deep_link_scheme",
            f"{config.deep_link_scheme!r} is a web scheme, not the app's own.",
            "Use the app's custom scheme, or leave it empty and set SOCIALSHOP_APP_UNIVERSAL_LINK_BASE.",
        )
    for name, example in (
        ("android_fingerprints", '["AB:CD:…"]'),
        ("paths", '["/catalogue/*"]'),
        ("banner_excluded_paths", '["/checkout/"]'),
    ):
        if not isinstance(getattr(config, name), tuple):
            yield Problem(name, "must be a list of strings.", f"For example {example}.")
    if isinstance(config.android_fingerprints, tuple):
        for fingerprint in config.android_fingerprints:
            if not (isinstance(fingerprint, str) and FINGERPRINT.match(fingerprint)):
                yield Problem(
                    "android_fingerprints",
                    f"{fingerprint!r} is not a SHA-256 certificate fingerprint.",
                    "Use 32 colon-separated hex pairs, as printed by `keytool -list -v` or the Play Console.",
                )
    for name in ("paths", "banner_excluded_paths"):
        if isinstance(getattr(config, name), tuple):
            for path in getattr(config, name):
                if not (isinstance(path, str) and PATH_PATTERN.match(path)):
                    yield Problem(
                        name,
                        f"{path!r} is not a URL path.",
                        'Start with "/", use only URL characters; "*" matches anything, e.g. "/catalogue/*".',
                    )
    for name in ("banner_dismiss_days", "banner_click_days", "banner_max_views", "banner_cap_days"):
        value = getattr(config, name)
        if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            yield Problem(name, f"{value!r} must be a whole number, 0 or more.", "For example 30.")


def _consistency_problems(config, problems):
    broken = {problem.field for problem in problems}
    result = []
    if (config.ios_id or config.android_package) and not config.name:
        result.append(
            Problem(
                "name",
                "an app id is set but the app has no name: app-install prompts are off.",
                'Set SOCIALSHOP_APP_NAME = "Your shop".',
                warning=True,
                check_id="socialshop.W301",
            )
        )
    if bool(config.ios_team_id) != bool(config.ios_bundle_id):
        missing = "ios_bundle_id" if config.ios_team_id else "ios_team_id"
        result.append(
            Problem(
                missing,
                "apple-app-site-association needs both the team id and the bundle id.",
                f"Set SOCIALSHOP_{SETTING_NAMES[missing]}, or clear the other one.",
            )
        )
    if config.ios_id and not (config.ios_team_id or config.ios_bundle_id):
        result.append(
            Problem(
                "ios_team_id",
                "no team id and bundle id: links will not open the iOS app (no apple-app-site-association).",
                "Set SOCIALSHOP_APP_IOS_TEAM_ID and SOCIALSHOP_APP_IOS_BUNDLE_ID.",
                warning=True,
                check_id="socialshop.W302",
            )
        )
    if config.android_fingerprints and not config.android_package:
        result.append(
            Problem(
                "android_package",
                "signing fingerprints are set but no Android package.",
                "Set SOCIALSHOP_APP_ANDROID_PACKAGE.",
            )
        )
    if config.android_package and not config.android_fingerprints and "android_fingerprints" not in broken:
        result.append(
            Problem(
                "android_fingerprints",
                "no signing fingerprint: links will not open the Android app (no assetlinks.json).",
                "Add the Play app signing key's SHA-256 fingerprint (Play Console > App integrity).",
                warning=True,
                check_id="socialshop.W303",
            )
        )
    if not result and not problems and config.ios_app_id:
        size = len(aasa_bytes(config))
        if size > AASA_MAX_BYTES:
            result.append(
                Problem(
                    "paths",
                    f"apple-app-site-association would be {size} bytes; Apple reads at most "
                    f"{AASA_MAX_BYTES}.",
                    'Use fewer, broader path patterns ("/catalogue/*").',
                )
            )
    return result


# --- Documents --------------------------------------------------------------------------------------------


def aasa_document(config):
    """apple-app-site-association, or None when the iOS app is not fully described."""
    if not (config.enabled and config.ios_app_id):
        return None
    return {
        "applinks": {
            "details": [{"appIDs": [config.ios_app_id], "components": [{"/": path} for path in config.paths]}]
        }
    }


def aasa_bytes(config):
    document = aasa_document(replace(config, problems=())) if config.ios_app_id else None
    return json.dumps(document, separators=(",", ":")).encode() if document else b""


def assetlinks_document(config):
    """Digital Asset Links statement list, or None without package and fingerprints."""
    if not (config.has_android and config.android_fingerprints):
        return None
    return [
        {
            "relation": ["delegate_permission/common.handle_all_urls"],
            "target": {
                "namespace": "android_app",
                "package_name": config.android_package,
                "sha256_cert_fingerprints": [
                    fingerprint.upper() for fingerprint in config.android_fingerprints
                ],
            },
        }
    ]


def manifest_document(config, *, start_url="/", lang="", icon_url=""):
    """A web app manifest that names the native apps and asks browsers to prefer them."""
    related = []
    if config.has_android:
        related.append({"platform": "play", "id": config.android_package, "url": config.play_store_url()})
    if config.has_ios:
        related.append({"platform": "itunes", "url": config.app_store_url()})
    manifest = {
        "name": config.name,
        "short_name": config.name[:12],
        "start_url": start_url,
        "scope": "/",
        "display": "browser",
        "related_applications": related,
        "prefer_related_applications": bool(related),
    }
    if lang:
        manifest["lang"] = lang
    if icon_url:
        manifest["icons"] = [{"src": icon_url, "sizes": "512x512", "type": "image/png", "purpose": "any"}]
    return manifest


# --- Requests, destinations and tracking ------------------------------------------------------------------


def platform_from_user_agent(user_agent):
    """iOS, Android or other, from a User-Agent. The banner's own decision is client-side
    (``static/socialshop/appbanner.js``); the server only needs this to pick a store for a QR scan, and the
    tests run both over the same user-agent matrix so they cannot drift."""
    user_agent = user_agent or ""
    if re.search(r"iPhone|iPad|iPod", user_agent):
        return IOS
    if "Android" in user_agent:
        return ANDROID
    return OTHER


def is_local_path(path):
    """Whether ``path`` is a path on this site (no scheme, no host, no ``//`` or backslash trick)."""
    return (
        isinstance(path, str)
        and path.startswith("/")
        and "\\" not in path
        and not any(character.isspace() or ord(character) < 32 or ord(character) == 127 for character in path)
        and url_has_allowed_host_and_scheme(path, allowed_hosts=set(), require_https=False)
    )


PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
NOT_A_PERSON = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|facebookcatalog|preview|embedly|curl/|wget|python-"
    r"|httpx|go-http-client|okhttp|java/|libwww|scrapy|lighthouse",
    re.IGNORECASE,
)


def is_countable(meta):
    """Whether a request (its ``META``) is a person's tap or scan: a prefetch or a crawler fetching the
    link is sent on like anyone, but not counted."""
    if any("prefetch" in meta.get(header, "").lower() for header in PREFETCH_HEADERS):
        return False
    user_agent = meta.get("HTTP_USER_AGENT", "")
    return bool(user_agent.strip()) and not NOT_A_PERSON.search(user_agent)


def utm(source, medium, campaign):
    return {
        key: value
        for key, value in (("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign))
        if value
    }


def with_query(url, params):
    if not params:
        return url
    return url + ("&" if "?" in url else "?") + urlencode(params)


def record_event(kind, platform, path="", target="", object_id=None, utm_tags=None):
    """Store one Install / Open in app / QR scan for the ROI report (no IP, no user agent, no user)."""
    from ..models import AppPromoEvent

    utm_tags = utm_tags or {}
    return AppPromoEvent.objects.create(
        kind=kind,
        platform=platform,
        path=path[:255],
        target=target,
        object_id=object_id,
        utm_source=utm_tags.get("utm_source", "")[:100],
        utm_medium=utm_tags.get("utm_medium", "")[:100],
        utm_campaign=utm_tags.get("utm_campaign", "")[:100],
    )


# --- QR codes ---------------------------------------------------------------------------------------------

#: What a QR code (or an "Install" tap) can lead to.
TARGETS = ("app", "product", "sale")


def sale_model():
    """The flash-sale model when the flash-sales feature is installed, else None."""
    try:
        return apps.get_model("socialshop", "FlashSale")
    except LookupError:
        return None


def available_targets():
    return tuple(target for target in TARGETS if target != "sale" or sale_model() is not None)


def target_path(target, object_id):
    """The shop page a product or sale QR code leads to, or None when it no longer exists (or is hidden)."""
    if target == "product":
        product = get_model("catalogue", "Product").objects.filter(pk=object_id, is_public=True).first()
        return product.get_absolute_url() if product else None
    if target == "sale" and sale_model() is not None:
        sale = sale_model().objects.filter(pk=object_id).first()
        return sale.get_absolute_url() if sale is not None and hasattr(sale, "get_absolute_url") else None
    return None


def scan_url(target="app", object_id=None, utm_tags=None, request=None):
    """The absolute URL a QR code carries: the shop's own counter, which records the scan and then sends the
    phone to the store (target "app") or to the product / sale page, UTM tags included."""
    query = {"kind": "qr_scan", "target": target}
    if object_id is not None:
        query["id"] = object_id
    query.update(utm_tags or {})
    return absolute_url(reverse("socialshop:app-go") + "?" + urlencode(query), request)


SVG_OPTIONS = {"scale": 1, "border": 4, "omitsize": True, "svgclass": "socialshop-qr", "light": "#fff"}


def _qr_code(data):
    import segno

    return segno.make(data, error="m", micro=False)


@lru_cache(maxsize=256)
def qr_svg(data, title=""):
    """An inline SVG QR code for ``data`` (error correction M or better, the standard 4-module quiet zone, a
    white background so it scans on any page colour). It scales with CSS: a viewBox and no fixed size."""
    return _qr_code(data).svg_inline(title=title or None, **SVG_OPTIONS)


@lru_cache(maxsize=64)
def qr_svg_file(data, title=""):
    """The same QR code as a standalone SVG document (XML declaration and namespace), as bytes."""
    buffer = io.BytesIO()
    _qr_code(data).save(buffer, kind="svg", xmldecl=True, title=title or None, **SVG_OPTIONS)
    return buffer.getvalue()
