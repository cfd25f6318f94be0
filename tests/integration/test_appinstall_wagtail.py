"""Settings > Mobile app: the Wagtail site setting overrides SOCIALSHOP_APP_* per site, and refuses what the
system check would refuse."""

import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.models import Site

from cms_blocks.app_settings import AppInstallSettings
from tests.meta_oracles import read_response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def site_setting(**values):
    setting = AppInstallSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(setting, name, value)
    setting.full_clean()
    setting.save()
    return setting


def test_filled_fields_replace_the_settings(client):
    site_setting(name="Lumière", ios_id="987654321", paths="/catalogue/*\n/ventes-flash/*\n")
    document = json.loads(client.get("/.well-known/apple-app-site-association").content)
    assert document["applinks"]["details"][0]["components"] == [
        {"/": "/catalogue/*"},
        {"/": "/ventes-flash/*"},
    ]
    reading = read_response(client.get("/"))
    assert reading.metadata["meta"]["twitter:app:id:iphone"] == "987654321"
    assert reading.metadata["meta"]["twitter:app:name:googleplay"] == "Lumière"
    # Empty fields keep the settings' values.
    assert reading.metadata["meta"]["twitter:app:id:googleplay"] == "fr.maisonlumiere.app"


def test_a_change_is_seen_at_once(client):
    site_setting(ios_id="987654321")
    assert read_response(client.get("/")).metadata["meta"]["al:ios:app_store_id"] == "987654321"
    site_setting(ios_id="111111111")
    assert read_response(client.get("/")).metadata["meta"]["al:ios:app_store_id"] == "111111111"


def test_banner_can_be_switched_off_for_a_site(client):
    site_setting(banner="off")
    html = client.get("/").content.decode()
    assert "socialshop-app-banner" not in html and "apple-itunes-app" not in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ios_id", "fr.maisonlumiere.app"),
        ("ios_team_id", "abcde12345"),
        ("android_package", "maisonlumiere"),
        ("android_fingerprints", "AB:CD"),
        ("paths", "catalogue/*"),
        ("universal_link_base", "http://m.maisonlumiere.fr"),
    ],
)
def test_form_refuses_what_the_check_refuses(field, value):
    with pytest.raises(ValidationError) as error:
        site_setting(**{field: value})
    assert field in error.value.message_dict


def test_admin_form(admin_client):
    site = Site.objects.get(is_default_site=True)
    url = f"/cms/settings/socialshop_cms/appinstallsettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"ios_id": "not-digits", "banner": ""})
    assert response.status_code == 200  # the form again, with the error
    assert not AppInstallSettings.objects.filter(ios_id="not-digits").exists()
    response = admin_client.post(url, {"ios_id": "987654321", "banner": "off"})
    assert response.status_code == 302
    assert AppInstallSettings.objects.get(site=site).ios_id == "987654321"
