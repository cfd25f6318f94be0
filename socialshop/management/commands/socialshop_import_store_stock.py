"""``manage.py socialshop_import_store_stock stock.csv``: set the stock of products in stores."""

from django.core.management.base import BaseCommand, CommandError

from socialshop.services import store_feeds


class Command(BaseCommand):
    help = (
        "Set store stock from a UTF-8 CSV file with the header "
        + ",".join(store_feeds.STOCK_COLUMNS)
        + " (sku: the stock record's partner SKU, or the product's UPC). All or nothing: one invalid row and "
        "nothing is written. Reserved click-and-collect units are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and count, write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            result = store_feeds.import_stock(
                store_feeds.read_csv(file, store_feeds.STOCK_COLUMNS), file, dry_run=dry_run
            )
        except store_feeds.FeedError as exc:
            raise CommandError(str(exc)) from None
        suffix = " (dry run: nothing written)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"Store stock: {result}{suffix}."))
