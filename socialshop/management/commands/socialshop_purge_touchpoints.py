"""``manage.py socialshop_purge_touchpoints [--days N] [--dry-run]``: delete the touchpoints (landing visits)
older than SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS. Order attributions keep their own copy of what they need.
Run it daily, e.g. from cron."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from socialshop.conf import settings
from socialshop.services.attribution import purge_touchpoints


class Command(BaseCommand):
    help = "Delete touchpoints older than the retention period (SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Keep this many days instead of the setting.")
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.ATTRIBUTION_RETENTION_DAYS if days is None else days
        window = settings.ATTRIBUTION_WINDOW_DAYS
        if days < window:
            raise CommandError(
                f"--days must be at least SOCIALSHOP_ATTRIBUTION_WINDOW_DAYS ({window}): younger touchpoints "
                "may still be attributed to an order."
            )
        count, cutoff = purge_touchpoints(days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {count} touchpoint(s) older than {timezone.localtime(cutoff):%Y-%m-%d %H:%M %Z}."
        )
