"""App install: the association files, the web app manifest, QR codes, the "get the app" page and the counter
behind every "Install" / "Open in app" tap and QR scan.

No destination comes from the request: the counter builds it from the configuration (store listing, deep link,
product or sale page); the only path it accepts is a local one, checked, and used only for the deep link or a
same-site redirect.
"""

import json

from django import forms
from django.core.validators import RegexValidator
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from ..services import appinstall

ASSOCIATION_MAX_AGE = 3600  # Apple's CDN and Google cache these files themselves; an hour is plenty here.


def _json_file(document, content_type="application/json"):
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")), content_type=content_type
    )
    patch_cache_control(response, public=True, max_age=ASSOCIATION_MAX_AGE)
    return response


@require_safe
def apple_app_site_association(request):
    """``/.well-known/apple-app-site-association``: served straight (no redirect, no extension), as JSON.

    A configuration whose file would exceed Apple's 128 KB fails the system check and is switched off, so
    this view never serves a file Apple would refuse."""
    document = appinstall.aasa_document(appinstall.get_config(request))
    if document is None:
        raise Http404("No iOS app is configured.")
    return _json_file(document)


@require_safe
def assetlinks(request):
    """``/.well-known/assetlinks.json``: the Digital Asset Links that let Android open links in the app."""
    document = appinstall.assetlinks_document(appinstall.get_config(request))
    if document is None:
        raise Http404("No Android app is configured.")
    return _json_file(document)


@require_safe
def manifest(request):
    """The web app manifest: names the native apps and asks browsers to prefer them."""
    config = appinstall.get_config(request)
    if not config.enabled:
        raise Http404("No app is configured.")
    icon = config.icon
    if icon and not icon.startswith(("http://", "https://", "/")):
        icon = static(icon)
    document = appinstall.manifest_document(config, lang=get_language() or "", icon_url=icon)
    response = _json_file(document, content_type="application/manifest+json")
    patch_vary_headers(response, ["Accept-Language"])
    return response


# --- The counter ------------------------------------------------------------------------------------------

TAG = RegexValidator(r"^[A-Za-z0-9_.+-]+$", _("Use letters, digits, dots, dashes or underscores only."))


class TargetForm(forms.Form):
    """What a QR code or counted link leads to: the app, a product or a flash sale, and its UTM tags."""

    target = forms.ChoiceField(choices=[(t, t) for t in appinstall.TARGETS], required=False)
    id = forms.IntegerField(min_value=1, required=False)
    utm_source = forms.CharField(max_length=100, required=False, validators=[TAG])
    utm_medium = forms.CharField(max_length=100, required=False, validators=[TAG])
    utm_campaign = forms.CharField(max_length=100, required=False, validators=[TAG])

    def clean(self):
        data = super().clean()
        data["target"] = target = data.get("target") or "app"
        if target != "app" and target not in appinstall.available_targets():
            self.add_error("target", _("This shop has no flash sales."))
        elif target != "app" and not data.get("id"):
            self.add_error("id", _("Give the id of the product or sale."))
        return data


class AppLinkForm(TargetForm):
    """The query string of a counted link. Everything is optional but ``kind``; bad input is a 400."""

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in ("install", "open", "qr_scan")])
    platform = forms.ChoiceField(choices=[(p, p) for p in appinstall.PLATFORMS], required=False)
    path = forms.CharField(max_length=2000, required=False)

    def clean_path(self):
        path = self.cleaned_data["path"] or "/"
        if not appinstall.is_local_path(path):
            raise forms.ValidationError(_("Give a path on this site, starting with “/”."), code="invalid")
        return path

    def utm_tags(self, default_medium):
        data = self.cleaned_data
        tags = {key: data[key] for key in ("utm_source", "utm_medium", "utm_campaign") if data.get(key)}
        if data["kind"] != "qr_scan" and not tags:
            tags = {"utm_source": "web", "utm_medium": default_medium}
        return tags


class AppRedirect(HttpResponseRedirect):
    """A 302 that may also lead to the app's own scheme or an Android ``intent:`` URL."""

    def __init__(self, url, scheme="", **kwargs):
        self.allowed_schemes = ["http", "https", "intent"] + ([scheme] if scheme else [])
        super().__init__(url, **kwargs)


def _destination(request, config, data, platform, utm_tags):
    kind, target = data["kind"], data["target"]
    if kind == "open":
        return config.open_url(platform, data["path"], request, utm_tags)
    if kind == "install" or target == "app":
        store = config.store_url(platform, utm_tags)
        return store or appinstall.with_query(reverse("socialshop:app-landing"), utm_tags)
    page = appinstall.target_path(target, data["id"])
    # A printed flyer outlives its product: a scan then lands on the home page rather than a 404.
    return appinstall.with_query(page or "/", utm_tags)


@csrf_exempt  # the POST is sendBeacon() from the banner: it only adds one anonymous count
@require_http_methods(["GET", "HEAD", "POST"])
def app_link(request):
    """Count an "Install" / "Open in app" tap or a QR scan, then send the visitor on (302)."""
    config = appinstall.get_config(request)
    if not config.enabled:
        raise Http404("No app is configured.")
    form = AppLinkForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    data = form.cleaned_data
    platform = data["platform"] or appinstall.platform_from_user_agent(
        request.META.get("HTTP_USER_AGENT", "")
    )
    utm_tags = form.utm_tags("app_banner")
    if request.method != "HEAD" and appinstall.is_countable(request.META):
        appinstall.record_event(
            data["kind"],
            platform,
            path=data["path"] if data["kind"] != "qr_scan" else "",
            target=data["target"],
            object_id=data.get("id"),
            utm_tags=utm_tags,
        )
    if request.method == "POST":
        response = HttpResponse(status=204)
    else:
        response = AppRedirect(
            _destination(request, config, data, platform, utm_tags), scheme=config.deep_link_scheme
        )
    add_never_cache_headers(response)  # every tap must reach us, not a cache
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response


# --- Pages and images -------------------------------------------------------------------------------------


@require_safe
def qr_code(request):
    """``app/qr.svg?target=product&id=12&utm_campaign=…``: an SVG QR code for the counted scan URL."""
    config = appinstall.get_config(request)
    if not config.enabled:
        raise Http404("No app is configured.")
    form = TargetForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    data = form.cleaned_data
    utm_tags = appinstall.utm(
        data["utm_source"] or "web", data["utm_medium"] or "qr", data["utm_campaign"] or ""
    )
    url = appinstall.scan_url(data["target"], data.get("id"), utm_tags, request)
    title = str(_("Scan to get the app")) if data["target"] == "app" else ""
    response = HttpResponse(appinstall.qr_svg_file(url, title), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=86400)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def landing(request):
    """ "Get the app": both store buttons (through the counter) and, for desktops, a QR code."""
    config = appinstall.get_config(request)
    if not config.enabled:
        raise Http404("No app is configured.")
    # The page is the banner's content already: no banner over it.
    context = {"app": config, "socialshop_app_banner": False}
    response = render(request, "socialshop/appinstall/landing.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
