import pytest
from django.test import override_settings

from socialshop import defaults
from socialshop.conf import setting_names, settings


def test_defaults_apply_when_unset():
    from django.conf import settings as django_settings

    assert not hasattr(django_settings, "SOCIALSHOP_PRODUCT_CONDITION")
    assert settings.PRODUCT_CONDITION == defaults.PRODUCT_CONDITION == "new"


def test_override_settings_is_read_lazily():
    assert settings.TWITTER_SITE == "@maisonlumiere"
    with override_settings(SOCIALSHOP_TWITTER_SITE="@autre"):
        assert settings.TWITTER_SITE == "@autre"
    assert settings.TWITTER_SITE == "@maisonlumiere"


def test_unknown_setting_is_an_attribute_error():
    with pytest.raises(AttributeError, match="SOCIALSHOP_NOPE"):
        getattr(settings, "NOPE")  # noqa: B009
    with pytest.raises(AttributeError):
        getattr(settings, "lowercase")  # noqa: B009


def test_every_default_is_documented():
    source = open(defaults.__file__, encoding="utf-8").read().splitlines()
    for name in setting_names():
        line = next(i for i, text in enumerate(source) if text.startswith(f"{name} ="))
        assert source[line - 1].lstrip().startswith("#:"), f"{name} has no #: comment above it"
