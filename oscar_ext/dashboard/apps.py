from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class SocialshopDashboardConfig(OscarDashboardConfig):
    """Mounted by the project under ``dashboard/social/`` (see the README); staff only by default."""

    default = True  # apps.py also imports OscarDashboardConfig, so Django must be told which one
    label = "socialshop_dashboard"
    name = "oscar_ext.dashboard"
    verbose_name = _("Social shop dashboard")
    namespace = "socialshop_dashboard"

    default_permissions = ["is_staff"]

    def get_urls(self):
        from django.urls import path

        from .flyer import FlyerView

        urls = [
            path("flyer/", FlyerView.as_view(), name="flyer"),
        ]
        return self.post_process_urls(urls)
