"""Share clicks in Oscar's dashboard: per shared object (products, blog posts, flash sales…) and network,
over a date range."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from socialshop.models import ShareClick
from socialshop.services.share import BUILTIN_NETWORKS, enabled_networks

DEFAULT_DAYS = 30
ROWS_PER_PAGE = 50


class ShareReportForm(forms.Form):
    """A date range; a blank start means since the first click, a blank end means today."""

    since = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    product = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    @classmethod
    def defaults(cls):
        today = timezone.localdate()
        return {"since": today - timedelta(days=DEFAULT_DAYS - 1), "until": today}

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filter(self, clicks):
        """``clicks`` within the range, whole local days."""
        since, until = self.cleaned_data.get("since"), self.cleaned_data.get("until")
        if since:
            clicks = clicks.filter(created_at__gte=timezone.make_aware(datetime.combine(since, time.min)))
        if until:
            end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))
            clicks = clicks.filter(created_at__lt=end)
        return clicks


@dataclass
class ReportRow:
    shared_object: object  # None when it was deleted since
    kind: str
    label: str
    public_url: str
    dashboard_url: str
    counts: list  # per column network
    total: int


def network_columns(codes_seen):
    """The enabled networks in their order, then any other network that has clicks in the range."""
    columns = [(network.code, network.label) for network in enabled_networks()]
    known = {code for code, _label in columns}
    for code in sorted(set(codes_seen) - known):
        network = BUILTIN_NETWORKS.get(code)
        columns.append((code, network.label if network else code))
    return columns


def _dashboard_url(obj):
    Product = get_model("catalogue", "Product")
    if isinstance(obj, Product):
        return reverse("dashboard:catalogue-product", kwargs={"pk": obj.pk})
    return ""


def _public_url(obj):
    try:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    except NoReverseMatch:
        return ""


def _objects(keys):
    """{(content type id, object id): object} in one query per content type."""
    by_type = {}
    for content_type_id, object_id in keys:
        by_type.setdefault(content_type_id, []).append(object_id)
    found = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for pk, obj in model._default_manager.in_bulk(ids).items():
            found[(content_type_id, pk)] = obj
    return found


def build_rows(clicks, keys, columns):
    """A row per (content type, object) of ``keys``, with its count per network column."""
    if not keys:
        return []
    pairs = Q()
    for content_type_id, object_id in keys:
        pairs |= Q(content_type_id=content_type_id, object_id=object_id)
    counts = {}
    for item in (
        clicks.filter(pairs).values("content_type_id", "object_id", "network").annotate(n=Count("pk"))
    ):
        counts[(item["content_type_id"], item["object_id"], item["network"])] = item["n"]
    objects = _objects(keys)
    rows = []
    for key in keys:
        obj = objects.get(key)
        content_type = ContentType.objects.get_for_id(key[0])
        per_network = [counts.get((*key, code), 0) for code, _label in columns]
        rows.append(
            ReportRow(
                shared_object=obj,
                kind=str(content_type.model_class()._meta.verbose_name) if content_type.model_class() else "",
                label=str(obj) if obj is not None else _("Deleted (#%(id)s)") % {"id": key[1]},
                public_url=_public_url(obj) if obj is not None else "",
                dashboard_url=_dashboard_url(obj) if obj is not None else "",
                counts=per_network,
                total=sum(per_network),
            )
        )
    return rows


class ShareReportView(TemplateView):
    template_name = "socialshop/dashboard/share_report.html"

    def get(self, request, *args, **kwargs):
        form = ShareReportForm(request.GET if request.GET else ShareReportForm.defaults())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.render_to_response(self.get_context_data(form=form, **self.report(form)))

    def report(self, form):
        clicks = form.filter(ShareClick.objects.all())
        product_id = form.cleaned_data.get("product")
        product = None
        if product_id:
            Product = get_model("catalogue", "Product")
            product = Product.objects.filter(pk=product_id).first()
            clicks = clicks.filter(
                content_type=ContentType.objects.get_for_model(Product), object_id=product_id
            )
        per_network = dict(clicks.values_list("network").annotate(n=Count("pk")).order_by())
        columns = network_columns(per_network)
        totals = (
            clicks.values("content_type_id", "object_id")
            .annotate(total=Count("pk"))
            .order_by("-total", "content_type_id", "object_id")
        )
        page = Paginator(totals, ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        keys = [(item["content_type_id"], item["object_id"]) for item in page.object_list]
        return {
            "columns": columns,
            "rows": build_rows(clicks, keys, columns),
            "column_totals": [per_network.get(code, 0) for code, _label in columns],
            "grand_total": sum(per_network.values()),
            "page_obj": page,
            "product": product,
            "since": form.cleaned_data.get("since"),
            "until": form.cleaned_data.get("until") or timezone.localdate(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context
