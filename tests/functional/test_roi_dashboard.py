"""The Social ROI pages of Oscar's dashboard: access, report, chart, CSV, flash sale results."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from oscar.test.factories import create_order

from oscar_ext.dashboard.roi_views import bar_chart
from socialshop.models import FlashSale, FlashSaleHold, OrderAttribution, ShareClick, Touchpoint

pytestmark = pytest.mark.django_db

URL = "/dashboard/social/roi/"


def staff(username="marie", permitted=True):
    user = get_user_model().objects.create_user(username, f"{username}@example.fr", "pw", is_staff=True)
    if permitted:
        user.user_permissions.add(Permission.objects.get(codename="view_orderattribution"))
    return user


@pytest.fixture
def manager(client):
    client.force_login(staff())
    return client


def data():
    today = timezone.now()
    Touchpoint.objects.create(visitor="v" * 22, network="facebook", utm_campaign="soldes", created_at=today)
    Touchpoint.objects.create(visitor="w" * 22, network="facebook", utm_campaign="soldes", created_at=today)
    Touchpoint.objects.create(
        visitor="w" * 22, network="pinterest", utm_campaign="<b>noel</b>", created_at=today
    )
    attribution = OrderAttribution.objects.get(order=create_order())
    attribution.last_network, attribution.last_campaign = "facebook", "soldes"
    attribution.save()
    return attribution


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login/?next=/dashboard/social/roi/" in response["Location"]


def test_staff_without_the_permission_are_refused(client):
    client.force_login(staff(permitted=False))
    assert client.get(URL).status_code == 403


def test_customers_with_the_permission_but_not_staff_are_refused(client):
    user = get_user_model().objects.create_user("client", "client@example.fr", "pw")
    user.user_permissions.add(Permission.objects.get(codename="view_orderattribution"))
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)


def test_the_report_page_shows_rows_totals_and_an_svg_chart(manager):
    attribution = data()
    response = manager.get(URL)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    cells = [
        [cell.get_text(strip=True) for cell in row.find_all(["td", "th"])] for row in page.select("tbody tr")
    ]
    facebook = next(row for row in cells if row[0] == "Facebook")
    assert facebook[1:5] == ["soldes", "0", "2", "1"]
    assert facebook[5] == "50,0 %"  # French: the sandbox's language
    assert "10,00" in facebook[6]
    total = [cell.get_text(strip=True) for cell in page.select("tfoot tr")[0].find_all(["td", "th"])]
    assert total[1:4] == ["0", "3", "1"]
    assert attribution.revenue == Decimal("10.00")

    svgs = page.select("figure.socialshop-chart svg")
    assert len(svgs) == 2 and svgs[0].find("rect") is not None
    # Escaped, never markup: a campaign comes from a URL.
    assert "<b>noel</b>" not in response.content.decode()
    assert "&lt;b&gt;noel&lt;/b&gt;" in response.content.decode()
    # Nothing loaded from elsewhere.
    for tag in page.find_all(["script", "link", "img", "iframe"]):
        source = tag.get("src") or tag.get("href") or ""
        assert not re.match(r"^(https?:)?//(?!testserver/)", source), source


def test_the_nav_has_the_social_roi_entry(manager):
    page = BeautifulSoup(manager.get(URL).content, "html.parser")
    assert any(link.get("href") == URL for link in page.select("nav a, .dropdown-menu a"))


def test_csv_download(manager):
    data()
    response = manager.get(URL, {"format": "csv", "by": ["network"]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="social-roi-')
    rows = {row["network"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert (rows["facebook"]["visits"], rows["facebook"]["orders"], rows["facebook"]["revenue"]) == (
        "2",
        "1",
        "10.00",
    )


@pytest.mark.parametrize(
    "params, field",
    [
        ({"since": "2026-02-30"}, "since"),
        ({"since": "2026-03-05", "until": "2026-03-01"}, "until"),
        ({"by": "colour"}, "by"),
    ],
)
def test_bad_parameters_are_a_400_with_the_field_error(manager, params, field):
    response = manager.get(URL, params)
    assert response.status_code == 400
    assert response.context["form"].errors[field]


def test_the_chart_scales_bars_to_the_largest_value():
    chart = bar_chart("Revenue", [("a", Decimal("50"), "50"), ("b", Decimal("200"), "200"), ("c", 0, "0")])
    assert [bar.label for bar in chart.bars] == ["b", "a"]  # largest first, zero left out
    assert [bar.width for bar in chart.bars] == [chart.bar_area, chart.bar_area / 4]
    assert bar_chart("Empty", [("a", 0, "0")]) is None


def test_a_flash_sales_results_page(manager):
    now = timezone.now()
    sale = FlashSale.objects.create(
        name="Vente fans",
        slug="vente-fans",
        discount_type=FlashSale.AMOUNT,
        discount_value=Decimal("5"),
        starts_at=now - timedelta(hours=2),
        ends_at=now + timedelta(hours=2),
        unit_cap=20,
    )
    order = create_order()
    product = order.lines.get().product
    FlashSaleHold.objects.create(
        sale=sale,
        basket_id=1,
        line_id=1,
        product=product,
        quantity=2,
        unit_price=Decimal("5.00"),
        expires_at=now,
        state=FlashSaleHold.CONSUMED,
        order_number=order.number,
    )
    FlashSale.objects.filter(pk=sale.pk).update(units_sold=2)
    OrderAttribution.objects.filter(order=order).update(flash_sale=sale, last_network="instagram")
    ShareClick.objects.create(
        network="whatsapp", content_type=ContentType.objects.get_for_model(FlashSale), object_id=sale.pk
    )

    response = manager.get(f"/dashboard/social/roi/flash-sales/{sale.pk}/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    sold, revenue, unlocked, _held = [dd.get_text(strip=True) for dd in page.select("dd")]
    assert (sold, unlocked) == ("2 / 20", "0")
    assert "10,00" in revenue  # 2 units at the 5.00 flash price
    rows = [[cell.get_text(strip=True) for cell in row.find_all("td")] for row in page.select("tbody tr")]
    assert rows[0][:3] == ["Instagram", "0", "1"]
    assert rows[1][:3] == ["WhatsApp", "1", "0"]

    report = BeautifulSoup(manager.get(URL, {"by": "flash_sale"}).content, "html.parser")
    assert report.find("a", href=f"/dashboard/social/roi/flash-sales/{sale.pk}/").get_text() == "Vente fans"
    assert manager.get("/dashboard/social/roi/flash-sales/999999/").status_code == 404
