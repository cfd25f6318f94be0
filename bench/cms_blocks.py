"""What the shop blocks cost on a published blog post, as the number of products in it grows.

    .venv/bin/python bench/cms_blocks.py [--rounds 20]

For N in 0, 2, 5, 20 and 50 products, a post is published with N product blocks, one grid of the same N
products and one shoppable image with a hotspot per product (so 3N product renderings), then requested
through the sandbox's URLs with Django's test client (DEBUG off, warm thumbnail and rendition caches).
Printed: the fewest and most SQL queries per page over the rounds, and the median time. The query count
must not grow with N (a few more can appear when the sandbox's small in-memory cache evicts thumbnail
keys, which sorl then reads from its database table); the time grows with the HTML there is to render.
A last line shows the opt-in per-product share buttons, whose metadata the share feature describes.

Uses its own SQLite database and media folder in /tmp (DATABASE_URL overrides the database); its rows
are tagged "BENCH-CMS" and replaced on each run. Never point it at a real shop.
"""

import argparse
import io
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SANDBOX_MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "socialshop-bench-cms-media"))

from _setup import setup  # noqa: E402

TAG = "BENCH-CMS"
SIZES = (0, 2, 5, 20, 50)


def build(count, share=False):
    """A published post with ``count`` products in a product block each, a grid and a shoppable image."""
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image
    from wagtail.models import Page, Site

    from sandbox.blog.models import BlogIndexPage, BlogPostPage
    from tests.factories import create_product, jpeg_bytes

    index = BlogIndexPage.objects.first()
    if index is None:
        index = BlogIndexPage(title="Le journal", slug="journal")
        Page.get_first_root_node().add_child(instance=index)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "root_page": index}
    )
    image = Image.objects.filter(title=TAG).first() or Image.objects.create(
        title=TAG, file=ImageFile(io.BytesIO(jpeg_bytes((1200, 800))), name="bench.jpg")
    )
    products = [
        create_product(
            title=f"{TAG} {count}-{i}",
            price=f"{10 + i}.00",
            upc=f"{TAG}-{count}-{int(share)}-{i}",
            image_size=(600, 600),
        )
        for i in range(count)
    ]
    body = [{"type": "product", "value": {"product": p.pk, "show_share_buttons": share}} for p in products]
    body.append({"type": "product_list", "value": {"products": [p.pk for p in products] or [None]}})
    body.append(
        {
            "type": "shoppable_image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Bench"},
                "hotspots": [
                    {"type": "item", "id": str(i), "value": {"product": p.pk, "x": 1 + i, "y": 50}}
                    for i, p in enumerate(products)
                ],
            },
        }
    )
    post = BlogPostPage(
        title=f"{TAG} {count}{' share' if share else ''}", slug=f"bench-cms-{count}-{int(share)}"
    )
    post.body = body
    index.add_child(instance=post)
    post.save_revision().publish()
    return post.url


def measure(client, url, rounds):
    """(fewest, most) SQL queries and the median time of ``rounds`` requests, after one warm-up."""
    from django.db import connection

    client.get(url)  # thumbnails, renditions and Oscar's caches are made once
    counts, timings = [], []
    for _ in range(rounds):
        queries = []  # counted with a wrapper: Django empties connection.queries when a request starts
        with connection.execute_wrapper(
            lambda execute, sql, *rest, log=queries: log.append(sql) or execute(sql, *rest)
        ):
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(queries))
    return min(counts), max(counts), statistics.median(timings) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    setup("/tmp/socialshop-bench-cms.sqlite3")

    from django.test import Client
    from oscar.core.loading import get_model

    from sandbox.blog.models import BlogPostPage
    from tests.base_data import ensure_base_data

    ensure_base_data()
    BlogPostPage.objects.filter(title__startswith=TAG).delete()
    get_model("catalogue", "Product").objects.filter(upc__startswith=TAG).delete()

    client = Client()
    print(f"{'products':>8} {'renderings':>10} {'queries':>9} {'median ms':>10}")
    for count in SIZES:
        fewest, most, ms = measure(client, build(count), args.rounds)
        print(f"{count:>8} {3 * count:>10} {fewest:>4}–{most:<4} {ms:>10.1f}")
    fewest, most, ms = measure(client, build(20, share=True), args.rounds)
    print(f"{'20, with share buttons':>19} {fewest:>4}–{most:<4} {ms:>10.1f}")


if __name__ == "__main__":
    main()
