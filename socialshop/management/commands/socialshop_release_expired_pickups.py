"""``manage.py socialshop_release_expired_pickups``: close ready orders nobody collected by their deadline."""

from django.core.management.base import BaseCommand

from socialshop.services import pickups


class Command(BaseCommand):
    help = (
        "Mark 'not collected' every click-and-collect order still waiting after its deadline and put its "
        "reserved units back on sale. Run it daily (cron); running it twice is harmless."
    )

    def handle(self, *args, **options):
        released = pickups.release_expired()
        self.stdout.write(self.style.SUCCESS(f"{released} expired pickup(s) released."))
