"""Social metadata of Wagtail pages: a describer for any page, and a mixin for pages that say more."""

import re

from django.utils.html import escape
from wagtail.models import Page

from socialshop.services import images, meta
from socialshop.services.urls import absolute_url

from .images import rendition_image

TWITTER_HANDLE = re.compile(r"^@?([A-Za-z0-9_]{1,15})$")


def describe_page(page, request):
    """Any Wagtail page: its SEO title, search description and place in the site."""
    return {
        "title": page.seo_title or page.title,
        "description": escape(page.search_description),  # plain text; describers pass HTML
        "url": page.get_url(request=request) or request.path,
        "breadcrumbs": _breadcrumbs(page, request),
    }


def twitter_handle(value):
    """``"@handle"`` from ``"handle"`` or ``"@handle"``; ``""`` when it is not an X handle."""
    match = TWITTER_HANDLE.match((value or "").strip())
    return "@" + match.group(1) if match else ""


def image_fields(image, alt, request):
    """``image`` and ``pinterest_image`` of a Wagtail image; empty when it cannot be used."""
    found = {
        "image": rendition_image(image, images.OPEN_GRAPH, alt, request),
        "pinterest_image": rendition_image(image, images.PINTEREST, alt, request),
    }
    return {key: value for key, value in found.items() if value is not None}


def _breadcrumbs(page, request):
    crumbs = []
    for ancestor in page.get_ancestors(inclusive=True).filter(depth__gt=1).specific(defer=True):
        url = ancestor.get_url(request=request)
        if url:
            crumbs.append(meta.Breadcrumb(meta.clean_line(ancestor.title), absolute_url(url, request)))
    return tuple(crumbs)


def register():
    meta.register(Page, describe_page)
