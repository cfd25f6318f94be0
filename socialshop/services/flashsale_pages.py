"""What the shopper-facing flash-sale pages show: products with their prices for this visitor, the
connect buttons that unlock a sale, the status document, and the sale's social metadata."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings as django_settings
from django.urls import reverse
from django.utils.translation import gettext as _
from social_core.backends.utils import load_backends

from ..models import FlashSale
from . import fans, flashsales
from .urls import absolute_url


@dataclass
class SaleProduct:
    product: object
    price: Decimal | None  # regular, from the visitor's strategy
    flash_price: Decimal | None  # only when the visitor is eligible
    discounted: Decimal | None  # the flash price anyone may see advertised (teaser), never a basket price
    currency: str
    available: bool


def sale_products(sale):
    """The products on sale: listed ones (a parent stands for its variants), then the range's."""
    products = list(sale.products.filter(is_public=True).order_by("pk"))
    if sale.range_id:
        seen = {p.pk for p in products}
        products += [p for p in sale.range.all_products().filter(is_public=True)[:50] if p.pk not in seen]
    return products


def product_rows(sale, request, eligible):
    rows = []
    for product in sale_products(sale):
        if product.is_parent:
            child = product.children.filter(is_public=True).first()
            info = request.strategy.fetch_for_product(child) if child else None
        else:
            info = request.strategy.fetch_for_product(product)
        price = info.price.effective_price if info and info.price.exists else None
        advertised = flashsales.flash_price(sale, price) if price is not None else None
        rows.append(
            SaleProduct(
                product=product,
                price=price,
                flash_price=advertised if eligible else None,
                discounted=advertised,
                currency=info.price.currency if info and info.price.exists else "",
                available=bool(info and info.availability.is_available_to_buy),
            )
        )
    return rows


@dataclass
class ConnectButton:
    backend: str
    network: str
    label: str
    action: str


def connect_buttons(sale, next_url):
    """POST forms to social-auth's login view for each configured backend that opens this sale."""
    if sale.audience in (FlashSale.UNLOCK_LINK, FlashSale.EVERYONE):
        return []
    wanted = None if sale.audience == FlashSale.ANY_NETWORK else set(sale.networks or [])
    labels = dict(fans.NETWORK_LABELS)
    buttons = []
    for name in load_backends(django_settings.AUTHENTICATION_BACKENDS):
        network = fans.network_for_provider(name)
        if network is None or (wanted is not None and network not in wanted):
            continue
        label = _("Connect with %(network)s to unlock") % {"network": labels.get(network, name)}
        buttons.append(ConnectButton(name, network, label, reverse("social:begin", args=[name])))
    # Facebook first: it is what most fans have.
    return sorted(buttons, key=lambda b: (b.network != "facebook", b.network == "demo", b.backend))


def status_document(sale, now=None):
    return {
        "state": flashsales.state(sale, now),
        "starts_at": sale.starts_at.isoformat(),
        "ends_at": sale.ends_at.isoformat(),
        "cap": sale.unit_cap,
        "remaining": flashsales.remaining(sale, now),
        "products": [p.pk for p in sale_products(sale)],
    }


def campaign(sale):
    """The utm_campaign of everything that points at a sale."""
    return f"flash-{sale.slug}"


def unlock_url(sale, request=None, user=None, source="social", medium="unlock-link"):
    path = reverse(
        "socialshop:flashsale-unlock",
        kwargs={"slug": sale.slug, "token": flashsales.unlock_token(sale, user)},
    )
    query = f"?utm_source={source}&utm_medium={medium}&utm_campaign={campaign(sale)}"
    return absolute_url(path, request) + query


def describe_sale(sale, request):
    """Social metadata of a sale page (the meta service's describer protocol)."""
    description = sale.share_message or _("Flash sale for our fans, %(count)s units only.") % {
        "count": sale.unit_cap
    }
    described = {
        "title": sale.name,
        "description": description,
        "url": absolute_url(sale.get_absolute_url(), request),
        "type": "website",
    }
    if sale.image:
        described["image_file"] = sale.image
        described["image_alt"] = sale.name
    else:
        first = next(iter(sale_products(sale)), None)
        image = first.primary_image() if first is not None else None
        if image is not None and getattr(image, "original", None):
            described["image_file"] = image.original
            described["image_alt"] = first.get_title()
    return described
