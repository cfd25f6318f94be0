"""The hold machinery of socialshop.services.flashsales, without HTTP."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from socialshop.models import FlashSale, FlashSaleClaim, FlashSaleHold
from socialshop.services import flashsales
from tests.flashsale_factories import create_customer, create_sale, product_on_sale

pytestmark = pytest.mark.django_db


def hold(sale, user, quantity, line_id=1, now=None):
    return flashsales.take_hold(
        sale,
        user=user,
        basket_id=1000 + user.pk,
        line_id=line_id,
        product=sale.products.first(),
        quantity=quantity,
        unit_price=Decimal("70.00"),
        now=now,
    )


@pytest.fixture
def sale():
    return create_sale([product_on_sale()], unit_cap=5, per_customer_cap=3)


def test_flash_price_never_zero_or_above_regular():
    sale = FlashSale(discount_type=FlashSale.PERCENTAGE, discount_value=Decimal("30"))
    assert flashsales.flash_price(sale, Decimal("89.00")) == Decimal("62.30")
    sale.discount_value = Decimal("100")
    assert flashsales.flash_price(sale, Decimal("89.00")) is None
    sale.discount_type, sale.discount_value = FlashSale.AMOUNT, Decimal("89.00")
    assert flashsales.flash_price(sale, Decimal("89.00")) is None
    sale.discount_value = Decimal("10")
    assert flashsales.flash_price(sale, Decimal("89.00")) == Decimal("79.00")
    sale.discount_type, sale.discount_value = FlashSale.FIXED_PRICE, Decimal("99")
    assert flashsales.flash_price(sale, Decimal("89.00")) is None  # not a drop
    sale.discount_value = Decimal("49.90")
    assert flashsales.flash_price(sale, Decimal("89.00")) == Decimal("49.90")


def test_states(sale):
    now = timezone.now()
    assert flashsales.state(sale, now) == "live"
    assert flashsales.state(sale, sale.starts_at - timedelta(seconds=1)) == "scheduled"
    assert flashsales.state(sale, sale.ends_at) == "ended"
    sale.status = FlashSale.PAUSED
    assert flashsales.state(sale, now) == "paused"
    sale.status = FlashSale.ENDED
    assert flashsales.state(sale, now) == "ended"


def test_caps_are_enforced_by_the_conditional_updates(sale):
    alice, bruno = create_customer("alice"), create_customer("bruno")
    hold(sale, alice, 3)
    with pytest.raises(flashsales.HoldRefused) as refused:
        hold(sale, alice, 1, line_id=2)
    assert refused.value.reason == "customer_cap"
    with pytest.raises(flashsales.HoldRefused) as refused:
        hold(sale, bruno, 3)
    assert refused.value.reason == "sold_out"
    hold(sale, bruno, 2)
    sale.refresh_from_db()
    assert (sale.units_held, sale.units_sold) == (5, 0)
    assert flashsales.state(sale) == "sold_out"
    # A refused claim left nothing behind: no hold row, claim unchanged.
    assert FlashSaleHold.objects.count() == 2
    assert FlashSaleClaim.objects.get(user=bruno).quantity == 2


def test_expired_holds_stop_counting_without_any_job(sale):
    alice, bruno = create_customer("alice"), create_customer("bruno")
    past = timezone.now() - timedelta(minutes=11)
    hold(sale, alice, 3, now=past)
    assert flashsales.remaining(sale) == 5  # the display ignores the expired hold at once
    hold(sale, bruno, 3)  # the claim releases it in the same transaction, then gates
    sale.refresh_from_db()
    assert sale.units_held == 3
    assert FlashSaleHold.objects.get(user=alice).state == FlashSaleHold.RELEASED
    assert FlashSaleClaim.objects.get(user=alice).quantity == 0  # her cap is free again


def test_a_refusal_keeps_the_releases_it_made(sale):
    alice, bruno, chloe = create_customer("alice"), create_customer("bruno"), create_customer("chloe")
    hold(sale, alice, 2, now=timezone.now() - timedelta(minutes=30))
    hold(sale, bruno, 3)
    with pytest.raises(flashsales.HoldRefused):
        hold(sale, chloe, 3)  # 5 - 3 = 2 left after releasing alice's
    sale.refresh_from_db()
    assert sale.units_held == 3
    assert FlashSaleHold.objects.get(user=alice).state == FlashSaleHold.RELEASED


def test_grow_shrink_release(sale):
    alice = create_customer("alice")
    h = hold(sale, alice, 1)
    flashsales.grow_hold(h, 2)
    sale.refresh_from_db()
    assert sale.units_held == 3
    flashsales.shrink_hold(h, 1)
    sale.refresh_from_db()
    assert sale.units_held == 2 and FlashSaleClaim.objects.get(user=alice).quantity == 2
    assert flashsales.release_hold(h, "removed")
    assert not flashsales.release_hold(h, "removed")  # only once
    sale.refresh_from_db()
    assert sale.units_held == 0 and FlashSaleClaim.objects.get(user=alice).quantity == 0


def test_the_database_refuses_counters_beyond_the_cap(sale):
    with pytest.raises(IntegrityError), transaction.atomic():
        FlashSale.objects.filter(pk=sale.pk).update(units_sold=6)


def test_claims_are_unique_per_customer(sale):
    alice = create_customer("alice")
    FlashSaleClaim.objects.create(sale=sale, user=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        FlashSaleClaim.objects.create(sale=sale, user=alice)


def test_paused_or_ended_sales_take_no_hold(sale):
    alice = create_customer("alice")
    FlashSale.objects.filter(pk=sale.pk).update(status=FlashSale.PAUSED)
    sale.refresh_from_db()
    with pytest.raises(flashsales.HoldRefused):
        hold(sale, alice, 1)
