"""Pixel size and kind of an image from its first bytes, without downloading or decoding it whole.

PNG, GIF and WebP state their size in the first few dozen bytes; JPEG after its metadata segments, which
may hold an EXIF thumbnail or an ICC profile, hence a cap of a few hundred kilobytes rather than a few.
"""

import io
import warnings
from urllib.parse import urlsplit

from PIL import Image

IMAGE_HEADER_BYTES = 256 * 1024
SVG_TYPES = ("image/svg+xml",)


def read_image_header(chunks, limit=IMAGE_HEADER_BYTES):
    """Consume ``chunks`` until Pillow can tell the size or ``limit`` bytes were read.

    Returns ``(data, complete)``; ``complete`` is True when the stream ended, i.e. ``data`` is the whole
    file and its length is the file's weight."""
    data = b""
    for chunk in chunks:
        data += chunk
        if len(data) >= limit:
            return data[:limit], False
        if pixel_size(data):
            return data, False
    return data, True


def pixel_size(data):
    """(width, height) if ``data`` starts a raster image Pillow can read, else None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.size
    except Exception:  # not enough bytes yet, not an image, or a "decompression bomb" header
        return None


def is_svg(content_type, url, data):
    if content_type in SVG_TYPES or urlsplit(url).path.lower().endswith((".svg", ".svgz")):
        return True
    start = data[:1024].lstrip().lower()
    return start.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in start


def describe_image(facts, data):
    """Fill ``facts`` (an ImageFacts) with what the first bytes say."""
    facts.is_svg = is_svg(facts.content_type, facts.url, data)
    size = None if facts.is_svg else pixel_size(data)
    if size:
        facts.width, facts.height = size
    return facts
