"""The system check catches each kind of app-install misconfiguration and names the setting."""

import pytest
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from socialshop.checks import check_app_install_settings
from socialshop.services.appinstall import AASA_MAX_BYTES

FINGERPRINT = ":".join(["AB"] * 32)


def messages(**overrides):
    with override_settings(**{f"SOCIALSHOP_APP_{name}": value for name, value in overrides.items()}):
        return check_app_install_settings(None)


def test_sandbox_demo_configuration_passes():
    assert messages() == []


def test_no_app_at_all_passes():
    assert messages(NAME="", IOS_ID="", IOS_TEAM_ID="", IOS_BUNDLE_ID="", ANDROID_PACKAGE="",
                    ANDROID_SHA256_FINGERPRINTS=[]) == []  # fmt: skip


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("IOS_ID", "fr.maisonlumiere.app"),  # the bundle id where the numeric id belongs
        ("IOS_ID", "id1234567890"),
        ("IOS_ID", "0123456789"),
        ("IOS_TEAM_ID", "ABCDE1234"),
        ("IOS_TEAM_ID", "abcde12345"),
        ("IOS_TEAM_ID", "ABCDE-1234"),
        ("IOS_BUNDLE_ID", "maisonlumiere"),
        ("IOS_BUNDLE_ID", "fr.maison lumiere.app"),
        ("ANDROID_PACKAGE", "fr.maisonlumiere"[:2]),
        ("ANDROID_PACKAGE", "fr.1maison.app"),
        ("ANDROID_PACKAGE", "fr.maison-lumiere.app"),
        ("ANDROID_SHA256_FINGERPRINTS", [FINGERPRINT[:-3]]),  # 31 pairs
        ("ANDROID_SHA256_FINGERPRINTS", [FINGERPRINT.replace(":", "")]),
        ("ANDROID_SHA256_FINGERPRINTS", [FINGERPRINT[:-2] + "ZZ"]),
        ("ANDROID_SHA256_FINGERPRINTS", FINGERPRINT),  # a string, not a list
        ("DEEP_LINK_SCHEME", "maisonlumiere://"),
        ("DEEP_LINK_SCHEME", "https"),
        ("UNIVERSAL_LINK_BASE", "http://www.maisonlumiere.fr"),
        ("UNIVERSAL_LINK_BASE", "https://www.maisonlumiere.fr/"),
        ("PATHS", ["catalogue/*"]),
        ("PATHS", ["/catalogue/ *"]),
        ("PATHS", "/catalogue/*"),
        ("COUNTRY", "FRA"),
        ("BANNER_DISMISS_DAYS", -1),
        ("BANNER_MAX_VIEWS", "5"),
    ],
)
def test_malformed_value_is_an_error_naming_the_setting(setting, value):
    (message,) = messages(**{setting: value})
    assert isinstance(message, Error) and message.id == "socialshop.E301"
    assert f"SOCIALSHOP_APP_{setting}" in message.msg
    assert message.hint


def test_team_id_without_bundle_id_is_an_error():
    (message,) = messages(IOS_BUNDLE_ID="")
    assert message.id == "socialshop.E301" and "SOCIALSHOP_APP_IOS_BUNDLE_ID" in message.msg


def test_fingerprints_without_package_is_an_error():
    (message,) = messages(ANDROID_PACKAGE="")
    assert message.id == "socialshop.E301" and "SOCIALSHOP_APP_ANDROID_PACKAGE" in message.msg


@pytest.mark.parametrize(
    ("overrides", "check_id"),
    [
        ({"NAME": ""}, "socialshop.W301"),
        ({"IOS_TEAM_ID": "", "IOS_BUNDLE_ID": ""}, "socialshop.W302"),
        ({"ANDROID_SHA256_FINGERPRINTS": []}, "socialshop.W303"),
    ],
)
def test_incomplete_configuration_warns(overrides, check_id):
    assert [message.id for message in messages(**overrides)] == [check_id]


def test_association_file_over_128_kb_is_an_error():
    paths = [f"/catalogue/product-with-a-rather-long-slug-{n}_{n}/" for n in range(3000)]
    (message,) = messages(PATHS=paths)
    assert message.id == "socialshop.E301"
    assert str(AASA_MAX_BYTES) in message.msg
    assert "apple-app-site-association" in message.msg and "SOCIALSHOP_APP_PATHS" in message.msg


def test_manage_py_check_fails_on_misconfiguration():
    with override_settings(SOCIALSHOP_APP_IOS_ID="fr.maisonlumiere.app"):
        with pytest.raises(SystemCheckError, match="SOCIALSHOP_APP_IOS_ID"):
            call_command("check")
