"""Settings of the socialshop demo store: Oscar, Wagtail and social-auth in one project."""

import os
from pathlib import Path

import dj_database_url
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings are meant to be star-imported)

SANDBOX_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SANDBOX_VAR_DIR", SANDBOX_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "sandbox-only-not-secret")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

# --- Database: SQLite file by default, anything dj-database-url understands through DATABASE_URL ----------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SANDBOX_DIR / 'db.sqlite3'}", conn_max_age=0 if DEBUG else 60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Without these, concurrent requests get "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, process memory otherwise ------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    # Oscar
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "sandbox.shop.checkout.CheckoutConfig",  # Oscar's checkout + socialshop's order-placement checks
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "oscar.apps.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail (the brand blog), without the project template's "search" app (its label clashes with Oscar's).
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Social login
    "social_django",
    # Background tasks (django-tasks: Django 6's django.tasks API)
    "django_tasks",
    # socialshop
    "socialshop",
    "oscar_ext",
    "oscar_ext.dashboard",
    "cms_blocks",
    # The demo store's own apps
    "sandbox.shop",
    "sandbox.blog",
    "sandbox.demo",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "socialshop.middleware.AttributionMiddleware",  # social ROI: where visitors come from (docs/roi.md)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "social_django.middleware.SocialAuthExceptionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "sandbox.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SANDBOX_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "social_django.context_processors.backends",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    }
]

WSGI_APPLICATION = "sandbox.wsgi.application"

AUTHENTICATION_BACKENDS = [
    "oscar.apps.customer.auth_backends.EmailBackend",
    "sandbox.demo.backends.DemoSocialAuth",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Internationalisation -----------------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# The demo store's own texts (its templates, these settings, its apps): `make messages` fills sandbox/locale.
LOCALE_PATHS = [SANDBOX_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SANDBOX_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("SANDBOX_MEDIA_ROOT", SANDBOX_DIR / "media"))

# --- Email: written to files, never sent (Oscar mails every order; SMTP to nowhere would fail checkout) -----
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "emails"
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL = "boutique@example.fr"

# --- Background tasks: run inline in the sandbox; production picks a real backend ---------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Oscar --------------------------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "Maison Lumière"
OSCAR_SHOP_TAGLINE = _("Fashion and home, made in France")
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_HOMEPAGE = reverse_lazy("home")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
# Oscar's catalogue pages list products through Haystack; Haystack's "simple" engine answers nothing without a
# query, so the sandbox keeps a small Whoosh index (pure Python), updated as products are saved.
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": os.environ.get("SANDBOX_SEARCH_INDEX", str(VAR_DIR / "whoosh_index")),
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.RealtimeSignalProcessor"
THUMBNAIL_DEBUG = False
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# --- Wagtail ------------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = OSCAR_SHOP_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# The admin must not call third parties either: no release check, no Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

# --- Social auth --------------------------------------------------------------------------------------------
LOGIN_URL = reverse_lazy("customer:login")
LOGIN_REDIRECT_URL = "/"
SOCIAL_AUTH_URL_NAMESPACE = "social"
SOCIAL_AUTH_JSONFIELD_ENABLED = True
SOCIAL_AUTH_LOGIN_REDIRECT_URL = "/"
SOCIAL_AUTH_REDIRECT_IS_HTTPS = False
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_names",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "social_core.pipeline.social_auth.social_user",
    "social_core.pipeline.user.get_username",
    "social_core.pipeline.user.create_user",
    "social_core.pipeline.social_auth.associate_user",
    "social_core.pipeline.social_auth.load_extra_data",
    "social_core.pipeline.user.user_details",
    "socialshop.pipeline.record_fan",  # fan-only flash sales: remember which networks the customer connected
)
SOCIAL_AUTH_DISCONNECT_PIPELINE = (
    "social_core.pipeline.disconnect.allowed_to_disconnect",
    "social_core.pipeline.disconnect.get_entries",
    "social_core.pipeline.disconnect.revoke_tokens",
    "social_core.pipeline.disconnect.disconnect",
    "socialshop.pipeline.forget_fan",  # a disconnected network no longer makes a fan
)
# Real networks are switched on by their keys in the environment, e.g. SOCIAL_AUTH_FACEBOOK_KEY.
SOCIAL_PROVIDERS = {
    "FACEBOOK": "social_core.backends.facebook.FacebookOAuth2",
    "TWITTER": "social_core.backends.twitter_oauth2.TwitterOAuth2",
    "PINTEREST": "social_core.backends.pinterest.PinterestOAuth2",
    "INSTAGRAM": "social_core.backends.instagram.InstagramOAuth2",
    "LINKEDIN_OAUTH2": "social_core.backends.linkedin.LinkedinOAuth2",
}
for _prefix, _backend in SOCIAL_PROVIDERS.items():
    if os.environ.get(f"SOCIAL_AUTH_{_prefix}_KEY"):
        globals()[f"SOCIAL_AUTH_{_prefix}_KEY"] = os.environ[f"SOCIAL_AUTH_{_prefix}_KEY"]
        globals()[f"SOCIAL_AUTH_{_prefix}_SECRET"] = os.environ.get(f"SOCIAL_AUTH_{_prefix}_SECRET", "")
        AUTHENTICATION_BACKENDS.insert(-1, _backend)

