"""Merchandiser rules for flash sales: validation of a sale being created or edited, safe changes to a
live sale, and the iCalendar feed of the sales."""

from datetime import UTC

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

from ..models import FlashSale
from . import flashsales

#: Fields a merchandiser may still change once a sale has started.
LIVE_EDITABLE = {"name", "ends_at", "unit_cap", "share_message", "image", "teaser_starts_at", "status"}


def validate(data, products, sale=None, now=None):
    """Field errors ({field: [messages]}) for a sale with ``data`` (cleaned form values) and ``products``."""
    now = now or timezone.now()
    errors = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts and ends and ends <= starts:
        add("ends_at", _("The end must come after the start."))
    teaser = data.get("teaser_starts_at")
    if teaser and starts and teaser > starts:
        add("teaser_starts_at", _("The teaser must start before the sale."))
    for field in ("unit_cap", "per_customer_cap"):
        if data.get(field) is not None and data[field] < 1:
            add(field, _("At least 1."))
    value, kind = data.get("discount_value"), data.get("discount_type")
    if value is not None and value <= 0:
        add("discount_value", _("The discount must be more than zero."))
    elif kind == FlashSale.PERCENTAGE and value is not None and value >= 100:
        add("discount_value", _("A percentage must be below 100: the price would be zero or less."))
    elif value is not None and kind:
        probe = FlashSale(discount_type=kind, discount_value=value)
        strategy = get_class("partner.strategy", "Selector")().strategy()
        for product in products:
            target = product.children.first() if product.is_parent else product
            info = strategy.fetch_for_product(target) if target else None
            if (
                info
                and info.price.exists
                and flashsales.flash_price(probe, info.price.effective_price) is None
            ):
                add(
                    "discount_value",
                    _("%(product)s would not be cheaper, or would cost zero or less.")
                    % {"product": product.get_title()},
                )
    if not products and not data.get("range"):
        add("products", _("Choose products or a range."))
    if starts and ends and products and not data.get("allow_overlap"):
        ids = [p.pk for p in products]
        clash = (
            FlashSale.objects.filter(starts_at__lt=ends, ends_at__gt=starts, allow_overlap=False)
            .exclude(status=FlashSale.ENDED)
            .filter(Q(products__in=ids) | Q(products__parent__in=ids) | Q(products__children__in=ids))
        )
        if sale is not None and sale.pk:
            clash = clash.exclude(pk=sale.pk)
        clash = clash.distinct().first()
        if clash:
            add(
                "allow_overlap",
                _("“%(sale)s” runs on these products at that time; tick “allow overlap” to run both.")
                % {"sale": clash.name},
            )
    if (
        sale is not None
        and sale.pk
        and sale.starts_at <= now
        and flashsales.state(sale, now) != flashsales.ENDED
    ):
        errors.update(_live_changes(sale, data, products, now))
    return errors


def _live_changes(sale, data, products, now):
    errors = {}
    for field, value in data.items():
        if field in LIVE_EDITABLE or field in ("products", "range", "allow_overlap"):
            continue
        if field in {f.name for f in FlashSale._meta.fields} and getattr(sale, field) != value:
            errors.setdefault(field, []).append(_("Cannot be changed while the sale is live."))
    if {p.pk for p in products} != {p.pk for p in sale.products.all()} or data.get("range") != sale.range:
        errors.setdefault("products", []).append(_("Cannot be changed while the sale is live."))
    taken = sale.units_sold + flashsales.live_held(sale, now)
    if data.get("unit_cap") is not None and data["unit_cap"] < taken:
        errors.setdefault("unit_cap", []).append(
            _("%(taken)s units are already sold or held: the cap cannot go below that.") % {"taken": taken}
        )
    return errors


def set_cap(sale, cap):
    """Change a sale's cap with a conditional UPDATE: never below what is held or sold at that instant."""
    return bool(
        FlashSale.objects.filter(pk=sale.pk, units_held__lte=cap - F("units_sold")).update(unit_cap=cap)
    )


# --- iCalendar (RFC 5545) ---------------------------------------------------------------------------------


def ics_escape(value):
    return (
        str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )  # fmt: skip


def ics_fold(line):
    """Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def ics_feed(sales, url_for, domain, now=None):
    now = now or timezone.now()
    stamp = _utc(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//socialshop//flash sales//FR", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{ics_escape(_('Flash sales'))}"]  # fmt: skip
    for sale in sales:
        lines += [
            "BEGIN:VEVENT",
            f"UID:flashsale-{sale.pk}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(sale.starts_at)}",
            f"DTEND:{_utc(sale.ends_at)}",
            f"SUMMARY:{ics_escape(sale.name)}",
            f"DESCRIPTION:{ics_escape(sale.share_message or sale.name)}",
            f"URL:{url_for(sale)}",
            f"STATUS:{'CANCELLED' if sale.status == FlashSale.ENDED and sale.ends_at > now else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
