"""Sharing debugger figures: offline checks of product pages (--all-products' path) and the cost of a
50 MB page over HTTP (bytes actually received before the cap stops it).

.venv/bin/python bench/debugger.py            # SQLite file in /tmp, media in a temporary folder
"""

import os
import statistics
import sys
import tempfile
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = 100
HUGE = 50 * 1024 * 1024


def setup():
    """The sandbox settings on a bench database of their own (products tagged BENCH are removed)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SANDBOX_MEDIA_ROOT", tempfile.mkdtemp(prefix="socialshop-bench-media-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox.settings")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/socialshop-bench-debugger.sqlite3")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def offline_products():
    from oscar.core.loading import get_model

    from socialshop.services.debugger import inspect
    from socialshop.services.debugger.local import ShopTransport
    from tests.factories import create_product

    Product = get_model("catalogue", "Product")
    Product.objects.filter(upc__startswith="BENCH").delete()
    products = [create_product(title=f"Robe {n}", upc=f"BENCH{n}") for n in range(PRODUCTS)]
    transport = ShopTransport(base_url="http://127.0.0.1")
    # First pass: each page makes its share thumbnails; second pass: what a CI re-run costs.
    for label in ("first render (thumbnails made)", "second render"):
        timings, errors = [], 0
        for product in products:
            start = time.perf_counter()
            report = inspect(product.get_absolute_url(), transport)
            timings.append(time.perf_counter() - start)
            errors += len(report.errors)
        median, worst = statistics.median(timings) * 1000, max(timings) * 1000
        print(f"offline check of {PRODUCTS} product pages, {label}: {sum(timings):.1f} s, "
              f"median {median:.0f} ms, max {worst:.0f} ms, {errors} errors")  # fmt: skip
    Product.objects.filter(upc__startswith="BENCH").delete()


class HugeHandler(BaseHTTPRequestHandler):
    sent = 0

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            while HugeHandler.sent < HUGE:
                self.wfile.write(chunk)
                HugeHandler.sent += len(chunk)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def huge_page():
    from socialshop.services.debugger import FetchError, HttpTransport

    server = ThreadingHTTPServer(("127.0.0.1", 0), HugeHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    transport = HttpTransport(retries=0)
    start = time.perf_counter()
    try:
        transport.fetch_page(f"http://127.0.0.1:{server.server_port}/")
    except FetchError as exc:
        message = str(exc)
    elapsed = time.perf_counter() - start
    time.sleep(0.5)
    server.shutdown()
    sent, cap = HugeHandler.sent / 1e6, transport.max_bytes / 1e6
    print(f"50 MB page: refused in {elapsed * 1000:.0f} ms, the server sent {sent:.1f} MB "
          f"(cap {cap:.1f} MB): {message}")  # fmt: skip


if __name__ == "__main__":
    warnings.simplefilter("ignore")  # haystack's simple backend warns on every product save
    setup()
    offline_products()
    huge_page()
