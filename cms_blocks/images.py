"""Share images from Wagtail images, through renditions (Wagtail's own thumbnailer)."""

import logging

from socialshop.services import images
from socialshop.services.urls import absolute_url

logger = logging.getLogger(__name__)

FILTERS = {
    images.OPEN_GRAPH: "fill-{}x{}|format-jpeg|jpegquality-85",
    images.PINTEREST: "fill-{}x{}|format-jpeg|jpegquality-85",
}


def rendition_image(image, kind, alt, request=None):
    """The ``kind`` crop of a Wagtail image as a SocialImage, or None (no image, SVG, unreadable file)."""
    if image is None or image.is_svg():
        return None
    width, height = images.SIZES[kind]
    try:
        rendition = image.get_rendition(FILTERS[kind].format(width, height))
    except Exception:  # a missing or unreadable source must not break the page it decorates
        logger.warning("Could not make the %s rendition of image %s", kind, image.pk, exc_info=True)
        return None
    # Wagtail never upscales: a small source gives a smaller rendition, announced with its real size.
    return images.SocialImage(absolute_url(rendition.url, request), rendition.width, rendition.height, alt)
