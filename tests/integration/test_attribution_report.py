"""The ROI report service and its commands: grouping, date ranges, measures, query count, output formats,
errors."""

import csv
import io
import json
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from oscar.test.factories import create_order

from socialshop.models import FlashSale, OrderAttribution, OrderPickup, ShareClick, Store, Touchpoint
from socialshop.services.attribution_report import ReportError, build_report, parse_grouping

pytestmark = pytest.mark.django_db


def at(day, hour=12):
    """An aware datetime on 2026-03-<day> in the shop's time zone."""
    return timezone.make_aware(datetime(2026, 3, day, hour))


def visit(day, network, campaign="", **fields):
    return Touchpoint.objects.create(
        visitor="v" * 22, network=network, utm_campaign=campaign, created_at=at(day), **fields
    )


def attributed_order(day, network, campaign="", revenue=None, **fields):
    """An order attributed to ``network``/``campaign`` and placed on 2026-03-<day>."""
    order = create_order()
    attribution = OrderAttribution.objects.get(order=order)
    for name, value in {
        "last_network": network,
        "last_campaign": campaign,
        "placed_at": at(day),
        **fields,
    }.items():
        setattr(attribution, name, value)
    if revenue is not None:
        attribution.revenue = Decimal(revenue)
    attribution.save()
    return attribution


def click(day, network, campaign="share", obj=None):
    obj = obj or Store.objects.first() or _store()
    return ShareClick.objects.create(
        network=network,
        campaign=campaign,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        created_at=at(day),
    )


def _store(reference="LYON-1", name="Lyon"):
    return Store.objects.create(
        reference=reference, name=name, slug=reference.lower(), latitude=45.7, longitude=4.8
    )


def rows_by(report, *names):
    return {tuple(row.keys[name] for name in names): row for row in report.rows}


def test_measures_by_network_and_campaign():
    click(2, "facebook")
    click(2, "facebook")
    visit(3, "facebook", "share")
    visit(3, "facebook", "share")
    visit(4, "facebook", "soldes")
    attributed_order(5, "facebook", "share", revenue="30.00")
    attributed_order(6, "instagram", "reel", revenue="12.50")

    rows = rows_by(build_report(), "network", "campaign")
    share = rows[("facebook", "share")]
    assert (share.clicks, share.visits, share.orders, share.revenue) == (2, 2, 1, Decimal("30.00"))
    assert share.conversion_rate == Decimal("0.5000") and share.average_order_value == Decimal("30.00")
    assert (rows[("facebook", "soldes")].visits, rows[("facebook", "soldes")].orders) == (1, 0)
    instagram = rows[("instagram", "reel")]
    assert (instagram.visits, instagram.orders, instagram.conversion_rate) == (0, 1, None)
    assert list(rows)[0] == ("facebook", "share")  # most revenue first


def test_the_date_range_is_inclusive_and_in_the_shop_time_zone():
    visit(1, "x")
    late = Touchpoint.objects.create(visitor="v" * 22, network="x", created_at=at(2, hour=23))
    visit(3, "x")
    report = build_report(since=at(2).date(), until=at(2).date(), by=("network",))
    assert rows_by(report, "network")[("x",)].visits == 1
    assert late.created_at.astimezone(timezone.get_current_timezone()).date() == at(2).date()


def test_cancelled_and_refunded_orders_are_not_counted_but_partial_refunds_are():
    attributed_order(5, "facebook", revenue="40.00", status=OrderAttribution.PARTIALLY_REFUNDED)
    attributed_order(5, "facebook", revenue="0.00", status=OrderAttribution.REFUNDED)
    attributed_order(5, "facebook", revenue="0.00", status=OrderAttribution.CANCELLED)
    row = rows_by(build_report(by="network"), "network")[("facebook",)]
    assert (row.orders, row.revenue, row.average_order_value) == (1, Decimal("40.00"), Decimal("40.00"))


def test_orders_in_another_currency_are_left_out():
    attributed_order(5, "facebook", revenue="10.00", currency="GBP")
    assert not build_report(by="network").rows


def test_first_touch_grouping():
    attributed_order(5, "facebook", "soldes", first_network="pinterest", first_campaign="noel")
    report = build_report(touch="first")
    assert list(rows_by(report, "network", "campaign")) == [("pinterest", "noel")]


def test_by_pickup_store_and_flash_sale_with_their_names():
    lyon, paris = _store("LYON-1", "Lyon"), _store("PARIS-2", "Paris Marais")
    now = timezone.now()
    sale = FlashSale.objects.create(
        name="Vente fans",
        slug="vente-fans",
        discount_type=FlashSale.AMOUNT,
        discount_value=Decimal("5"),
        starts_at=now,
        ends_at=now + timedelta(days=1),
        unit_cap=5,
    )
    click(2, "facebook", "flash-vente-fans", obj=sale)
    visit(3, "facebook", "flash-vente-fans")
    visit(3, "social", "other", unlock_ref="vente-fans")
    attributed_order(5, "facebook", revenue="20.00", pickup_store=lyon, flash_sale=sale)
    attributed_order(5, "x", revenue="15.00", pickup_store=lyon)
    attributed_order(5, "x", revenue="7.00", pickup_store=paris)

    stores = rows_by(build_report(by="pickup_store"), "pickup_store")
    assert (stores[(lyon.pk,)].orders, stores[(lyon.pk,)].revenue) == (2, Decimal("35.00"))
    data = {row["pickup_store"]: row for row in build_report(by="pickup_store").as_dicts()}
    assert data["LYON-1"]["pickup_store_name"] == "Lyon" and data["PARIS-2"]["revenue"] == "7.00"
    assert data["LYON-1"]["network"] is None  # present, not grouped

    sales = rows_by(build_report(by="flash_sale"), "flash_sale")
    assert (sales[(sale.pk,)].clicks, sales[(sale.pk,)].visits, sales[(sale.pk,)].orders) == (1, 2, 1)
    assert sales[(sale.pk,)].revenue == Decimal("20.00")


