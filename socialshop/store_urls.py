"""Click-and-collect pages, included by :mod:`socialshop.urls` (their names are in its namespace)."""

from django.urls import path

from .views import stores

urlpatterns = [
    path("stores/", stores.store_locator, name="store-locator"),
    path("stores/availability/", stores.availability_json, name="store-availability"),
    path("stores/availability/list/", stores.availability_page, name="store-availability-page"),
    path("stores/choose/", stores.choose_store, name="store-choose"),
    path("stores/<slug:slug>/", stores.store_detail, name="store-detail"),
]
