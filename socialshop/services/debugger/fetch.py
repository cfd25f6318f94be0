"""Fetching a page and its share image over HTTP, the way a social crawler does, with hard bounds.

Every request has a timeout; connection errors, timeouts and 5xx answers are retried a bounded number of
times with exponential backoff; redirects are followed by hand so that each hop is listed, loops are caught
and each new location is re-validated (http and https only: the dashboard must not become a way to read
``file://`` or other schemes); bodies are streamed and abandoned past a byte cap, so a 50 MB page costs
at most the cap.
"""

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from ...conf import settings
from .imaging import IMAGE_HEADER_BYTES, describe_image, read_image_header
from .report import FetchError, ImageFacts, Redirect

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
IMAGE_ACCEPT = "image/webp,image/png,image/jpeg,image/*;q=0.8,*/*;q=0.5"
CHUNK_BYTES = 16 * 1024
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")


@dataclass
class FetchedPage:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    encoding: str | None  # charset declared in Content-Type, if any
    redirects: list = field(default_factory=list)


def check_url(url):
    """``url`` stripped, or FetchError unless it is an absolute http(s) URL with a host."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (reading it validates the port)
    except ValueError as exc:
        raise FetchError(f"{url!r} is not a valid URL ({exc}).") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url!r} is not an http:// or https:// URL; only web pages can be checked.")
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host name.")
    return url


class RedirectTrail:
    """The redirects of one fetch: lists them, refuses loops, bounds their number."""

    def __init__(self, url, max_redirects):
        self.redirects = []
        self._seen = {url}
        self._max = max_redirects

    def follow(self, status, current, location):
        target = urljoin(current, location.strip())
        self.redirects.append(Redirect(status, current, target))
        if target in self._seen:
            chain = " → ".join([self.redirects[0].source] + [hop.target for hop in self.redirects])
            raise FetchError(f"Redirect loop: {chain}.")
        if len(self.redirects) > self._max:
            raise FetchError(f"More than {self._max} redirects, the last to {target}.")
        self._seen.add(target)
        return check_url(target)


def ensure_html_page(url, status, reason, content_type):
    """FetchError unless the final answer is a successful HTML page."""
    if status >= 400:
        raise FetchError(f"{url} answered HTTP {status} {reason}".rstrip() + ".")
    if content_type and content_type not in HTML_TYPES:
        raise FetchError(f"{url} is not an HTML page (Content-Type: {content_type}).")


def media_type(content_type_header):
    """``text/html`` out of ``text/HTML; charset=utf-8``."""
    return (content_type_header or "").split(";")[0].strip().lower()


def declared_charset(content_type_header):
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type_header or "", re.IGNORECASE)
    return match.group(1) if match else None


def human_size(size):
    for unit in ("bytes", "kB", "MB"):
        if size < 1000 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000


class HttpTransport:
    """Pages and images over the network with ``requests``; limits default to the SOCIALSHOP_DEBUGGER_*
    settings. ``backoff`` and ``sleep`` exist so tests need not wait."""

    def __init__(self, *, session=None, timeout=None, max_bytes=None, max_redirects=None, retries=None,
                 user_agent=None, backoff=0.5, sleep=time.sleep, budget=None):  # fmt: skip
        self.timeout = settings.DEBUGGER_TIMEOUT if timeout is None else timeout
        self.max_bytes = settings.DEBUGGER_MAX_BYTES if max_bytes is None else max_bytes
        self.max_redirects = settings.DEBUGGER_MAX_REDIRECTS if max_redirects is None else max_redirects
        self.retries = max(0, settings.DEBUGGER_RETRIES if retries is None else retries)
        self.backoff, self.sleep = backoff, sleep
        # Redirects × retries × timeout can add up to minutes; a web request (the dashboard) sets a budget
        # in seconds for everything this transport does, so that it ends before the worker is killed.
        self.budget = budget
        self.deadline = time.monotonic() + budget if budget else None
        self.session = session or requests.Session()
        self.session.max_redirects = self.max_redirects  # for images, whose redirects requests follows
        self.session.headers.update(
            {
                "User-Agent": user_agent or settings.DEBUGGER_USER_AGENT,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
            }
        )

    # --- pages ------------------------------------------------------------------------------------------
    def fetch_page(self, url):
        url = check_url(url)
        trail = RedirectTrail(url, self.max_redirects)
        current = url
        while True:
            response = self._request(current, stream=True)
            try:
                location = response.headers.get("Location")
                if response.status_code in REDIRECT_STATUSES and location:
                    current = trail.follow(response.status_code, current, location)
                    continue
                content_type = media_type(response.headers.get("Content-Type"))
                ensure_html_page(current, response.status_code, response.reason or "", content_type)
                body = self._read_capped(response, current)
                return FetchedPage(
                    url=url,
                    final_url=current,
                    status=response.status_code,
                    content_type=content_type,
                    body=body,
                    encoding=declared_charset(response.headers.get("Content-Type")),
                    redirects=trail.redirects,
                )
            finally:
                response.close()

    def _read_capped(self, response, url):
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"{url} is {human_size(int(declared))}, over the {human_size(self.max_bytes)} limit "
                "(SOCIALSHOP_DEBUGGER_MAX_BYTES); nothing was downloaded."
            )
        chunks, total, deadline = [], 0, time.monotonic() + self._time_left(url)
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                total += len(chunk)
                if total > self.max_bytes:
                    raise FetchError(
                        f"{url} is larger than the {human_size(self.max_bytes)} limit "
                        "(SOCIALSHOP_DEBUGGER_MAX_BYTES); stopped reading it."
                    )
                if time.monotonic() > deadline:
                    raise FetchError(f"{url} took too long to download (SOCIALSHOP_DEBUGGER_TIMEOUT).")
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise FetchError(f"Reading {url} failed: {self._reason(exc)}.") from None
        return b"".join(chunks)

    # --- images -----------------------------------------------------------------------------------------
    def probe_image(self, url):
        """Type, weight and pixel size of an image from its first bytes (a ranged GET; servers that ignore
        Range are cut off after IMAGE_HEADER_BYTES anyway). Never raises: problems go in ``error``."""
        facts = ImageFacts(url=url)
        try:
            check_url(url)
            response = self._request(
                url,
                stream=True,
                allow_redirects=True,
                headers={"Range": f"bytes=0-{IMAGE_HEADER_BYTES - 1}", "Accept": IMAGE_ACCEPT},
            )
        except FetchError as exc:
            facts.error = str(exc)
            return facts
        try:
            facts.status = response.status_code
            if response.status_code >= 400:
                facts.error = f"HTTP {response.status_code} {response.reason or ''}".rstrip()
                return facts
            facts.content_type = media_type(response.headers.get("Content-Type"))
            data, complete = read_image_header(response.iter_content(CHUNK_BYTES))
            facts.size_bytes = self._total_size(response, data, complete)
            describe_image(facts, data)
        except requests.RequestException as exc:
            facts.error = f"reading it failed: {self._reason(exc)}"
        finally:
            response.close()
        return facts

    @staticmethod
    def _total_size(response, data, complete):
        content_range = response.headers.get("Content-Range", "")
        match = re.search(r"/(\d+)\s*$", content_range)
        if response.status_code == 206 and match:
            return int(match.group(1))
        declared = response.headers.get("Content-Length", "")
        if response.status_code == 200 and declared.isdigit():
            return int(declared)
        return len(data) if complete else None

    # --- plumbing ---------------------------------------------------------------------------------------
    def _request(self, url, allow_redirects=False, **kwargs):
        """One GET with bounded retries on connection errors, timeouts and 5xx answers."""
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                timeout = self._time_left(url)
                response = self.session.get(url, timeout=timeout, allow_redirects=allow_redirects, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last or isinstance(exc, requests.exceptions.SSLError):
                    raise FetchError(f"Could not fetch {url}: {self._reason(exc)}.") from None
            except (requests.RequestException, ValueError, UnicodeError) as exc:  # bad URL, redirect limit
                raise FetchError(f"Could not fetch {url}: {self._reason(exc)}.") from None
            else:
                if response.status_code not in RETRY_STATUSES or last:
                    return response
                response.close()
            self.sleep(self.backoff * 2**attempt)

    def _time_left(self, url):
        """The timeout of the next request: the setting, shortened to what is left of the budget."""
        if self.deadline is None:
            return self.timeout
        left = self.deadline - time.monotonic()
        if left <= 0.1:
            raise FetchError(f"Gave up on {url}: the check took more than {self.budget} s.")
        return min(self.timeout, left)

    def _reason(self, exc):
        """A short, one-line reason instead of urllib3's nested repr."""
        if isinstance(exc, requests.exceptions.SSLError):
            return "TLS/SSL error (certificate or protocol)"
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return f"no connection within {self.timeout} s"
        if isinstance(exc, requests.Timeout):
            return f"no answer within {self.timeout} s"
        if isinstance(exc, requests.TooManyRedirects):
            return f"more than {self.max_redirects} redirects"
        text = str(exc)
        if isinstance(exc, requests.ConnectionError):
            if (
                "Name or service not known" in text
                or "nodename nor servname" in text
                or "getaddrinfo" in text
            ):
                return "host name not found"
            match = _ERRNO.search(text)
            return match.group(1).strip().rstrip(".") if match else "connection failed"
        return " ".join(text.split())[:200] or exc.__class__.__name__
