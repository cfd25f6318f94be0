"""The app-install configuration and what it computes: deep links, store links, association files."""

import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.test import RequestFactory, override_settings

from socialshop.services import appinstall

FINGERPRINT = ":".join(["AB"] * 32)


def config(**overrides):
    """The sandbox's demo configuration, with SOCIALSHOP_APP_<NAME> overrides given as name=value."""
    with override_settings(**{f"SOCIALSHOP_APP_{name}": value for name, value in overrides.items()}):
        return appinstall.get_config()


def test_numeric_ids_may_be_given_as_numbers():
    assert config(IOS_ID=1234567890).ios_id == "1234567890"


def test_sandbox_demo_configuration_is_complete_and_clean():
    app = config()
    assert app.enabled and app.has_ios and app.has_android
    assert app.problems == ()
    assert app.ios_app_id == "ABCDE12345.fr.maisonlumiere.app"


@pytest.mark.parametrize(
    "overrides",
    [{"NAME": ""}, {"IOS_ID": "", "ANDROID_PACKAGE": "", "ANDROID_SHA256_FINGERPRINTS": []}],
)
def test_empty_configuration_turns_the_feature_off(overrides):
    app = config(**overrides)
    assert not app.enabled and not app.has_ios and not app.has_android
    assert appinstall.aasa_document(app) is None
    assert appinstall.assetlinks_document(app) is None


def test_defaults_alone_are_off():
    from socialshop import defaults

    values = {field: getattr(defaults, setting) for field, setting in appinstall.SETTING_NAMES.items()}
    app = appinstall.build_config(values)
    assert not app.enabled
    assert app.problems == ()


def test_an_error_switches_the_feature_off_but_a_warning_does_not():
    assert not config(IOS_ID="not-a-number").enabled
    warned = config(ANDROID_SHA256_FINGERPRINTS=[])
    assert warned.enabled and [p.check_id for p in warned.problems] == ["socialshop.W303"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/catalogue/robe-en-lin_12/", "maisonlumiere://catalogue/robe-en-lin_12/"),
        ("/blog/la-collection-ete/", "maisonlumiere://blog/la-collection-ete/"),
        ("/catalogue/", "maisonlumiere://catalogue/"),
        ("/basket/", "maisonlumiere://"),  # not a path the app opens: its home
        ("/catalogue/été_3/", "maisonlumiere://catalogue/%C3%A9t%C3%A9_3/"),
        ("/catalogue/a,b_3/", "maisonlumiere://catalogue/a%2Cb_3/"),  # a comma would split apple-itunes-app
    ],
)
def test_deep_link_with_a_custom_scheme(path, expected):
    assert config().deep_link(path) == expected


def test_deep_link_as_universal_link():
    app = config(DEEP_LINK_SCHEME="", UNIVERSAL_LINK_BASE="https://m.maisonlumiere.fr")
    assert app.deep_link("/catalogue/x_1/") == "https://m.maisonlumiere.fr/catalogue/x_1/"
    assert app.deep_link("/checkout/") == "https://m.maisonlumiere.fr/"


def test_deep_link_falls_back_to_the_shops_own_address():
    app = config(DEEP_LINK_SCHEME="")
    request = RequestFactory().get("/catalogue/x_1/", HTTP_HOST="shop.example")
    assert app.deep_link("/catalogue/x_1/", request) == "http://shop.example/catalogue/x_1/"


def test_store_links():
    app = config()
    assert app.app_store_url() == "https://apps.apple.com/fr/app/id1234567890"
    assert config(COUNTRY="").app_store_url() == "https://apps.apple.com/app/id1234567890"
    play = urlsplit(app.play_store_url(appinstall.utm("flyer", "qr", "window")))
    query = parse_qs(play.query)
    assert (play.netloc, play.path, query["id"]) == (
        "play.google.com",
        "/store/apps/details",
        ["fr.maisonlumiere.app"],
    )
    assert parse_qs(query["referrer"][0]) == {
        "utm_source": ["flyer"],
        "utm_medium": ["qr"],
        "utm_campaign": ["window"],
    }


def test_android_open_link_is_an_intent_with_play_fallback():
    url = config().android_intent_url("/catalogue/x_1/")
    assert url.startswith("intent://catalogue/x_1/#Intent;scheme=maisonlumiere;package=fr.maisonlumiere.app;")
    assert url.endswith(";end")
    fallback = unquote(url.split("S.browser_fallback_url=")[1].split(";")[0])
    assert fallback == "https://play.google.com/store/apps/details?id=fr.maisonlumiere.app"


