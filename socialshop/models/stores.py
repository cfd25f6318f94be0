"""Click and collect: shops, opening hours, stock, postcodes, pickups (docs/click-and-collect.md)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
