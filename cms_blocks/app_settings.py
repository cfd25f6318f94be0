"""The Wagtail site setting for the shop's mobile app (Settings > Mobile app), one per Wagtail site.

Any field filled in replaces the matching ``SOCIALSHOP_APP_*`` setting for that site's pages, association
files and banner (an empty field keeps the setting). The form refuses what the system check would refuse.
Values are cached per host and the cache is dropped whenever a setting or a site changes.
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import register_setting
from wagtail.models import Site

from socialshop.services import appinstall

GENERATION_KEY = "socialshop_cms:app_settings:generation"
TIMEOUT = 3600
BANNER_CHOICES = [("", _("As in the settings")), ("on", _("Shown")), ("off", _("Hidden"))]
LINES = ("android_fingerprints", "paths")


@register_setting(icon="mobile-alt")
class AppInstallSettings(BaseSiteSetting):
    name = models.CharField(_("app name"), max_length=60, blank=True)
    ios_id = models.CharField(
        _("App Store id"),
        max_length=12,
        blank=True,
        help_text=_("The digits of apps.apple.com/app/id123456789."),
    )
    ios_team_id = models.CharField(_("Apple team id"), max_length=10, blank=True)
    ios_bundle_id = models.CharField(_("iOS bundle id"), max_length=155, blank=True)
    android_package = models.CharField(_("Google Play package"), max_length=155, blank=True)
    android_fingerprints = models.TextField(
        _("Android signing fingerprints"),
        blank=True,
        help_text=_("SHA-256, one per line (AB:CD:…), the Play app signing key's included."),
    )
    deep_link_scheme = models.CharField(_("deep-link scheme"), max_length=40, blank=True)
    universal_link_base = models.CharField(_("universal link base"), max_length=200, blank=True)
    paths = models.TextField(
        _("paths the app opens"), blank=True, help_text=_("One per line; “*” matches anything: /catalogue/*")
    )
    country = models.CharField(_("App Store country"), max_length=2, blank=True)
    banner = models.CharField(_("install banner"), max_length=3, blank=True, choices=BANNER_CHOICES)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("ios_id"),
                FieldPanel("ios_team_id"),
                FieldPanel("ios_bundle_id"),
                FieldPanel("country"),
            ],
            heading="iOS",
        ),
        MultiFieldPanel(
            [FieldPanel("android_package"), FieldPanel("android_fingerprints")], heading="Android"
        ),
        MultiFieldPanel(
            [FieldPanel("deep_link_scheme"), FieldPanel("universal_link_base"), FieldPanel("paths")],
            heading=_("Links"),
        ),
        FieldPanel("banner"),
    ]

    class Meta:
        verbose_name = _("mobile app")

    def overrides(self):
        """The filled-in fields, as :func:`socialshop.services.appinstall.get_config` takes them."""
        values = {}
        for name in appinstall.SETTING_NAMES:
            if not hasattr(self, name) or name == "banner":
                continue
            value = getattr(self, name)
            if name in LINES:
                value = [line.strip() for line in value.splitlines() if line.strip()]
            if value:
                values[name] = value
        if self.banner:
            values["banner"] = self.banner == "on"
        return values

    def clean(self):
        super().clean()
        merged = appinstall.config_from_settings()
        values = {name: getattr(merged, name) for name in appinstall.SETTING_NAMES}
        values.update(self.overrides())
        errors = {}
        for problem in appinstall.validate(appinstall.build_config(values)):
            if problem.warning:
                continue
            field = problem.field if problem.field in self.overrides() else None
            errors.setdefault(field or "__all__", []).append(f"{problem.message} {problem.hint}")
        if errors:
            raise ValidationError(errors)


def for_request(request):
    """Override provider for :mod:`socialshop.services.appinstall` (registered in apps.py)."""
    if request is None:
        return {}
    generation = cache.get_or_set(GENERATION_KEY, 1, None)
    key = f"socialshop_cms:app_settings:{generation}:{request.get_host()}"
    values = cache.get(key)
    if values is None:
        site = Site.find_for_request(request)
        setting = AppInstallSettings.base_queryset().filter(site=site).first() if site else None
        values = setting.overrides() if setting else {}
        cache.set(key, values, TIMEOUT)
    return values


def invalidate(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not cached yet (or evicted): any new number will do
        cache.set(GENERATION_KEY, 2, None)