def test_open_url_per_platform():
    app = config()
    assert app.open_url("ios", "/catalogue/x_1/") == "maisonlumiere://catalogue/x_1/"
    assert app.open_url("android", "/catalogue/x_1/").startswith("intent://")
    assert app.open_url("other", "/catalogue/x_1/") == "/catalogue/x_1/"
    ios_only = config(ANDROID_PACKAGE="", ANDROID_SHA256_FINGERPRINTS=[])
    assert ios_only.open_url("android", "/catalogue/x_1/") == "/catalogue/x_1/"
    assert ios_only.store_url("android") is None


def test_apple_app_site_association_document():
    document = appinstall.aasa_document(config())
    assert document == {
        "applinks": {
            "details": [
                {
                    "appIDs": ["ABCDE12345.fr.maisonlumiere.app"],
                    "components": [{"/": "/catalogue/*"}, {"/": "/flash-sales/*"}, {"/": "/blog/*"}],
                }
            ]
        }
    }


def test_no_association_file_without_team_and_bundle():
    app = config(IOS_TEAM_ID="", IOS_BUNDLE_ID="")
    assert app.enabled and appinstall.aasa_document(app) is None


def test_assetlinks_document_upper_cases_fingerprints():
    (statement,) = appinstall.assetlinks_document(config(ANDROID_SHA256_FINGERPRINTS=[FINGERPRINT.lower()]))
    assert statement["relation"] == ["delegate_permission/common.handle_all_urls"]
    assert statement["target"] == {
        "namespace": "android_app",
        "package_name": "fr.maisonlumiere.app",
        "sha256_cert_fingerprints": [FINGERPRINT],
    }


def test_manifest_prefers_the_native_apps():
    manifest = appinstall.manifest_document(config(), lang="fr", icon_url="/static/icon.png")
    json.dumps(manifest)  # serialisable as is
    assert manifest["prefer_related_applications"] is True
    assert manifest["related_applications"] == [
        {
            "platform": "play",
            "id": "fr.maisonlumiere.app",
            "url": "https://play.google.com/store/apps/details?id=fr.maisonlumiere.app",
        },
        {"platform": "itunes", "url": "https://apps.apple.com/fr/app/id1234567890"},
    ]
    assert manifest["icons"][0]["src"] == "/static/icon.png"
    assert manifest["lang"] == "fr" and manifest["start_url"] == "/"


@pytest.mark.parametrize(
    ("path", "opens"),
    [("/catalogue/x_1/", True), ("/catalogue/", True), ("/blog/", True), ("/catalogue", False), ("/", False)],
)
def test_paths_the_app_opens(path, opens):
    assert config().opens_in_app(path) is opens


def test_banner_excluded_paths():
    app = config()
    assert app.banner_shown_on("/catalogue/x_1/")
    assert not app.banner_shown_on("/checkout/payment-details/")
    assert not config(BANNER=False).banner_shown_on("/catalogue/x_1/")


@pytest.mark.parametrize(
    ("path", "local"),
    [
        ("/catalogue/x/", True),
        ("/", True),
        ("//evil.example/", False),
        ("/\\evil.example", False),
        ("https://evil.example/", False),
        ("javascript:alert(1)", False),
        ("catalogue/x/", False),
        ("/a\r\nSet-Cookie: x=1", False),  # header injection through a decoded %0d%0a
        ("/a b/", False),
        ("", False),
    ],
)
def test_is_local_path(path, local):
    assert appinstall.is_local_path(path) is local


def test_override_provider_replaces_non_empty_values_only(monkeypatch):
    def provider(request):
        return {"name": "Autre", "ios_id": "", "paths": ["/sale/*"]}

    monkeypatch.setattr(appinstall, "_override_providers", [])  # without the Wagtail one (database)
    appinstall.register_override_provider(provider)
    request = RequestFactory().get("/")
    app = appinstall.get_config(request)
    assert app.name == "Autre" and app.ios_id == "1234567890" and app.paths == ("/sale/*",)
    assert appinstall.get_config(request) is app  # cached on the request
    appinstall.unregister_override_provider(provider)
    assert appinstall.get_config(RequestFactory().get("/")).name == "Maison Lumière"


def test_settings_changes_apply_at_once_despite_memoisation():
    assert config(NAME="Un").name == "Un"
    assert config(NAME="Deux").name == "Deux"
    assert config(PATHS=["/a/*"]).paths == ("/a/*",)
    assert config(PATHS=["/b/*"]).paths == ("/b/*",)
