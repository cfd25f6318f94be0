"""Share clicks (docs/share.md)."""

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
