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
