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

from functools import partial

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..conf import settings
from ..services import pin, share, share_links
from ..services.meta import describe

register = template.Library()
NOPIN_ATTRS = mark_safe('data-pin-nopin="true"')
ASSETS_TEMPLATE = "socialshop/share/assets.html"
#: How long a rendered share bar stays in the cache (its key changes whenever its content would).
FRAGMENT_SECONDS = 6 * 3600


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
    return render_to_string(ASSETS_TEMPLATE) if _claim_assets(context) else ""


@register.inclusion_tag("socialshop/share/buttons.html", takes_context=True)
def socialshop_share(context, obj, networks="", campaign="share", heading=None, show_heading=False):
    request = context.get("request")
    codes = [code.strip() for code in networks.split(",") if code.strip()] or None
    page = share_links.shared_page(obj, request, campaign)
    selected = share_links.select_networks(codes)
    if pin.is_nopin(describe(obj, request), context):  # the page asks not to be pinned: no Pinterest button
        selected = [network for network in selected if network.code != "pinterest"]
    token = share_links.make_token(obj, page)
    heading = heading or _("Share")
    return {
        "networks": selected,
        # Built only when the bar is not in the cache yet (the template calls it inside {% cache %}).
        "buttons": partial(share_links.buttons_for, selected, page, token),
        "page": page,
        "heading": heading,
        "show_heading": show_heading,
        "include_assets": bool(selected) and _claim_assets(context),
        "cache_timeout": FRAGMENT_SECONDS,
        # The bar depends on nothing else: the token signs the object and its page (title, URL, image,
        # campaign), so a changed product is a new key at once.
        "fragment_key": "|".join(
            [
                translation.get_language() or "",
                str(heading),
                str(show_heading),
                token,
                ",".join(network.code for network in selected),
                repr(sorted(settings.SHARE_LABELS.items())),
            ]
        ),
    }


@register.simple_tag(takes_context=True)
def socialshop_pin_attrs(context, obj, image=None):
    request = context.get("request")
    meta = describe(obj, request)
    if pin.is_nopin(meta, context):
        return NOPIN_ATTRS
    if image is None or _is_primary(obj, image):  # the metadata has its crop already
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


def _is_primary(product, image):
    primary = product.primary_image() if hasattr(product, "primary_image") else None
    return getattr(primary, "pk", None) is not None and primary.pk == getattr(image, "pk", None)
