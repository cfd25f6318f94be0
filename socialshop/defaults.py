"""Default values of every ``SOCIALSHOP_*`` setting.

A project overrides any of them in its settings module with the ``SOCIALSHOP_`` prefix, e.g.
``SOCIALSHOP_TWITTER_SITE = "@maboutique"``. Values are read at use time through
:mod:`socialshop.conf`, so ``override_settings`` works in tests.
"""

# --- Shop identity, used by the social metadata --------------------------------------------------------
#: Name shown as ``og:site_name`` and in schema.org ``Organization``; empty means ``OSCAR_SHOP_NAME``.
SITE_NAME = ""
#: Absolute URL of the shop (scheme + host, no trailing slash) used to build absolute links outside a
#: request (emails, management commands). Empty means "use the request's host".
SITE_URL = ""
#: Path (under STATIC_URL) or absolute URL of the image used when a page has none of its own.
DEFAULT_IMAGE = "socialshop/img/default-share.png"
#: Size of DEFAULT_IMAGE in pixels, so crawlers need not download it to know it.
DEFAULT_IMAGE_SIZE = (1200, 630)
#: Facebook app id for ``fb:app_id``; empty to omit the tag.
FACEBOOK_APP_ID = ""
#: Emit Twitter/X card tags.
TWITTER_CARDS = True
#: The shop's X handle for ``twitter:site`` (``@`` included). Required when TWITTER_CARDS is on.
TWITTER_SITE = ""
#: Default ``twitter:card`` type.
TWITTER_CARD_TYPE = "summary_large_image"
#: Condition of the goods sold (``new``, ``refurbished`` or ``used``) for product tags.
PRODUCT_CONDITION = "new"
#: Product attribute code holding the brand; empty to use BRAND_DEFAULT for every product.
BRAND_ATTRIBUTE = "brand"
#: Brand used when a product has no brand attribute; empty means the site name.
BRAND_DEFAULT = ""
#: Languages announced as ``og:locale`` / ``og:locale:alternate``: Django language code -> OG locale.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
#: Set to True on a page (context variable ``socialshop_nopin``) or globally to forbid pinning.
NOPIN = False
#: Emit the social metadata (canonical link, Open Graph, X cards, JSON-LD) where ``{% socialshop_meta %}``
#: is placed. False makes the tag render nothing, e.g. when another package already writes these tags.
META_TAGS = True