# --- socialshop ---------------------------------------------------------------------------------------------
SOCIALSHOP_TWITTER_SITE = "@maisonlumiere"
SOCIALSHOP_FACEBOOK_APP_ID = "000000000000000"  # demo value: replace with the shop's own app id
SOCIALSHOP_SITE_URL = os.environ.get("SITE_URL", "")
# App install (docs/app-install.md): well-formed demo ids, so every tag, file and the banner show. No such
# app exists: replace them all with the shop's own.
SOCIALSHOP_APP_NAME = "Maison Lumière"
SOCIALSHOP_APP_IOS_ID = "1234567890"
SOCIALSHOP_APP_IOS_TEAM_ID = "ABCDE12345"
SOCIALSHOP_APP_IOS_BUNDLE_ID = "fr.maisonlumiere.app"
SOCIALSHOP_APP_ANDROID_PACKAGE = "fr.maisonlumiere.app"
SOCIALSHOP_APP_ANDROID_SHA256_FINGERPRINTS = [
    "17:26:6E:76:C3:C8:9B:82:C6:E5:8D:FF:7B:27:AC:77:C1:C3:03:0F:B8:2F:4D:C2:59:AA:AB:43:B7:C9:57:E6"
]
SOCIALSHOP_APP_DEEP_LINK_SCHEME = "maisonlumiere"
SOCIALSHOP_APP_PATHS = ["/catalogue/*", "/flash-sales/*", "/blog/*"]
SOCIALSHOP_APP_COUNTRY = "FR"
SOCIALSHOP_APP_ICON = "sandbox/app-icon.png"

# socialshop's subclasses of a few Oscar classes (e.g. a "Shares" column in the product list), no fork.
OSCAR_DYNAMIC_CLASS_LOADER = "oscar_ext.loading.class_loader"

# One "Social" menu in Oscar's dashboard for socialshop's pages (each feature appends its child here).
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405  (from oscar.defaults)
    {
        "label": _("Social"),
        "icon": "fas fa-share-alt",
        "children": [
            {"label": _("Sharing debugger"), "url_name": "socialshop_dashboard:debugger"},
            {"label": _("App flyer"), "url_name": "socialshop_dashboard:flyer"},
            {"label": _("Flash sales"), "url_name": "socialshop_dashboard:flashsale-list"},
            {"label": _("Flash sale calendar"), "url_name": "socialshop_dashboard:flashsale-calendar"},
            {"label": _("Social ROI"), "url_name": "socialshop_dashboard:roi-report"},
            {"label": _("Share clicks"), "url_name": "socialshop_dashboard:share-report"},
            {"label": _("Click & collect"), "url_name": "socialshop_dashboard:pickups"},
        ],
    },
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"socialshop": {"handlers": ["console"], "level": "INFO"}},
}
