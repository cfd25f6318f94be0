"""Merchandisers' flash-sale pages in Oscar's dashboard."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from socialshop.models import FlashSale
from socialshop.services import flashsale_admin, flashsales
from tests.flashsale_factories import create_customer, create_sale, product_on_sale

pytestmark = pytest.mark.django_db
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("merch", "merch@example.fr", "pw", is_staff=True)
    client.force_login(user)
    return user


def form_data(product, **overrides):
    now = timezone.localtime()
    data = {
        "name": "Soldes fans",
        "slug": "soldes-fans",
        "products": [product.pk],
        "discount_type": "percentage",
        "discount_value": "20",
        "starts_at": (now + timedelta(days=1)).strftime(FMT),
        "ends_at": (now + timedelta(days=2)).strftime(FMT),
        "unit_cap": "30",
        "per_customer_cap": "2",
        "audience": "any_network",
        "share_message": "",
    }
    data.update(overrides)
    return data


def test_customers_cannot_reach_the_dashboard(client):
    client.force_login(create_customer("fan"))
    assert client.get("/dashboard/social/flash-sales/").status_code in (302, 403)


def test_create_a_sale(client, staff):
    product = product_on_sale()
    response = client.post("/dashboard/social/flash-sales/new/", form_data(product))
    assert response.status_code == 302, response.content.decode()[:2000]
    sale = FlashSale.objects.get(slug="soldes-fans")
    assert sale.offer is not None and list(sale.products.all()) == [product]
    page = client.get(response.url).content.decode()
    assert "/flash-sales/soldes-fans/unlock/" in page and "utm_campaign=flash-soldes-fans" in page
    assert "<svg" in page  # the QR code
    assert client.get("/dashboard/social/flash-sales/").status_code == 200


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ends_at": (timezone.localtime() - timedelta(days=1)).strftime(FMT)}, "ends_at"),
        ({"unit_cap": "0"}, "unit_cap"),
        ({"per_customer_cap": "0"}, "per_customer_cap"),
        ({"discount_value": "100"}, "discount_value"),
        ({"discount_type": "amount", "discount_value": "100"}, "discount_value"),
        ({"discount_type": "fixed_price", "discount_value": "0"}, "discount_value"),
    ],
)
def test_invalid_sales_are_refused_with_field_errors(client, staff, overrides, field):
    product = product_on_sale(price="100.00")
    response = client.post("/dashboard/social/flash-sales/new/", form_data(product, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors.get(field)
    assert not FlashSale.objects.exists()


def test_overlap_is_refused_unless_allowed(client, staff):
    product = product_on_sale()
    now = timezone.now()
    create_sale([product], slug="first", starts_at=now + timedelta(hours=20), ends_at=now + timedelta(days=3))
    response = client.post("/dashboard/social/flash-sales/new/", form_data(product))
    assert response.status_code == 400 and response.context["form"].errors.get("allow_overlap")
    response = client.post("/dashboard/social/flash-sales/new/", form_data(product, allow_overlap="on"))
    assert response.status_code == 302


def test_a_live_sale_cap_can_grow_but_not_below_what_is_taken(client, staff):
    product = product_on_sale()
    sale = create_sale([product], unit_cap=5, per_customer_cap=3)
    fan = create_customer("fan")
    flashsales.take_hold(
        sale, user=fan, basket_id=1, line_id=1, product=product, quantity=3, unit_price=Decimal("70")
    )
    base = {
        "name": sale.name, "slug": sale.slug, "products": [product.pk], "discount_type": sale.discount_type,
        "discount_value": str(sale.discount_value),
        "starts_at": timezone.localtime(sale.starts_at).strftime(FMT),
        "ends_at": timezone.localtime(sale.ends_at).strftime(FMT), "per_customer_cap": "3",
        "audience": sale.audience, "share_message": "",
    }  # fmt: skip
    # The start is re-posted to the minute: compare on what the form sends.
    FlashSale.objects.filter(pk=sale.pk).update(
        starts_at=timezone.localtime(sale.starts_at).replace(second=0, microsecond=0)
    )
    url = f"/dashboard/social/flash-sales/{sale.pk}/"
    response = client.post(url, {**base, "unit_cap": "2"})
    assert response.status_code == 400 and response.context["form"].errors.get("unit_cap")
    response = client.post(url, {**base, "unit_cap": "10", "discount_value": "50"})
    assert response.status_code == 400 and response.context["form"].errors.get("discount_value")
    response = client.post(url, {**base, "unit_cap": "10"})
    assert response.status_code == 302
    sale.refresh_from_db()
    assert sale.unit_cap == 10 and sale.units_held == 3


def test_set_cap_is_conditional(staff):
    product = product_on_sale()
    sale = create_sale([product], unit_cap=5, per_customer_cap=3)
    flashsales.take_hold(
        sale,
        user=create_customer("fan"),
        basket_id=1,
        line_id=1,
        product=product,
        quantity=3,
        unit_price=Decimal("70"),
    )
    assert not flashsale_admin.set_cap(sale, 2)
    assert flashsale_admin.set_cap(sale, 3)


def test_pause_resume_end(client, staff):
    sale = create_sale([product_on_sale()])
    url = f"/dashboard/social/flash-sales/{sale.pk}/status/"
    client.post(url, {"action": "pause"})
    sale.refresh_from_db()
    assert sale.status == FlashSale.PAUSED and sale.offer.status == "Suspended"
    client.post(url, {"action": "resume"})
    sale.refresh_from_db()
    assert sale.status == FlashSale.ACTIVE and sale.offer.status == "Open"
    client.post(url, {"action": "end"})
    sale.refresh_from_db()
    assert flashsales.state(sale) == "ended"
    assert client.post(url, {"action": "explode"}).status_code == 400


def test_ics_feed_is_valid_rfc5545(client, staff):
    create_sale([product_on_sale()], name="Fête des mères ; offre, spéciale\nfans " + "é" * 60)
    response = client.get("/dashboard/social/flash-sales/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # folding never splits a UTF-8 character
    unfolded = body.decode().replace("\r\n ", "")
    assert "SUMMARY:Fête des mères \\; offre\\, spéciale\\nfans " in unfolded


def test_month_calendar_marks_french_retail_moments_and_sales(client, staff):
    from datetime import datetime

    paris = timezone.get_current_timezone()
    create_sale(
        [product_on_sale()],
        name="Fête des mères fans",
        starts_at=datetime(2026, 5, 29, 10, tzinfo=paris),
        ends_at=datetime(2026, 5, 31, 20, tzinfo=paris),
    )
    response = client.get("/dashboard/social/flash-sales/calendar/?year=2026&month=5")
    assert response.status_code == 200
    cells = {day: (moments, sales) for week in response.context["weeks"] for day, _, moments, sales in week}
    from datetime import date

    assert any(m.kind == "commercial" for m in cells[date(2026, 5, 31)][0])  # fête des mères
    assert any(m.kind == "holiday" for m in cells[date(2026, 5, 1)][0])  # fête du travail
    assert [s.name for s in cells[date(2026, 5, 30)][1]] == ["Fête des mères fans"]
    assert cells[date(2026, 5, 28)][1] == []
    assert client.get("/dashboard/social/flash-sales/calendar/?year=x&month=13").status_code == 200
