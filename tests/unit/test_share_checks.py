import pytest
from django.test import override_settings

from socialshop.checks import check_share_settings


def ids(**overrides):
    with override_settings(**overrides):
        return sorted(message.id for message in check_share_settings(None))


def test_sandbox_share_settings_are_clean():
    assert ids() == []


def test_unknown_network_codes_are_errors_naming_the_known_ones():
    with override_settings(
        SOCIALSHOP_SHARE_NETWORKS=["facebook", "myspace"], SOCIALSHOP_SHARE_LABELS={"vine": "V"}
    ):
        messages = check_share_settings(None)
    assert [message.id for message in messages] == ["socialshop.E401", "socialshop.E401"]
    assert "'myspace'" in messages[0].msg and "mastodon" in messages[0].hint
    assert "SOCIALSHOP_SHARE_LABELS" in messages[1].msg


def test_a_bot_pattern_must_be_a_regular_expression():
    assert ids(SOCIALSHOP_SHARE_BOT_USER_AGENTS=[r"bot\b", "(unclosed"]) == ["socialshop.E402"]


@pytest.mark.parametrize("seconds", [-1, 1.5, "1800", True, None])
def test_the_dedup_window_is_whole_seconds(seconds):
    assert ids(SOCIALSHOP_SHARE_DEDUP_SECONDS=seconds) == ["socialshop.E403"]


def test_zero_seconds_counts_every_click():
    assert ids(SOCIALSHOP_SHARE_DEDUP_SECONDS=0) == []
