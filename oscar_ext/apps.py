from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarConfig


class SocialshopOscarConfig(OscarConfig):
    name = "oscar_ext"
    default = True  # apps.py also imports OscarConfig, so Django must be told which one
    label = "socialshop_oscar"
    verbose_name = _("Social shop for Oscar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401  (registers the flash-sale wiring checks)

        self._connect_flash_sales()

    def _connect_flash_sales(self):
        from django.db.models.signals import post_delete, post_save
        from oscar.core.loading import get_model

        from socialshop.models import FlashSale

        from . import flashsales

        Line = get_model("basket", "Line")
        post_save.connect(flashsales.on_sale_saved, sender=FlashSale, dispatch_uid="socialshop_flash_offer")
        post_delete.connect(
            flashsales.on_sale_deleted, sender=FlashSale, dispatch_uid="socialshop_flash_offer"
        )
        post_save.connect(flashsales.on_line_saved, sender=Line, dispatch_uid="socialshop_flash_line")
        post_delete.connect(flashsales.on_line_deleted, sender=Line, dispatch_uid="socialshop_flash_line")
