"""What the share and Pin-it buttons cost.

    .venv/bin/python bench/share_overhead.py

1. The product page (in-process test client, the sandbox's templates, warm caches) in three variants:
   - with the share bar and the Pinterest attributes (the sandbox as shipped);
   - without the share bar (SOCIALSHOP_SHARE_NETWORKS = []), Pinterest attributes kept;
   - neither (SOCIALSHOP_NOPIN = True as well: images only get data-pin-nopin).
   Queries per page, and the median CPU time (this process: the page is rendered in-process, so other
   programs on the machine do not inflate it) and wall time of PAGE_ROUNDS requests of each, in turn.
   Budget: at most 1 query and 3 % more CPU time than without the buttons.
2. Requests per second of the click endpoint against a bare Django view (``HttpResponse("ok")``) on the
   same server (Django's threaded WSGI server in a child process, the sandbox's middleware), from CLIENTS
   HTTP clients for SECONDS seconds each, in ROUNDS alternating slices: counted clicks (a new visitor each
   time: one INSERT), repeated clicks (de-duplicated in the cache), the bare view, and the bare view doing
   the same INSERT (what the write alone costs on this database), printed as ratios to the bare view.

Uses its own SQLite database and media folder in /tmp; DATABASE_URL picks another database, e.g.
``DATABASE_URL=postgres://postgres@/socialshop_bench_share?host=/var/run/postgresql`` (created if missing).
Bench rows are tagged "BENCH" and removed first.
"""

import http.client
import itertools
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
PAGE_ROUNDS = 400
CLIENTS = 4
SECONDS = 12
ROUNDS = 4
PORT = 8171


def ensure_postgres_database():
    """Create the PostgreSQL database DATABASE_URL names, if it is one and does not exist yet."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    ) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def setup():
    os.environ.setdefault("SANDBOX_MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "socialshop-bench-media"))
    ensure_postgres_database()
    sys.path.insert(0, str(ROOT / "bench"))
    from _setup import setup as django_setup

    return django_setup("/tmp/socialshop-bench-share.sqlite3")


def bench_product():
    from oscar.core.loading import get_model

    from tests.base_data import ensure_base_data
    from tests.factories import create_product

    ensure_base_data()
    get_model("catalogue", "Product").objects.filter(upc__startswith="BENCH").delete()
    return create_product(title="Robe portefeuille en lin lavé", price="89.00", upc="BENCH-SHARE-1")


def page_overhead():
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    product = bench_product()
    url = product.get_absolute_url()
    client = Client(HTTP_USER_AGENT=BROWSER, HTTP_ACCEPT_LANGUAGE="fr")
    variants = {
        "with share buttons": {},
        "without share buttons": {"SOCIALSHOP_SHARE_NETWORKS": []},
        "neither buttons nor Pinterest attributes": {
            "SOCIALSHOP_SHARE_NETWORKS": [],
            "SOCIALSHOP_NOPIN": True,
        },
    }
    wall = {name: [] for name in variants}
    cpu = {name: [] for name in variants}
    queries = {}
    for name, values in variants.items():
        with override_settings(**values):
            assert client.get(url).status_code == 200  # warm: templates, thumbnails, caches
            with CaptureQueriesContext(connection) as captured:
                html = client.get(url).content
            queries[name] = (len(captured), len(html))
    for _ in range(PAGE_ROUNDS):  # one request of each in turn: a busy machine slows all of them alike
        for name, values in variants.items():
            with override_settings(**values):
                start_wall, start_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                cpu[name].append(time.process_time() - start_cpu)
                wall[name].append(time.perf_counter() - start_wall)

    base_cpu = statistics.median(cpu["without share buttons"])
    base_wall = statistics.median(wall["without share buttons"])
    for name in variants:
        count, size = queries[name]
        median_cpu, median_wall = statistics.median(cpu[name]), statistics.median(wall[name])
        print(
            f"product page, {name}: {count} queries, {size} bytes, CPU median {median_cpu * 1000:.2f} ms "
            f"({(median_cpu / base_cpu - 1) * 100:+.1f} %), wall median {median_wall * 1000:.2f} ms "
            f"({(median_wall / base_wall - 1) * 100:+.1f} %)"
        )
    extra_queries = queries["with share buttons"][0] - queries["without share buttons"][0]
    extra_time = statistics.median(cpu["with share buttons"]) / base_cpu - 1
    verdict = "within" if extra_queries <= 1 and extra_time <= 0.03 else "OVER"
    print(
        f"share buttons: {extra_queries:+d} queries, {extra_time * 100:+.1f} % CPU time: "
        f"{verdict} the budget (≤ 1 query, ≤ 3 %)"
    )
    return product


# --- The click endpoint against a bare view, over HTTP ----------------------------------------------------


def serve(ready):
    """Child process: the sandbox behind Django's threaded WSGI server, plus two reference views."""
    setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path
    from oscar.core.loading import get_model

    from sandbox import urls
    from socialshop.models import ShareClick

    product_type = ContentType.objects.get_for_model(get_model("catalogue", "Product"))

    def bare(request):
        return HttpResponse("ok")

    def bare_insert(request):  # the same write as a counted click, nothing else
        ShareClick.objects.create(network="bench", content_type=product_type, object_id=0, campaign="bench")
        return HttpResponse("ok")

    urls.urlpatterns[:0] = [path("bench-bare/", bare), path("bench-bare-insert/", bare_insert)]
    clear_url_caches()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):  # one log line per request would weigh on every side
            pass

    server = ThreadedWSGIServer(("127.0.0.1", PORT), QuietHandler)
    server.set_app(get_wsgi_application())
    ready.set()
    server.serve_forever()


