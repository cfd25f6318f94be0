"""The findings: what Facebook's Sharing Debugger, X's card validator and Google's merchant listings
would complain about, from the page's tags (PageMeta) and what probing its images found (ImageFacts).

Levels: an *error* means a network will not show the link as intended (no card, no image, no product
data); a *warning* means it will, but worse (small image, cut title, conflicting tags); *info* is context.
"""

import json
import re
from urllib.parse import urljoin, urlsplit

from .previews import FACEBOOK, MB, NETWORKS, X_CARDS, X_LARGE_MIN, X, card_texts, is_absolute
from .report import ERROR, INFO, WARNING, Finding

REQUIRED_OG = ("og:title", "og:type", "og:image", "og:url")
ABSOLUTE_URL_TAGS = ("og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image")
SOCIAL_PREFIXES = ("og:", "fb:", "product:", "article:", "al:", "twitter:")
#: Tags that may legitimately repeat (arrays in the Open Graph protocol).
REPEATABLE = ("og:image", "og:video", "og:audio", "og:locale:alternate", "article:tag", "article:author")
DECLARABLE_PREFIXES = ("fb", "product", "al")  # og: is known to every parser; these need a prefix attribute
RECOMMENDED_SIZE = (1200, 630)
SMALL_SQUARE_BELOW = (600, 315)
X_MAX_PIXELS = 4096
FB_AVAILABILITY = ("in stock", "out of stock", "preorder", "available for order", "discontinued")
CONDITIONS = ("new", "refurbished", "used")
PRICE = re.compile(r"^\d+(\.\d+)?$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_PRODUCT_NODES = 20


def error(code, message, tag=""):
    return Finding(ERROR, code, message, tag)


def warning(code, message, tag=""):
    return Finding(WARNING, code, message, tag)


def info(code, message, tag=""):
    return Finding(INFO, code, message, tag)


# --- tags --------------------------------------------------------------------------------------------------
def check_tags(meta, page_url):
    findings = []
    for key in REQUIRED_OG:
        if not (meta.first(key) or (key == "og:image" and meta.first("og:image:url"))):  # :url is an alias
            findings.append(error("missing-tag", f"Required tag {key} is missing.", key))
    if not meta.first("og:description"):
        findings.append(
            warning("missing-tag", "og:description is missing: cards show no text.", "og:description")
        )
    if meta.first("og:image") or meta.first("og:image:url"):
        if not (meta.first("og:image:width") and meta.first("og:image:height")):
            findings.append(
                warning(
                    "missing-tag",
                    "og:image:width and og:image:height are missing: Facebook then processes the image "
                    "asynchronously and the first shares show none.",
                    "og:image:width",
                )
            )
        if not meta.first("og:image:alt"):
            findings.append(
                warning("missing-tag", "og:image:alt is missing (text for screen readers).", "og:image:alt")
            )
    if not meta.first("fb:app_id"):
        findings.append(info("missing-tag", "No fb:app_id (only needed for Facebook Insights).", "fb:app_id"))
    for key in ABSOLUTE_URL_TAGS:
        value = meta.first(key)
        if value and not is_absolute(value):
            findings.append(
                error("not-absolute", f"{key} must be an absolute http(s) URL, not {value!r}.", key)
            )
    findings += _twitter_card(meta)
    findings += _canonical(meta, page_url)
    findings += _repeats(meta)
    findings += _attributes_and_prefixes(meta)
    if "nopin" in meta.first("pinterest").lower():
        findings.append(
            info(
                "nopin", "The page opts out of Pinterest (<meta name=pinterest content=nopin>).", "pinterest"
            )
        )
    return findings


def _twitter_card(meta):
    card = meta.first("twitter:card")
    if not card:
        return [
            warning(
                "missing-tag",
                "twitter:card is missing: X falls back to og:* for texts and image but picks the card "
                "itself.",
                "twitter:card",
            )
        ]
    if card.lower() not in X_CARDS:
        return [
            error(
                "invalid-value", f"twitter:card {card!r} is not one of {', '.join(X_CARDS)}.", "twitter:card"
            )
        ]
    return []


def _canonical(meta, page_url):
    findings = []
    og_url = meta.first("og:url")
    canonicals = list(dict.fromkeys(urljoin(page_url, href) for href in meta.canonicals))
    if len(canonicals) > 1:
        findings.append(
            warning(
                "conflicting-tags",
                f"{len(canonicals)} different canonical links: {', '.join(canonicals)}.",
                "canonical",
            )
        )
    if not canonicals:
        findings.append(info("missing-tag", 'No <link rel="canonical">.', "canonical"))
    elif og_url and is_absolute(og_url) and _same_url(og_url, canonicals[0]) is False:
        findings.append(
            warning(
                "url-mismatch",
                f"og:url {og_url} differs from the canonical link {canonicals[0]}: Facebook counts likes and "
                "shares on og:url, search engines on the canonical.",
                "og:url",
            )
        )
    if og_url and is_absolute(og_url) and not _same_url(og_url, page_url):
        findings.append(
            info(
                "og-url-elsewhere", f"og:url points to {og_url}: Facebook will read the tags there.", "og:url"
            )
        )
    return findings


def _same_url(first, second):
    """Equal up to the case of scheme and host and the fragment."""

    def key(url):
        parts = urlsplit(url.strip())
        return parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query

    return key(first) == key(second)


def _repeats(meta):
    findings = []
    for key in dict.fromkeys(tag.key for tag in meta.tags):
        social = key.startswith(SOCIAL_PREFIXES) or key in ("description", "pinterest")
        if not social or key.startswith(REPEATABLE):
            continue
        values = meta.all(key)
        if len(values) < 2:
            continue
        if len(set(values)) == 1:
            findings.append(
                info("duplicate-tag", f"{key} appears {len(values)} times with the same value.", key)
            )
        else:
            findings.append(
                warning(
                    "conflicting-tags",
                    f"{key} appears {len(values)} times with different values; crawlers use the first, "
                    f"{values[0]!r}.",
                    key,
                )
            )
    return findings


def _attributes_and_prefixes(meta):
    findings = []
    named = sorted(
        {tag.key for tag in meta.tags if tag.attribute == "name" and tag.key.startswith(SOCIAL_PREFIXES[:-1])}
    )
    if named:
        findings.append(
            warning(
                "name-attribute",
                f"{', '.join(named)} use name= instead of property=: Facebook copes, RDFa parsers do not.",
                named[0],
            )
        )
    declared = meta.prefixes.lower()
    undeclared = [
        prefix
        for prefix in DECLARABLE_PREFIXES
        if meta.keys_starting(prefix + ":") and not re.search(rf"(^|\s){prefix}:\s", declared)
    ]
    if undeclared:
        names = ", ".join(f"{prefix}:" for prefix in undeclared)
        findings.append(
            info(
                "prefix-undeclared",
                f"{names} used without a prefix attribute on <html> or <head>; some parsers skip them.",
            )
        )
    return findings


# --- images ------------------------------------------------------------------------------------------------
def image_urls(meta, page_url):
    """The images worth probing: og:image, and twitter:image when X is given a different one."""
    urls = {}
    og_image = meta.first("og:image") or meta.first("og:image:url")
    if og_image:
        urls["og:image"] = urljoin(page_url, og_image)
    twitter_image = meta.first("twitter:image") or meta.first("twitter:image:src")
    if twitter_image and urljoin(page_url, twitter_image) != urls.get("og:image"):
        urls["twitter:image"] = urljoin(page_url, twitter_image)
    return urls


def check_images(meta, page_url, images):
    """``images`` maps the URLs of image_urls() to their ImageFacts."""
    findings = []
    urls = image_urls(meta, page_url)
    card = meta.first("twitter:card").lower()
    if "og:image" in urls:
        facts = images[urls["og:image"]]
        findings += _facebook_image(facts, meta)
        if "twitter:image" not in urls:
            findings += _x_image_size(facts, card, "og:image", WARNING)
    if "twitter:image" in urls:
        facts = images[urls["twitter:image"]]
        findings += _fetchable_image(facts, "twitter:image", X.label)
        if facts.checked and not facts.error and not facts.is_svg:
            if facts.size_bytes and facts.size_bytes > X.max_image_bytes:
                findings.append(
                    error(
                        "image-too-heavy",
                        f"twitter:image weighs {_mb(facts.size_bytes)}: X refuses images over 5 MB.",
                        "twitter:image",
                    )
                )
            findings += _x_image_size(facts, card, "twitter:image", ERROR)
    return findings


def _fetchable_image(facts, tag, who):
    if not facts.checked:
        return [info("image-not-checked", f"{tag} {facts.url} is on another host: not checked offline.", tag)]
    if facts.error:
        return [error("image-unreachable", f"{tag} {facts.url} cannot be fetched: {facts.error}.", tag)]
    if facts.is_svg:
        return [
            error("image-svg", f"{tag} is an SVG image: {who} does not show SVG; use JPEG, PNG or WebP.", tag)
        ]
    if facts.content_type and not facts.content_type.startswith("image/"):
        return [
            error("image-not-image", f"{tag} {facts.url} serves {facts.content_type}, not an image.", tag)
        ]
    return []


def _facebook_image(facts, meta):
    findings = _fetchable_image(facts, "og:image", FACEBOOK.label)
    if findings:
        return findings
    if facts.size_bytes and facts.size_bytes > FACEBOOK.max_image_bytes:
        findings.append(
            error(
                "image-too-heavy",
                f"og:image weighs {_mb(facts.size_bytes)}: Facebook refuses images over 8 MB.",
                "og:image",
            )
        )
    elif facts.size_bytes and facts.size_bytes > X.max_image_bytes:
        findings.append(
            warning(
                "image-heavy",
                f"og:image weighs {_mb(facts.size_bytes)}: X and LinkedIn refuse images over 5 MB.",
                "og:image",
            )
        )
    if not facts.width:
        findings.append(
            warning(
                "image-size-unknown",
                "The size of og:image could not be read from its first bytes.",
                "og:image",
            )
        )
        return findings
    width, height = facts.width, facts.height
    if width < FACEBOOK.min_image[0] or height < FACEBOOK.min_image[1]:
        findings.append(
            error(
                "image-too-small",
                f"og:image is {width}×{height} px: Facebook refuses images under 200×200.",
                "og:image",
            )
        )
    elif width < RECOMMENDED_SIZE[0] or height < RECOMMENDED_SIZE[1]:
        small = width < SMALL_SQUARE_BELOW[0] or height < SMALL_SQUARE_BELOW[1]
        shown = "a small square beside the text" if small else "a large card, but blurred on sharp screens"
        findings.append(
            warning(
                "image-small",
                f"og:image is {width}×{height} px, under the recommended 1200×630: shown as {shown}.",
                "og:image",
            )
        )
    declared = (meta.first("og:image:width"), meta.first("og:image:height"))
    if all(declared) and declared != (str(width), str(height)):
        findings.append(
            warning(
                "image-size-mismatch",
                f"og:image:width/height say {declared[0]}×{declared[1]} but the image is {width}×{height}.",
                "og:image:width",
            )
        )
    return findings


def _x_image_size(facts, card, tag, level):
    if not (facts.checked and facts.width) or facts.error:
        return []
    width, height = facts.width, facts.height
    minimum = X_LARGE_MIN if card == "summary_large_image" else X.min_image
    if width < minimum[0] or height < minimum[1]:
        return [
            Finding(
                level,
                "x-image-too-small",
                f"{tag} is {width}×{height} px: X needs at least {minimum[0]}×{minimum[1]} for a "
                f"{card or 'summary'} card.",
                tag,
            )
        ]
    if width > X_MAX_PIXELS or height > X_MAX_PIXELS:
        return [
            Finding(
                level, "x-image-too-large", f"{tag} is {width}×{height} px: X takes at most 4096×4096.", tag
            )
        ]
    return []


def _mb(size):
    return f"{size / MB:.1f} MB"


# --- texts -------------------------------------------------------------------------------------------------
def check_lengths(meta):
    """Texts longer than a network's published limit (the previews show where each cuts)."""
    findings = []
    for index, kind in enumerate(("title", "description")):
        cut = []
        for rules in NETWORKS:
            limit = (rules.title_limit, rules.description_limit)[index]
            text = card_texts(meta, rules)[index]
            if rules.limits_published and len(text) > limit:
                cut.append(f"{rules.label} cuts it at {limit} characters (it has {len(text)})")
        if cut:
            findings.append(warning(f"{kind}-too-long", f"The {kind} is too long: {'; '.join(cut)}.", kind))
    return findings


# --- JSON-LD and products -----------------------------------------------------------------------------------
def check_json_ld(meta):
    """Findings about each JSON-LD block, and the schema.org nodes of the valid ones."""
    findings, nodes = [], []
    for number, block in enumerate(meta.json_ld, 1):
        try:
            data = json.loads(block, parse_constant=_reject_constant)
        except ValueError as exc:
            findings.append(
                error(
                    "jsonld-invalid",
                    f"JSON-LD block {number} is not strict JSON ({exc}); parsers may ignore it.",
                    "json-ld",
                )
            )
            continue
        if "<" in block:
            findings.append(
                warning(
                    "jsonld-unescaped",
                    f"JSON-LD block {number} contains a raw '<': escape <, > and & as "
                    "\\u003c, \\u003e, \\u0026 "
                    "so that a value holding </script> cannot end the block.",
                    "json-ld",
                )
            )
        nodes += _flatten(data)
    return findings, nodes


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def _flatten(data):
    if isinstance(data, list):
        return [node for item in data for node in _flatten(item)]
    if not isinstance(data, dict):
        return []
    return [data] + _flatten(data.get("@graph", []))


def _types(node):
    value = node.get("@type", [])
    return {str(kind).rsplit("/", 1)[-1] for kind in (value if isinstance(value, list) else [value])}


def check_product(meta, nodes):
    products = [node for node in nodes if _types(node) & {"Product", "ProductGroup"}][:MAX_PRODUCT_NODES]
    og_type = meta.first("og:type").lower()
    is_og_product = og_type.startswith("product")
    findings = []
    if meta.keys_starting("product:") and not is_og_product:
        findings.append(
            warning(
                "extraneous-properties",
                f"product:* tags on a page whose og:type is {og_type or 'missing'}: Facebook reports them "
                "as extraneous; use og:type product.",
                "og:type",
            )
        )
    if is_og_product:
        findings += _open_graph_product(meta)
        if not products:
            findings.append(
                info(
                    "missing-jsonld-product",
                    "No schema.org Product in JSON-LD (Google merchant listings need one).",
                    "json-ld",
                )
            )
    for product in products:
        findings += _schema_product(product)
    return findings


def _open_graph_product(meta):
    findings = []
    amount, currency = meta.first("product:price:amount"), meta.first("product:price:currency")
    availability = meta.first("product:availability")
    if not amount:
        findings.append(
            error(
                "product-price-missing", "Product page without product:price:amount.", "product:price:amount"
            )
        )
    elif not PRICE.match(amount):
        findings.append(
            error(
                "product-price-invalid",
                f"product:price:amount {amount!r}: digits and a dot only, no symbol.",
                "product:price:amount",
            )
        )
    if not currency:
        findings.append(
            error(
                "product-currency-missing",
                "Product page without product:price:currency.",
                "product:price:currency",
            )
        )
    elif not CURRENCY.match(currency):
        findings.append(
            error(
                "product-currency-invalid",
                f"product:price:currency {currency!r} is not an ISO 4217 code such as EUR.",
                "product:price:currency",
            )
        )
    if not availability:
        hint = (
            " (og:availability is Pinterest's spelling; Facebook reads product:availability)"
            if meta.first("og:availability")
            else ""
        )
        findings.append(
            error(
                "product-availability-missing",
                f"Product page without product:availability{hint}.",
                "product:availability",
            )
        )
    elif availability.lower() not in FB_AVAILABILITY:
        findings.append(
            warning(
                "product-availability-invalid",
                f"product:availability {availability!r} is not one of: {', '.join(FB_AVAILABILITY)}.",
                "product:availability",
            )
        )
    condition = meta.first("product:condition")
    if condition and condition.lower() not in CONDITIONS:
        findings.append(
            warning(
                "product-condition-invalid",
                f"product:condition {condition!r} is not new, refurbished or used.",
                "product:condition",
            )
        )
    return findings


def _schema_product(product):
    name = product.get("name") or "unnamed"
    offers = product.get("offers")
    if not offers and "ProductGroup" in _types(product):
        variants = product.get("hasVariant") or []
        variants = variants if isinstance(variants, list) else [variants]
        return [
            f
            for variant in variants[:MAX_PRODUCT_NODES]
            if isinstance(variant, dict)
            for f in _schema_product(variant)
        ]
    if not offers:
        return [
            error(
                "product-offer-missing",
                f"schema.org Product {name!r} has no offers (price, currency, availability).",
                "json-ld",
            )
        ]
    findings = []
    for offer in offers if isinstance(offers, list) else [offers]:
        if isinstance(offer, dict):
            findings += _schema_offer(offer, name)
    return findings


def _schema_offer(offer, name):
    aggregate = "AggregateOffer" in _types(offer)
    field = "lowPrice" if aggregate else "price"
    specification = offer.get("priceSpecification") or {}
    if isinstance(specification, list):
        specification = specification[0] if specification and isinstance(specification[0], dict) else {}
    price = offer.get(field, specification.get("price"))
    currency = offer.get("priceCurrency") or specification.get("priceCurrency")
    where = f"schema.org offer of {name!r}"
    findings = []
    if price in (None, ""):
        findings.append(error("product-price-missing", f"The {where} has no {field}.", f"json-ld {field}"))
    elif not _positive_number(price):
        findings.append(
            error(
                "product-price-invalid",
                f"The {where} has {field} {price!r}: a number above 0 is required.",
                f"json-ld {field}",
            )
        )
    if not currency:
        findings.append(
            error("product-currency-missing", f"The {where} has no priceCurrency.", "json-ld priceCurrency")
        )
    elif not CURRENCY.match(str(currency)):
        findings.append(
            error(
                "product-currency-invalid",
                f"The {where} has priceCurrency {currency!r}, not an ISO 4217 code.",
                "json-ld priceCurrency",
            )
        )
    if not offer.get("availability") and not aggregate:
        findings.append(
            error("product-availability-missing", f"The {where} has no availability.", "json-ld availability")
        )
    return findings


def _positive_number(value):
    try:
        return float(str(value)) > 0
    except ValueError:
        return False
