"""schema.org JSON-LD built from a :class:`~socialshop.services.meta.SocialMeta`, and its safe serialisation.

A JSON-LD block is raw text inside ``<script>``: the HTML parser ends it at the first ``</script`` and
treats ``<!--`` specially, whatever JSON thinks. :func:`script_json` therefore writes ``<``, ``>`` and
``&`` (and U+2028/U+2029, which older JavaScript parsers reject in strings) as ``\\uXXXX`` escapes: the
JSON value is unchanged, and no field can end or alter the block.
"""

import json
from datetime import date, datetime

from django.urls import NoReverseMatch, reverse

from . import meta as meta_module
from . import text
from .urls import absolute_url

CONTEXT = "https://schema.org"
AVAILABILITY = {
    meta_module.IN_STOCK: "https://schema.org/InStock",
    meta_module.OUT_OF_STOCK: "https://schema.org/OutOfStock",
    meta_module.PREORDER: "https://schema.org/PreOrder",
    meta_module.AVAILABLE_FOR_ORDER: "https://schema.org/BackOrder",
    meta_module.DISCONTINUED: "https://schema.org/Discontinued",
}
CONDITION = {
    "new": "https://schema.org/NewCondition",
    "refurbished": "https://schema.org/RefurbishedCondition",
    "used": "https://schema.org/UsedCondition",
}
#: Google shows at most this many characters of a BlogPosting headline.
HEADLINE_LIMIT = 110
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(document):
    """``document`` as JSON that is safe as the text of a ``<script type="application/ld+json">``."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def documents(meta, request=None):
    """The JSON-LD documents of a page, most specific first."""
    docs = []
    if meta.product is not None:
        docs.append(product(meta))
    elif meta.article is not None:
        docs.append(blog_posting(meta))
    if meta.home:
        docs.extend([organization(meta), website(meta, request)])
    if len(meta.breadcrumbs) > 1:
        docs.append(breadcrumb_list(meta.breadcrumbs))
    docs.extend(meta.extra_jsonld)
    return docs


def product(meta):
    info = meta.product
    document = {
        "@context": CONTEXT,
        "@type": "ProductGroup" if info.is_group else "Product",
        "name": meta.title,
        "description": meta.description,
        "url": meta.url,
        "image": _image_urls(meta),
        "brand": {"@type": "Brand", "name": info.brand},
    }
    if info.is_group:
        document["productGroupID"] = info.retailer_item_id
        document["hasVariant"] = [_variant(variant, meta, info) for variant in info.variants]
        if info.low_price is not None:
            document["offers"] = {
                "@type": "AggregateOffer",
                "lowPrice": meta_module.amount(info.low_price, info.currency),
                "highPrice": meta_module.amount(info.high_price, info.currency),
                "offerCount": info.offer_count,
                "priceCurrency": info.currency,
                "availability": AVAILABILITY[info.availability],
                "itemCondition": CONDITION.get(info.condition),
            }
    else:
        document["sku"] = info.sku or info.retailer_item_id
        if info.gtin:
            document["gtin"] = info.gtin
        if info.price is not None:
            document["offers"] = _offer(
                info.price, info.currency, info.availability, info.condition, meta.url
            )
        if info.item_group_id:
            document["inProductGroupWithID"] = info.item_group_id
            document["isVariantOf"] = {
                "@type": "ProductGroup",
                "productGroupID": info.item_group_id,
                "name": info.group_title,
                "url": info.group_url,
            }
    if info.rating_value is not None and info.review_count:
        document["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(info.rating_value, 1),
            "reviewCount": info.review_count,
            "bestRating": 5,
            "worstRating": 0,  # Oscar's review scores run from 0 to 5
        }
    return document


def blog_posting(meta):
    article = meta.article
    document = {
        "@context": CONTEXT,
        "@type": "BlogPosting",
        "headline": text.truncate(meta.title, HEADLINE_LIMIT),
        "description": meta.description,
        "url": meta.url,
        "mainEntityOfPage": meta.url,
        "image": _image_urls(meta),
        "publisher": _organization_ref(meta),
    }
    if article.published:
        document["datePublished"] = _iso(article.published)
    if article.modified:
        document["dateModified"] = _iso(article.modified)
    if article.author_name or article.author_twitter:
        author = {"@type": "Person", "name": article.author_name or article.author_twitter}
        if article.author_twitter:
            author["sameAs"] = "https://x.com/" + article.author_twitter.lstrip("@")
        document["author"] = author
    if article.section:
        document["articleSection"] = article.section
    if article.tags:
        document["keywords"] = list(article.tags)
    return document


def organization(meta):
    document = {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": meta.site_name,
        "url": _site_root(meta),
        "logo": meta.image.url,
    }
    if meta.twitter_site:
        document["sameAs"] = ["https://x.com/" + meta.twitter_site.lstrip("@")]
    return document


def website(meta, request=None):
    document = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": meta.site_name,
        "url": _site_root(meta),
        "inLanguage": meta.locale.replace("_", "-"),
    }
    try:
        search = absolute_url(reverse("search:search"), request)
    except NoReverseMatch:
        return document
    document["potentialAction"] = {
        "@type": "SearchAction",
        "target": {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"},
        "query-input": "required name=search_term_string",
    }
    return document


def breadcrumb_list(breadcrumbs):
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.name, "item": crumb.url}
            for position, crumb in enumerate(breadcrumbs, start=1)
        ],
    }


def _offer(price, currency, availability, condition, url):
    return {
        "@type": "Offer",
        "price": meta_module.amount(price, currency),
        "priceCurrency": currency,
        "availability": AVAILABILITY[availability],
        "itemCondition": CONDITION.get(condition),
        "url": url,
    }


def _variant(variant, meta, info):
    document = {
        "@type": "Product",
        "name": variant.title,
        "sku": variant.sku,
        "url": variant.url,
        "image": meta.image.url,
        "inProductGroupWithID": info.retailer_item_id,
    }
    if variant.gtin:
        document["gtin"] = variant.gtin
    if variant.price is not None:
        document["offers"] = _offer(
            variant.price, variant.currency, variant.availability, info.condition, variant.url
        )
    return document


def _image_urls(meta):
    urls = [meta.image.url]
    if meta.pinterest_image.url != meta.image.url:
        urls.append(meta.pinterest_image.url)
    return urls


def _organization_ref(meta):
    return {"@type": "Organization", "name": meta.site_name, "url": _site_root(meta)}


def _site_root(meta):
    scheme, _, rest = meta.url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/"


def _iso(value):
    return value.isoformat() if isinstance(value, date | datetime) else str(value)
