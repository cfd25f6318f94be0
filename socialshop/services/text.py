"""Plain text for social cards: HTML stripped, whitespace collapsed, trimmed at a word boundary."""

import html
import re

from django.utils.html import strip_tags

ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")
_BLOCK_BOUNDARY = re.compile(
    r"<(?:br|hr|/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article|dd|dt))\b[^>]*>", re.IGNORECASE
)


def plain_text(value):
    """Text of an HTML fragment (entities decoded, whitespace collapsed)."""
    if not value:
        return ""
    # A block boundary separates words: "<p>Lyon.</p><p>Une" must not become "Lyon.Une".
    text = html.unescape(strip_tags(_BLOCK_BOUNDARY.sub(" ", str(value))))
    return _WHITESPACE.sub(" ", text).strip()


def truncate(text, limit, ellipsis=ELLIPSIS):
    """``text`` cut to at most ``limit`` characters (ellipsis included), at a word boundary if possible."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    if room <= 0:
        return text[:limit]
    cut = text[:room]
    if not text[room].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + ellipsis
