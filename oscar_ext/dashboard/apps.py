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
    permissions_map = {
        # Social ROI (docs/roi.md): sales figures, for staff given the permission (or superusers).
        "roi-report": ["is_staff", "socialshop.view_orderattribution"],
        "roi-flashsale": ["is_staff", "socialshop.view_orderattribution"],
    }

    def get_urls(self):
        from django.urls import path

        from .debugger_views import SharingDebuggerView  # views import models: not before apps are ready
        from .flashsale_views import (
            SaleCalendarFeedView,
            SaleCalendarView,
            SaleCreateView,
            SaleListView,
            SaleStatusView,
            SaleUpdateView,
        )
        from .flyer import FlyerView
        from .pickup_views import PickupActionView, PickupListView
        from .roi_views import FlashSaleResultsView, RoiReportView
        from .share_views import ShareReportView

        urls = [
            path("debugger/", SharingDebuggerView.as_view(), name="debugger"),
            path("flyer/", FlyerView.as_view(), name="flyer"),
            path("pickups/", PickupListView.as_view(), name="pickups"),
            path("pickups/<int:pk>/<slug:action>/", PickupActionView.as_view(), name="pickup-action"),
            path("roi/", RoiReportView.as_view(), name="roi-report"),
            path("shares/", ShareReportView.as_view(), name="share-report"),
            path("roi/flash-sales/<int:pk>/", FlashSaleResultsView.as_view(), name="roi-flashsale"),
            path("flash-sales/", SaleListView.as_view(), name="flashsale-list"),
            path("flash-sales/new/", SaleCreateView.as_view(), name="flashsale-create"),
            path("flash-sales/<int:pk>/", SaleUpdateView.as_view(), name="flashsale-update"),
            path("flash-sales/<int:pk>/status/", SaleStatusView.as_view(), name="flashsale-status"),
            path("flash-sales/calendar.ics", SaleCalendarFeedView.as_view(), name="flashsale-ics"),
            path("flash-sales/calendar/", SaleCalendarView.as_view(), name="flashsale-calendar"),
        ]
        return self.post_process_urls(urls)
