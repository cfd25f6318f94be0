"""``{% load socialshop_cms %}``:

- ``{% socialshop_cms_assets %}``: the blocks' stylesheet and script. Put it in the page's ``<head>``;
  otherwise the first shop block of the page includes them (never twice).
- ``{% socialshop_cms_script "path.js" %}``: a deferred static script, once per page.
"""

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def socialshop_cms_assets(context):
    request = context.get("request")
    if request is not None:
        if getattr(request, "_socialshop_cms_assets", False):
            return ""
        request._socialshop_cms_assets = True
    return render_to_string("socialshop_cms/assets.html")


@register.simple_tag(takes_context=True)
def socialshop_cms_script(context, path):
    """``<script src=… defer>`` for a static file, once per request however many blocks ask for it."""
    request = context.get("request")
    if request is not None:
        included = request.__dict__.setdefault("_socialshop_cms_scripts", set())
        if path in included:
            return ""
        included.add(path)
    return format_html('<script src="{}" defer></script>', static(path))
