"""``manage.py socialshop_report [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--by network,campaign]
[--touch last|first] [--format json|csv]``: the social ROI report (docs/roi.md) on standard output.

JSON is a list of rows with ``network``, ``campaign`` (and any other dimension asked for), ``clicks``,
``visits``, ``orders``, ``revenue`` (a decimal string in the shop currency), ``conversion_rate``,
``average_order_value`` and ``currency``.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from socialshop.services.attribution_report import (
    DEFAULT_GROUPING,
    DIMENSIONS,
    TOUCHES,
    ReportError,
    build_report,
    parse_date,
    parse_grouping,
)


class Command(BaseCommand):
    help = "Share clicks, visits, orders and revenue by network and campaign (social ROI)."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="First day included (YYYY-MM-DD, shop time zone).")
        parser.add_argument("--until", help="Last day included (YYYY-MM-DD, shop time zone).")
        parser.add_argument(
            "--by",
            default=",".join(DEFAULT_GROUPING),
            help=f"Dimensions to group by, comma-separated, among: {', '.join(DIMENSIONS)}.",
        )
        parser.add_argument(
            "--touch", default="last", help=f"Attribute orders to their {' or '.join(TOUCHES)} touch."
        )
        parser.add_argument("--format", dest="output_format", default="json", help="json (default) or csv.")

    def handle(self, *args, since=None, until=None, by="", touch="last", output_format="json", **options):
        if output_format not in ("json", "csv"):
            raise CommandError(f"--format: {output_format!r} is not one of json, csv.")
        try:
            report = build_report(
                since=parse_date(since, "--since") if since else None,
                until=parse_date(until, "--until") if until else None,
                by=parse_grouping(by),
                touch=touch,
            )
        except ReportError as exc:
            raise CommandError(str(exc)) from None
        if output_format == "csv":
            self.stdout.write(report.as_csv(), ending="")
        else:
            self.stdout.write(json.dumps(report.as_dicts(), ensure_ascii=False, indent=2))
