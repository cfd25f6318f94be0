"""Flash sales in Oscar's dashboard: list with live figures, create, edit, pause/resume/end, unlock link with
UTM tags and a QR code, and an iCalendar feed. Staff only (Oscar's dashboard permissions)."""

from datetime import date, datetime, time, timedelta

import segno
from django import forms
from django.contrib import messages
from django.contrib.sites.models import Site
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, ListView, TemplateView, UpdateView
from oscar.core.loading import get_model

from socialshop.conf import settings
from socialshop.models import FlashSale
from socialshop.services import fans, flashsale_admin, flashsale_pages, flashsales, retail_calendar

Product = get_model("catalogue", "Product")


class FlashSaleForm(forms.ModelForm):
    networks = forms.MultipleChoiceField(
        label=gettext_lazy("Networks"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = FlashSale
        fields = [
            "name", "slug", "products", "range", "discount_type", "discount_value", "teaser_starts_at",
            "starts_at", "ends_at", "unit_cap", "per_customer_cap", "audience", "networks", "share_message",
            "image", "allow_overlap",
        ]  # fmt: skip
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "teaser_starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].choices = fans.network_choices()
        self.fields["products"].queryset = Product.objects.exclude(structure=Product.CHILD).order_by("title")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == FlashSale.NETWORKS and not cleaned.get("networks"):
            self.add_error("networks", _("Choose at least one network."))
        products = list(cleaned.get("products") or [])
        data = {k: v for k, v in cleaned.items() if k != "products"}
        for field, messages_ in flashsale_admin.validate(data, products, self.instance).items():
            for message in messages_:
                self.add_error(field if field in self.fields else None, message)
        return cleaned

    def save(self, commit=True):
        sale = self.instance
        new_cap = self.cleaned_data["unit_cap"]
        if sale.pk and commit:
            # The cap moves by a conditional UPDATE (never under held + sold at that instant), then the rest.
            if not flashsale_admin.set_cap(sale, new_cap):
                raise forms.ValidationError(_("Units were taken meanwhile: the cap cannot go that low."))
            sale.units_held, sale.units_sold = FlashSale.objects.values_list("units_held", "units_sold").get(
                pk=sale.pk
            )
        return super().save(commit)


class SaleListView(ListView):
    template_name = "socialshop/dashboard/flashsales/list.html"
    context_object_name = "sales"

    def get_queryset(self):
        return FlashSale.objects.order_by("-starts_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [(sale, flashsales.figures(sale)) for sale in context["sales"]]
        return context


class _SaleFormMixin:
    model = FlashSale
    form_class = FlashSaleForm
    template_name = "socialshop/dashboard/flashsales/form.html"

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except forms.ValidationError as exc:
            form.add_error("unit_cap", exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Flash sale “%(sale)s” saved.") % {"sale": self.object.name})
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_success_url(self):
        return reverse("socialshop_dashboard:flashsale-update", kwargs={"pk": self.object.pk})


class SaleCreateView(_SaleFormMixin, CreateView):
    pass


class SaleUpdateView(_SaleFormMixin, UpdateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sale = self.object
        url = flashsale_pages.unlock_url(sale, self.request)
        context.update(
            {
                "figures": flashsales.figures(sale),
                "unlock_url": url,
                "unlock_qr": segno.make(url, error="m").svg_inline(scale=4, title=_("Unlock link")),
                "live_editable": sorted(flashsale_admin.LIVE_EDITABLE),
            }
        )
        return context


class SaleStatusView(View):
    """POST: pause, resume or end a sale."""

    TRANSITIONS = {
        "pause": (FlashSale.ACTIVE, FlashSale.PAUSED),
        "resume": (FlashSale.PAUSED, FlashSale.ACTIVE),
        "end": (None, FlashSale.ENDED),
    }

    def post(self, request, pk):
        sale = get_object_or_404(FlashSale, pk=pk)
        action = request.POST.get("action")
        if action not in self.TRANSITIONS:
            return HttpResponse(_("Unknown action."), status=400)
        source, target = self.TRANSITIONS[action]
        if source is not None and sale.status != source:
            messages.error(request, _("This sale cannot be changed that way now."))
        else:
            sale.status = target
            sale.save(update_fields=["status", "updated_at"])  # post_save keeps the Oscar offer in step
            messages.success(request, _("Flash sale “%(sale)s” updated.") % {"sale": sale.name})
        return redirect("socialshop_dashboard:flashsale-update", pk=sale.pk)


class SaleCalendarFeedView(View):
    def get(self, request):
        domain = Site.objects.get_current(request).domain
        body = flashsale_admin.ics_feed(
            FlashSale.objects.order_by("starts_at"),
            lambda sale: request.build_absolute_uri(sale.get_absolute_url()),
            domain,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="flash-sales.ics"'
        return response


class SaleCalendarView(TemplateView):
    """A month of flash sales with the country's retail moments (holidays and commercial dates)."""

    template_name = "socialshop/dashboard/flashsales/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
            month = int(self.request.GET.get("month", today.month))
            first = date(year, month, 1)
        except ValueError:
            year, month, first = today.year, today.month, today.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1)
        sales = list(
            FlashSale.objects.filter(starts_at__lt=timezone.make_aware(datetime.combine(last, time.min)))
            .filter(ends_at__gte=timezone.make_aware(datetime.combine(first, time.min)) - timedelta(days=7))
            .order_by("starts_at")
        )
        for sale in sales:  # compare dates in the shop's zone
            sale.starts_at, sale.ends_at = (
                timezone.localtime(sale.starts_at),
                timezone.localtime(sale.ends_at),
            )
        previous = (first - timedelta(days=1)).replace(day=1)
        context.update(
            {
                "month": first,
                "weeks": retail_calendar.month_grid(year, month, settings.FLASH_SALE_CALENDAR_COUNTRY, sales),
                "previous": previous,
                "next": last,
                "today": today,
            }
        )
        return context
