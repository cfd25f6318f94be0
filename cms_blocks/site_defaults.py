"""Site defaults from the Wagtail site setting, for :func:`socialshop.services.meta.site_defaults`.

Read on every page that carries social metadata, so the values are cached per host (no query once warm)
and the whole cache is invalidated by bumping a generation number whenever a setting, a Wagtail site or
an image changes.
"""

from django.core.cache import cache
from wagtail.models import Site

from socialshop.services import images

from .images import rendition_image

GENERATION_KEY = "socialshop_cms:site_defaults:generation"
TIMEOUT = 3600


def for_request(request):
    if request is None:
        return {}
    generation = cache.get_or_set(GENERATION_KEY, 1, None)
    key = f"socialshop_cms:site_defaults:{generation}:{request.get_host()}"
    values = cache.get(key)
    if values is None:
        values = _load(request)
        cache.set(key, values, TIMEOUT)
    return values


def invalidate(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not cached yet (or evicted): any new number will do
        cache.set(GENERATION_KEY, 2, None)


def _load(request):
    from .models import SocialMetaSettings

    site = Site.find_for_request(request)
    if site is None:
        return {}
    setting = SocialMetaSettings.base_queryset().filter(site=site).select_related("default_image").first()
    if setting is None:
        return {}
    alt = setting.site_name or site.site_name or ""
    return {
        "site_name": setting.site_name,
        "description": setting.description,
        "twitter_site": setting.twitter_site,
        "facebook_app_id": setting.facebook_app_id,
        "image": rendition_image(setting.default_image, images.OPEN_GRAPH, alt, request),
        "pinterest_image": rendition_image(setting.default_image, images.PINTEREST, alt, request),
    }
