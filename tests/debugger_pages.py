"""HTML pages and images for the sharing-debugger tests: a page that every network accepts, and ways to
spoil it one tag at a time."""

import io
import json
from html import escape

from PIL import Image

from tests.factories import jpeg_bytes

PREFIX = "og: https://ogp.me/ns# fb: https://ogp.me/ns/fb# product: https://ogp.me/ns/product#"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"></svg>'


def png_bytes(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def good_tags(url, image, title="Robe portefeuille en lin", description="Lin lavé, coupe portefeuille."):
    """(attribute, key, value) of a product page that Facebook, X, Pinterest and LinkedIn all accept."""
    return [
        ("property", "og:title", title),
        ("property", "og:type", "product"),
        ("property", "og:url", url),
        ("property", "og:description", description),
        ("property", "og:image", image),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "630"),
        ("property", "og:image:alt", title),
        ("property", "fb:app_id", "123456789"),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:site", "@maisonlumiere"),
        ("property", "product:price:amount", "89.00"),
        ("property", "product:price:currency", "EUR"),
        ("property", "product:availability", "in stock"),
    ]


def good_json_ld(url, image):
    return json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": "Robe portefeuille en lin",
            "image": image,
            "offers": {
                "@type": "Offer",
                "price": "89.00",
                "priceCurrency": "EUR",
                "availability": "https://schema.org/InStock",
                "url": url,
            },
        }
    )


def page(tags, canonical=None, json_ld=(), title="Robe portefeuille en lin – Maison Lumière", extra_head=""):
    """An HTML page with these (attribute, key, value) meta tags; JSON-LD blocks are inserted verbatim."""
    head = [f"<title>{escape(title)}</title>"]
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    head += [
        f'<meta {attribute}="{escape(key)}" content="{escape(value)}">' for attribute, key, value in tags
    ]
    head += [f'<script type="application/ld+json">{block}</script>' for block in json_ld]
    return (
        f'<!doctype html><html lang="fr" prefix="{PREFIX}"><head><meta charset="utf-8">'
        f"{''.join(head)}{extra_head}</head><body><h1>{escape(title)}</h1></body></html>"
    )


def good_page(url, image, **kwargs):
    return page(good_tags(url, image, **kwargs), canonical=url, json_ld=[good_json_ld(url, image)])


def without(tags, *keys):
    return [tag for tag in tags if tag[1] not in keys]


def replaced(tags, **values):
    """Tags with new values, keys written with double underscores for colons: og__title="…"."""
    values = {key.replace("__", ":"): value for key, value in values.items()}
    return [(attribute, key, values.get(key, value)) for attribute, key, value in tags]


__all__ = [
    "SVG",
    "good_json_ld",
    "good_page",
    "good_tags",
    "jpeg_bytes",
    "page",
    "png_bytes",
    "replaced",
    "without",
]