def test_the_report_takes_a_constant_number_of_queries(django_assert_max_num_queries):
    lyon = _store()
    for day in range(1, 20):
        click(day, "facebook", f"c{day}")
        visit(day, "facebook", f"c{day}")
        attributed_order(day, "facebook", f"c{day}", revenue="10.00", pickup_store=lyon)
    with django_assert_max_num_queries(5):
        report = build_report(by="network,campaign,pickup_store")
    # Visits and clicks have no pickup shop: they sit in each campaign's "no shop" row, orders in Lyon's.
    assert len(report.rows) == 38


@pytest.mark.parametrize(
    "value, message",
    [("", "give one or more"), ("network,colour", "unknown dimension 'colour'"), (" , ", "give one or more")],
)
def test_bad_groupings_are_refused(value, message):
    with pytest.raises(ReportError, match=message):
        parse_grouping(value)


def test_groupings_are_cleaned():
    assert parse_grouping(" network , campaign,network") == ("network", "campaign")


# --- Commands -------------------------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("socialshop_report", *args, stdout=out)
    return out.getvalue()


def test_report_command_json_has_the_documented_fields():
    visit(3, "facebook", "x")
    attributed_order(5, "facebook", "x", revenue="198.00")
    rows = json.loads(run("--since", "2026-03-01", "--until", "2026-03-31"))
    assert rows == [
        {
            "network": "facebook",
            "campaign": "x",
            "clicks": 0,
            "visits": 1,
            "orders": 1,
            "revenue": "198.00",
            "conversion_rate": "1.0000",
            "average_order_value": "198.00",
            "currency": "EUR",
        }
    ]
    assert json.loads(run("--since", "2026-03-06")) == []


def test_report_command_csv_is_read_back_by_the_csv_module():
    visit(3, "facebook", '=HYPERLINK("http://evil")')
    attributed_order(5, "facebook", "soldes", revenue="12.30")
    out = run("--format", "csv", "--by", "network,campaign,medium")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "network",
        "campaign",
        "medium",
        "clicks",
        "visits",
        "orders",
        "revenue",
        "conversion_rate",
        "average_order_value",
        "currency",
    ]
    by_campaign = {row["campaign"]: row for row in rows}
    assert by_campaign["soldes"]["revenue"] == "12.30"
    assert '\'=HYPERLINK("http://evil")' in by_campaign  # never a live formula in a spreadsheet


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2026-13-01"], "--since: '2026-13-01' is not a date in the form YYYY-MM-DD."),
        (["--until", "yesterday"], "--until: 'yesterday' is not a date in the form YYYY-MM-DD."),
        (
            ["--since", "2026-03-05", "--until", "2026-03-01"],
            "--since (2026-03-05) is after --until (2026-03-01).",
        ),
        (["--by", "network,colour"], "--by: unknown dimension 'colour'"),
        (["--format", "xml"], "--format: 'xml' is not one of json, csv."),
        (["--touch", "middle"], "--touch: 'middle' is not one of last, first."),
    ],
)
def test_report_command_refuses_bad_options_in_one_line(args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_purge_command(settings):
    settings.SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS = 90
    Touchpoint.objects.create(visitor="v" * 22, created_at=timezone.now() - timedelta(days=91))
    Touchpoint.objects.create(visitor="v" * 22, created_at=timezone.now() - timedelta(days=89))
    out = io.StringIO()
    call_command("socialshop_purge_touchpoints", "--dry-run", stdout=out)
    assert out.getvalue().startswith("Would delete 1 touchpoint(s) older than")
    call_command("socialshop_purge_touchpoints", stdout=out)
    assert "Deleted 1 touchpoint(s)" in out.getvalue()
    assert Touchpoint.objects.count() == 1
    with pytest.raises(CommandError, match="at least SOCIALSHOP_ATTRIBUTION_WINDOW_DAYS"):
        call_command("socialshop_purge_touchpoints", "--days", "10")


def test_pickup_orders_without_the_click_and_collect_dimension(settings):
    """A shop without click-and-collect: every order sits in the "no shop" row."""
    settings.SOCIALSHOP_ATTRIBUTION_ORDER_DIMENSIONS = []
    order = create_order()
    OrderPickup.objects.create(order=order, store=_store(), code="XYZ")
    rows = build_report(by="pickup_store").as_dicts()
    assert [(row["pickup_store"], row["orders"]) for row in rows] == [(None, 1)]
