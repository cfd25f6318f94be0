"""Social metadata of a page: what Open Graph, X cards, Pinterest and schema.org say about it.

``describe(obj, request)`` is the one entry point. It asks the object's *describer* for what it knows and
completes it with the site's defaults:

- a describer registered for the object's class (``register(Model, describer)``), looked up along the
  MRO so a subclass inherits its parent's; else
- the object's own ``get_social_meta(request)`` method (the protocol: any model can describe itself); else
- nothing: the page is described as part of the site (``obj=None`` describes the current URL, and the
  home page gets ``home=True``).

A describer returns a mapping whose keys are :class:`SocialMeta` fields, plus two conveniences:
``image_file`` (an image FieldFile, cut into the Open Graph and Pinterest sizes) and ``image_alt``.
Missing fields get the site defaults; text is cleaned and trimmed here, so describers pass raw values.

The result is memoised on the request, so a share-button tag describing the same object on the same page
costs nothing more.
"""

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision
from django.conf import settings as django_settings
from django.utils import translation

from ..conf import settings
from . import images, text
from .urls import absolute_url

WEBSITE = "website"
PRODUCT = "product"
ARTICLE = "article"

# Facebook's product:availability values; Pinterest's og:availability spells some differently.
IN_STOCK = "in stock"
OUT_OF_STOCK = "out of stock"
PREORDER = "preorder"
AVAILABLE_FOR_ORDER = "available for order"
DISCONTINUED = "discontinued"
AVAILABILITIES = (IN_STOCK, OUT_OF_STOCK, PREORDER, AVAILABLE_FOR_ORDER, DISCONTINUED)

#: Longest og:description / JSON-LD description; Facebook shows far less, Google reads up to ~5000.
DESCRIPTION_LIMIT = 300
#: X's own limits.
TWITTER_TITLE_LIMIT = 70
TWITTER_DESCRIPTION_LIMIT = 200
TWITTER_ALT_LIMIT = 420


@dataclass(frozen=True)
class Breadcrumb:
    name: str
    url: str  # absolute


@dataclass(frozen=True)
class Variant:
    """One buyable child of a product group."""

    title: str
    url: str
    sku: str
    gtin: str
    price: Decimal | None
    currency: str
    availability: str


@dataclass(frozen=True)
class ProductInfo:
    """What a shopper would pay and get, from the pricing strategy of the request (never a raw field)."""

    retailer_item_id: str  # the catalogue id: UPC, else SKU, else primary key
    brand: str
    condition: str  # new / refurbished / used
    price: Decimal | None
    currency: str
    availability: str  # one of AVAILABILITIES
    sku: str = ""  # the stock record's partner SKU, else the UPC, else the primary key
    gtin: str = ""  # only a UPC with a valid GTIN-8/12/13/14 check digit
    item_group_id: str = ""  # set on a variant: the retailer id of its parent
    group_title: str = ""  # set on a variant: its parent's title
    group_url: str = ""  # set on a variant: its parent's page
    is_group: bool = False  # a parent product: its offers are its variants'
    variants: tuple[Variant, ...] = ()
    low_price: Decimal | None = None
    high_price: Decimal | None = None
    rating_value: float | None = None  # mean of approved reviews, 0-5
    review_count: int = 0

    @property
    def price_amount(self):
        """``product:price:amount``: digits and a dot, no symbol, no exponent."""
        return amount(self.price, self.currency)

    @property
    def pinterest_availability(self):
        return {IN_STOCK: "instock", AVAILABLE_FOR_ORDER: "backorder"}.get(
            self.availability, self.availability
        )

    @property
    def offer_count(self):
        return len(self.variants)


