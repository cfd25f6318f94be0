from django.urls import include, path

from .views import appinstall, share
from .views import attribution as attribution_views
from .views import flashsales as flashsale_views

app_name = "socialshop"
urlpatterns = [
    path("", include("socialshop.store_urls")),  # click and collect (docs/click-and-collect.md)
    # Fan-only flash sales (docs/flash-sales.md)
    path("flash-sales/<slug:slug>/", flashsale_views.sale_detail, name="flashsale-detail"),
    path("flash-sales/<slug:slug>/status.json", flashsale_views.sale_status, name="flashsale-status"),
    path("flash-sales/<slug:slug>/unlock/<str:token>/", flashsale_views.unlock, name="flashsale-unlock"),
    path("share/<slug:network>/<str:token>/", share.share_click, name="share"),
    # App install (docs/app-install.md): association files at the exact paths Apple and Google fetch.
    path(
        ".well-known/apple-app-site-association",
        appinstall.apple_app_site_association,
        name="apple-app-site-association",
    ),
    path(".well-known/assetlinks.json", appinstall.assetlinks, name="assetlinks"),
    path("manifest.webmanifest", appinstall.manifest, name="manifest"),
    path("app/", appinstall.landing, name="app-landing"),
    path("app/go/", appinstall.app_link, name="app-go"),
    path("app/qr.svg", appinstall.qr_code, name="app-qr"),
    # Social ROI (docs/roi.md): the consent banner's hook.
    path("attribution/consent/", attribution_views.consent, name="attribution-consent"),
]
