"""The social ROI report: share clicks, visits, orders and revenue for a date range, grouped by network,
campaign, medium, content, flash sale and/or pickup shop.

Each measure comes from one aggregate query (share clicks, touchpoints, order attributions), grouped in the
database by the raw columns the chosen dimensions need; flash-sale and shop names take one more query each.
Nothing is loaded row by row, whatever the number of visits or orders.

Orders are attributed to their last non-direct touch (``touch="last"``, the default) or their first touch.
Revenue is the attributions' net revenue (refunds deducted, cancelled orders at zero) in the shop currency
(OSCAR_DEFAULT_CURRENCY); orders in another currency are left out. Cancelled and fully refunded orders are
not counted as orders. Visits and clicks are dated when they happened, orders when they were placed.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .attribution import SHARE_MEDIUM

DIMENSIONS = {
    "network": _("Network"),
    "campaign": _("Campaign"),
    "medium": _("Medium"),
    "content": _("Content"),
    "flash_sale": _("Flash sale"),
    "pickup_store": _("Pickup shop"),
}
DEFAULT_GROUPING = ("network", "campaign")
#: Dimensions shown by a reference (flash sale slug, store reference) and a name rather than a raw id.
LABELLED = {"flash_sale": ("socialshop.FlashSale", "slug"), "pickup_store": ("socialshop.Store", "reference")}
TOUCHES = ("last", "first")
CENT = Decimal("0.01")


class ReportError(ValueError):
    """Bad report parameters; the message is one line meant for the person who gave them."""


def parse_grouping(value):
    """``"network,campaign"`` -> ("network", "campaign"); ReportError for an empty or unknown dimension."""
    names = tuple(name.strip() for name in (value or "").split(",") if name.strip())
    if not names:
        raise ReportError(f"--by: give one or more of {', '.join(DIMENSIONS)}, separated by commas.")
    unknown = [name for name in names if name not in DIMENSIONS]
    if unknown:
        raise ReportError(f"--by: unknown dimension {unknown[0]!r} (choose from {', '.join(DIMENSIONS)}).")
    return tuple(dict.fromkeys(names))


def parse_date(value, option):
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ReportError(f"{option}: {value!r} is not a date in the form YYYY-MM-DD.") from None


def _bounds(since, until):
    """Aware datetimes for the inclusive day range ``since``–``until`` in the shop's time zone."""
    if since and until and since > until:
        raise ReportError(f"--since ({since}) is after --until ({until}).")
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(since, time.min), zone) if since else None
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min), zone) if until else None
    return start, end


def _in_range(column, start, end):
    query = Q()
    if start:
        query &= Q(**{f"{column}__gte": start})
    if end:
        query &= Q(**{f"{column}__lt": end})
    return query


@dataclass
class Row:
    """One group. ``keys`` holds the raw dimension values (network code, campaign, flash sale id, store id);
    ``labels`` the names shown for flash sales and shops."""

    keys: dict
    labels: dict = field(default_factory=dict)
    clicks: int = 0
    visits: int = 0
    orders: int = 0
    revenue: Decimal = field(default_factory=lambda: Decimal("0.00"))

    @property
    def conversion_rate(self):
        """Orders per visit (a ratio, 0–1 or more), None without visits (direct traffic is not counted)."""
        return (Decimal(self.orders) / self.visits).quantize(Decimal("0.0001")) if self.visits else None

    @property
    def average_order_value(self):
        return (self.revenue / self.orders).quantize(CENT) if self.orders else None

    def as_dict(self, currency):
        """A JSON-friendly row: decimals as strings, network and campaign always present (None when the
        report is not grouped by them)."""
        data = {"network": None, "campaign": None}
        for name, value in self.keys.items():
            if name in LABELLED:
                label = self.labels.get(name, {})
                data[name] = label.get("ref", value)
                data[f"{name}_name"] = label.get("name")
            else:
                data[name] = value
        return {
            **data,
            "clicks": self.clicks,
            "visits": self.visits,
            "orders": self.orders,
            "revenue": str(self.revenue.quantize(CENT)),
            "conversion_rate": None if self.conversion_rate is None else str(self.conversion_rate),
            "average_order_value": None
            if self.average_order_value is None
            else str(self.average_order_value),
            "currency": currency,
        }


@dataclass
class Report:
    grouping: tuple
    touch: str
    since: date | None
    until: date | None
    currency: str
    rows: list

    @property
    def total(self):
        total = Row(keys={})
        for row in self.rows:
            total.clicks += row.clicks
            total.visits += row.visits
            total.orders += row.orders
            total.revenue += row.revenue
        return total

    def as_dicts(self):
        return [row.as_dict(self.currency) for row in self.rows]

    def columns(self):
        columns = list(dict.fromkeys(["network", "campaign", *self.grouping]))
        columns += [f"{name}_name" for name in self.grouping if name in LABELLED]
        return [
            *columns,
            "clicks",
            "visits",
            "orders",
            "revenue",
            "conversion_rate",
            "average_order_value",
            "currency",
        ]

    def as_csv(self):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.columns(), lineterminator="\n")
        writer.writeheader()
        for row in self.as_dicts():
            writer.writerow({key: "" if value is None else _csv_safe(value) for key, value in row.items()})
        return buffer.getvalue()


def _csv_safe(value):
    """Campaign names come from URLs: keep a spreadsheet from reading one as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


class _Collector:
    """Sums measures into rows keyed by the grouping's values."""

    def __init__(self, grouping):
        self.grouping = grouping
        self.rows = {}

    def add(self, values, **measures):
        key = tuple(values.get(name) for name in self.grouping)
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = Row(keys=dict(zip(self.grouping, key, strict=True)))
        for name, amount in measures.items():
            setattr(row, name, getattr(row, name) + amount)


