from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sandbox.demo"
    label = "sandbox_demo"
    verbose_name = "Demo data and demo social login"
