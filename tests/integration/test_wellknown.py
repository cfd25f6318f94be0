"""/.well-known/apple-app-site-association and /.well-known/assetlinks.json as Apple's and Google's fetchers
see them: the exact path, a 200 with no redirect, application/json, a body that parses and has the structure
they read. Plus the web app manifest."""

import json
import re

import pytest
from django.test import override_settings

from socialshop.services.appinstall import AASA_MAX_BYTES

pytestmark = pytest.mark.django_db

APPLE_CDN = "AASA-Bot/1.0.0"
GOOGLE = "Mozilla/5.0 (compatible; Google-Digital-Asset-Links/1.0)"
FINGERPRINT = re.compile(r"^[0-9A-F]{2}(:[0-9A-F]{2}){31}$")


def fetch(client, path, user_agent):
    response = client.get(path, HTTP_USER_AGENT=user_agent, follow=False)
    assert response.status_code == 200, response.status_code  # a 3xx would be refused by Apple
    assert not response.has_header("Location")
    assert response["Content-Type"] == "application/json"
    return response, json.loads(response.content)  # strict JSON


def test_apple_app_site_association(client):
    response, document = fetch(client, "/.well-known/apple-app-site-association", APPLE_CDN)
    assert len(response.content) <= AASA_MAX_BYTES
    (detail,) = document["applinks"]["details"]
    assert detail["appIDs"] == ["ABCDE12345.fr.maisonlumiere.app"]
    for app_id in detail["appIDs"]:
        team, bundle = app_id.split(".", 1)
        assert re.fullmatch(r"[A-Z0-9]{10}", team) and re.fullmatch(
            r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", bundle
        )
    assert detail["components"] == [{"/": "/catalogue/*"}, {"/": "/flash-sales/*"}, {"/": "/blog/*"}]
    assert "max-age" in response["Cache-Control"]


def test_apple_file_answers_only_at_its_exact_name(client):
    # Apple asks for the file without extension; the ".json" name must not be what answers.
    assert client.get("/.well-known/apple-app-site-association.json").status_code == 404


def test_assetlinks(client):
    _response, document = fetch(client, "/.well-known/assetlinks.json", GOOGLE)
    assert isinstance(document, list) and len(document) == 1
    statement = document[0]
    assert statement["relation"] == ["delegate_permission/common.handle_all_urls"]
    target = statement["target"]
    assert target["namespace"] == "android_app"
    assert target["package_name"] == "fr.maisonlumiere.app"
    assert target["sha256_cert_fingerprints"] and all(
        FINGERPRINT.match(fingerprint) for fingerprint in target["sha256_cert_fingerprints"]
    )


@override_settings(SOCIALSHOP_APP_NAME="")
def test_both_files_are_404_without_an_app(client):
    assert client.get("/.well-known/apple-app-site-association").status_code == 404
    assert client.get("/.well-known/assetlinks.json").status_code == 404
    assert client.get("/manifest.webmanifest").status_code == 404


@override_settings(SOCIALSHOP_APP_IOS_TEAM_ID="abc")
def test_misconfigured_ios_app_serves_nothing_rather_than_a_wrong_file(client):
    assert client.get("/.well-known/apple-app-site-association").status_code == 404


@override_settings(
    SOCIALSHOP_APP_PATHS=[f"/catalogue/a-long-product-slug-number-{n}_{n}/" for n in range(4000)]
)
def test_oversized_association_file_is_never_served(client):
    assert client.get("/.well-known/apple-app-site-association").status_code == 404


def test_only_get_and_head(client):
    assert client.head("/.well-known/assetlinks.json").status_code == 200
    assert client.post("/.well-known/assetlinks.json").status_code == 405


def test_manifest(client):
    response = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Maison Lumière"
    assert manifest["prefer_related_applications"] is True
    platforms = {app["platform"]: app for app in manifest["related_applications"]}
    assert platforms["play"]["id"] == "fr.maisonlumiere.app"
    assert platforms["itunes"]["url"] == "https://apps.apple.com/fr/app/id1234567890"
    assert manifest["icons"][0]["src"].endswith("/sandbox/app-icon.png")
