"""``{% load socialshop_cms %}``: ``{% socialshop_cms_assets %}`` renders the blocks' stylesheet and script.

Put it in the page's ``<head>``; otherwise the first shop block of the page includes them (never twice).
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def socialshop_cms_assets(context):
    request = context.get("request")
    if request is not None:
        if getattr(request, "_socialshop_cms_assets", False):
            return ""
        request._socialshop_cms_assets = True
    return render_to_string("socialshop_cms/assets.html")
