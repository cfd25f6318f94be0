"""Site-wide demo setup: domain, shipping countries, the staff account and the blog pages."""

from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.management import call_command
from oscar.core.loading import get_model

Country = get_model("address", "Country")

SHIPPING_COUNTRIES = ["FR", "BE", "LU", "CH", "DE", "ES", "IT", "NL", "MC", "GB"]
STAFF_USERNAME = "staff"
STAFF_EMAIL = "staff@example.fr"
STAFF_PASSWORD = "socialshop-demo"


def setup_site(domain):
    Site.objects.update_or_create(pk=1, defaults={"domain": domain, "name": "Maison Lumière"})
    if not Country.objects.exists():
        call_command("oscar_populate_countries", "--no-shipping", verbosity=0)
    Country.objects.filter(iso_3166_1_a2__in=SHIPPING_COUNTRIES).update(is_shipping_country=True)
    Country.objects.filter(iso_3166_1_a2="FR").update(display_order=10)


def setup_staff():
    user, created = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME,
        defaults={"email": STAFF_EMAIL, "is_staff": True, "is_superuser": True, "first_name": "Claire"},
    )
    if created:
        user.set_password(STAFF_PASSWORD)
        user.save()
    return user
