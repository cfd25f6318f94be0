"""Rows the test database must always hold, whatever an earlier flush removed."""

from django.conf import settings
from django.contrib.sites.models import Site
from wagtail.models import Collection, Locale, Page
from wagtail.models import Site as WagtailSite


def ensure_base_data():
    Site.objects.update_or_create(pk=1, defaults={"domain": "testserver", "name": "Maison Lumière"})
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root", locale=locale)
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    if not WagtailSite.objects.exists():
        WagtailSite.objects.create(
            hostname="localhost", root_page=Page.get_first_root_node(), is_default_site=True
        )
