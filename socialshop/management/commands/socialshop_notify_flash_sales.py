from django.core.management.base import BaseCommand

from socialshop.services import flashsale_notifications
from socialshop.tasks import notify_flash_sale_fans


class Command(BaseCommand):
    help = "Email fans about flash sales that have started and were not announced yet (run every minute)."

    def handle(self, *args, **options):
        sales = flashsale_notifications.claim_started_sales()
        for sale in sales:
            notify_flash_sale_fans.enqueue(sale.pk)
            self.stdout.write(f"{sale.slug}: fans notification queued")
        if not sales:
            self.stdout.write("No flash sale to announce.")
