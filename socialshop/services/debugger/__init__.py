"""Offline sharing debugger: fetch a page like a social crawler, report what Facebook, X, Pinterest and
LinkedIn would make of it (findings and card previews).

``inspect(url)`` goes over the network (HttpTransport); ``inspect(path, ShopTransport())`` asks this shop
through Django's test client and reads images from its storages, without network (see ``local``).
"""

from .checks import check_images, check_json_ld, check_lengths, check_product, check_tags, image_urls
from .fetch import FetchedPage, HttpTransport, check_url
from .page_meta import parse_meta
from .previews import build_previews
from .report import (
    ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNFETCHABLE,
    INFO,
    LEVELS,
    WARNING,
    FetchError,
    Finding,
    ImageFacts,
    Preview,
    Redirect,
    Report,
)

__all__ = [
    "ERROR", "EXIT_FINDINGS", "EXIT_OK", "EXIT_UNFETCHABLE", "INFO", "LEVELS", "WARNING", "FetchError",
    "FetchedPage", "Finding", "HttpTransport", "ImageFacts", "Preview", "Redirect", "Report", "build_report",
    "check_url", "inspect",
]  # fmt: skip


def inspect(url, transport=None):
    """The Report of ``url``; raises FetchError (one-line message) when the page cannot be fetched."""
    transport = transport or HttpTransport()
    page = transport.fetch_page(url)
    return build_report(page, transport.probe_image)


def build_report(page, probe_image):
    """Everything but the page fetch: parse, probe the share images with ``probe_image(url)``, check."""
    meta = parse_meta(page.body, page.encoding)
    images = {url: probe_image(url) for url in dict.fromkeys(image_urls(meta, page.final_url).values())}
    jsonld_findings, nodes = check_json_ld(meta)
    findings = [
        *_redirect_findings(page),
        *check_tags(meta, page.final_url),
        *check_images(meta, page.final_url, images),
        *check_lengths(meta),
        *jsonld_findings,
        *check_product(meta, nodes),
    ]
    findings.sort(key=lambda finding: LEVELS.index(finding.level))  # stable: check order within a level
    return Report(
        url=page.url,
        final_url=page.final_url,
        status=page.status,
        content_type=page.content_type,
        size_bytes=len(page.body),
        redirects=list(page.redirects),
        tags=[[tag.key, tag.value] for tag in meta.tags],
        canonical=meta.canonical,
        images=list(images.values()),
        findings=findings,
        previews=build_previews(meta, page.final_url, images),
    )


def _redirect_findings(page):
    if not page.redirects:
        return []
    hops = len(page.redirects)
    return [
        Finding(
            INFO,
            "redirected",
            f"{hops} redirect{'s' if hops > 1 else ''} to {page.final_url}: share that URL directly.",
        )
    ]
