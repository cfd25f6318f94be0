"""``manage.py socialshop_debug_meta URL [--json]``: what Facebook, X, Pinterest and LinkedIn make of a page.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the page could not be fetched (or bad
usage). ``--all-products`` checks every public product page through Django's test client, without
network, so a shop can run it in its own CI; ``--local`` does the same for one URL or path.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model

from socialshop.services import debugger
from socialshop.services.debugger.fetch import human_size
from socialshop.services.debugger.local import ShopTransport

LEVEL_LABELS = {debugger.ERROR: "ERROR", debugger.WARNING: "WARNING", debugger.INFO: "INFO"}


class Command(BaseCommand):
    help = "Check the sharing metadata of a page like Facebook's Sharing Debugger (exit 0/1/2)."

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="Page URL (or, with --local, a path such as /catalogue/x_1/)."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument(
            "--all-products",
            action="store_true",
            help="Check every public product page through the test client (no network).",
        )
        parser.add_argument(
            "--local", action="store_true", help="Check URL through the test client instead of the network."
        )
        parser.add_argument("--limit", type=int, default=0, help="With --all-products: check at most N.")
        parser.add_argument(
            "--base-url",
            default="",
            help="Offline modes: scheme and host of the shop (default SOCIALSHOP_SITE_URL, else the Site).",
        )

    def handle(self, *args, url=None, all_products=False, local=False, limit=0, base_url="", **options):
        self.as_json, self.verbosity = options["json"], options["verbosity"]
        if bool(url) == all_products:
            raise CommandError("Give either a URL or --all-products.", returncode=debugger.EXIT_UNFETCHABLE)
        if local or all_products:
            transport = ShopTransport(base_url=base_url or None)
        else:
            transport = debugger.HttpTransport()
        if all_products:
            return self.check_products(transport, limit)
        try:
            report = debugger.inspect(url, transport)
        except debugger.FetchError as exc:
            if self.as_json:
                self.stdout.write(json.dumps(self.unfetched(url, exc), ensure_ascii=False, indent=2))
            raise CommandError(str(exc), returncode=debugger.EXIT_UNFETCHABLE) from None
        if self.as_json:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        elif self.verbosity:
            self.write_report(report, details=True)
        if report.errors:
            raise CommandError(f"{len(report.errors)} error(s) found.", returncode=debugger.EXIT_FINDINGS)

    def check_products(self, transport, limit):
        products = get_model("catalogue", "Product").objects.browsable().order_by("pk")
        if limit > 0:
            products = products[:limit]
        outcomes = [
            self.check_page(
                transport.absolute(product.get_absolute_url()), transport, details=self.verbosity > 1
            )
            for product in products
        ]
        exit_code = max((outcome["exit_code"] for outcome in outcomes), default=debugger.EXIT_OK)
        if self.as_json:
            self.stdout.write(
                json.dumps({"exit_code": exit_code, "reports": outcomes}, ensure_ascii=False, indent=2)
            )
        elif self.verbosity:
            self.stdout.write(f"{len(outcomes)} product page(s) checked.")
        errors = sum(outcome.get("counts", {}).get(debugger.ERROR, 0) for outcome in outcomes)
        unfetched = sum(1 for outcome in outcomes if "error" in outcome)
        if exit_code != debugger.EXIT_OK:
            raise CommandError(
                f"{errors} error(s) found, {unfetched} page(s) not fetched.", returncode=exit_code
            )

    def check_page(self, url, transport, details):
        """The JSON-ready outcome of one product page; printed as text unless --json."""
        try:
            report = debugger.inspect(url, transport)
        except debugger.FetchError as exc:
            if not self.as_json:
                self.stdout.write(self.style.ERROR(f"{url}\n  Not fetched: {exc}"))
            return self.unfetched(url, exc)
        if not self.as_json and self.verbosity:
            self.write_report(report, details)
        return report.to_dict()

    @staticmethod
    def unfetched(url, exc):
        return {"url": url, "error": str(exc), "exit_code": debugger.EXIT_UNFETCHABLE}

    # --- text output ------------------------------------------------------------------------------------
    def write_report(self, report, details):
        out = self.stdout.write
        out(self.style.MIGRATE_HEADING(report.url))
        out(f"  HTTP {report.status} {report.content_type}, {human_size(report.size_bytes)}")
        for hop in report.redirects:
            out(f"  redirect {hop.status}: {hop.source} → {hop.target}")
        for finding in report.findings:
            if finding.level == debugger.INFO and not details:
                continue
            label = f"  {LEVEL_LABELS[finding.level]:<8} {finding.code:<24} "
            style = {debugger.ERROR: self.style.ERROR, debugger.WARNING: self.style.WARNING}.get(
                finding.level, str
            )
            out(style(label + finding.message))
        if details:
            self.write_tags(report)
            self.write_previews(report)
        counts = [len(report.errors), len(report.warnings), len(report.infos)]
        summary = ", ".join(
            f"{count} {noun}{'' if count == 1 else 's'}"
            for count, noun in zip(counts, ("error", "warning", "note"), strict=True)
        )
        out((self.style.ERROR if report.errors else self.style.SUCCESS)(f"  Result: {summary}"))

    def write_tags(self, report):
        self.stdout.write("  Tags:")
        for key, value in report.tags:
            self.stdout.write(f"    {key} = {value}")
        if report.canonical:
            self.stdout.write(f"    link rel=canonical = {report.canonical}")
        for image in report.images:
            size = f"{image.width}×{image.height}" if image.width else "size unknown"
            weight = human_size(image.size_bytes) if image.size_bytes else "weight unknown"
            state = image.error or ("not checked offline" if not image.checked else f"{size}, {weight}")
            self.stdout.write(f"    image {image.url}: {image.content_type or '?'} {state}")

    def write_previews(self, report):
        self.stdout.write("  Previews:")
        for preview in report.previews:
            self.stdout.write(f"    {preview.label} [{preview.layout} image] {preview.domain}")
            self.stdout.write(f"      {preview.title}")
            if preview.description:
                self.stdout.write(f"      {preview.description}")
            if preview.image:
                self.stdout.write(f"      image: {preview.image}")
            for note in preview.notes:
                self.stdout.write(f"      ! {note}")
