"""Telling fans that a sale they may buy from has started: once per sale, by email."""

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import FanConnection, FlashSale, UnlockRedemption
from .urls import absolute_url


def recipients(sale):
    """Active customers with an email address who are eligible for ``sale`` as fans."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    fans = FanConnection.objects.filter(verified_at__isnull=False)
    if sale.audience == FlashSale.NETWORKS:
        fans = fans.filter(network__in=sale.networks or [])
    unlocked = UnlockRedemption.objects.filter(sale=sale).values("user_id")
    if sale.audience == FlashSale.UNLOCK_LINK:
        return users.filter(pk__in=unlocked)
    return users.filter(Q(pk__in=fans.values("user_id")) | Q(pk__in=unlocked)).distinct()


def claim_started_sales(now=None):
    """Sales that have started and whose fans were not told yet; each is marked notified by a conditional
    UPDATE, so two runs of the command never announce a sale twice."""
    now = now or timezone.now()
    due = FlashSale.objects.filter(
        status=FlashSale.ACTIVE, starts_at__lte=now, ends_at__gt=now, notified_at__isnull=True
    )
    claimed = []
    for sale in due:
        if FlashSale.objects.filter(pk=sale.pk, notified_at__isnull=True).update(notified_at=now):
            claimed.append(sale)
    return claimed


def send_sale_started(sale_id):
    sale = FlashSale.objects.filter(pk=sale_id).first()
    if sale is None:
        return 0
    url = absolute_url(sale.get_absolute_url())
    messages = []
    with translation.override(django_settings.LANGUAGE_CODE):
        for user in recipients(sale).iterator():
            context = {"sale": sale, "url": url, "user": user}
            subject = render_to_string("socialshop/flashsales/email_started_subject.txt", context).strip()
            body = render_to_string("socialshop/flashsales/email_started_body.txt", context)
            messages.append((subject, body, None, [user.email]))
    return send_mass_mail(messages, fail_silently=False) if messages else 0
