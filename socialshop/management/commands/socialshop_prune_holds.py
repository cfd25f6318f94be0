from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from socialshop.models import FlashSale, FlashSaleHold
from socialshop.services import flashsales


class Command(BaseCommand):
    help = (
        "Release expired flash-sale holds and delete old released ones. Housekeeping only: expired holds "
        "never count, with or without this command."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days", type=int, default=30, help="Keep released holds this many days (default 30)."
        )

    def handle(self, *args, keep_days, **options):
        if keep_days < 0:
            raise CommandError("--keep-days must be 0 or more.")
        now = timezone.now()
        released = 0
        sale_ids = (
            FlashSaleHold.objects.filter(state=FlashSaleHold.HELD, expires_at__lte=now)
            .values_list("sale_id", flat=True)
            .distinct()
        )
        for sale in FlashSale.objects.filter(pk__in=list(sale_ids)):
            while True:
                with transaction.atomic():  # the releases and the counter move together
                    units = flashsales.release_expired(sale, now)
                released += units
                if not units:
                    break
        deleted, _ = FlashSaleHold.objects.filter(
            state=FlashSaleHold.RELEASED, updated_at__lt=now - timedelta(days=keep_days)
        ).delete()
        self.stdout.write(f"Released {released} expired unit(s); deleted {deleted} old released hold(s).")
