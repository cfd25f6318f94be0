"""Share images derived from a product's (or any object's) picture through Oscar's thumbnailer.

Networks crop what they get: Open Graph and large X cards want 1.91:1 (1200×630), Pinterest 2:3
(1000×1500). Each is cut once, cached by the thumbnailer, and described with its real size so crawlers do
not have to download it first. SVG is never offered: no network renders it.
"""

import logging
from dataclasses import dataclass

from django.templatetags.static import static
from oscar.core.thumbnails import get_thumbnailer

from ..conf import settings
from .urls import absolute_url

logger = logging.getLogger(__name__)

OPEN_GRAPH = "opengraph"
PINTEREST = "pinterest"
SIZES = {OPEN_GRAPH: (1200, 630), PINTEREST: (1000, 1500)}


@dataclass(frozen=True)
class SocialImage:
    url: str  # absolute
    width: int
    height: int
    alt: str
    mime_type: str = "image/jpeg"


def from_file(image_file, kind, alt, request=None):
    """The ``kind`` crop of an image file (a FieldFile), or None when it cannot be made."""
    if not image_file or str(image_file.name).lower().endswith(".svg"):
        return None
    width, height = SIZES[kind]
    try:
        thumbnail = get_thumbnailer().generate_thumbnail(
            image_file, size=f"{width}x{height}", crop="center", upscale=True, format="JPEG", quality=85
        )
    except Exception:  # a missing or unreadable source must not break the page it decorates
        logger.warning("Could not make the %s image of %s", kind, image_file.name, exc_info=True)
        return None
    if not getattr(thumbnail, "url", None):
        return None
    return SocialImage(absolute_url(thumbnail.url, request), width, height, alt)


def product_image(product, kind, request=None):
    """The ``kind`` share image of a product: its primary image (a variant falls back to its parent's),
    else the site default."""
    image = product.primary_image()
    original = getattr(image, "original", None)
    alt = getattr(image, "caption", "") or product.get_title()
    return from_file(original, kind, alt, request) or default_image(request, alt)


def default_image(request=None, alt=""):
    """SOCIALSHOP_DEFAULT_IMAGE, a static path or an absolute URL."""
    path = settings.DEFAULT_IMAGE
    url = path if path.startswith(("http://", "https://", "/")) else static(path)
    width, height = settings.DEFAULT_IMAGE_SIZE
    mime_type = "image/png" if path.lower().endswith(".png") else "image/jpeg"
    return SocialImage(absolute_url(url, request), width, height, alt or _site_name(), mime_type)


def _site_name():
    from django.conf import settings as django_settings

    return settings.SITE_NAME or getattr(django_settings, "OSCAR_SHOP_NAME", "")
