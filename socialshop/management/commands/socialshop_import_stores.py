"""``manage.py socialshop_import_stores stores.csv``: create or update stores from a CSV file."""

from django.core.management.base import BaseCommand, CommandError

from socialshop.services import store_feeds


class Command(BaseCommand):
    help = (
        "Create or update stores from a UTF-8 CSV file with the header "
        + ",".join(store_feeds.STORE_COLUMNS)
        + ". All or nothing: one invalid row and nothing is written. Stores are matched on reference."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and count, write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            result = store_feeds.import_stores(
                store_feeds.read_csv(file, store_feeds.STORE_COLUMNS), file, dry_run=dry_run
            )
        except store_feeds.FeedError as exc:
            raise CommandError(str(exc)) from None
        suffix = " (dry run: nothing written)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"Stores: {result}{suffix}."))
