"""App-install prompts: banner taps and QR scans (docs/app-install.md)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
