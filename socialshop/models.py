"""socialshop's own tables."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ShareClick(models.Model):
    """One counted click on a share button: which network, which object, who (customer or a hash of the
    session, never the raw session key), when, and for which campaign (``utm_campaign``)."""

    network = models.CharField(_("network"), max_length=32)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    shared_object = GenericForeignKey("content_type", "object_id")
    # No database constraint: the click is recorded from the session's user id without loading the user
    # (query budget), and a deleted account must not make that insert fail. Django still nulls the column
    # when the user is deleted through the ORM.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="socialshop_share_clicks",
        verbose_name=_("customer"),
    )
    session_hash = models.CharField(_("session (hashed)"), max_length=64, blank=True)
    campaign = models.CharField(_("campaign"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("clicked at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("share click")
        verbose_name_plural = _("share clicks")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "network"], name="socialshop_share_obj")]

    def __str__(self):
        return f"{self.network} {self.content_type_id}:{self.object_id} {self.created_at:%Y-%m-%d %H:%M}"


class AppPromoEvent(models.Model):
    """One tap on the app banner's "Install" or "Open in app", or one scan of an app / flyer QR code, for the
    ROI report. Nothing identifies the visitor: no IP address, user agent, session or customer."""

    INSTALL, OPEN, QR_SCAN = "install", "open", "qr_scan"
    KINDS = [(INSTALL, _("Install")), (OPEN, _("Open in app")), (QR_SCAN, _("QR code scan"))]
    PLATFORMS = [("ios", "iOS"), ("android", "Android"), ("other", _("Other"))]
    TARGETS = [("app", _("App")), ("product", _("Product")), ("sale", _("Flash sale")), ("page", _("Page"))]

    kind = models.CharField(_("kind"), max_length=16, choices=KINDS)
    platform = models.CharField(_("platform"), max_length=16, choices=PLATFORMS)
    path = models.CharField(_("page"), max_length=255, blank=True)
    target = models.CharField(_("target"), max_length=16, choices=TARGETS, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    utm_source = models.CharField(_("UTM source"), max_length=100, blank=True)
    utm_medium = models.CharField(_("UTM medium"), max_length=100, blank=True)
    utm_campaign = models.CharField(_("campaign"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("app promotion event")
        verbose_name_plural = _("app promotion events")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} {self.platform} {self.path or self.target} {self.created_at:%Y-%m-%d %H:%M}"


# --- click and collect (docs/click-and-collect.md) ---


class Store(models.Model):
    """A shop where shoppers can see stock and collect orders. ``reference`` is the key used by feeds."""

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=128)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=128, blank=True, db_index=True)
    country = models.CharField(
        _("country"), max_length=2, default="FR", help_text=_("ISO 3166-1 alpha-2 code")
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_pickup_point = models.BooleanField(_("click and collect"), default=True)
    pickup_lead_minutes = models.PositiveIntegerField(
        _("pickup lead time (minutes)"), default=120, help_text=_("Time to prepare an order, e.g. 120.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("store")
        verbose_name_plural = _("stores")
        ordering = ["name"]
        # Lookups scan a latitude band and filter longitude inside the same index; with is_active and id in
        # it too, PostgreSQL answers from the index alone (SQLite's rowid is the id already).
        indexes = [
            models.Index(fields=["latitude", "longitude", "is_active", "id"], name="socialshop_store_lookup")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="socialshop_store_coordinates",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.reference})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("socialshop:store-detail", kwargs={"slug": self.slug})


class StoreOpeningPeriod(models.Model):
    """One opening period on a weekday; a day with a lunch break has two."""

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="socialshop_period_order"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class StoreSpecialDay(models.Model):
    """A holiday or an exceptional day. Without ``store`` it applies to every store (a public holiday);
    without hours the store is closed all day, otherwise ``opens``–``closes`` replace the weekday's hours."""

    store = models.ForeignKey(
        Store, on_delete=models.CASCADE, null=True, blank=True, related_name="special_days"
    )
    date = models.DateField(_("date"), db_index=True)
    label = models.CharField(_("label"), max_length=100, blank=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("holiday or exceptional day")
        verbose_name_plural = _("holidays and exceptional days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["store", "date"], name="socialshop_specialday_unique"),
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(store__isnull=True), name="socialshop_holiday_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(opens__isnull=True, closes__isnull=True)
                | models.Q(opens__isnull=False, closes__isnull=False, opens__lt=models.F("closes")),
                name="socialshop_specialday_hours",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.label}"

    @property
    def is_closed(self):
        return self.opens is None


class StoreStock(models.Model):
    """Units of a purchasable product in a store: available = in stock − reserved − the safety buffer.
    ``num_reserved`` only moves through conditional UPDATEs (services/pickups.py)."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="stock")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="store_stock")
    num_in_stock = models.PositiveIntegerField(_("in stock"), default=0)
    num_reserved = models.PositiveIntegerField(_("reserved"), default=0)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("store stock")
        verbose_name_plural = _("store stock")
        constraints = [
            models.UniqueConstraint(fields=["store", "product"], name="socialshop_storestock_unique")
        ]

    def __str__(self):
        return f"{self.store_id}/{self.product_id}: {self.num_in_stock} ({self.num_reserved} reserved)"


class PostalCode(models.Model):
    """One row of a GeoNames postal-code file (CC BY 4.0), for offline geocoding of a postcode or a town."""

    country_code = models.CharField(_("country"), max_length=2)
    postal_code = models.CharField(_("postal code"), max_length=20)
    place_name = models.CharField(_("place name"), max_length=180)
    #: place_name folded to lowercase ASCII words, so "saint-etienne" finds "Saint-Étienne".
    place_key = models.CharField(max_length=180, db_index=True)
    admin_name1 = models.CharField(max_length=100, blank=True)
    admin_code1 = models.CharField(max_length=20, blank=True)
    admin_name2 = models.CharField(max_length=100, blank=True)
    admin_code2 = models.CharField(max_length=20, blank=True)
    admin_name3 = models.CharField(max_length=100, blank=True)
    admin_code3 = models.CharField(max_length=20, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    accuracy = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")
        indexes = [models.Index(fields=["postal_code", "country_code"], name="socialshop_postcode_code")]

    def __str__(self):
        return f"{self.country_code} {self.postal_code} {self.place_name}"


class OrderPickup(models.Model):
    """The shop where an order is collected, its reservation and where it stands in the staff workflow."""

    TO_PREPARE, READY, COLLECTED, NOT_COLLECTED = "to_prepare", "ready", "collected", "not_collected"
    STATUSES = [
        (TO_PREPARE, _("To prepare")),
        (READY, _("Ready for pickup")),
        (COLLECTED, _("Collected")),
        (NOT_COLLECTED, _("Not collected")),
    ]
    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="pickup")
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="pickups")
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=TO_PREPARE, db_index=True)
    code = models.CharField(_("pickup code"), max_length=12, unique=True)
    deadline = models.DateTimeField(_("collect before"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("placed at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("click and collect order")
        verbose_name_plural = _("click and collect orders")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.order_id} @ {self.store_id} ({self.status})"


class OrderPickupLine(models.Model):
    """Units reserved in the store's stock for the order, released or taken out when the pickup ends."""

    pickup = models.ForeignKey(OrderPickup, on_delete=models.CASCADE, related_name="lines")
    stock = models.ForeignKey(StoreStock, on_delete=models.PROTECT, related_name="pickup_lines")
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("reserved line")
        verbose_name_plural = _("reserved lines")
        constraints = [
            models.UniqueConstraint(fields=["pickup", "stock"], name="socialshop_pickupline_unique")
        ]

    def __str__(self):
        return f"{self.quantity} × {self.stock_id}"


# --- flash sales (docs/flash-sales.md) ---


class FlashSale(models.Model):
    """A short, unit-capped price drop, usually reserved to fans. ``units_held`` and ``units_sold`` are
    denormalised counters only ever changed by conditional UPDATEs in :mod:`socialshop.services.flashsales`;
    the database refuses any state where they would exceed the cap."""

    PERCENTAGE, AMOUNT, FIXED_PRICE = "percentage", "amount", "fixed_price"
    DISCOUNT_TYPES = [
        (PERCENTAGE, _("Percentage off")),
        (AMOUNT, _("Amount off")),
        (FIXED_PRICE, _("Fixed price")),
    ]
    ANY_NETWORK, NETWORKS, UNLOCK_LINK, EVERYONE = "any_network", "networks", "unlock_link", "everyone"
    AUDIENCES = [
        (ANY_NETWORK, _("Fans of any connected network")),
        (NETWORKS, _("Fans of the chosen networks")),
        (UNLOCK_LINK, _("Holders of the unlock link")),
        (EVERYONE, _("Every signed-in customer")),
    ]
    ACTIVE, PAUSED, ENDED = "active", "paused", "ended"
    STATUSES = [(ACTIVE, _("Active")), (PAUSED, _("Paused")), (ENDED, _("Ended"))]

    name = models.CharField(_("name"), max_length=128)
    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    products = models.ManyToManyField(
        "catalogue.Product",
        blank=True,
        related_name="socialshop_flash_sales",
        verbose_name=_("products"),
        help_text=_("A parent product covers all its variants."),
    )
    range = models.ForeignKey(
        "offer.Range",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="socialshop_flash_sales",
        verbose_name=_("range"),
    )
    discount_type = models.CharField(_("discount type"), max_length=16, choices=DISCOUNT_TYPES)
    discount_value = models.DecimalField(_("discount value"), max_digits=12, decimal_places=2)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), db_index=True)
    teaser_starts_at = models.DateTimeField(
        _("teaser from"), null=True, blank=True, help_text=_("The sale page is visible from this moment.")
    )
    unit_cap = models.PositiveIntegerField(_("units on sale"))
    per_customer_cap = models.PositiveIntegerField(_("units per customer"), default=1)
    audience = models.CharField(_("audience"), max_length=16, choices=AUDIENCES, default=ANY_NETWORK)
    networks = models.JSONField(_("networks"), default=list, blank=True)
    share_message = models.TextField(_("share message"), blank=True)
    image = models.ImageField(_("image"), upload_to="socialshop/flash-sales/", blank=True)
    status = models.CharField(_("status"), max_length=8, choices=STATUSES, default=ACTIVE)
    allow_overlap = models.BooleanField(
        _("allow overlap"), default=False, help_text=_("Allow another sale on the same products at once.")
    )
    units_sold = models.PositiveIntegerField(_("units sold"), default=0, editable=False)
    units_held = models.PositiveIntegerField(_("units held"), default=0, editable=False)
    offer = models.OneToOneField(
        "offer.ConditionalOffer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="socialshop_flash_sale",
        verbose_name=_("Oscar offer"),
    )
    notified_at = models.DateTimeField(_("fans notified at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("flash sale")
        verbose_name_plural = _("flash sales")
        ordering = ["-starts_at"]
        constraints = [
            # Backstops: the services never get here, a buggy caller does.
            models.CheckConstraint(
                condition=models.Q(units_held__gte=0, units_sold__gte=0)
                & models.Q(unit_cap__gte=models.F("units_held") + models.F("units_sold")),
                name="socialshop_flashsale_within_cap",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="socialshop_flashsale_window"
            ),
            models.CheckConstraint(
                condition=models.Q(discount_value__gt=0, unit_cap__gte=1, per_customer_cap__gte=1),
                name="socialshop_flashsale_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("socialshop:flashsale-detail", kwargs={"slug": self.slug})

    def get_social_meta(self, request):
        """The social metadata of the sale page (socialshop.services.meta's describer protocol)."""
        from .services.flashsale_pages import describe_sale

        return describe_sale(self, request)


class FlashSaleHold(models.Model):
    """Units of a sale set aside for one basket line until ``expires_at``. A hold past ``expires_at`` no
    longer counts, whether or not anything has released it yet."""

    HELD, CONSUMED, RELEASED = "held", "consumed", "released"
    STATES = [(HELD, _("Held")), (CONSUMED, _("Consumed")), (RELEASED, _("Released"))]

    sale = models.ForeignKey(FlashSale, on_delete=models.CASCADE, related_name="holds")
    # Plain ids, not foreign keys: deleting a basket or line must not delete a hold behind the counters'
    # back; the services release holds explicitly.
    basket_id = models.PositiveBigIntegerField(_("basket id"), db_index=True)
    line_id = models.PositiveBigIntegerField(_("basket line id"), db_index=True)
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="socialshop_flash_holds",
        verbose_name=_("customer"),
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("flash unit price"), max_digits=12, decimal_places=2)
    state = models.CharField(_("state"), max_length=8, choices=STATES, default=HELD)
    release_reason = models.CharField(_("release reason"), max_length=16, blank=True)
    order_number = models.CharField(_("order number"), max_length=128, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("flash sale hold")
        verbose_name_plural = _("flash sale holds")
        ordering = ["pk"]
        indexes = [models.Index(fields=["sale", "state", "expires_at"], name="socialshop_hold_live")]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="socialshop_hold_quantity")
        ]

    def __str__(self):
        return f"{self.sale_id}: {self.quantity} × {self.product_id} ({self.state})"


class FlashSaleClaim(models.Model):
    """Units of a sale one customer holds or bought: the per-customer cap is a conditional UPDATE on this
    row, which the unique constraint makes the only one."""

    sale = models.ForeignKey(FlashSale, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="socialshop_flash_claims"
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=0)

    class Meta:
        verbose_name = _("flash sale claim")
        verbose_name_plural = _("flash sale claims")
        constraints = [
            models.UniqueConstraint(fields=["sale", "user"], name="socialshop_claim_unique"),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="socialshop_claim_positive"),
        ]

    def __str__(self):
        return f"{self.sale_id}/{self.user_id}: {self.quantity}"


class FanConnection(models.Model):
    """A network a customer connected through social login (recorded by ``socialshop.pipeline.record_fan``).
    ``verified_at`` is set when the configured verifier confirmed the customer follows the brand."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="socialshop_fan_connections"
    )
    network = models.CharField(_("network"), max_length=32)
    provider = models.CharField(_("social-auth provider"), max_length=64)
    connected_at = models.DateTimeField(_("connected at"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("fan connection")
        verbose_name_plural = _("fan connections")
        constraints = [models.UniqueConstraint(fields=["user", "network"], name="socialshop_fan_unique")]

    def __str__(self):
        return f"{self.user_id} on {self.network}"


class UnlockRedemption(models.Model):
    """A signed-in customer who opened a sale's signed unlock link."""

    sale = models.ForeignKey(FlashSale, on_delete=models.CASCADE, related_name="unlocks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="socialshop_flash_unlocks"
    )
    redeemed_at = models.DateTimeField(_("redeemed at"), default=timezone.now)

    class Meta:
        verbose_name = _("unlock link redemption")
        verbose_name_plural = _("unlock link redemptions")
        constraints = [models.UniqueConstraint(fields=["sale", "user"], name="socialshop_unlock_unique")]

    def __str__(self):
        return f"{self.sale_id}/{self.user_id}"


# --- social ROI (docs/roi.md) ---


class Touchpoint(models.Model):
    """One landing visit from a tracked source: UTM tags, a social network's referrer, a share click, an
    unlock link or a flyer. ``visitor`` is a random id kept in a first-party cookie: never an IP address, a
    User-Agent, a session key or an id shared with another site. Only the referrer's host is kept."""

    FIRST, LAST = "first", "last"
    KINDS = [(FIRST, _("First touch")), (LAST, _("Later touch"))]

    visitor = models.CharField(_("visitor"), max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="socialshop_touchpoints",
        verbose_name=_("customer"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=KINDS, default=LAST)
    network = models.CharField(_("network"), max_length=32, blank=True)
    utm_source = models.CharField(_("UTM source"), max_length=100, blank=True)
    utm_medium = models.CharField(_("UTM medium"), max_length=100, blank=True)
    utm_campaign = models.CharField(_("campaign"), max_length=100, blank=True)
    utm_content = models.CharField(_("UTM content"), max_length=100, blank=True)
    utm_term = models.CharField(_("UTM term"), max_length=100, blank=True)
    referrer_host = models.CharField(_("referrer host"), max_length=253, blank=True)
    landing_path = models.CharField(_("landing page"), max_length=255, blank=True)
    # Plain references, not foreign keys: the landing request may not spend a query checking them (they
    # come from the URL); the order attribution resolves them.
    share_click_ref = models.PositiveBigIntegerField(_("share click id"), null=True, blank=True)
    unlock_ref = models.CharField(_("unlock link (sale)"), max_length=128, blank=True)
    flyer_ref = models.CharField(_("flyer"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("visited at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("touchpoint")
        verbose_name_plural = _("touchpoints")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["visitor", "created_at"], name="socialshop_touch_visitor"),
            models.Index(fields=["user", "created_at"], name="socialshop_touch_user"),
        ]

    def __str__(self):
        source = f"{self.network or '-'} {self.utm_campaign}"
        return f"{source} {self.landing_path} {self.created_at:%Y-%m-%d %H:%M}"


class OrderAttribution(models.Model):
    """Where an order came from, copied from its touchpoints when it was placed (touchpoints are purged
    after SOCIALSHOP_ATTRIBUTION_RETENTION_DAYS, attributions stay with their orders), and what it is worth
    now: ``revenue`` is the order total minus refunds, zero once cancelled, in ``currency``."""

    PLACED, PARTIALLY_REFUNDED, REFUNDED, CANCELLED = "placed", "partially_refunded", "refunded", "cancelled"
    STATUSES = [
        (PLACED, _("Placed")),
        (PARTIALLY_REFUNDED, _("Partially refunded")),
        (REFUNDED, _("Refunded")),
        (CANCELLED, _("Cancelled")),
    ]

    order = models.OneToOneField(
        "order.Order",
        on_delete=models.CASCADE,
        related_name="socialshop_attribution",
        verbose_name=_("order"),
    )
    placed_at = models.DateTimeField(_("placed at"), db_index=True)
    first_network = models.CharField(_("first touch network"), max_length=32, blank=True)
    first_campaign = models.CharField(_("first touch campaign"), max_length=100, blank=True)
    first_medium = models.CharField(_("first touch medium"), max_length=100, blank=True)
    first_content = models.CharField(_("first touch content"), max_length=100, blank=True)
    first_landing_page = models.CharField(_("first touch landing page"), max_length=255, blank=True)
    first_touch_at = models.DateTimeField(_("first touch at"), null=True, blank=True)
    last_network = models.CharField(_("last touch network"), max_length=32, blank=True)
    last_campaign = models.CharField(_("last touch campaign"), max_length=100, blank=True)
    last_medium = models.CharField(_("last touch medium"), max_length=100, blank=True)
    last_content = models.CharField(_("last touch content"), max_length=100, blank=True)
    last_landing_page = models.CharField(_("last touch landing page"), max_length=255, blank=True)
    last_touch_at = models.DateTimeField(_("last touch at"), null=True, blank=True)
    flash_sale = models.ForeignKey(
        FlashSale,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attributions",
        verbose_name=_("flash sale"),
    )
    share_click = models.ForeignKey(
        ShareClick,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attributions",
        verbose_name=_("share click"),
    )
    pickup_store = models.ForeignKey(
        Store,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attributions",
        verbose_name=_("pickup shop"),
    )
    currency = models.CharField(_("currency"), max_length=12)
    total = models.DecimalField(_("order total"), max_digits=12, decimal_places=2)
    refunded = models.DecimalField(_("refunded"), max_digits=12, decimal_places=2, default=0)
    revenue = models.DecimalField(_("revenue"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=PLACED, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("order attribution")
        verbose_name_plural = _("order attributions")
        ordering = ["-placed_at"]

    def __str__(self):
        return f"{self.order_id}: {self.last_network or '-'} / {self.last_campaign or '-'} {self.revenue}"
