from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialshopCmsConfig(AppConfig):
    name = "cms_blocks"
    label = "socialshop_cms"
    verbose_name = _("Social shop blocks for Wagtail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model
        from wagtail.models import Site

        from socialshop.services import appinstall, meta

        from . import app_settings, describers, site_defaults
        from .models import SocialMetaSettings

        describers.register()  # social metadata of any Wagtail page
        meta.register_site_defaults(site_defaults.for_request)
        for model in (SocialMetaSettings, Site, get_image_model()):  # a change may alter the defaults
            uid = f"socialshop_cms_site_defaults_{model._meta.label}"
            post_save.connect(site_defaults.invalidate, sender=model, dispatch_uid=uid)
            post_delete.connect(site_defaults.invalidate, sender=model, dispatch_uid=uid)
        appinstall.register_override_provider(app_settings.for_request)  # Settings > Mobile app, per site
        for model in (app_settings.AppInstallSettings, Site):
            uid = f"socialshop_cms_app_settings_{model._meta.label}"
            post_save.connect(app_settings.invalidate, sender=model, dispatch_uid=uid)
            post_delete.connect(app_settings.invalidate, sender=model, dispatch_uid=uid)