_visitors = itertools.count(1)  # a new browser for every request that asks for one


def hammer(path, cookie_for, seconds):
    """Requests answered in ``seconds`` by CLIENTS threads; ``cookie_for(n)`` gives the n-th cookie."""
    done = []
    errors = []
    stop = time.monotonic() + seconds

    def client():
        count = 0
        while time.monotonic() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            headers = {"User-Agent": BROWSER, "Cookie": cookie_for(next(_visitors))}
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                errors.append(repr(error))
                continue
            finally:
                connection.close()
            if response.status not in (200, 302):
                errors.append(f"HTTP {response.status}")
            count += 1
        done.append(count)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        sys.exit(f"{path}: {len(errors)} failed requests, e.g. {errors[0]}")
    return sum(done)


def start_server():
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no database handle shared by fork
    ready = spawn.Event()
    server = spawn.Process(target=serve, args=(ready,), daemon=True)
    server.start()
    ready.wait(60)
    deadline = time.monotonic() + 30
    while True:  # wait until the port answers
        try:
            probe = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            probe.request("GET", "/bench-bare/")
            probe.getresponse().read()
            return server
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("the bench server did not start")
            time.sleep(0.2)


def endpoint_throughput(product):
    from django.conf import settings
    from django.test import RequestFactory

    from socialshop.models import ShareClick
    from socialshop.services import share_links

    request = RequestFactory().get(product.get_absolute_url())
    token = share_links.make_token(product, share_links.shared_page(product, request))
    share_path = share_links.click_url("facebook", token)
    ShareClick.objects.filter(object_id=product.pk).delete()
    new_browser = "csrftoken={:032d}".format
    variants = {
        "bare Django view": ("/bench-bare/", new_browser),
        "bare view + one INSERT": ("/bench-bare-insert/", new_browser),
        "click endpoint, counted (a new visitor each time: one INSERT)": (share_path, new_browser),
        "click endpoint, repeated (one visitor again and again: de-duplicated)": (
            share_path,
            lambda n: new_browser(0),
        ),
    }
    answered = dict.fromkeys(variants, 0)
    server = start_server()
    try:
        for _ in range(ROUNDS):  # variants in turn, so that a busy spell of the machine hits them all
            for name, (path, cookie_for) in variants.items():
                answered[name] += hammer(path, cookie_for, SECONDS / ROUNDS)
    finally:
        server.terminate()
        server.join(5)
    bare = answered["bare Django view"] / SECONDS
    print(f"HTTP: {CLIENTS} clients, {SECONDS} s per variant in {ROUNDS} slices, one server for all")
    for name, count in answered.items():
        rate = count / SECONDS
        print(f"{name}: {rate:.0f} requests/s, ratio to the bare view {rate / bare:.2f}")
    stored = ShareClick.objects.filter(object_id=product.pk).count()
    counted = answered["click endpoint, counted (a new visitor each time: one INSERT)"]
    print(
        f"clicks stored: {stored}: {counted} counted requests, and the repeated visitor {stored - counted} "
        f"time(s) (again after a counted slice pushed its key out of a small cache: "
        f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]})"
    )
    ShareClick.objects.filter(object_id=product.pk).delete()
    ShareClick.objects.filter(network="bench").delete()


if __name__ == "__main__":
    vendor = setup()
    print(f"database: {vendor}")
    endpoint_throughput(page_overhead())