@dataclass(frozen=True)
class ArticleInfo:
    published: date | datetime | None = None
    modified: date | datetime | None = None
    author_name: str = ""
    author_twitter: str = ""  # "@handle"
    section: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SocialMeta:
    title: str
    description: str
    url: str  # absolute canonical URL, equal to og:url and <link rel="canonical">
    type: str  # website / product / article
    image: images.SocialImage  # 1.91:1, Open Graph and large X cards
    pinterest_image: images.SocialImage  # 2:3
    site_name: str
    locale: str  # og:locale, e.g. "fr_FR"
    locale_alternates: tuple[str, ...] = ()
    twitter_card: str = "summary_large_image"
    twitter_site: str = ""
    twitter_creator: str = ""
    facebook_app_id: str = ""
    product: ProductInfo | None = None
    article: ArticleInfo | None = None
    breadcrumbs: tuple[Breadcrumb, ...] = ()
    nopin: bool = False
    home: bool = False  # the shop's front page: schema.org Organization and WebSite
    extra_jsonld: tuple[dict, ...] = ()  # more schema.org documents, emitted as they are

    @property
    def twitter_title(self):
        return text.truncate(self.title, TWITTER_TITLE_LIMIT)

    @property
    def twitter_description(self):
        return text.truncate(self.description, TWITTER_DESCRIPTION_LIMIT)

    @property
    def twitter_image_alt(self):
        return text.truncate(self.image.alt, TWITTER_ALT_LIMIT)


@dataclass(frozen=True)
class SiteDefaults:
    """Site-level values; a provider (e.g. the Wagtail site setting) may override any non-empty one."""

    site_name: str
    description: str
    twitter_site: str
    facebook_app_id: str
    image: images.SocialImage | None = None
    pinterest_image: images.SocialImage | None = None


_describers = {}
_site_defaults_providers = []
_EXTRA_KEYS = {"image_file", "image_alt"}
_FIELD_NAMES = {f.name for f in fields(SocialMeta)}


def register(model, describer):
    """Describe instances of ``model`` (and its subclasses) with ``describer(obj, request) -> mapping``."""
    _describers[model] = describer


def unregister(model):
    _describers.pop(model, None)


def describer_for(obj):
    """The describer of ``obj``, or None when it cannot describe itself.

    The most specific wins along the class's MRO: a describer registered for a class, or a
    ``get_social_meta`` method defined by a class (so a page model's own method beats a describer
    registered for its base ``Page``, and a describer registered for the model beats its method).
    """
    if obj is None:
        return None
    for klass in type(obj).__mro__:
        if klass in _describers:
            return _describers[klass]
        if callable(klass.__dict__.get("get_social_meta")):
            return _call_method
    return None


def _call_method(obj, request):
    return obj.get_social_meta(request)


def is_describable(obj):
    return describer_for(obj) is not None


def register_site_defaults(provider):
    """Let ``provider(request) -> mapping`` override site defaults (keys: SiteDefaults fields)."""
    if provider not in _site_defaults_providers:
        _site_defaults_providers.append(provider)


def unregister_site_defaults(provider):
    if provider in _site_defaults_providers:
        _site_defaults_providers.remove(provider)


def site_name():
    return settings.SITE_NAME or str(getattr(django_settings, "OSCAR_SHOP_NAME", ""))


def site_defaults(request=None):
    """SOCIALSHOP_* settings, overridden by the registered providers' non-empty values."""
    values = {
        "site_name": site_name(),
        "description": str(getattr(django_settings, "OSCAR_SHOP_TAGLINE", "")),
        "twitter_site": settings.TWITTER_SITE,
        "facebook_app_id": str(settings.FACEBOOK_APP_ID or ""),
    }
    for provider in _site_defaults_providers:
        values.update({key: value for key, value in (provider(request) or {}).items() if value})
    return SiteDefaults(**values)


def describe(obj, request):
    """The :class:`SocialMeta` of ``obj`` (None: the current page as part of the site) for ``request``."""
    cache = _request_cache(request)
    key = _cache_key(obj, request)
    if key is not None and key in cache:
        return cache[key]
    describer = describer_for(obj)
    described = describer(obj, request) if describer else {}
    if isinstance(described, SocialMeta):
        meta = described
    elif isinstance(described, Mapping):
        meta = _complete(described, request)
    else:
        raise TypeError(
            f"The social metadata describer of {obj!r} returned {type(described).__name__}, "
            "not a mapping of SocialMeta fields"
        )
    if key is not None:
        cache[key] = meta
    return meta


def og_locales():
    """(og:locale of the active language, og:locale:alternate of the other LANGUAGES)."""
    mapping = settings.OG_LOCALES
    current = _og_locale(translation.get_language() or django_settings.LANGUAGE_CODE, mapping)
    alternates = []
    for code, _name in django_settings.LANGUAGES:
        locale = _og_locale(code, mapping)
        if locale and locale != current and locale not in alternates:
            alternates.append(locale)
    return current, tuple(alternates)


