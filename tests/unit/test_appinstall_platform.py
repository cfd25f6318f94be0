"""The server's platform guess (which store a QR scan goes to) over the user-agent matrix the banner's own
decision is tested on (tests/browser/test_app_banner_decision.py), so the two cannot drift apart."""

import pytest

from socialshop.services.appinstall import platform_from_user_agent
from tests.unit.app_user_agents import MATRIX


@pytest.mark.parametrize(("name", "ua", "touch", "platform", "browser_name", "server", "reason"), MATRIX)
def test_server_platform_guess_agrees_with_the_banner(
    name, ua, touch, platform, browser_name, server, reason
):
    assert platform_from_user_agent(ua) == server, name
    if server != "other":  # the server cannot see touch points: an iPad asking for desktop sites is "other"
        assert server == platform


def test_no_user_agent_is_other():
    assert platform_from_user_agent("") == platform_from_user_agent(None) == "other"
