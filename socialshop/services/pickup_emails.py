"""The "ready for pickup" email: the pickup code in words and as a QR code (inline image, made with segno)."""

import io
from email.mime.image import MIMEImage

import segno
from django.conf import settings as django_settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from ..models import OrderPickup
from .store_hours import week
from .urls import absolute_url

QR_CONTENT_ID = "pickup-qr"


def qr_png(code):
    """PNG bytes of the QR code staff scan at the counter (it holds the pickup code only)."""
    buffer = io.BytesIO()
    segno.make(code, error="m", micro=False).save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def send_ready_email(pickup_id):
    """Send the email; returns the recipient, or None when the order has no email address."""
    pickup = OrderPickup.objects.select_related("order", "store").get(pk=pickup_id)
    recipient = pickup.order.email
    if not recipient:
        return None
    language = getattr(pickup.order, "language", None) or django_settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "pickup": pickup,
            "order": pickup.order,
            "store": pickup.store,
            "store_url": absolute_url(pickup.store.get_absolute_url()),
            "week": week(pickup.store, days=3),
            "qr_cid": QR_CONTENT_ID,
        }
        subject = render_to_string("socialshop/emails/pickup_ready_subject.txt", context).strip()
        text = render_to_string("socialshop/emails/pickup_ready_body.txt", context)
        html = render_to_string("socialshop/emails/pickup_ready_body.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[recipient])
    message.attach_alternative(html, "text/html")
    image = MIMEImage(qr_png(pickup.code), "png")
    image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
    image.add_header("Content-Disposition", "inline", filename=f"pickup-{pickup.code}.png")
    message.attach(image)
    message.send()
    return recipient
