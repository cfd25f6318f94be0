"""The demo store's flash sales: one live for fans (``demo-live``), one coming (``demo-upcoming``).
Idempotent; every run keeps ``demo-live`` live (it restarts an hour ago and ends in 30 days)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from socialshop.models import FlashSale

Product = get_model("catalogue", "Product")

LIVE_UPCS = ["3760000000055", "3760000000062", "3760000000123"]  # jean, chemise, pochette: in stock
UPCOMING_UPCS = ["3760000000185", "3760000000192"]  # plaid, bougie


def setup_flash_sales(now=None):
    now = now or timezone.now()
    live = _sale(
        "demo-live",
        name="Vente flash fans : -30 %",
        discount_type=FlashSale.PERCENTAGE,
        discount_value=Decimal("30"),
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=30),
        unit_cap=25,
        per_customer_cap=2,
        audience=FlashSale.ANY_NETWORK,
        networks=[],
        status=FlashSale.ACTIVE,
        share_message="Jean, chemise Oxford et pochette en raphia à -30 % pour nos fans : 25 pièces.",
    )
    _products(live, LIVE_UPCS)
    upcoming = _sale(
        "demo-upcoming",
        name="Fête des mères : plaid et bougie à prix fans",
        discount_type=FlashSale.AMOUNT,
        discount_value=Decimal("10"),
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=8),
        teaser_starts_at=now - timedelta(hours=1),
        unit_cap=40,
        per_customer_cap=1,
        audience=FlashSale.NETWORKS,
        networks=["facebook", "instagram", "demo"],
        status=FlashSale.ACTIVE,
        share_message="Une semaine pour préparer la fête des mères : -10 € pour nos fans.",
    )
    _products(upcoming, UPCOMING_UPCS)
    return live, upcoming


def _sale(slug, **fields):
    sale = FlashSale.objects.filter(slug=slug).first()
    if sale is None:
        return FlashSale.objects.create(slug=slug, **fields)
    if slug == "demo-upcoming" and sale.starts_at > timezone.now():
        fields = {k: v for k, v in fields.items() if k not in ("starts_at", "ends_at", "teaser_starts_at")}
    for name, value in fields.items():
        setattr(sale, name, value)
    sale.unit_cap = max(sale.unit_cap, sale.units_held + sale.units_sold)  # never below what is taken
    sale.save()
    return sale


def _products(sale, upcs):
    products = list(Product.objects.filter(upc__in=upcs))
    products.sort(key=lambda p: upcs.index(p.upc))
    sale.products.set(products)
