"""Share and Pin-it buttons.

``{% load socialshop_share %}`` then:

- ``{% socialshop_share_assets %}`` in ``<head>``: the stylesheet and the deferred script (otherwise the
  first share bar of the page includes them);
- ``{% socialshop_share obj %}``: the share bar of ``obj`` (any object that
  :func:`socialshop.services.meta.describe` knows). Options: ``networks="pinterest,facebook"`` (a subset,
  in that order), ``campaign=sale.slug`` (``utm_campaign``, default "share"), ``heading="…"``,
  ``show_heading=True``;
- ``<img … {% socialshop_pin_attrs product image %}>``: Pinterest's data-pin-* attributes for a product
  image (``image`` an Oscar ProductImage; omitted: the product's primary image), or data-pin-nopin.

The page-level ``<meta name="pinterest" content="nopin">`` comes with ``{% socialshop_meta %}``.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..conf import settings
from ..services import pin, share, share_links
from ..services.meta import describe

register = template.Library()
NOPIN_ATTRS = mark_safe('data-pin-nopin="true"')


def _claim_assets(context):
    """True the first time on a request: the assets are then included, and never twice."""
    request = context.get("request")
    if request is None:
        return True
    if getattr(request, "_socialshop_share_assets", False):
        return False
    request._socialshop_share_assets = True
    return True


@register.simple_tag(takes_context=True)
def socialshop_share_assets(context):
    return render_to_string("socialshop/share/assets.html") if _claim_assets(context) else ""


@register.inclusion_tag("socialshop/share/buttons.html", takes_context=True)
def socialshop_share(context, obj, networks="", campaign="share", heading=None, show_heading=False):
    request = context.get("request")
    codes = [code.strip() for code in networks.split(",") if code.strip()] or None
    page = share_links.shared_page(obj, request, campaign)
    buttons = share_links.share_buttons(obj, page, codes)
    if pin.is_nopin(describe(obj, request), context):  # the page asks not to be pinned: no Pinterest button
        buttons = [button for button in buttons if button.network.code != "pinterest"]
    return {
        "buttons": buttons,
        "page": page,
        "heading": heading or _("Share"),
        "show_heading": show_heading,
        "include_assets": bool(buttons) and _claim_assets(context),
    }


@register.simple_tag(takes_context=True)
def socialshop_pin_attrs(context, obj, image=None):
    request = context.get("request")
    meta = describe(obj, request)
    if pin.is_nopin(meta, context):
        return NOPIN_ATTRS
    if image is None:
        media_url = meta.pinterest_image.url
    else:
        media = pin.image_for(image, meta.pinterest_image.alt, request)
        if media is None:  # Oscar's "missing image" placeholder, or an image that cannot be cropped
            return NOPIN_ATTRS
        media_url = media.url
    page = share_links.shared_page(obj, request, image_url=media_url)
    attrs = [
        ("data-pin-media", media_url),
        ("data-pin-description", share.pinterest_description(page)),
        ("data-pin-url", share.utm_url(page.url, "pinterest", page.campaign)),
    ]
    if settings.PIN_BUTTON and share.get_network("pinterest"):
        token = share_links.make_token(obj, page)
        attrs.append(("data-socialshop-pin", share_links.click_url("pinterest", token)))
        attrs.append(("data-socialshop-pin-label", _("Pin it")))
    return format_html_join(" ", '{}="{}"', attrs)
