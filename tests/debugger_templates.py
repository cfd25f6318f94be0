"""Product-page templates for the offline debugger tests: they replace Oscar's product page so that a test
knows exactly which tags the page has, whatever the shop's own metadata templates emit at the time."""

from django.conf import settings

#: The product's own image, as an absolute URL on the host the request came to.
IMAGE_URL = "{{ request.scheme }}://{{ request.get_host }}{{ product.primary_image.original.url }}"
HEAD = """<!doctype html>
<html lang="fr" prefix="og: https://ogp.me/ns# fb: https://ogp.me/ns/fb# product: https://ogp.me/ns/product#">
<head><title>{{ product.title }}</title>
<link rel="canonical" href="{{ request.build_absolute_uri }}">
<meta property="og:title" content="{{ product.title }}">
<meta property="og:type" content="product">
<meta property="og:url" content="{{ request.build_absolute_uri }}">
<meta property="og:image" content="IMAGE_URL">
<meta property="product:price:amount" content="89.00">
""".replace("IMAGE_URL", IMAGE_URL)

#: Price without currency or availability: two errors any checker must report.
INCOMPLETE = HEAD + "</head><body></body></html>"

#: Everything Facebook, X, Pinterest and LinkedIn want (the image is the 1200×1200 one of create_product).
COMPLETE = (
    HEAD
    + """<meta property="og:description" content="Lin lavé.">
<meta property="og:image:width" content="1200"><meta property="og:image:height" content="1200">
<meta property="og:image:alt" content="{{ product.title }}">
<meta property="fb:app_id" content="123">
<meta name="twitter:card" content="summary_large_image">
<meta property="product:price:currency" content="EUR">
<meta property="product:availability" content="in stock">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Robe",
 "offers": {"@type": "Offer", "price": "89.00", "priceCurrency": "EUR",
 "availability": "https://schema.org/InStock"}}</script>
</head><body></body></html>"""
)


def product_page_template(tmp_path, source):
    """TEMPLATES with ``source`` as Oscar's product page, for ``override_settings(TEMPLATES=...)``."""
    folder = tmp_path / "oscar" / "catalogue"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "detail.html").write_text(source, encoding="utf-8")
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [tmp_path, *engine["DIRS"]]
    return [engine]
