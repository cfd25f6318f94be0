from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialshopConfig(AppConfig):
    name = "socialshop"
    label = "socialshop"
    verbose_name = _("Social shop")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .services import catalogue_meta

        catalogue_meta.register_describers()  # social metadata of Oscar products and categories
        from .services import attribution

        attribution.connect_signals()  # social ROI: order placed, refunds, cancellations, login
