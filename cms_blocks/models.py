"""The Wagtail site setting holding socialshop's site-level social defaults (Settings > Social sharing)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import register_setting


@register_setting(icon="globe")
class SocialMetaSettings(BaseSiteSetting):
    """Overrides the SOCIALSHOP_* defaults for one Wagtail site; an empty field keeps the setting's value."""

    site_name = models.CharField(
        _("site name"),
        max_length=100,
        blank=True,
        help_text=_("Shown as og:site_name. Empty: the shop name."),
    )
    description = models.CharField(
        _("default description"),
        max_length=300,
        blank=True,
        help_text=_("Used for pages that have no description of their own."),
    )
    twitter_site = models.CharField(
        _("shop's X handle"),
        max_length=16,
        blank=True,
        validators=[
            RegexValidator(
                r"^@[A-Za-z0-9_]{1,15}$", _('Enter "@" followed by 1 to 15 letters, digits or underscores.')
            )
        ],
        help_text=_('For example "@maboutique".'),
    )
    facebook_app_id = models.CharField(
        _("Facebook app id"),
        max_length=32,
        blank=True,
        validators=[RegexValidator(r"^[0-9]+$", _("A Facebook app id is made of digits only."))],
    )
    default_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a shared page has no image of its own; at least 1200×630 pixels works best."),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("description"),
        FieldPanel("twitter_site"),
        FieldPanel("facebook_app_id"),
        FieldPanel("default_image"),
    ]

    class Meta:
        verbose_name = _("social sharing")


from .app_settings import AppInstallSettings  # noqa: E402, F401  (Settings > Mobile app)
