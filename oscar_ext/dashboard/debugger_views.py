"""Dashboard page of the sharing debugger: check any http(s) URL over the network, or one of this shop's
products through the test client (no network). Staff only, like every page of this dashboard app."""

from django import forms
from django.core.validators import URLValidator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View
from oscar.core.loading import get_model

from socialshop.conf import settings
from socialshop.services import debugger
from socialshop.services.debugger.local import ShopTransport

TEMPLATE = "socialshop/dashboard/debugger.html"
RECENT_PRODUCTS = 10
#: Seconds a check from the dashboard may take in all (page, redirects, retries, images): below the usual
#: 30 s after which application servers kill a worker.
NETWORK_BUDGET = 20


class UrlCheckForm(forms.Form):
    url = forms.CharField(
        label=_("Page URL"),
        max_length=2000,
        validators=[URLValidator(schemes=["http", "https"], message=_("Enter an http:// or https:// URL."))],
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off"}),
    )


class ProductCheckForm(forms.Form):
    product = forms.CharField(label=_("Product ID or UPC"), max_length=128)

    def clean_product(self):
        value = self.cleaned_data["product"].strip()
        lookup = Q(upc=value) | Q(pk=int(value)) if value.isdigit() and len(value) < 19 else Q(upc=value)
        product = get_model("catalogue", "Product").objects.browsable().filter(lookup).first()
        if product is None:
            raise forms.ValidationError(_("No public product has this ID or UPC."))
        return product


class SharingDebuggerView(View):
    """GET shows the forms (and, with ``?product=``, checks that product offline); POST checks a URL."""

    def get(self, request):
        product_form = ProductCheckForm(request.GET if "product" in request.GET else None)
        context = {"url_form": UrlCheckForm(), "product_form": product_form}
        if product_form.is_bound:
            if not product_form.is_valid():
                return self.render(request, context, status=400)
            product = product_form.cleaned_data["product"]
            transport = ShopTransport(
                base_url=settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
            )
            context["checked_product"] = product
            context.update(self.check(transport.absolute(product.get_absolute_url()), transport))
        return self.render(request, context)

    def post(self, request):
        url_form = UrlCheckForm(request.POST)
        context = {"url_form": url_form, "product_form": ProductCheckForm()}
        if not url_form.is_valid():
            return self.render(request, context, status=400)
        transport = debugger.HttpTransport(budget=NETWORK_BUDGET)
        context.update(self.check(url_form.cleaned_data["url"], transport))
        return self.render(request, context)

    @staticmethod
    def check(url, transport):
        try:
            return {"checked_url": url, "report": debugger.inspect(url, transport)}
        except debugger.FetchError as exc:
            return {"checked_url": url, "fetch_error": str(exc)}

    @staticmethod
    def render(request, context, status=200):
        products = get_model("catalogue", "Product").objects.browsable().order_by("-date_updated")
        context["recent_products"] = products[:RECENT_PRODUCTS]
        return render(request, TEMPLATE, context, status=status)
