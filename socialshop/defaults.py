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

# --- Share and Pin-it buttons (docs/share.md) -----------------------------------------------------------
#: Share buttons shown, in this order. Known: native (the device's share sheet, only where the browser
#: has one), facebook, x, pinterest, linkedin, whatsapp, telegram, bluesky, mastodon, email, copy.
SHARE_NETWORKS = [
    "native", "facebook", "x", "pinterest", "linkedin", "whatsapp", "telegram", "bluesky", "mastodon",
    "email", "copy",
]  # fmt: skip
#: Button labels replacing the built-in ones, by network code, e.g. {"x": "Post on X"}.
SHARE_LABELS = {}
#: Hashtags (without "#") added to posts on X.
SHARE_HASHTAGS = []
#: Repeated clicks from one visitor on the same object and network within this many seconds count once.
SHARE_DEDUP_SECONDS = 1800
#: Regular expressions (case-insensitive) of User-Agents whose clicks are not counted (crawlers, link
#: previewers, scripts). They are still redirected. An empty User-Agent never counts either.
SHARE_BOT_USER_AGENTS = [
    r"bot\b", r"bot/", r"crawl", r"spider", r"slurp", r"facebookexternalhit", r"facebookcatalog",
    r"embedly", r"preview", r"^whatsapp/", r"curl/", r"wget", r"python-",
    r"httpx", r"go-http-client", r"okhttp", r"java/", r"libwww", r"scrapy", r"lighthouse", r"pingdom",
]  # fmt: skip
#: Show our own "Pin it" button over pinnable images on hover or keyboard focus (needs share.js).
PIN_BUTTON = True
#: Code of a boolean product attribute that, when true, forbids pinning that product (its images get
#: data-pin-nopin and its page <meta name="pinterest" content="nopin">). Empty: no per-product opt-out.
NOPIN_ATTRIBUTE = "nopin"

# --- Click and collect (docs/click-and-collect.md) ------------------------------------------------------
#: Units kept back in every store (display errors, damaged goods): available = in stock − reserved − buffer.
STORE_SAFETY_BUFFER = 0
#: At or below this many available units a store shows "low stock".
STORE_LOW_STOCK_THRESHOLD = 3
#: Hide exact counts from shoppers: the lookup answers ``num_available: null`` and pages say "in stock".
STORE_HIDE_EXACT_COUNT = False
#: Search radius of the store lookup when the request gives none, in kilometres.
STORE_DEFAULT_RADIUS_KM = 50
#: Largest radius a shopper may ask for, in kilometres.
STORE_MAX_RADIUS_KM = 300
#: Number of stores the lookup returns when the request gives no ``limit``.
STORE_DEFAULT_LIMIT = 5
#: Largest ``limit`` a shopper may ask for.
STORE_MAX_LIMIT = 20
#: Lookups allowed per client (IP address) per STORE_RATE_LIMIT_WINDOW seconds; 0 turns the limit off.
STORE_RATE_LIMIT = 60
#: Length of the rate-limit window, in seconds.
STORE_RATE_LIMIT_WINDOW = 60
#: Country (ISO 3166-1 alpha-2) assumed for a postcode or town typed without one.
STORE_DEFAULT_COUNTRY = "FR"
#: Dotted path of the geocoder class turning a postcode or town (``q``) into coordinates. The default works
#: offline (imported GeoNames postcodes, then store postcodes and towns);
#: "socialshop.services.geocoding.AdresseGeocoder" adds France's Base Adresse Nationale API after it.
STORE_GEOCODER = "socialshop.services.geocoding.OfflineGeocoder"
#: Endpoint of AdresseGeocoder (the French government's address API).
STORE_GEOCODER_URL = "https://api-adresse.data.gouv.fr/search/"
#: Timeout of one online geocoding request, in seconds.
STORE_GEOCODER_TIMEOUT = 3
#: Retries of a failed online geocoding request (connection error or 5xx), after the first attempt.
STORE_GEOCODER_RETRIES = 2
#: Name of the cookie remembering the shopper's chosen store (its reference); empty to never remember it.
STORE_COOKIE_NAME = "socialshop_store"
#: Days an order stays reserved in the store once it is ready for pickup; then it is released.
STORE_PICKUP_DAYS = 7
#: URL of the point-of-sale endpoint pulled by ``socialshop_pull_store_feed`` (JSON, see the docs).
STORE_POS_URL = ""
#: Extra HTTP headers sent to the point-of-sale endpoint, e.g. {"Authorization": "Bearer …"}.
STORE_POS_HEADERS = {}
#: Timeout of one point-of-sale request, in seconds.
STORE_POS_TIMEOUT = 15
#: Retries of a failed point-of-sale request (connection error or 5xx), after the first attempt.
STORE_POS_RETRIES = 3

