"""Fan notifications, the prune command and the demo sales."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sandbox.demo.flashsales import setup_flash_sales
from socialshop.models import FlashSale, FlashSaleHold
from socialshop.services import flashsales
from tests.flashsale_factories import create_customer, create_sale, product_on_sale

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_fans_are_emailed_once_when_an_eligible_sale_starts():
    sale = create_sale([product_on_sale()], audience=FlashSale.NETWORKS, networks=["instagram"])
    create_customer("insta", fan_of=("instagram",))
    create_customer("fb", fan_of=("facebook",))
    create_customer("nobody", fan_of=())
    assert "queued" in run("socialshop_notify_flash_sales")
    assert [m.to for m in mail.outbox] == [["insta@example.fr"]]
    assert sale.get_absolute_url() in mail.outbox[0].body
    assert "No flash sale" in run("socialshop_notify_flash_sales")
    assert len(mail.outbox) == 1


def test_scheduled_sales_are_not_announced_early():
    later = timezone.now() + timedelta(days=1)
    create_sale([product_on_sale()], starts_at=later, ends_at=later + timedelta(days=1))
    create_customer("fan")
    run("socialshop_notify_flash_sales")
    assert mail.outbox == []


def test_prune_releases_expired_holds_and_fixes_counters():
    product = product_on_sale()
    sale = create_sale([product], unit_cap=5)
    fan = create_customer("fan")
    flashsales.take_hold(
        sale,
        user=fan,
        basket_id=1,
        line_id=1,
        product=product,
        quantity=2,
        unit_price=Decimal("70"),
        now=timezone.now() - timedelta(hours=1),
    )
    assert "Released 2" in run("socialshop_prune_holds")
    sale.refresh_from_db()
    assert sale.units_held == 0
    assert FlashSaleHold.objects.get().state == FlashSaleHold.RELEASED
    assert "deleted 1" in run("socialshop_prune_holds", "--keep-days", "0")


def test_prune_refuses_negative_days():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("socialshop_prune_holds", "--keep-days", "-1")


def test_demo_sales_are_idempotent_and_demo_live_stays_live():
    call_command("load_demo_data", stdout=io.StringIO())
    live = FlashSale.objects.get(slug="demo-live")
    assert flashsales.state(live) == "live" and live.unit_cap == 25
    assert live.audience == FlashSale.ANY_NETWORK
    first = live.products.order_by("pk").first()
    assert first.is_standalone and first.stockrecords.get().net_stock_level > 0
    assert flashsales.state(FlashSale.objects.get(slug="demo-upcoming")) == "scheduled"
    FlashSale.objects.filter(slug="demo-live").update(
        starts_at=timezone.now() - timedelta(days=60), ends_at=timezone.now() - timedelta(days=1)
    )
    setup_flash_sales()
    assert FlashSale.objects.count() == 2
    assert flashsales.state(FlashSale.objects.get(slug="demo-live")) == "live"
