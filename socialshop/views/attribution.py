"""The consent hook of the social ROI measurement, for the shop's consent banner (docs/roi.md).

``POST attribution/consent/`` with ``consent=1`` (grant, the default) or ``consent=0`` (withdraw). A banner
using JavaScript sends ``landing`` (``location.pathname + location.search``) and ``referrer``
(``document.referrer``) so the page the visitor arrived on is still counted, and gets 204. A plain HTML form
posts ``next`` as well and is redirected there (303), so the banner works without JavaScript.
"""

from django import forms
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..services import attribution


def _local(value, request):
    return (
        url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and value.startswith("/")
        and not value.startswith("//")
    )


class ConsentForm(forms.Form):
    consent = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", required=False, empty_value=True
    )
    landing = forms.CharField(max_length=2000, required=False)
    referrer = forms.CharField(max_length=2000, required=False)
    next = forms.CharField(max_length=2000, required=False)

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_landing(self):
        value = self.cleaned_data["landing"]
        if value and not _local(value, self.request):
            raise forms.ValidationError(_("Give a path on this site, e.g. /catalogue/?utm_source=facebook."))
        return value

    def clean_next(self):
        value = self.cleaned_data["next"]
        if value and not _local(value, self.request):
            raise forms.ValidationError(_("Give a path on this site."))
        return value


@never_cache
@require_POST
def consent(request):
    form = ConsentForm(request.POST, request=request)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    data = form.cleaned_data
    if data["consent"]:
        attribution.grant_consent(request, landing=data["landing"], referrer=data["referrer"])
    else:
        attribution.revoke_consent(request)
    if data["next"]:
        return HttpResponseRedirect(data["next"], status=303)
    return HttpResponse(status=204)
