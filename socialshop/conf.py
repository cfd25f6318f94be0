"""Lazy access to the ``SOCIALSHOP_*`` settings.

``from socialshop.conf import settings`` then ``settings.TWITTER_SITE`` reads
``django.conf.settings.SOCIALSHOP_TWITTER_SITE`` at that moment, falling back to
:mod:`socialshop.defaults`. Nothing is cached, so ``override_settings`` takes effect at once.
"""

from django.conf import settings as django_settings

from . import defaults

PREFIX = "SOCIALSHOP_"


def setting_names():
    """The names (without prefix) of every socialshop setting."""
    return [name for name in dir(defaults) if name.isupper()]


class SocialshopSettings:
    def __getattr__(self, name):
        if not name.isupper() or not hasattr(defaults, name):
            raise AttributeError(f"{PREFIX}{name} is not a socialshop setting")
        return getattr(django_settings, PREFIX + name, getattr(defaults, name))


settings = SocialshopSettings()
