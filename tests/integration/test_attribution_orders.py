"""Order attribution outside the browser: touches by customer, window, share clicks, dimensions, refunds and
cancellations, and the receivers' safety."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from socialshop.models import (
    FlashSale,
    FlashSaleHold,
    OrderAttribution,
    OrderPickup,
    ShareClick,
    Store,
    Touchpoint,
)
from socialshop.services import attribution
from tests.factories import create_product

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer():
    return get_user_model().objects.create_user("jeanne", "jeanne@example.fr", "pw")


def touch(visitor="v" * 22, ago=timedelta(hours=1), **fields):
    return Touchpoint.objects.create(visitor=visitor, created_at=timezone.now() - ago, **fields)


def test_an_order_placed_outside_a_request_uses_the_customers_linked_touches(customer):
    touch(user=customer, network="pinterest", utm_campaign="noel", landing_path="/", ago=timedelta(days=3))
    touch(user=customer, network="facebook", utm_campaign="soldes", landing_path="/c/", ago=timedelta(days=1))
    touch(network="x", utm_campaign="other-visitor")  # not this customer's
    order = create_order(user=customer)

    attribution_ = OrderAttribution.objects.get(order=order)
    assert (attribution_.first_network, attribution_.first_campaign) == ("pinterest", "noel")
    assert (attribution_.last_network, attribution_.last_campaign, attribution_.last_landing_page) == (
        "facebook",
        "soldes",
        "/c/",
    )
    assert attribution_.revenue == order.total_incl_tax == Decimal("10.00")


def test_touches_older_than_the_window_do_not_count(customer, settings):
    touch(user=customer, network="facebook", ago=timedelta(days=31))
    touch(user=customer, network="x", ago=timedelta(days=29))
    order = create_order(user=customer)
    attribution_ = OrderAttribution.objects.get(order=order)
    assert (attribution_.first_network, attribution_.last_network) == ("x", "x")

    settings.SOCIALSHOP_ATTRIBUTION_WINDOW_DAYS = 7
    assert attribution.attribute_order(order).last_network == ""


def test_the_browsers_visitor_and_the_customer_are_both_searched(customer):
    visitor = attribution.VisitorState(visitor="b" * 22, first_at=0)
    touch(visitor="b" * 22, network="instagram", ago=timedelta(days=2))
    touch(user=customer, visitor="c" * 22, network="linkedin", ago=timedelta(days=1))
    order = create_order(user=customer)
    attribution_ = attribution.attribute_order(order, visitor_state=visitor)
    assert (attribution_.first_network, attribution_.last_network) == ("instagram", "linkedin")


def test_a_share_click_id_in_the_link_names_the_share_click(customer):
    product = create_product(title="Robe", price="50.00")
    click = ShareClick.objects.create(
        network="facebook",
        content_type=ContentType.objects.get_for_model(product),
        object_id=product.pk,
        campaign="share",
    )
    touch(user=customer, share_click_ref=click.pk, landing_path=product.get_absolute_url())
    attribution_ = OrderAttribution.objects.get(order=create_order(user=customer))
    assert attribution_.share_click == click
    assert (attribution_.last_network, attribution_.last_campaign) == ("facebook", "share")


def test_a_share_click_is_inferred_from_the_page_network_and_campaign(customer):
    shared, other = create_product(title="Robe", price="50.00"), create_product(title="Jupe", price="40.00")
    product_type = ContentType.objects.get_for_model(shared)
    earlier = timezone.now() - timedelta(hours=3)
    on_page = ShareClick.objects.create(
        network="pinterest",
        content_type=product_type,
        object_id=shared.pk,
        created_at=earlier,
        campaign="share",
    )
    between = timezone.now() - timedelta(hours=2)  # after the right click, before the visit
    distractors = [
        ("pinterest", other, "share"),
        ("facebook", shared, "share"),
        ("pinterest", shared, "noel"),
    ]
    for network, product, campaign in distractors:
        ShareClick.objects.create(
            network=network,
            content_type=product_type,
            object_id=product.pk,
            campaign=campaign,
            created_at=between,
        )
    touch(
        user=customer,
        network="pinterest",
        utm_source="pinterest",
        utm_medium="social",
        utm_campaign="share",
        landing_path=shared.get_absolute_url(),
    )
    assert OrderAttribution.objects.get(order=create_order(user=customer)).share_click == on_page


def test_a_visit_not_from_a_share_link_gets_no_share_click(customer):
    product = create_product(title="Robe", price="50.00")
    ShareClick.objects.create(
        network="facebook", content_type=ContentType.objects.get_for_model(product), object_id=product.pk
    )
    touch(user=customer, network="facebook", utm_medium="cpc", utm_campaign="share", landing_path="/")
    assert OrderAttribution.objects.get(order=create_order(user=customer)).share_click is None


# --- Dimensions -----------------------------------------------------------------------------------------


@pytest.fixture
def store():
    return Store.objects.create(
        reference="LYON-1", name="Lyon Presqu'île", slug="lyon", latitude=45.76, longitude=4.83
    )


def test_a_pickup_saved_after_the_order_sets_its_shop(store):
    order = create_order()
    assert OrderAttribution.objects.get(order=order).pickup_store is None
    OrderPickup.objects.create(order=order, store=store, code="ABC123")
    assert OrderAttribution.objects.get(order=order).pickup_store == store


@pytest.fixture
def sale():
    now = timezone.now()
    return FlashSale.objects.create(
        name="Vente fans",
        slug="vente-fans",
        discount_type=FlashSale.PERCENTAGE,
        discount_value=Decimal("20"),
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        unit_cap=10,
    )


def _hold(sale, product, **fields):
    return FlashSaleHold.objects.create(
        sale=sale,
        basket_id=fields.pop("basket_id", 999),
        line_id=1,
        product=product,
        quantity=1,
        unit_price=Decimal("8.00"),
        expires_at=timezone.now() + timedelta(minutes=10),
        **fields,
    )


def test_the_flash_sale_is_found_by_the_consumed_holds_after_commit(sale, django_capture_on_commit_callbacks):
    product = create_product(title="Robe", price="10.00")
    with django_capture_on_commit_callbacks(execute=True):
        order = create_order()
        assert OrderAttribution.objects.get(order=order).flash_sale is None
        # The flash-sale checkout consumes the holds by UPDATE, later in the placement transaction.
        _hold(sale, product, state=FlashSaleHold.CONSUMED, order_number=order.number)
    assert OrderAttribution.objects.get(order=order).flash_sale == sale


def test_the_flash_sale_is_found_by_the_baskets_live_holds_at_placement(sale):
    product = create_product(title="Robe", price="10.00")
    basket = get_model("basket", "Basket").objects.create()
    basket.strategy = Default()
    basket.add_product(product)
    _hold(sale, product, basket_id=basket.pk)
    order = create_order(basket=basket)
    assert OrderAttribution.objects.get(order=order).flash_sale == sale


def test_missing_features_give_empty_dimensions(settings):
    settings.SOCIALSHOP_ATTRIBUTION_ORDER_DIMENSIONS = []
    order = create_order()
    attribution_ = OrderAttribution.objects.get(order=order)
    assert attribution_.flash_sale is None and attribution_.pickup_store is None
    with mock.patch("django.apps.apps.get_model", side_effect=LookupError):
        from socialshop.services import attribution_sources

        assert attribution_sources.flash_sale(order) == {}
        assert attribution_sources.pickup_store(order) == {}


# --- Refunds and cancellations --------------------------------------------------------------------------


@pytest.fixture
def order():
    order = create_order()
    assert order.total_incl_tax == Decimal("10.00")
    return order


def test_a_refund_payment_event_lowers_the_revenue(order):
    refund = PaymentEventType.objects.create(name="Refund", code="refund")
    PaymentEvent.objects.create(order=order, amount=Decimal("4.00"), event_type=refund)
    attribution_ = OrderAttribution.objects.get(order=order)
    assert (attribution_.status, attribution_.refunded, attribution_.revenue) == (
        OrderAttribution.PARTIALLY_REFUNDED,
        Decimal("4.00"),
        Decimal("6.00"),
    )


def test_other_payment_events_change_nothing(order):
    settle = PaymentEventType.objects.create(name="Settle", code="settle")
    PaymentEvent.objects.create(order=order, amount=Decimal("10.00"), event_type=settle)
    assert OrderAttribution.objects.get(order=order).revenue == Decimal("10.00")


def test_a_refund_on_the_payment_source_lowers_the_revenue_once(order):
    card = SourceType.objects.create(name="Carte")
    source = Source.objects.create(order=order, source_type=card, amount_allocated=order.total_incl_tax)
    source.refund(Decimal("10.00"))  # also recorded as a refund event: the same money, counted once
    PaymentEvent.objects.create(
        order=order,
        amount=Decimal("10.00"),
        event_type=PaymentEventType.objects.create(name="Refunded", code="refunded"),
    )
    attribution_ = OrderAttribution.objects.get(order=order)
    assert (attribution_.status, attribution_.revenue) == (OrderAttribution.REFUNDED, Decimal("0.00"))


def test_a_cancelled_order_is_worth_nothing(order):
    with mock.patch.object(Order, "pipeline", {order.status: ("Cancelled",), "Cancelled": ()}):
        order.set_status("Cancelled")
    attribution_ = OrderAttribution.objects.get(order=order)
    assert (attribution_.status, attribution_.revenue) == (OrderAttribution.CANCELLED, Decimal("0.00"))


def test_a_cancelled_line_is_deducted(order):
    line = order.lines.get()
    Line = type(line)
    with mock.patch.object(Line, "pipeline", {"": ("Cancelled",), "Cancelled": ()}):
        line.set_status("Cancelled")
    assert OrderAttribution.objects.get(order=order).revenue == Decimal("0.00")


# --- Safety ---------------------------------------------------------------------------------------------


def test_a_failure_of_ours_never_breaks_order_placement(caplog):
    with mock.patch.object(attribution, "attribute_order", side_effect=RuntimeError("boom")):
        order = create_order()
    assert Order.objects.filter(pk=order.pk).exists()
    assert not OrderAttribution.objects.exists()
    assert "Could not record the attribution of order" in caplog.text


def test_purge_deletes_only_touchpoints_older_than_the_retention(settings):
    settings.SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS = 60
    old, recent = touch(ago=timedelta(days=61)), touch(ago=timedelta(days=59))
    assert attribution.purge_touchpoints(dry_run=True)[0] == 1
    assert Touchpoint.objects.count() == 2
    assert attribution.purge_touchpoints()[0] == 1
    assert list(Touchpoint.objects.all()) == [recent]
    assert not Touchpoint.objects.filter(pk=old.pk).exists()


def test_a_hold_released_instead_of_consumed_leaves_no_flash_sale(sale, django_capture_on_commit_callbacks):
    product = create_product(title="Robe", price="10.00")
    basket = get_model("basket", "Basket").objects.create()
    basket.strategy = Default()
    basket.add_product(product)
    hold = _hold(sale, product, basket_id=basket.pk)
    with django_capture_on_commit_callbacks(execute=True):
        order = create_order(basket=basket)
        assert OrderAttribution.objects.get(order=order).flash_sale == sale  # still held at the signal
        FlashSaleHold.objects.filter(pk=hold.pk).update(state=FlashSaleHold.RELEASED)  # not at a flash price
    assert OrderAttribution.objects.get(order=order).flash_sale is None
