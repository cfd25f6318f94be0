import pytest
from django.test import override_settings

from socialshop.checks import check_social_settings


def ids(**overrides):
    with override_settings(**overrides):
        return sorted(message.id for message in check_social_settings(None))


def test_sandbox_configuration_is_clean():
    assert ids() == []


def test_missing_twitter_handle_warns_with_a_fix():
    with override_settings(SOCIALSHOP_TWITTER_SITE=""):
        (message,) = check_social_settings(None)
    assert message.id == "socialshop.W001"
    assert "SOCIALSHOP_TWITTER_SITE" in message.hint


def test_no_warning_when_cards_are_off():
    assert ids(SOCIALSHOP_TWITTER_SITE="", SOCIALSHOP_TWITTER_CARDS=False) == []


@pytest.mark.parametrize("handle", ["maisonlumiere", "@", "@has space", "@" + "x" * 16])
def test_malformed_twitter_handle_is_an_error(handle):
    assert ids(SOCIALSHOP_TWITTER_SITE=handle) == ["socialshop.E001"]


def test_bad_card_type_condition_and_site_url():
    assert ids(SOCIALSHOP_TWITTER_CARD_TYPE="large") == ["socialshop.E002"]
    assert ids(SOCIALSHOP_PRODUCT_CONDITION="second-hand") == ["socialshop.E003"]
    assert ids(SOCIALSHOP_SITE_URL="https://shop.example/fr/") == ["socialshop.E004"]
    assert ids(SOCIALSHOP_SITE_URL="https://shop.example") == []


def test_language_without_og_locale_warns():
    assert ids(LANGUAGES=[("fr", "French"), ("de", "German")]) == ["socialshop.W002"]
