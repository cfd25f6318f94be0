from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarConfig


class SocialshopOscarConfig(OscarConfig):
    name = "oscar_ext"
    default = True  # apps.py also imports OscarConfig, so Django must be told which one
    label = "socialshop_oscar"
    verbose_name = _("Social shop for Oscar")
    default_auto_field = "django.db.models.BigAutoField"
