"""Plain text for social cards: HTML stripped, whitespace collapsed, trimmed at a word boundary."""

import html
import re

from django.utils.html import strip_tags

ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")


def plain_text(value):
    """Text of an HTML fragment (entities decoded, whitespace collapsed)."""
    if not value:
        return ""
    text = html.unescape(strip_tags(str(value)))
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
