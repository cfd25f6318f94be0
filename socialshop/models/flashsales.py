"""Fan-only flash sales: sales, holds, per-customer claims, fans, unlocks (docs/flash-sales.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
        from ..services.flashsale_pages import describe_sale

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
