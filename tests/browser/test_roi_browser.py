"""Social ROI in a real Chromium: the visitor cookie as a browser keeps it, and the dashboard report with its
SVG chart drawn without any script."""

import pytest
from django.conf import settings
from django.test import Client
from oscar.test.factories import create_order

from socialshop.models import OrderAttribution, Touchpoint

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_landing_sets_a_first_party_http_only_cookie(live_server, page_factory):
    page = page_factory(locale="fr-FR")
    page.goto(f"{live_server.url}/?utm_source=facebook&utm_campaign=x")
    page.goto(f"{live_server.url}/catalogue/")  # browsing on: same visitor, no new touch
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    visitor = cookies["socialshop_visitor"]
    assert visitor["httpOnly"] and visitor["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find("socialshop_visitor") == -1  # not readable by scripts
    touch = Touchpoint.objects.get()
    assert (touch.network, touch.utm_campaign) == ("facebook", "x")
    assert touch.visitor in visitor["value"]


def test_the_report_chart_without_javascript(live_server, page_factory, django_user_model, artifacts_dir):
    for network, campaign, count in [("facebook", "soldes", 3), ("instagram", "reel", 1)]:
        for _ in range(count):
            attribution = OrderAttribution.objects.get(order=create_order())
            attribution.last_network, attribution.last_campaign = network, campaign
            attribution.save()
    admin = django_user_model.objects.create_superuser("chef", "chef@example.fr", "x")
    client = Client()
    client.force_login(admin)
    page = page_factory(locale="fr-FR", java_script_enabled=False)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/dashboard/social/roi/")
    bars = page.locator("figure.socialshop-chart").first.locator("rect")
    assert bars.count() == 2
    widths = [bars.nth(i).bounding_box()["width"] for i in range(2)]
    assert widths[0] == pytest.approx(3 * widths[1], rel=0.02)  # 30 € against 10 €
    assert page.locator("table tbody tr").count() == 2
    page.screenshot(path=str(artifacts_dir / "social-roi-report.png"), full_page=True)
