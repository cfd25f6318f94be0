from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "sandbox.blog"
    label = "blog"
    default_auto_field = "django.db.models.BigAutoField"
