"""Validation of the store lookup's query string (JSON endpoint and server-rendered pages alike)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..conf import settings

BOOLEANS = {"": False, "0": False, "false": False, "no": False, "1": True, "true": True, "yes": True}


class StoreSearchForm(forms.Form):
    """Where to search: ``lat`` + ``lng``, or ``q`` (a postcode or a town); how far and how many."""

    q = forms.CharField(
        label=_("Postcode or town"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "placeholder": _("e.g. 69002 or Lyon")}),
    )
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)
    country = forms.RegexField(
        regex=r"^[A-Za-z]{2}$",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Give a two-letter country code.")},
    )
    radius_km = forms.FloatField(required=False, widget=forms.HiddenInput)
    limit = forms.IntegerField(required=False, widget=forms.HiddenInput)

    #: Without a place the locator lists every store; the availability lookup requires one.
    place_required = True

    def clean_radius_km(self):
        radius = self.cleaned_data["radius_km"]
        if radius is None:
            return float(settings.STORE_DEFAULT_RADIUS_KM)
        maximum = settings.STORE_MAX_RADIUS_KM
        if not 0 < radius <= maximum:
            raise forms.ValidationError(
                _("Give a radius above 0 and at most %(max)s km.") % {"max": maximum}, code="out_of_range"
            )
        return radius

    def clean_limit(self):
        limit = self.cleaned_data["limit"]
        if limit is None:
            return settings.STORE_DEFAULT_LIMIT
        maximum = settings.STORE_MAX_LIMIT
        if not 1 <= limit <= maximum:
            raise forms.ValidationError(
                _("Give a number of shops between 1 and %(max)s.") % {"max": maximum}, code="out_of_range"
            )
        return limit

    def clean_country(self):
        return (self.cleaned_data["country"] or settings.STORE_DEFAULT_COUNTRY).upper()

    def clean(self):
        data = super().clean()
        lat, lng, q = data.get("lat"), data.get("lng"), data.get("q")
        has_lat = lat is not None or "lat" in self.errors
        has_lng = lng is not None or "lng" in self.errors
        if has_lat and not has_lng:
            self.add_error(
                "lng", forms.ValidationError(_("Give a longitude with the latitude."), code="required")
            )
        elif has_lng and not has_lat:
            self.add_error(
                "lat", forms.ValidationError(_("Give a latitude with the longitude."), code="required")
            )
        elif not has_lat and not q and self.place_required:
            self.add_error(
                "q",
                forms.ValidationError(
                    _("Give a postcode or a town, or share your location."), code="required"
                ),
            )
        return data

    @property
    def has_coordinates(self):
        return self.cleaned_data.get("lat") is not None and self.cleaned_data.get("lng") is not None


class AvailabilitySearchForm(StoreSearchForm):
    """The lookup for one product (a parent gives a per-variant summary)."""

    product = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    include_out_of_stock = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_include_out_of_stock(self):
        value = self.cleaned_data["include_out_of_stock"].strip().lower()
        if value not in BOOLEANS:
            raise forms.ValidationError(_("Use 1 or 0."), code="invalid")
        return BOOLEANS[value]
