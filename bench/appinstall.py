"""App-install figures: what the head tags and the banner add to every page, QR code generation (cold and
cached), QR density of the URLs we print, the association file's size and how many paths fit in 128 KB.

.venv/bin/python bench/appinstall.py
"""

import statistics
import time

from _setup import setup  # noqa: E402

ROUNDS = 2000


def timed(function, rounds=ROUNDS):
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1e6, max(timings) * 1e6


def tags():
    from django.template import Context, Template
    from django.test import RequestFactory

    template = Template("{% load socialshop_app %}{% socialshop_app_meta %}{% socialshop_app_banner %}")
    factory = RequestFactory()

    def render():
        template.render(Context({"request": factory.get("/catalogue/robe-portefeuille-en-lin_12/")}))

    render()  # the first render also loads the URLconf and compiles templates
    median, worst = timed(render)
    html = template.render(Context({"request": factory.get("/catalogue/robe-portefeuille-en-lin_12/")}))
    print(f"app meta + banner tags, one page: median {median:.0f} µs, max {worst:.0f} µs, {len(html)} bytes")


def qr_codes():
    import segno

    from socialshop.services import appinstall

    urls = {
        "desktop footer (app)": "https://www.maisonlumiere.fr/app/go/?kind=qr_scan&target=app&utm_source=web"
        "&utm_medium=qr&utm_campaign=desktop",
        "product flyer": "https://www.maisonlumiere.fr/app/go/?kind=qr_scan&target=product&id=12345"
        "&utm_source=flyer&utm_medium=qr&utm_campaign=vitrine-printemps-2026",
    }
    for label, url in urls.items():
        appinstall.qr_svg.cache_clear()
        start = time.perf_counter()
        svg = appinstall.qr_svg(url, "Scan")
        cold = (time.perf_counter() - start) * 1000
        cached, _ = timed(lambda url=url: appinstall.qr_svg(url, "Scan"))
        code = segno.make(url, error="m")
        modules = code.symbol_size(scale=1, border=0)[0]
        print(
            f"QR {label}: {len(url)} chars -> version {code.version}, {code.error} error correction, "
            f"{modules}×{modules} modules ({85 / modules:.2f} mm per module at 85 mm), SVG {len(svg)} bytes; "
            f"generated in {cold:.1f} ms, cached {cached:.1f} µs"
        )


def association_file():
    from django.test import override_settings

    from socialshop.services import appinstall

    config = appinstall.get_config()
    print(f"apple-app-site-association (sandbox): {len(appinstall.aasa_bytes(config))} bytes")
    slug = "/catalogue/robe-portefeuille-en-lin-ecrue_12345/"
    low, high = 1, 20000
    while low < high:  # the largest number of such paths that still fits in 128 KB
        middle = (low + high + 1) // 2
        with override_settings(SOCIALSHOP_APP_PATHS=[slug] * middle):
            size = len(appinstall.aasa_bytes(appinstall.config_from_settings()))
        low, high = (middle, high) if size <= appinstall.AASA_MAX_BYTES else (low, middle - 1)
    print(f"explicit product paths of {len(slug)} chars that fit in {appinstall.AASA_MAX_BYTES} bytes: {low}")


if __name__ == "__main__":
    print(f"database: {setup()}")
    tags()
    qr_codes()
    association_file()
