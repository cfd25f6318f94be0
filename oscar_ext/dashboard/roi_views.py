"""Social ROI in Oscar's dashboard: the report (date range, grouping, rows, a server-side SVG chart, CSV
download) and a flash sale's results. Staff with the ``socialshop.view_orderattribution`` permission (see
``permissions_map`` in apps.py)."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from oscar.templatetags.currency_filters import currency

from socialshop.models import FlashSale, OrderAttribution, ShareClick
from socialshop.services import flashsales
from socialshop.services.attribution_report import DEFAULT_GROUPING, DIMENSIONS, build_report
from socialshop.services.social_networks import network_label

#: Bars drawn in a chart; the table has every row.
CHART_BARS = 12
DEFAULT_DAYS = 30


# --- The chart ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart drawn by the template as inline SVG: no script, readable without CSS."""

    title: str
    bars: list
    row_height: int = 28
    label_width: int = 220
    bar_area: int = 330
    width: int = 680

    @property
    def height(self):
        return self.row_height * len(self.bars) + 8

    @property
    def value_x(self):
        return self.label_width + self.bar_area + 8


def bar_chart(title, items, row_height=28, label_width=220, bar_area=330):
    """``items``: (label, value, value_text), drawn largest first; None when there is nothing to draw."""
    items = sorted((item for item in items if item[1] > 0), key=lambda item: -item[1])[:CHART_BARS]
    if not items:
        return None
    largest = max(value for _, value, _ in items)
    bars = [
        Bar(
            label=label if len(label) <= 32 else label[:31] + "…",
            value_text=text,
            y=4 + index * row_height,
            width=round(float(Decimal(value) / Decimal(largest)) * bar_area, 1),
        )
        for index, (label, value, text) in enumerate(items)
    ]
    return BarChart(title, bars, row_height=row_height, label_width=label_width, bar_area=bar_area)


# --- The report -----------------------------------------------------------------------------------------


class RoiReportForm(forms.Form):
    since = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    by = forms.MultipleChoiceField(
        label=gettext_lazy("Group by"),
        choices=list(DIMENSIONS.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    touch = forms.ChoiceField(
        label=gettext_lazy("Credit orders to"),
        choices=[("last", gettext_lazy("Last non-direct touch")), ("first", gettext_lazy("First touch"))],
    )

    @classmethod
    def defaults(cls):
        today = timezone.localdate()
        return {
            "since": today - timedelta(days=DEFAULT_DAYS - 1),
            "until": today,
            "by": list(DEFAULT_GROUPING),
            "touch": "last",
        }

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data


def dimension_label(name, row):
    """What a row shows for one dimension."""
    value = row.keys.get(name)
    if name in row.labels:
        return row.labels[name]["name"] or _("(none)")
    if name == "network":
        return network_label(value) if value else _("(direct)")
    return value or "—"


def percent(rate):
    """A conversion rate (a ratio) as "12.5 %" in the active language; "—" without visits."""
    return "—" if rate is None else f"{number_format(rate * 100, decimal_pos=1)} %"


def sale_results_url(row):
    sale_id = row.keys.get("flash_sale")
    return reverse("socialshop_dashboard:roi-flashsale", kwargs={"pk": sale_id}) if sale_id else ""


class RoiReportView(TemplateView):
    template_name = "socialshop/dashboard/roi_report.html"

    def get(self, request, *args, **kwargs):
        params = request.GET.copy()
        for name, value in RoiReportForm.defaults().items():
            if name not in params:
                params.setlist(name, value if isinstance(value, list) else [str(value)])
        form = RoiReportForm(params)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        report = build_report(data["since"], data["until"], by=data["by"], touch=data["touch"])
        if request.GET.get("format") == "csv":
            return self.csv_response(report)
        return self.render_to_response(self.get_context_data(form=form, report=report))

    def csv_response(self, report):
        response = HttpResponse(report.as_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="social-roi-{report.since}-{report.until}.csv"'
        )
        return response

    def get_context_data(self, report=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if report is None:
            return context
        rows = [
            {
                "labels": [dimension_label(name, row) for name in report.grouping],
                "row": row,
                "conversion": percent(row.conversion_rate),
                "sale_url": sale_results_url(row),
            }
            for row in report.rows
        ]
        query = self.request.GET.copy()
        query["format"] = "csv"
        context.update(
            {
                "report": report,
                "rows": rows,
                "headers": [DIMENSIONS[name] for name in report.grouping],
                "total": report.total,
                "total_conversion": percent(report.total.conversion_rate),
                "sale_column": report.grouping.index("flash_sale") if "flash_sale" in report.grouping else -1,
                "csv_query": query.urlencode(),
                "chart": bar_chart(
                    _("Revenue"),
                    [(" / ".join(r["labels"]), r["row"].revenue, currency(r["row"].revenue)) for r in rows],
                ),
                "visits_chart": bar_chart(
                    _("Visits"),
                    [
                        (" / ".join(r["labels"]), r["row"].visits, number_format(r["row"].visits))
                        for r in rows
                    ],
                ),
            }
        )
        return context


# --- A flash sale's results -----------------------------------------------------------------------------


class FlashSaleResultsView(TemplateView):
    """Units sold, revenue, fans unlocked, orders by network (last non-direct touch) and share clicks."""

    template_name = "socialshop/dashboard/roi_flashsale.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sale = get_object_or_404(FlashSale, pk=self.kwargs["pk"])
        not_counted = [OrderAttribution.CANCELLED, OrderAttribution.REFUNDED]
        by_network = list(
            OrderAttribution.objects.filter(flash_sale=sale)
            .values("last_network")
            .annotate(orders=Count("pk", filter=~Q(status__in=not_counted)), revenue=Sum("revenue"))
            .order_by("-revenue", "last_network")
        )
        clicks = dict(
            ShareClick.objects.filter(
                content_type=ContentType.objects.get_for_model(FlashSale), object_id=sale.pk
            )
            .values_list("network")
            .annotate(n=Count("pk"))
            .order_by()
        )
        networks = [
            {
                "label": network_label(row["last_network"]) if row["last_network"] else _("(direct)"),
                "orders": row["orders"],
                "revenue": row["revenue"] or Decimal("0.00"),
                "clicks": clicks.pop(row["last_network"], 0),
            }
            for row in by_network
        ]
        networks += [
            {"label": network_label(code), "orders": 0, "revenue": Decimal("0.00"), "clicks": n}
            for code, n in sorted(clicks.items())
        ]
        context.update(
            {
                "sale": sale,
                "figures": flashsales.figures(sale),
                "networks": networks,
                "chart": bar_chart(
                    _("Orders by network"),
                    [(row["label"], row["orders"], number_format(row["orders"])) for row in networks],
                ),
            }
        )
        return context
