"""``manage.py socialshop_pull_store_feed``: pull stores and stock from the point-of-sale endpoint."""

from django.core.management.base import BaseCommand, CommandError

from socialshop.services import store_feeds


class Command(BaseCommand):
    help = (
        "GET the point-of-sale endpoint (SOCIALSHOP_STORE_POS_URL, or --url) and apply its stores and stock. "
        "With --enqueue, run it as a background task instead (django-tasks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="", help="Endpoint to pull instead of SOCIALSHOP_STORE_POS_URL.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and count, write nothing.")
        parser.add_argument("--enqueue", action="store_true", help="Enqueue the pull_store_feed task.")

    def handle(self, *args, url, dry_run, enqueue, **options):
        if enqueue:
            from socialshop.store_tasks import pull_store_feed

            result = pull_store_feed.enqueue(url=url, dry_run=dry_run)
            self.stdout.write(f"Task {result.id} enqueued ({result.status}).")
            return
        try:
            results = store_feeds.pull_point_of_sale(url or None, dry_run=dry_run)
        except store_feeds.FeedError as exc:
            raise CommandError(str(exc)) from None
        suffix = " (dry run: nothing written)" if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"Stores: {results['stores']}. Store stock: {results['stock']}{suffix}.")
        )
