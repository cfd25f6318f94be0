"""Absolute URLs for crawlers, emails and commands, which never see a relative link."""

from urllib.parse import urljoin

from django.contrib.sites.models import Site

from ..conf import settings


def absolute_url(url, request=None):
    """Make ``url`` absolute: SOCIALSHOP_SITE_URL if set, else the request's host, else Sites."""
    if url.startswith(("http://", "https://")):
        return url
    if settings.SITE_URL:
        return urljoin(settings.SITE_URL + "/", url)
    if request is not None:
        return request.build_absolute_uri(url)
    return urljoin(f"https://{Site.objects.get_current().domain}/", url)
