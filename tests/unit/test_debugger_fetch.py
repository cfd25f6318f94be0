"""Fetching for the sharing debugger (requests mocked with ``responses``): redirects, loops, retries,
timeouts, size cap, content type, bad URLs — every failure a one-line FetchError."""

import pytest
import requests
import responses

from socialshop.services.debugger import FetchError, HttpTransport, inspect
from tests.debugger_pages import good_page, jpeg_bytes

URL = "https://shop.example/catalogue/robe_1/"
IMAGE = "https://shop.example/media/robe.jpg"


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def transport(sleeps):
    return HttpTransport(timeout=7, retries=2, backoff=0.5, sleep=sleeps.append, max_redirects=4)


def serve_good_page(mocked, url=URL):
    mocked.get(url, body=good_page(url, IMAGE), content_type="text/html; charset=utf-8")
    mocked.get(IMAGE, body=jpeg_bytes((1200, 630)), content_type="image/jpeg")


def test_redirects_are_followed_and_listed(mocked, transport):
    mocked.get("http://shop.example/p", status=301, headers={"Location": "https://shop.example/p"})
    mocked.get("https://shop.example/p", status=302, headers={"Location": "/catalogue/robe_1/"})
    serve_good_page(mocked)
    report = inspect("http://shop.example/p", transport)
    assert [(hop.status, hop.source, hop.target) for hop in report.redirects] == [
        (301, "http://shop.example/p", "https://shop.example/p"),
        (302, "https://shop.example/p", URL),
    ]
    assert report.final_url == URL and report.status == 200
    assert "redirected" in report.codes("info")
    assert report.exit_code == 0, report.findings


def test_redirect_loop_is_one_clear_line(mocked, transport):
    mocked.get("https://shop.example/a", status=302, headers={"Location": "/b"})
    mocked.get("https://shop.example/b", status=302, headers={"Location": "https://shop.example/a"})
    with pytest.raises(
        FetchError, match=r"Redirect loop: https://shop.example/a → https://shop.example/b → "
    ):
        transport.fetch_page("https://shop.example/a")
    assert len(mocked.calls) == 2


def test_redirect_chains_are_bounded(mocked, transport):
    for hop in range(10):
        mocked.get(f"https://shop.example/r{hop}", status=301, headers={"Location": f"/r{hop + 1}"})
    with pytest.raises(FetchError, match="More than 4 redirects"):
        transport.fetch_page("https://shop.example/r0")
    assert len(mocked.calls) == 5


def test_a_redirect_to_another_scheme_is_refused(mocked, transport):
    mocked.get(URL, status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="not an http:// or https:// URL"):
        transport.fetch_page(URL)


def test_5xx_is_retried_with_backoff(mocked, transport, sleeps):
    mocked.get(URL, status=503)
    mocked.get(URL, status=502)
    serve_good_page(mocked)
    assert transport.fetch_page(URL).status == 200
    assert [call.request.url for call in mocked.calls] == [URL] * 3
    assert sleeps == [0.5, 1.0]


def test_retries_are_bounded(mocked, transport, sleeps):
    mocked.get(URL, status=503)
    with pytest.raises(FetchError, match=r"answered HTTP 503 Service Unavailable\.$"):
        transport.fetch_page(URL)
    assert len(mocked.calls) == 3 and len(sleeps) == 2


def test_connection_errors_are_retried_then_reported(mocked, transport):
    mocked.get(URL, body=requests.ConnectionError("[Errno 111] Connection refused"))
    with pytest.raises(FetchError) as caught:
        transport.fetch_page(URL)
    assert str(caught.value) == f"Could not fetch {URL}: Connection refused."
    assert len(mocked.calls) == 3


