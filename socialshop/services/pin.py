"""Pinterest: whether a page may be pinned, and the 2:3 image each product image offers to pin.

Pinterest's save button and browser extension read ``data-pin-media`` (the image to pin: our 2:3 crop),
``data-pin-description`` and ``data-pin-url`` from each ``<img>``, and skip images marked
``data-pin-nopin``. A page opts out entirely with ``<meta name="pinterest" content="nopin">``.
"""

from ..conf import settings
from . import images


def is_nopin(meta, context=None):
    """Whether pinning is forbidden: by the object's social metadata (SOCIALSHOP_NOPIN, or a product's
    SOCIALSHOP_NOPIN_ATTRIBUTE, see catalogue_meta), or by the page (context variable
    ``socialshop_nopin``)."""
    if settings.NOPIN or getattr(meta, "nopin", False):
        return True
    return bool(context is not None and context.get("socialshop_nopin"))


def image_for(product_image, alt, request):
    """The 2:3 Pinterest crop of one product image (an Oscar ProductImage), or None."""
    original = getattr(product_image, "original", None)
    return images.from_file(original, images.PINTEREST, alt, request) if original else None
