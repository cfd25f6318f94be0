"""The debugger without network: this shop's pages through ``django.test.Client`` (the full middleware and
URL stack, no server), its images straight from media and static storage. Built for CI and for the
dashboard's "check a product" form; pages of other hosts are refused, images on other hosts not checked.
"""

import mimetypes
import os
from urllib.parse import unquote, urlsplit

from django.conf import settings as django_settings
from django.contrib.sites.models import Site
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.test import Client

from ...conf import settings
from .fetch import (
    REDIRECT_STATUSES,
    FetchedPage,
    RedirectTrail,
    check_url,
    declared_charset,
    ensure_html_page,
    human_size,
    media_type,
)
from .imaging import IMAGE_HEADER_BYTES, describe_image
from .report import FetchError, ImageFacts


def shop_base_url():
    """Scheme and host the shop is known by: SOCIALSHOP_SITE_URL, else https:// + the current Site."""
    return settings.SITE_URL or f"https://{Site.objects.get_current().domain}"


class ShopTransport:
    def __init__(self, base_url=None, max_bytes=None, max_redirects=None, user_agent=None):
        parts = urlsplit(base_url or shop_base_url())
        self.scheme, self.host = parts.scheme or "https", parts.netloc
        self.max_bytes = settings.DEBUGGER_MAX_BYTES if max_bytes is None else max_bytes
        self.max_redirects = settings.DEBUGGER_MAX_REDIRECTS if max_redirects is None else max_redirects
        # raise_request_exception=False: a view that crashes is a 500 finding, not a traceback here.
        self.client = Client(
            HTTP_HOST=self.host,
            HTTP_USER_AGENT=user_agent or settings.DEBUGGER_USER_AGENT,
            raise_request_exception=False,
        )
        self.own_hosts = {self.host.lower(), Site.objects.get_current().domain.lower()}
        if settings.SITE_URL:
            self.own_hosts.add(urlsplit(settings.SITE_URL).netloc.lower())

    def absolute(self, url_or_path):
        """A path (``/catalogue/x_1/``) becomes a URL on the shop; URLs are returned unchanged."""
        value = (url_or_path or "").strip()
        return f"{self.scheme}://{self.host}{value}" if value.startswith("/") else value

    def is_own(self, url):
        return urlsplit(url).netloc.lower() in self.own_hosts

    def fetch_page(self, url):
        url = check_url(self.absolute(url))
        if not self.is_own(url):
            raise FetchError(
                f"{url} is not on this shop ({self.host}): the offline check reads only its pages."
            )
        trail = RedirectTrail(url, self.max_redirects)
        current = url
        while True:
            response = self._get(current)
            location = response.get("Location")
            if response.status_code in REDIRECT_STATUSES and location:
                current = trail.follow(response.status_code, current, location)
                if not self.is_own(current):
                    raise FetchError(f"{url} redirects off the shop, to {current}.")
                continue
            content_type = media_type(response.get("Content-Type"))
            if response.status_code == 400:
                raise FetchError(f"{current} answered HTTP 400: is {self.host} in ALLOWED_HOSTS?")
            ensure_html_page(current, response.status_code, response.reason_phrase, content_type)
            body = self._body(response, current)
            return FetchedPage(
                url=url,
                final_url=current,
                status=response.status_code,
                content_type=content_type,
                body=body,
                encoding=declared_charset(response.get("Content-Type")),
                redirects=trail.redirects,
            )

    def _get(self, url):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.client.get(path, secure=parts.scheme == "https")

    def _body(self, response, url):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if len(body) > self.max_bytes:
            raise FetchError(
                f"{url} is {human_size(len(body))}, over the {human_size(self.max_bytes)} limit."
            )
        return body

    # --- images -----------------------------------------------------------------------------------------
    def probe_image(self, url):
        """Facts about an image of this shop, read from media or static storage (or, for any other path,
        through the client). Images on other hosts are left unchecked."""
        facts = ImageFacts(url=url)
        for prefix, storage in ((django_settings.MEDIA_URL, "media"), (django_settings.STATIC_URL, "static")):
            name = self._name_under(url, prefix)
            if name is None:
                continue
            try:
                data, facts.size_bytes = _read_stored(storage, name)
            except (OSError, ValueError, SuspiciousOperation):  # missing, or a name the storage refuses
                facts.error = f"{name} is not in the {storage} files"
                return facts
            facts.status = 200
            facts.content_type = mimetypes.guess_type(name)[0] or ""
            return describe_image(facts, data)
        if not self.is_own(url):
            facts.checked = False
            return facts
        return self._probe_through_client(facts)

    def _name_under(self, url, prefix):
        """The storage name of ``url`` below the MEDIA_URL/STATIC_URL ``prefix`` (absolute for a CDN)."""
        if not prefix:
            return None
        if "://" in prefix:
            return unquote(url[len(prefix) :]) if url.startswith(prefix) else None
        path = urlsplit(url).path
        return unquote(path[len(prefix) :]) if self.is_own(url) and path.startswith(prefix) else None

    def _probe_through_client(self, facts):
        response = self._get(facts.url)
        facts.status = response.status_code
        if response.status_code >= 400:
            facts.error = f"HTTP {response.status_code} {response.reason_phrase}"
            return facts
        data = b"".join(response.streaming_content) if response.streaming else response.content
        facts.content_type = media_type(response.get("Content-Type"))
        facts.size_bytes = len(data)
        return describe_image(facts, data[:IMAGE_HEADER_BYTES])


def _read_stored(storage, name):
    """The first IMAGE_HEADER_BYTES of a media or static file, and its size in bytes."""
    if storage == "static":
        path = finders.find(name)  # the source file in development and CI, before collectstatic
        if path:
            with open(path, "rb") as handle:
                return handle.read(IMAGE_HEADER_BYTES), os.path.getsize(path)
        backend = staticfiles_storage
    else:
        backend = default_storage
    with backend.open(name, "rb") as handle:
        return handle.read(IMAGE_HEADER_BYTES), backend.size(name)
