"""The sharing debugger against a real HTTP server on 127.0.0.1 (a thread of this test): real sockets,
real redirects, a 50 MB page, a closed port — and the command's exit statuses, in-process and as a real
process."""

import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from socialshop.services.debugger import FetchError, HttpTransport, inspect
from tests.debugger_pages import SVG, good_page, good_tags, jpeg_bytes, page, png_bytes, without

ROOT = Path(__file__).resolve().parents[2]
HUGE = 50 * 1024 * 1024
CHUNK = 64 * 1024


class ShopHandler(BaseHTTPRequestHandler):
    """Serves ``server.routes[path](handler)``; counts the bytes of the huge pages it manages to send."""

    def do_GET(self):
        self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        route = self.server.routes.get(self.path)
        if route is None:
            return self.answer(404, b"not found", "text/plain")
        route(self)

    def answer(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def image(self, data, content_type):
        """Honours ``Range: bytes=0-N`` like a real static server."""
        match = re.match(r"bytes=0-(\d+)$", self.headers.get("Range", ""))
        if match:
            part = data[: int(match.group(1)) + 1]
            content_range = f"bytes 0-{len(part) - 1}/{len(data)}"
            return self.answer(206, part, content_type, [("Content-Range", content_range)])
        self.answer(200, data, content_type)

    def redirect(self, location, status=302):
        self.answer(status, b"", "text/html", [("Location", location)])

    def huge(self, declare_length):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declare_length:
            self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        sent, chunk = 0, b"<p>" + b"x" * (CHUNK - 3)
        try:
            while sent < HUGE:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.server.sent[self.path] = sent

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hung up (timeouts, the byte cap) is what these tests cause on purpose


@pytest.fixture(scope="module")
def shop():
    server = QuietServer(("127.0.0.1", 0), ShopHandler)
    base = f"http://127.0.0.1:{server.server_port}"
    big, small = jpeg_bytes((1200, 630)), png_bytes((120, 90))
    flaky = {"count": 0}

    def flaky_page(handler):
        flaky["count"] += 1
        if flaky["count"] == 1:
            return handler.answer(503, b"busy", "text/plain")
        handler.answer(200, good_page(f"{base}/flaky", f"{base}/img/big.jpg").encode(), "text/html")

    def slow_page(handler):
        time.sleep(1.5)
        handler.answer(200, b"<html></html>", "text/html")

    def html(path, body):
        return lambda handler: handler.answer(200, body.encode(), "text/html; charset=utf-8")

    server.routes = {
        "/good": html("/good", good_page(f"{base}/good", f"{base}/img/big.jpg")),
        "/missing": html("/missing", page(without(good_tags(f"{base}/missing", ""), "og:image", "og:title"))),
        "/small": html("/small", good_page(f"{base}/small", f"{base}/img/small.png")),
        "/svg": html("/svg", good_page(f"{base}/svg", f"{base}/img/logo")),
        "/img/big.jpg": lambda handler: handler.image(big, "image/jpeg"),
        "/img/small.png": lambda handler: handler.image(small, "image/png"),
        "/img/logo": lambda handler: handler.image(SVG, "image/svg+xml"),
        "/huge": lambda handler: handler.huge(declare_length=False),
        "/huge-declared": lambda handler: handler.huge(declare_length=True),
        "/loop-a": lambda handler: handler.redirect("/loop-b"),
        "/loop-b": lambda handler: handler.redirect(f"{base}/loop-a"),
        "/moved": lambda handler: handler.redirect("/good", 301),
        "/catalogue.pdf": lambda handler: handler.answer(200, b"%PDF-1.4", "application/pdf"),
        "/flaky": flaky_page,
        "/slow": slow_page,
    }
    server.hits, server.sent = {}, {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = base
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def transport():
    return HttpTransport(timeout=5, retries=1, backoff=0)


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_good_page(shop, transport):
    report = inspect(f"{shop.base}/good", transport)
    assert report.findings == [] and report.exit_code == 0
    [image] = report.images
    assert (image.status, image.width, image.height, image.size_bytes) == (
        206,
        1200,
        630,
        len(jpeg_bytes((1200, 630))),
    )


def test_missing_tags(shop, transport):
    report = inspect(f"{shop.base}/missing", transport)
    assert {f.tag for f in report.errors if f.code == "missing-tag"} == {"og:image", "og:title"}
    assert report.exit_code == 1


def test_small_image(shop, transport):
    report = inspect(f"{shop.base}/small", transport)
    assert "image-too-small" in report.codes("error")
    assert "120×90" in next(f.message for f in report.errors if f.code == "image-too-small")


def test_svg_image(shop, transport):
    assert inspect(f"{shop.base}/svg", transport).codes("error") == ["image-svg"]


def test_redirects_are_listed(shop, transport):
    report = inspect(f"{shop.base}/moved", transport)
    assert [(hop.status, hop.target) for hop in report.redirects] == [(301, f"{shop.base}/good")]
    assert report.final_url == f"{shop.base}/good" and report.exit_code == 0


def wait_for(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_huge_page_is_abandoned_at_the_cap(shop, transport):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"larger than the 2\.1 MB limit"):
        transport.fetch_page(f"{shop.base}/huge")
    assert time.monotonic() - started < 5
    assert wait_for(lambda: "/huge" in shop.sent)
    assert shop.sent["/huge"] < 16 * 1024 * 1024  # the cap plus socket buffers, far from 50 MB


def test_huge_declared_page_is_not_downloaded(shop, transport):
    with pytest.raises(FetchError, match="nothing was downloaded"):
        transport.fetch_page(f"{shop.base}/huge-declared")
    assert wait_for(lambda: "/huge-declared" in shop.sent)
    assert shop.sent["/huge-declared"] < 16 * 1024 * 1024


def test_redirect_loop(shop, transport):
    with pytest.raises(FetchError) as caught:
        transport.fetch_page(f"{shop.base}/loop-a")
    assert (
        str(caught.value) == f"Redirect loop: {shop.base}/loop-a → {shop.base}/loop-b → {shop.base}/loop-a."
    )


def test_non_html(shop, transport):
    with pytest.raises(FetchError, match=r"is not an HTML page \(Content-Type: application/pdf\)"):
        transport.fetch_page(f"{shop.base}/catalogue.pdf")


def test_unreachable_port(closed_port):
    with pytest.raises(FetchError) as caught:
        HttpTransport(retries=1, backoff=0).fetch_page(f"http://127.0.0.1:{closed_port}/")
    assert str(caught.value) == f"Could not fetch http://127.0.0.1:{closed_port}/: Connection refused."


def test_503_is_retried(shop, transport):
    report = inspect(f"{shop.base}/flaky", transport)
    assert report.status == 200 and shop.hits["/flaky"] == 2


def test_slow_page_times_out(shop):
    with pytest.raises(FetchError, match=r"no answer within 0\.5 s"):
        HttpTransport(timeout=0.5, retries=0).fetch_page(f"{shop.base}/slow")


# --- the command -----------------------------------------------------------------------------------------
def run_command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("socialshop_debug_meta", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code, err = exc.returncode, io.StringIO(str(exc))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def fast(settings):
    settings.SOCIALSHOP_DEBUGGER_RETRIES = 0
    settings.SOCIALSHOP_DEBUGGER_TIMEOUT = 5


def test_command_exit_statuses(shop, fast, closed_port):
    code, out, _ = run_command(f"{shop.base}/good")
    assert code == 0 and "Result: 0 errors, 0 warnings, 0 notes" in out and "Previews:" in out
    code, out, err = run_command(f"{shop.base}/missing")
    assert code == 1 and "ERROR    missing-tag" in out and err == "2 error(s) found."
    for url in (
        f"{shop.base}/loop-a",
        f"{shop.base}/catalogue.pdf",
        f"http://127.0.0.1:{closed_port}/",
        "ftp://x",
    ):
        code, out, err = run_command(url)
        assert code == 2 and out == "" and "\n" not in err, url


def test_command_json(shop, fast):
    code, out, _ = run_command(f"{shop.base}/small", "--json")
    data = json.loads(out)
    assert code == data["exit_code"] == 1
    assert "image-too-small" in [finding["code"] for finding in data["findings"]]
    code, out, _ = run_command(f"{shop.base}/loop-a", "--json")
    assert code == 2 and json.loads(out)["error"].startswith("Redirect loop")


@pytest.mark.parametrize("path, status", [("/missing", 1), ("/loop-a", 2)])
def test_command_as_a_process(shop, path, status):
    """What CI sees: the process exit status, and no traceback on stderr."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "sandbox/manage.py", "socialshop_debug_meta", shop.base + path],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == (0 if status == 0 else 1)


def test_a_budget_bounds_retries_and_timeouts_together(shop):
    """The dashboard's transport: however many retries, the whole check ends with its budget."""
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^Gave up on .*/slow: the check took more than 0\.6 s\.$"):
        HttpTransport(timeout=5, retries=5, backoff=0, budget=0.6).fetch_page(f"{shop.base}/slow")
    assert time.monotonic() - started < 1.2