def _clicks(collector, start, end):
    ShareClick = _model("socialshop.ShareClick")
    if ShareClick is None:
        return
    FlashSale = _model("socialshop.FlashSale")
    sale_type = ContentType.objects.get_for_model(FlashSale).pk if FlashSale is not None else None
    columns = ["network", "campaign"]
    if "flash_sale" in collector.grouping:
        columns += ["content_type_id", "object_id"]
    groups = ShareClick.objects.filter(_in_range("created_at", start, end)).values(*columns)
    for group in groups.annotate(n=Count("pk")).order_by():
        shared_sale = group.get("object_id") if group.get("content_type_id") == sale_type else None
        values = {
            "network": group["network"],
            "campaign": group["campaign"],
            "medium": SHARE_MEDIUM,
            "content": "",
            "flash_sale": shared_sale,
            "pickup_store": None,
        }
        collector.add(values, clicks=group["n"])


def _sale_campaign(sale):
    """The utm_campaign the flash-sale pages put on every link to ``sale``."""
    try:
        from .flashsale_pages import campaign
    except ImportError:
        return sale.slug
    return campaign(sale)


def _sale_ids_by_ref(refs):
    """{slug, str(pk) or campaign: sale id} for the unlock references and campaigns naming a flash sale."""
    FlashSale = _model("socialshop.FlashSale")
    refs = {ref for ref in refs if ref}
    if FlashSale is None or not refs:
        return {}
    slugs = refs | {ref.split("-", 1)[-1] for ref in refs}  # "flash-<slug>" campaigns
    pks = [int(ref) for ref in refs if ref.isdigit()]
    found = {}
    for sale in FlashSale.objects.filter(Q(slug__in=slugs) | Q(pk__in=pks)).only("pk", "slug"):
        for key in (sale.slug, str(sale.pk), _sale_campaign(sale)):
            if key in refs:
                found[key] = sale.pk
    return found


def _visits(collector, start, end):
    from ..models import Touchpoint

    columns = ["network", "utm_campaign", "utm_medium", "utm_content"]
    if "flash_sale" in collector.grouping:
        columns.append("unlock_ref")
    groups = list(
        Touchpoint.objects.filter(_in_range("created_at", start, end))
        .values(*columns)
        .annotate(n=Count("pk"))
        .order_by()
    )
    sales = {}
    if "flash_sale" in collector.grouping:
        sales = _sale_ids_by_ref(
            {group["unlock_ref"] for group in groups} | {group["utm_campaign"] for group in groups}
        )
    for group in groups:
        sale = sales.get(group.get("unlock_ref")) or sales.get(group["utm_campaign"])
        values = {
            "network": group["network"],
            "campaign": group["utm_campaign"],
            "medium": group["utm_medium"],
            "content": group["utm_content"],
            "flash_sale": sale,
            "pickup_store": None,
        }
        collector.add(values, visits=group["n"])


def _orders(collector, start, end, touch, currency):
    from ..models import OrderAttribution

    columns = {
        "network": f"{touch}_network",
        "campaign": f"{touch}_campaign",
        "medium": f"{touch}_medium",
        "content": f"{touch}_content",
        "flash_sale": "flash_sale_id",
        "pickup_store": "pickup_store_id",
    }
    wanted = [columns[name] for name in collector.grouping]
    not_counted = [OrderAttribution.CANCELLED, OrderAttribution.REFUNDED]
    groups = (
        OrderAttribution.objects.filter(_in_range("placed_at", start, end), currency=currency)
        .values(*wanted)
        .annotate(orders=Count("pk", filter=~Q(status__in=not_counted)), revenue=Sum("revenue"))
        .order_by()
    )
    for group in groups:
        values = {name: group[columns[name]] for name in collector.grouping}
        collector.add(values, orders=group["orders"], revenue=group["revenue"] or Decimal("0.00"))


def _label(rows, grouping):
    """References and names of the flash sales and shops in the rows (one query per dimension)."""
    for name, (label, ref_field) in LABELLED.items():
        model = _model(label) if name in grouping else None
        ids = {row.keys[name] for row in rows if row.keys.get(name)} if model is not None else set()
        if not ids:
            continue
        found = {
            pk: {"ref": ref, "name": title}
            for pk, ref, title in model.objects.filter(pk__in=ids).values_list("pk", ref_field, "name")
        }
        for row in rows:
            row.labels[name] = found.get(row.keys.get(name), {"ref": None, "name": None})


def build_report(since=None, until=None, by=DEFAULT_GROUPING, touch="last", currency=None):
    """The report rows for the days ``since``–``until`` (dates, inclusive, either may be None), grouped by
    the dimensions ``by``, most revenue first."""
    grouping = parse_grouping(by if isinstance(by, str) else ",".join(by))
    if touch not in TOUCHES:
        raise ReportError(f"--touch: {touch!r} is not one of {', '.join(TOUCHES)}.")
    currency = currency or django_settings.OSCAR_DEFAULT_CURRENCY
    start, end = _bounds(since, until)
    collector = _Collector(grouping)
    _clicks(collector, start, end)
    _visits(collector, start, end)
    _orders(collector, start, end, touch, currency)
    rows = sorted(
        collector.rows.values(),
        key=lambda row: (
            -row.revenue,
            -row.orders,
            -row.visits,
            -row.clicks,
            [str(v) for v in row.keys.values()],
        ),
    )
    _label(rows, grouping)
    return Report(grouping=grouping, touch=touch, since=since, until=until, currency=currency, rows=rows)
