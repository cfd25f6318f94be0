from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "sandbox.shop"
    label = "sandbox_shop"
