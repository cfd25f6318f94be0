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

        from .flashsale_views import (
            SaleCalendarFeedView,
            SaleCalendarView,
            SaleCreateView,
            SaleListView,
            SaleStatusView,
            SaleUpdateView,
        )
        from .flyer import FlyerView

        urls = [
            path("flyer/", FlyerView.as_view(), name="flyer"),
            path("flash-sales/", SaleListView.as_view(), name="flashsale-list"),
            path("flash-sales/new/", SaleCreateView.as_view(), name="flashsale-create"),
            path("flash-sales/<int:pk>/", SaleUpdateView.as_view(), name="flashsale-update"),
            path("flash-sales/<int:pk>/status/", SaleStatusView.as_view(), name="flashsale-status"),
            path("flash-sales/calendar.ics", SaleCalendarFeedView.as_view(), name="flashsale-ics"),
            path("flash-sales/calendar/", SaleCalendarView.as_view(), name="flashsale-calendar"),
        ]
        return self.post_process_urls(urls)
