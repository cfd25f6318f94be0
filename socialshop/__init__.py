"""socialshop: social commerce for django-oscar stores."""

__version__ = "0.1.0"
