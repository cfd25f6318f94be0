"""Unit tests of the banner's decision: the pure ``decide()`` of socialshop/static/socialshop/appbanner.js,
evaluated in Chromium over a user-agent matrix (the server's platform guess runs over the same matrix in
tests/unit/test_appinstall_platform.py)."""

from pathlib import Path

import pytest

from tests.unit.app_user_agents import IPHONE_SAFARI, MATRIX, PIXEL_CHROME

SCRIPT = Path(__file__).resolve().parents[2] / "socialshop" / "static" / "socialshop" / "appbanner.js"
DAY = 24 * 60 * 60 * 1000
NOW = 1_800_000_000_000
BOTH_APPS = {"ios": True, "android": True, "dismissDays": 30, "clickDays": 90, "maxViews": 5, "capDays": 7}


@pytest.fixture(scope="module")
def banner_js(browser):
    """A blank page of the session's Chromium with appbanner.js loaded; returns decide(input) -> result."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>decide</title>")
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))

    def decide(**input):
        input.setdefault("now", NOW)
        input.setdefault("options", BOTH_APPS)
        input.setdefault("state", {})
        input.setdefault("standalone", False)
        return page.evaluate("input => window.socialshopAppBanner.decide(input)", input)

    yield decide
    page.close()


@pytest.mark.parametrize(("name", "ua", "touch", "platform", "browser_name", "server", "reason"), MATRIX)
def test_user_agent_matrix(banner_js, name, ua, touch, platform, browser_name, server, reason):
    result = banner_js(userAgent=ua, maxTouchPoints=touch)
    assert (result["platform"], result["browser"], result["reason"]) == (platform, browser_name, reason), name
    assert result["show"] is (reason == "show")


@pytest.mark.parametrize("ua", [PIXEL_CHROME, MATRIX[2][1]])  # Android Chrome, iOS Chrome
def test_never_in_standalone_mode(banner_js, ua):
    assert banner_js(userAgent=ua, maxTouchPoints=5, standalone=True)["reason"] == "standalone"


def test_ios_safari_never_gets_ours_even_with_nothing_remembered(banner_js):
    for state in ({}, {"dismissedAt": NOW - 400 * DAY}):
        assert banner_js(userAgent=IPHONE_SAFARI, maxTouchPoints=5, state=state)["show"] is False


def test_no_banner_for_a_platform_without_the_app(banner_js):
    android_only = {**BOTH_APPS, "ios": False}
    assert banner_js(userAgent=MATRIX[2][1], maxTouchPoints=5, options=android_only)["reason"] == "no-app"
    assert banner_js(userAgent=PIXEL_CHROME, maxTouchPoints=5, options=android_only)["reason"] == "show"


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ({"dismissedAt": NOW - 29 * DAY}, "dismissed"),
        ({"dismissedAt": NOW - 31 * DAY}, "show"),
        ({"clickedAt": NOW - 89 * DAY}, "clicked"),
        ({"clickedAt": NOW - 91 * DAY}, "show"),
        ({"views": [NOW - n * DAY for n in range(5)]}, "capped"),
        ({"views": [NOW - n * DAY for n in range(4)]}, "show"),
        ({"views": [NOW - (8 + n) * DAY for n in range(10)]}, "show"),  # outside the 7-day window
    ],
)
def test_cooldowns_and_frequency_cap(banner_js, state, reason):
    assert banner_js(userAgent=PIXEL_CHROME, maxTouchPoints=5, state=state)["reason"] == reason


def test_zero_max_views_means_no_cap(banner_js):
    options = {**BOTH_APPS, "maxViews": 0}
    state = {"views": [NOW - n for n in range(100)]}
    assert banner_js(userAgent=PIXEL_CHROME, maxTouchPoints=5, state=state, options=options)["show"] is True