def test_timeouts_are_passed_and_reported(mocked, transport):
    mocked.get(URL, body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(FetchError, match="no answer within 7 s"):
        transport.fetch_page(URL)
    assert all(call.request.req_kwargs["timeout"] == 7 for call in mocked.calls)


def test_the_crawler_user_agent_is_sent(mocked, transport):
    serve_good_page(mocked)
    inspect(URL, transport)
    agents = {call.request.headers["User-Agent"] for call in mocked.calls}
    assert len(agents) == 1 and agents.pop().startswith("facebookexternalhit/1.1")


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "image/jpeg", "application/json", "text/plain; charset=utf-8"]
)
def test_non_html_pages_are_refused(mocked, transport, content_type):
    mocked.get(URL, body=b"%PDF-1.4", content_type=content_type)
    with pytest.raises(FetchError, match=r"is not an HTML page \(Content-Type: "):
        transport.fetch_page(URL)


def test_http_errors_cannot_be_debugged(mocked, transport):
    mocked.get(URL, status=404)
    with pytest.raises(FetchError, match=r"answered HTTP 404 Not Found"):
        transport.fetch_page(URL)
    assert len(mocked.calls) == 1  # a 404 is not retried


def test_a_declared_huge_page_is_not_downloaded(mocked):
    huge = {"Content-Length": str(50 * 1024 * 1024)}
    mocked.get(
        URL, body=b"<html>", content_type="text/html", headers=huge, auto_calculate_content_length=False
    )
    with pytest.raises(FetchError, match=r"is 52\.4 MB, over the 2\.1 MB limit .*nothing was downloaded"):
        HttpTransport(retries=0).fetch_page(URL)


def test_an_undeclared_huge_page_is_cut_at_the_cap(mocked):
    mocked.get(
        URL, body=b"<html>" + b"x" * 100_000, content_type="text/html", auto_calculate_content_length=False
    )
    with pytest.raises(FetchError, match=r"larger than the 50 bytes limit"):
        HttpTransport(retries=0, max_bytes=50).fetch_page(URL)


@pytest.mark.parametrize(
    "url, message",
    [
        ("", "is not an http"),
        ("shop.example/robe", "is not an http"),
        ("ftp://shop.example/robe", "is not an http"),
        ("file:///etc/passwd", "is not an http"),
        ("javascript:alert(1)", "is not an http"),
        ("http://", "has no host name"),
        ("http://[::1/", "is not a valid URL"),
        ("http://shop.example:99999/", "is not a valid URL"),
        ("http://exa mple.com/", "Could not fetch"),
    ],
)
def test_malformed_urls_get_one_line(mocked, transport, url, message):
    with pytest.raises(FetchError, match=message) as caught:
        transport.fetch_page(url)
    assert "\n" not in str(caught.value)
    assert not mocked.calls


def test_declared_charset_is_honoured(mocked, transport):
    body = "<html><head><title>Crêpes à la crème</title></head></html>".encode("iso-8859-1")
    mocked.get(URL, body=body, content_type="text/html; charset=ISO-8859-1")
    page = transport.fetch_page(URL)
    from socialshop.services.debugger.page_meta import parse_meta

    assert parse_meta(page.body, page.encoding).title == "Crêpes à la crème"


def test_image_probe_reads_the_size_from_a_ranged_get(mocked, transport):
    data = jpeg_bytes((1200, 630))
    mocked.get(
        IMAGE,
        body=data[:2000],
        status=206,
        content_type="image/jpeg",
        headers={"Content-Range": f"bytes 0-1999/{7 * 1024 * 1024}"},
    )
    facts = transport.probe_image(IMAGE)
    assert (facts.width, facts.height, facts.size_bytes) == (1200, 630, 7 * 1024 * 1024)
    assert mocked.calls[0].request.headers["Range"].startswith("bytes=0-")


def test_image_probe_never_raises(mocked, transport):
    mocked.get(IMAGE, body=requests.ConnectionError("[Errno 113] No route to host"))
    facts = transport.probe_image(IMAGE)
    assert facts.error == f"Could not fetch {IMAGE}: No route to host."
    assert len(mocked.calls) == 3
