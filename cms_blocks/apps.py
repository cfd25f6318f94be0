from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialshopCmsConfig(AppConfig):
    name = "cms_blocks"
    label = "socialshop_cms"
    verbose_name = _("Social shop blocks for Wagtail")
    default_auto_field = "django.db.models.BigAutoField"
