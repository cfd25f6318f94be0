"""Shopper pages of a flash sale: the landing page, its JSON status, and the unlock link."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ..models import FlashSale
from ..services import flashsale_pages, flashsales


def _visible_sale(request, slug):
    sale = get_object_or_404(FlashSale.objects.select_related("range"), slug=slug)
    if not flashsales.is_visible(sale) and not request.user.is_staff:
        raise Http404("No such sale yet.")
    return sale


@require_GET
def sale_detail(request, slug):
    sale = _visible_sale(request, slug)
    now = timezone.now()
    eligible = flashsales.is_eligible(sale, request.user)
    state = flashsales.state(sale, now)
    remaining = flashsales.remaining(sale, now)
    context = {
        "sale": sale,
        "object": sale,  # what {% socialshop_meta %} describes
        "state": state,
        "state_label": flashsales.STATE_LABELS[state],
        "eligible": eligible,
        "remaining": remaining,
        "taken": sale.unit_cap - remaining,
        "sold_percent": round(100 * (sale.unit_cap - remaining) / sale.unit_cap),
        "rows": flashsale_pages.product_rows(sale, request, eligible),
        "connect_buttons": [] if eligible else flashsale_pages.connect_buttons(sale, request.path),
        "campaign": flashsale_pages.campaign(sale),
        "countdown_to": sale.starts_at if state == flashsales.SCHEDULED else sale.ends_at,
    }
    return render(request, "socialshop/flashsales/detail.html", context)


@require_GET
@cache_control(public=True, max_age=1)
def sale_status(request, slug):
    sale = _visible_sale(request, slug)
    return JsonResponse(flashsale_pages.status_document(sale))


@require_GET
def unlock(request, slug, token):
    """Redeem a sale's signed unlock link. Anonymous visitors sign in (or register) and come back here."""
    sale = get_object_or_404(FlashSale, slug=slug)
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in or create an account to unlock this flash sale."))
        return redirect_to_login(request.get_full_path())
    try:
        flashsales.redeem_unlock(sale, token, request.user)
    except flashsales.UnlockError as exc:
        return render(
            request, "socialshop/flashsales/unlock_error.html", {"sale": sale, "error": exc}, status=400
        )
    messages.success(request, _("Flash sale unlocked: the fan price is yours."))
    return redirect(sale.get_absolute_url())
