"""Social ROI figures: what the attribution middleware adds to a request (landing and not), what attributing
an order costs, and how long the report takes on a large table of visits and orders.

.venv/bin/python bench/roi.py [--visits 200000] [--orders 20000]
"""

import argparse
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from _setup import setup  # noqa: E402

BENCH_VISITOR = "BENCH"  # prefix of every bench visitor id
NETWORKS = ["facebook", "instagram", "x", "pinterest", "linkedin", "whatsapp", "tiktok", "newsletter"]
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


def timed(function, rounds):
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1e6, statistics.quantiles(timings, n=100)[98] * 1e6


def middleware(rounds=3000):
    from django.db import connection
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from socialshop.middleware import AttributionMiddleware
    from socialshop.models import Touchpoint

    factory = RequestFactory()
    middleware = AttributionMiddleware(
        lambda request: HttpResponse("<html></html>", content_type="text/html")
    )

    def plain():
        middleware(factory.get("/catalogue/robe_1/", HTTP_USER_AGENT=BROWSER))

    def landing():
        network = random.choice(NETWORKS)
        middleware(factory.get(f"/catalogue/?utm_source={network}&utm_campaign=c", HTTP_USER_AGENT=BROWSER))

    def passthrough():
        factory.get("/catalogue/robe_1/", HTTP_USER_AGENT=BROWSER)

    base, _ = timed(passthrough, rounds)
    for label, function in (("other request", plain), ("landing request", landing)):
        with CaptureQueriesContext(connection) as queries:
            function()
        median, p99 = timed(function, rounds)
        print(
            f"middleware, {label}: median {median - base:.0f} µs, p99 {p99 - base:.0f} µs above building the "
            f"request, {len(queries.captured_queries)} query"
        )
    Touchpoint.objects.filter(visitor="").delete()


def load(visits, orders):
    from django.utils import timezone
    from oscar.core.loading import get_model

    from socialshop.models import OrderAttribution, Touchpoint

    Order = get_model("order", "Order")
    Touchpoint.objects.filter(visitor__startswith=BENCH_VISITOR).delete()
    Order.objects.filter(number__startswith="BENCH").delete()
    now = timezone.now()
    rng = random.Random(9)
    Touchpoint.objects.bulk_create(
        [
            Touchpoint(
                visitor=f"{BENCH_VISITOR}{i % (visits // 3 + 1):012d}",
                network=rng.choice(NETWORKS),
                utm_campaign=f"campaign-{rng.randrange(40)}",
                utm_medium="social",
                landing_path="/catalogue/",
                created_at=now - timedelta(minutes=rng.randrange(60 * 24 * 90)),
            )
            for i in range(visits)
        ],
        batch_size=5000,
    )
    created = Order.objects.bulk_create(
        [
            Order(
                number=f"BENCH{i:08d}",
                currency="EUR",
                total_incl_tax=Decimal("50.00"),
                total_excl_tax=Decimal("50.00"),
                shipping_incl_tax=0,
                shipping_excl_tax=0,
                date_placed=now,
            )
            for i in range(orders)
        ],
        batch_size=5000,
    )
    OrderAttribution.objects.bulk_create(
        [
            OrderAttribution(
                order=order,
                placed_at=now - timedelta(minutes=rng.randrange(60 * 24 * 90)),
                last_network=rng.choice(NETWORKS),
                last_campaign=f"campaign-{rng.randrange(40)}",
                currency="EUR",
                total=Decimal("50.00"),
                revenue=Decimal("50.00"),
            )
            for order in created
        ],
        batch_size=5000,
    )
    return created


def report(visits, orders):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from socialshop.services.attribution_report import build_report

    started = time.perf_counter()
    load(visits, orders)
    print(
        f"loaded {visits} touchpoints and {orders} attributed orders in {time.perf_counter() - started:.1f} s"
    )
    today = timezone.localdate()
    for label, kwargs in (
        ("90 days by network, campaign", {"since": today - timedelta(days=89), "until": today}),
        ("30 days by network", {"since": today - timedelta(days=29), "until": today, "by": "network"}),
    ):
        with CaptureQueriesContext(connection) as queries:
            result = build_report(**kwargs)
        median, _ = timed(lambda kwargs=kwargs: build_report(**kwargs), 5)
        print(
            f"report, {label}: {len(result.rows)} rows, median {median / 1000:.0f} ms, "
            f"{len(queries.captured_queries)} queries"
        )


def attribute_order(rounds=200):
    from django.contrib.auth import get_user_model
    from oscar.core.loading import get_model

    from socialshop.services import attribution

    order = get_model("order", "Order").objects.filter(number__startswith="BENCH").first()
    state = attribution.VisitorState(visitor=f"{BENCH_VISITOR}{1:012d}", first_at=0)
    user = get_user_model()(pk=None)
    median, p99 = timed(lambda: attribution.attribute_order(order, visitor_state=state, user=user), rounds)
    print(
        f"attributing one order (a visitor with a few touches): median {median / 1000:.1f} ms, "
        f"p99 {p99 / 1000:.1f} ms"
    )


def cleanup():
    from oscar.core.loading import get_model

    from socialshop.models import Touchpoint

    Touchpoint.objects.filter(visitor__startswith=BENCH_VISITOR).delete()
    get_model("order", "Order").objects.filter(number__startswith="BENCH").delete()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=200_000)
    parser.add_argument("--orders", type=int, default=20_000)
    options = parser.parse_args()
    print(f"database: {setup()}")
    middleware()
    report(options.visits, options.orders)
    attribute_order()
    cleanup()
