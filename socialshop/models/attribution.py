"""Social ROI: touchpoints and order attributions (docs/roi.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .flashsales import FlashSale
from .share import ShareClick
from .stores import Store


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
