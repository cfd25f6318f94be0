from urllib.parse import urlsplit

from django.core.management import call_command
from django.core.management.base import BaseCommand

from sandbox.demo.blog import setup_blog
from sandbox.demo.catalogue import load_catalogue
from sandbox.demo.flashsales import setup_flash_sales
from sandbox.demo.site import STAFF_EMAIL, STAFF_PASSWORD, STAFF_USERNAME, setup_site, setup_staff
from sandbox.demo.stores import load_stores


class Command(BaseCommand):
    help = "Build the demo boutique (catalogue, shops, flash sales, staff account, blog). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the sandbox is served (used for the site domain).",
        )

    def handle(self, *args, base_url, **options):
        parts = urlsplit(base_url)
        setup_site(parts.netloc)
        setup_staff()
        created = load_catalogue()
        setup_flash_sales()
        shops = load_stores()  # click and collect: shops, hours, holidays and stock of the products above
        setup_blog(parts.hostname, parts.port or 80)  # after the sales: a post shows "demo-live"
        call_command("update_index", remove=True, verbosity=0)  # Oscar's catalogue pages list the index
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} products, {shops} shops created)."))
        self.stdout.write(
            f"Staff account for {base_url}/dashboard/ and {base_url}/cms/: "
            f"username {STAFF_USERNAME!r} or email {STAFF_EMAIL!r}, password {STAFF_PASSWORD!r}"
        )
