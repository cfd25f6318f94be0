"""What the social metadata ({% socialshop_meta %}) costs on a product page.

    .venv/bin/python bench/meta_overhead.py [--rounds 240] [--blocks 6]

Product pages are requested through the in-process Django test client (the sandbox's settings, DEBUG off,
warm caches) with the tag on and off: off is ``SOCIALSHOP_META_TAGS = False``, which makes the very same
tag render nothing, so everything else stays identical. Both run in the same process on the same
database, in alternating blocks so that drift hits both alike. Two page setups:

- "oscar": Oscar's own product templates under the sandbox's base.html (which holds the tag). Nothing else
  on the page describes the product, so this is the tag's whole cost (issue 3's budget applies here).
- "sandbox": the sandbox as shipped, whose share and Pin-it buttons describe the product too (the result
  is memoised per request): the tag's marginal cost there.

For a standalone product (image, categories, brand, one review), a parent with three variants and one of
those variants it prints the SQL queries per page with and without the tag, and the median time per
request with their ratio: CPU time of this process (robust when other processes share the machine, as
the whole request runs in-process, SQLite included) and wall time.

Budget (issue 3): at most 2 extra queries and a time ratio of at most 1.05.

Uses its own SQLite database and media folder in /tmp, migrated on first use (DATABASE_URL overrides the
database); its rows are tagged "BENCH-META" and replaced on each run. Never point it at a real shop.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAG = "BENCH-META"


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/socialshop-bench-meta.sqlite3")
    os.environ.setdefault(
        "SANDBOX_MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "socialshop-bench-meta-media")
    )
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bench_products():
    """(label, URL) of a standalone product, a parent with variants and one variant."""
    from oscar.apps.catalogue.categories import create_from_breadcrumbs
    from oscar.core.loading import get_model
    from oscar.test import factories as oscar_factories

    from tests.base_data import ensure_base_data
    from tests.factories import create_product

    Product = get_model("catalogue", "Product")
    ProductReview = get_model("reviews", "ProductReview")
    ensure_base_data()
    Product.objects.filter(upc__startswith=TAG).delete()

    category = create_from_breadcrumbs("Femme > Robes")
    dress = create_product(
        title="Robe portefeuille en lin lavé",
        price="89.00",
        upc=f"{TAG}-1",
        description="<p>Une robe légère, coupée et cousue à Lyon dans un lin lavé très doux.</p>",
        attributes={"brand": "Atelier Lumière"},
    )
    get_model("catalogue", "ProductCategory").objects.create(product=dress, category=category)
    ProductReview.objects.create(
        product=dress, score=5, title="Parfaite", body="Très belle robe.", name="Alix",
        email="alix@example.com", status=ProductReview.APPROVED,
    )  # fmt: skip
    parent = oscar_factories.create_product(title="Pull marin", structure="parent", upc=f"{TAG}-PULL")
    children = [
        oscar_factories.create_product(
            parent=parent,
            title=f"Pull marin {size}",
            price=Decimal(price),
            num_in_stock=3,
            upc=f"{TAG}-{size}",
        )
        for size, price in (("S", "59.00"), ("M", "59.00"), ("L", "65.00"))
    ]
    return [
        ("standalone", dress.get_absolute_url()),
        ("parent", parent.get_absolute_url()),
        ("variant", children[0].get_absolute_url()),
    ]


def page_times(client, url, rounds):
    """(CPU seconds, wall seconds) of each of ``rounds`` requests."""
    cpu, wall = [], []
    for _ in range(rounds):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
        assert response.status_code == 200, response.status_code
    return cpu, wall


@contextmanager
def page_setup(name):
    """The sandbox's templates, or Oscar's stock product templates under the sandbox's base.html."""
    from django.conf import settings
    from django.test import override_settings

    if name == "sandbox":
        yield
        return
    with tempfile.TemporaryDirectory(prefix="socialshop-bench-templates-") as folder:
        (Path(folder) / "oscar").mkdir()
        shutil.copy(
            ROOT / "sandbox" / "templates" / "oscar" / "base.html", Path(folder) / "oscar" / "base.html"
        )
        templates = [dict(settings.TEMPLATES[0], DIRS=[folder])]
        with override_settings(TEMPLATES=templates):
            yield


def measure(url, rounds, blocks):
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    queries, cpu, wall = {}, {False: [], True: []}, {False: [], True: []}
    for enabled in (False, True):
        with override_settings(SOCIALSHOP_META_TAGS=enabled):
            page_times(client, url, 5)  # warm: thumbnails, URL and template caches
            with CaptureQueriesContext(connection) as captured:
                html = client.get(url).content.decode()
            queries[enabled] = len(captured)
            assert ('property="og:title"' in html) is enabled
    for _ in range(blocks):
        for enabled in (False, True):
            with override_settings(SOCIALSHOP_META_TAGS=enabled):
                block_cpu, block_wall = page_times(client, url, rounds // blocks)
            cpu[enabled] += block_cpu
            wall[enabled] += block_wall
    return (
        queries,
        {key: statistics.median(values) for key, values in cpu.items()},
        {key: statistics.median(values) for key, values in wall.items()},
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=240, help="requests per variant and page (default 240)")
    parser.add_argument("--blocks", type=int, default=6, help="alternating blocks (default 6)")
    args = parser.parse_args()
    setup()
    products = bench_products()
    print(
        f"{'setup':<8} {'product':<11} {'queries off':>11} {'on':>3} {'extra':>5} | "
        f"{'CPU off':>8} {'on':>8} {'ratio':>5} | {'wall off':>8} {'on':>8} {'ratio':>5}"
    )
    worst = {"oscar": (0, 0.0), "sandbox": (0, 0.0)}
    for setup_name in ("oscar", "sandbox"):
        with page_setup(setup_name):
            for label, url in products:
                queries, cpu, wall = measure(url, args.rounds, args.blocks)
                extra, ratio = queries[True] - queries[False], cpu[True] / cpu[False]
                wall_ratio = wall[True] / wall[False]
                worst[setup_name] = (max(worst[setup_name][0], extra), max(worst[setup_name][1], ratio))
                print(
                    f"{setup_name:<8} {label:<11} {queries[False]:>11} {queries[True]:>3} {extra:>+5} | "
                    f"{cpu[False] * 1000:>6.1f}ms {cpu[True] * 1000:>6.1f}ms {ratio:>5.3f} | "
                    f"{wall[False] * 1000:>6.1f}ms {wall[True] * 1000:>6.1f}ms {wall_ratio:>5.3f}"
                )
    for setup_name, (extra, ratio) in worst.items():
        verdict = "within" if extra <= 2 and ratio <= 1.05 else "OVER"
        print(
            f"worst {setup_name}: {extra:+d} queries, CPU time ratio {ratio:.3f} ({verdict} budget: +2, 1.05)"
        )


if __name__ == "__main__":
    main()
