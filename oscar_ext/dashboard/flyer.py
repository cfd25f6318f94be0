"""Printable A4 / A5 flyer or shop poster carrying a QR code to the app, a product or a flash sale
(store-to-web). The QR code goes through the shop's counter with ``utm_source=flyer&utm_medium=qr&
utm_campaign=<name>``, so each printed flyer's scans show up in the ROI report under its own campaign."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.core.loading import get_class, get_model

from socialshop.services import appinstall
from socialshop.services.urls import absolute_url

Product = get_model("catalogue", "Product")
ProductSelect = get_class("dashboard.catalogue.widgets", "ProductSelect")

SIZES = ("A4", "A5")


class FlyerForm(forms.Form):
    target = forms.ChoiceField(
        label=_("The QR code leads to"), choices=[], initial="app", widget=forms.RadioSelect
    )
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), required=False, widget=ProductSelect
    )
    sale = forms.ModelChoiceField(label=_("Flash sale"), queryset=None, required=False)
    campaign = forms.SlugField(
        label=_("Campaign name"),
        max_length=60,
        help_text=_(
            "Names this flyer in the ROI report (utm_campaign), e.g. “window-spring” or “market-12-05”."
        ),
    )
    headline = forms.CharField(label=_("Headline"), max_length=80, required=False)
    text = forms.CharField(
        label=_("Text"), max_length=240, required=False, widget=forms.Textarea({"rows": 2})
    )
    size = forms.ChoiceField(
        label=_("Paper"), choices=[(size, size) for size in SIZES], initial="A4", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        targets = [("app", _("The app (App Store / Google Play)")), ("product", _("A product"))]
        self.fields["product"].queryset = Product.objects.browsable().filter(is_public=True)
        sale_model = appinstall.sale_model()
        if sale_model is not None:
            targets.append(("sale", _("A flash sale")))
            self.fields["sale"].queryset = sale_model.objects.filter(ends_at__gt=timezone.now())
        else:
            del self.fields["sale"]
        self.fields["target"].choices = targets

    def clean_size(self):
        return self.cleaned_data["size"] or "A4"

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target in ("product", "sale") and not data.get(target):
            self.add_error(target, _("Choose which one."))
        return data

    @property
    def subject(self):
        target = self.cleaned_data["target"]
        return None if target == "app" else self.cleaned_data.get(target)


class FlyerView(TemplateView):
    """GET only: the form and a preview; with ``print=1``, the flyer alone on its page, sized for @page."""

    template_name = "socialshop/dashboard/flyer.html"
    print_template_name = "socialshop/dashboard/flyer_print.html"

    printable = False

    def get_template_names(self):
        return [self.print_template_name if self.printable else self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("print", None)
        form = FlyerForm(query or None, initial={"campaign": "shop-poster"})
        context["form"] = form
        context["app"] = config = appinstall.get_config(self.request)
        if form.is_bound and form.is_valid() and config.enabled:
            context["flyer"] = self.flyer(form, config)
            self.printable = bool(self.request.GET.get("print"))
            query["print"] = "1"
            context["print_query"] = query.urlencode()
        return context

    def flyer(self, form, config):
        data = form.cleaned_data
        subject = form.subject
        tags = appinstall.utm("flyer", "qr", data["campaign"])
        scan = appinstall.scan_url(data["target"], subject.pk if subject else None, tags, self.request)
        if data["target"] == "app":
            headline = data["headline"] or _("Get the %(app)s app") % {"app": config.name}
            page_url = absolute_url(reverse("socialshop:app-landing"), self.request)
        else:
            headline = data["headline"] or str(subject)
            page_url = absolute_url(subject.get_absolute_url(), self.request)
        return {
            "target": data["target"],
            "subject": subject,
            "headline": headline,
            "text": data["text"],
            "scan_url": scan,
            "page_url": page_url,
            "size": data["size"],
        }