# --- Fan-only flash sales (docs/flash-sales.md) ---------------------------------------------------------
#: Minutes a basket line keeps its flash units before they go back on sale (shown as a countdown).
FLASH_SALE_HOLD_MINUTES = 10
#: Minutes the holds of a basket are extended to while the customer is in checkout (payment in progress).
FLASH_SALE_CHECKOUT_HOLD_MINUTES = 15
#: social-auth backend name -> fan network. A backend not listed here does not make its users fans.
FLASH_SALE_PROVIDER_NETWORKS = {
    "facebook": "facebook", "facebook-oauth2": "facebook", "twitter": "x", "twitter-oauth2": "x",
    "pinterest": "pinterest", "instagram": "instagram", "linkedin": "linkedin",
    "linkedin-oauth2": "linkedin", "linkedin-openidconnect": "linkedin", "demo": "demo",
}  # fmt: skip
#: Dotted path of the callable ``verifier(user, network, social) -> bool`` deciding whether a freshly
#: connected account makes a fan. The default accepts any connected account (Facebook forbids like-gating);
#: ``socialshop.services.fans.x_follows_brand`` also asks X's API whether the customer follows the brand.
FLASH_SALE_FAN_VERIFIER = "socialshop.services.fans.connected_account"
#: Brand account ids per network for follow-checking verifiers, e.g. {"x": "783214"}.
FLASH_SALE_BRAND_ACCOUNTS = {}
#: Seconds before a follow-check API call is abandoned (connect and read, each).
FLASH_SALE_VERIFIER_TIMEOUT = 5
#: Priority of the Oscar offers behind flash sales: above the shop's own offers, so they apply first.
FLASH_SALE_OFFER_PRIORITY = 1000
#: Country whose public holidays and retail moments the dashboard calendar marks (ISO 3166-1 alpha-2).
FLASH_SALE_CALENDAR_COUNTRY = "FR"

# --- App install prompts (docs/app-install.md) ----------------------------------------------------------
#: Name of the shop's mobile app. Empty, or no APP_IOS_ID and no APP_ANDROID_PACKAGE, turns the feature off.
APP_NAME = ""
#: Numeric App Store id of the iOS app (the digits of apps.apple.com/app/id123456789); empty: no iOS app.
APP_IOS_ID = ""
#: Apple developer team id (10 letters or digits), used in apple-app-site-association.
APP_IOS_TEAM_ID = ""
#: Bundle id of the iOS app, e.g. "fr.maboutique.app".
APP_IOS_BUNDLE_ID = ""
#: Package name of the Android app on Google Play, e.g. "fr.maboutique.app"; empty: no Android app.
APP_ANDROID_PACKAGE = ""
#: SHA-256 fingerprints ("AB:CD:…", 32 pairs) of the Android app's signing certificates, Play's key included.
APP_ANDROID_SHA256_FINGERPRINTS = []
#: Custom URL scheme of the app: with "maboutique", the page "/catalogue/x/" opens as "maboutique://catalogue/x/".
APP_DEEP_LINK_SCHEME = ""
#: Base URL of universal links / App Links (e.g. "https://www.maboutique.fr"), used when there is no scheme.
APP_UNIVERSAL_LINK_BASE = ""
#: URL paths the app opens ("*" matches any characters): deep links and the association files use them.
APP_PATHS = ["/catalogue/*"]
#: Two-letter country of the App Store listing (``twitter:app:country``), when the app is not in the US store.
APP_COUNTRY = ""
#: Show our own install banner on mobile browsers that have no native one (never on iOS Safari).
APP_BANNER = True
#: Days the banner stays hidden after the visitor closed it.
APP_BANNER_DISMISS_DAYS = 30
#: Days the banner stays hidden after the visitor tapped "Install" or "Open in app".
APP_BANNER_CLICK_DAYS = 90
#: Frequency cap: at most this many page views show the banner within APP_BANNER_CAP_DAYS (0: no cap).
APP_BANNER_MAX_VIEWS = 5
#: Length of the frequency cap's window, in days.
APP_BANNER_CAP_DAYS = 7
#: Path prefixes where the banner never shows (a buyer in checkout must not be sent elsewhere).
APP_BANNER_EXCLUDED_PATHS = ["/checkout/", "/basket/", "/dashboard/", "/accounts/"]
#: Show a "scan to get the app" QR code to desktop visitors (where the app tag is placed).
APP_DESKTOP_QR = True
#: Square 512×512 PNG (path under STATIC_URL, or absolute URL) for the web app manifest; empty: no icon.
APP_ICON = ""

