"""App-install tags: ``{% load socialshop_app %}``, then

- ``{% socialshop_app_meta %}`` in ``<head>``: Smart App Banner, X app-card tags, Facebook App Links, the
  manifest link and the banner's stylesheet;
- ``{% socialshop_app_banner %}`` at the end of ``<body>``: our own banner (hidden; appbanner.js reveals it);
- ``{% socialshop_app_qr %}`` anywhere: "scan to get the app", shown on desktop screens only;
- ``{% socialshop_qr_svg url title %}``: an inline SVG QR code for any URL (the dashboard flyer uses it).

Every tag renders nothing when the app is not configured. A page opts out of the banners with the context
variable ``socialshop_app_banner = False`` (or by emptying the block the tag sits in).
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..services import appinstall
from ..services.urls import absolute_url

register = template.Library()


def _config(context):
    request = context.get("request")
    if request is None:
        return None, None
    config = appinstall.get_config(request)
    return (request, config) if config.enabled else (request, None)


def _banner_allowed(context, config, path):
    return config.banner_shown_on(path) and context.get("socialshop_app_banner", True) is not False


@register.inclusion_tag("socialshop/appinstall/meta.html", takes_context=True)
def socialshop_app_meta(context):
    request, config = _config(context)
    if config is None:
        return {"app": None}
    path = request.path
    return {
        "app": config,
        "deep_link": config.deep_link(path, request),
        "web_url": absolute_url(path, request),
        # Apple's banner is a banner like ours: kept off the same pages (checkout…) and the same opt-outs.
        "smart_app_banner": config.has_ios and _banner_allowed(context, config, path),
    }


def _counted_link(kind, path):
    return reverse("socialshop:app-go") + "?" + urlencode({"kind": kind, "path": path})


@register.inclusion_tag("socialshop/appinstall/banner.html", takes_context=True)
def socialshop_app_banner(context):
    request, config = _config(context)
    if config is None or not _banner_allowed(context, config, request.path):
        return {"app": None}
    return {
        "app": config,
        "open_href": _counted_link("open", request.path),
        "install_href": _counted_link("install", request.path),
    }


@register.inclusion_tag("socialshop/appinstall/desktop_qr.html", takes_context=True)
def socialshop_app_qr(context, campaign="desktop"):
    request, config = _config(context)
    if config is None or not config.desktop_qr:
        return {"app": None}
    url = appinstall.scan_url("app", None, appinstall.utm("web", "qr", campaign), request)
    return {"app": config, "svg": mark_safe(appinstall.qr_svg(url, _("Scan to get the app"))), "url": url}


@register.simple_tag
def socialshop_qr_svg(url, title=""):
    """Inline SVG QR code (segno escapes the title; the rest is generated markup)."""
    return mark_safe(appinstall.qr_svg(str(url), str(title)))
