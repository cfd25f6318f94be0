from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarConfig


class SocialshopOscarConfig(OscarConfig):
    name = "oscar_ext"
    label = "socialshop_oscar"
    verbose_name = _("Social shop for Oscar")
    default_auto_field = "django.db.models.BigAutoField"