# --- Social ROI: attribution and report (docs/roi.md) ---------------------------------------------------
#: Days a visit's source counts towards an order: first touch and last non-direct touch are taken among the
#: visitor's touchpoints of the last this-many days before the order.
ATTRIBUTION_WINDOW_DAYS = 30
#: Record nothing (no touchpoint, no cookie) until the visitor consents, through the consent endpoint
#: (``socialshop:attribution-consent``) or ``socialshop.services.attribution.grant_consent(request)``.
#: False (the default) is first-party measurement only: a random id in a first-party cookie, no IP address.
ATTRIBUTION_REQUIRES_CONSENT = False
#: Name of the signed first-party cookie holding the visitor's random id (and an opt-out marker).
ATTRIBUTION_COOKIE_NAME = "socialshop_visitor"
#: Landings from the same source on the same page within this many minutes count as one visit (reloads).
ATTRIBUTION_VISIT_MINUTES = 30
#: Days touchpoints are kept; ``socialshop_purge_touchpoints`` deletes older ones. Order attributions copy
#: what they need and are kept with the orders. Must be at least ATTRIBUTION_WINDOW_DAYS.
ATTRIBUTION_RETENTION_DAYS = 395
#: Extra referrer hosts -> network code, e.g. {"social.example.org": "mastodon"}; a subdomain matches too.
ATTRIBUTION_REFERRER_NETWORKS = {}
#: Query parameter carrying the id of the share click a shared link came from (set by the share endpoint).
ATTRIBUTION_SHARE_CLICK_PARAM = "ssc"
#: ``utm_medium`` values that mean a printed flyer, poster or QR code: such landings record a flyer
#: redemption (its reference is the ``utm_content``, else the ``utm_campaign``).
ATTRIBUTION_FLYER_MEDIUMS = ["qr", "qr_code", "qrcode", "flyer", "poster", "print"]
#: URL names whose views redeem a flash sale's unlock link: landing there records an unlock redemption
#: whose reference is the ``slug`` (or ``pk``) URL argument.
ATTRIBUTION_UNLOCK_URL_NAMES = ["socialshop:flashsale-unlock"]
#: Dotted paths of the touchpoint sources: callables ``source(request) -> dict | None`` returning the fields
#: of a landing's touchpoint. A request is a landing when any of them returns something.
ATTRIBUTION_TOUCHPOINT_SOURCES = [
    "socialshop.services.attribution_sources.campaign_tags",
    "socialshop.services.attribution_sources.social_referrer",
    "socialshop.services.attribution_sources.share_click",
    "socialshop.services.attribution_sources.unlock_link",
    "socialshop.services.attribution_sources.flyer",
]
#: Dotted paths of the order dimensions: callables ``dimension(order) -> dict`` giving OrderAttribution
#: fields (``flash_sale_id``, ``pickup_store_id``…); they run when the order is placed and again when the
#: feature behind them saves its own row for the order. A feature that is not installed gives nothing.
ATTRIBUTION_ORDER_DIMENSIONS = [
    "socialshop.services.attribution_sources.flash_sale",
    "socialshop.services.attribution_sources.pickup_store",
]
#: Order statuses meaning "cancelled": such an order brings no revenue and is not counted as an order.
ATTRIBUTION_CANCELLED_STATUSES = ["Cancelled", "Canceled", "Annulée"]
#: Codes or names (case-insensitive) of Oscar payment event types that are refunds.
ATTRIBUTION_REFUND_EVENT_TYPES = ["refund", "refunded", "remboursement"]

# --- Sharing debugger (socialshop_debug_meta, dashboard "Sharing debugger") -------------------------------
#: Seconds the sharing debugger waits for a connection or a read, per request and attempt.
DEBUGGER_TIMEOUT = 10
#: Largest page the sharing debugger downloads, in bytes; past it the check stops with an error (exit 2).
DEBUGGER_MAX_BYTES = 2 * 1024 * 1024
#: Redirects the sharing debugger follows (each is listed) before giving up.
DEBUGGER_MAX_REDIRECTS = 5
#: Retries after a connection error, timeout or 5xx answer, after the first attempt (backoff 0.5 s, 1 s, …).
DEBUGGER_RETRIES = 2
#: User-Agent of the sharing debugger. It contains "facebookexternalhit" on purpose: shops, CDNs and bot
#: shields often answer crawlers differently (prerendered HTML, no cookie wall or JS challenge), and what
#: matters is what Facebook's crawler gets. The suffix keeps the debugger recognisable in access logs.
DEBUGGER_USER_AGENT = "facebookexternalhit/1.1 (compatible; socialshop-debugger)"
