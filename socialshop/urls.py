from django.urls import path

from .views import appinstall, share

app_name = "socialshop"
urlpatterns = [
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
]
