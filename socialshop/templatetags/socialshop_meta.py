"""``{% socialshop_meta %}``: a page's Open Graph, X card, Pinterest and schema.org metadata.

Put it in the ``<head>`` (Oscar's ``extrahead`` block)::

    {% load socialshop_meta %}
    <html prefix="{% socialshop_og_prefix %}"> ...
    {% block extrahead %}{{ block.super }}{% socialshop_meta %}{% endblock %}

Without an argument it describes the first describable ``product``, ``category``, ``page`` or ``object``
of the context, else the page itself as part of the site; ``{% socialshop_meta obj %}`` describes ``obj``.
"""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from ..conf import settings
from ..services import meta as meta_service
from ..services import schema

register = template.Library()

#: Context variables searched, in this order, for the object a page is about.
SUBJECT_NAMES = ("product", "category", "page", "object")
#: Open Graph prefixes used by socialshop's tags, for a ``prefix`` attribute on <html> or <head>.
OG_PREFIX = (
    "og: https://ogp.me/ns# fb: https://ogp.me/ns/fb# product: https://ogp.me/ns/product# "
    "article: https://ogp.me/ns/article# al: https://ogp.me/ns/fb/app#"
)


def find_subject(context):
    """The object the page is about: the first describable one among SUBJECT_NAMES, else None."""
    for name in SUBJECT_NAMES:
        candidate = context.get(name)
        if candidate is not None and meta_service.is_describable(candidate):
            return candidate
    return None


@register.simple_tag(takes_context=True)
def socialshop_meta(context, obj=None):
    request = context.get("request")
    if request is None or not settings.META_TAGS:
        return ""
    meta = meta_service.describe(obj if obj is not None else find_subject(context), request)
    return get_template("socialshop/meta/all.html").render(
        {
            "meta": meta,
            "jsonld": [mark_safe(schema.script_json(doc)) for doc in schema.documents(meta, request)],
            "twitter_cards": settings.TWITTER_CARDS,
            "nopin": meta.nopin or bool(context.get("socialshop_nopin")),
        }
    )


@register.simple_tag
def socialshop_og_prefix():
    return OG_PREFIX