def clean_line(value):
    """A single line of plain text: whitespace collapsed, control and non-characters dropped.

    Titles are plain text (not HTML): ``<`` stays ``<`` and the templates escape it.
    """
    if not value:
        return ""
    kept = "".join(char for char in str(value) if char.isspace() or not _is_unsafe_char(char))
    return " ".join(kept.split())


def clean_description(value, limit=DESCRIPTION_LIMIT):
    """Plain text of an HTML description, trimmed at a word boundary."""
    return text.truncate(clean_line(text.plain_text(value)), limit)


def is_home(request):
    home = str(getattr(django_settings, "OSCAR_HOMEPAGE", "/"))
    return request is not None and request.path in {"/", home}


def _complete(described, request):
    unknown = set(described) - _FIELD_NAMES - _EXTRA_KEYS
    if unknown:
        raise TypeError(f"Unknown social metadata field(s): {', '.join(sorted(unknown))}")
    values = dict(described)
    defaults = site_defaults(request)
    image_file = values.pop("image_file", None)
    image_alt = (
        clean_line(values.pop("image_alt", "")) or clean_line(values.get("title")) or defaults.site_name
    )
    if image_file and "image" not in values:
        values["image"] = images.from_file(image_file, images.OPEN_GRAPH, image_alt, request)
    if image_file and "pinterest_image" not in values:
        values["pinterest_image"] = images.from_file(image_file, images.PINTEREST, image_alt, request)
    if not values.get("image"):
        values["image"] = defaults.image or images.default_image(request, image_alt)
    if not values.get("pinterest_image"):
        values["pinterest_image"] = defaults.pinterest_image or values["image"]
    locale, alternates = og_locales()
    values.setdefault("locale", locale)
    values.setdefault("locale_alternates", alternates)
    values.setdefault("twitter_card", settings.TWITTER_CARD_TYPE)
    values.setdefault("twitter_site", defaults.twitter_site)
    values.setdefault("facebook_app_id", defaults.facebook_app_id)
    values.setdefault("nopin", bool(settings.NOPIN))
    values.setdefault("site_name", defaults.site_name)
    if "home" not in values:
        values["home"] = not described and is_home(request)
    values["type"] = values.get("type") or WEBSITE
    values["title"] = clean_line(values.get("title")) or defaults.site_name
    values["description"] = clean_description(values.get("description")) or clean_description(
        defaults.description
    )
    url = values.get("url") or (request.path if request is not None else "/")
    values["url"] = absolute_url(url, request)
    values["breadcrumbs"] = tuple(values.get("breadcrumbs") or ())
    values["extra_jsonld"] = tuple(values.get("extra_jsonld") or ())
    meta = SocialMeta(**values)
    if meta.article and meta.article.author_twitter and not meta.twitter_creator:
        meta = replace(meta, twitter_creator=meta.article.author_twitter)
    return meta


def _og_locale(code, mapping):
    code = code.lower()
    return mapping.get(code) or mapping.get(code.split("-")[0]) or ""


def _is_unsafe_char(char):
    """Characters that HTML forbids or XML parsers (lxml, used by crawlers) reject."""
    if unicodedata.category(char) in ("Cc", "Cs"):
        return True
    codepoint = ord(char)
    return 0xFDD0 <= codepoint <= 0xFDEF or (codepoint & 0xFFFE) == 0xFFFE


def amount(price, currency=""):
    """A price as digits and a dot (no symbol, no exponent), rounded to the currency's minor unit, as
    product:price:amount and schema.org want it. A tax-inclusive price may carry more decimals."""
    if price is None:
        return ""
    places = get_currency_precision(currency) if currency else 2
    return format(Decimal(price).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def _request_cache(request):
    if request is None:
        return {}
    cache = getattr(request, "_socialshop_meta", None)
    if cache is None:
        cache = request._socialshop_meta = {}
    return cache


def _cache_key(obj, request):
    if obj is None:
        return ("page", request.path if request is not None else "")
    options = getattr(obj, "_meta", None)
    if options is not None and getattr(obj, "pk", None) is not None:
        return (options.label_lower, obj.pk)
    return None  # not a saved model instance: nothing stable to memoise on
