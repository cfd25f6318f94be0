"""Store lookup (JSON and server-rendered), store locator, store detail, and "this is my shop"."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from ..conf import settings
from ..models import Store
from ..services import geocoding, ratelimit, store_availability, store_hours, store_schema, stores
from .store_forms import AvailabilitySearchForm, StoreSearchForm

Product = get_model("catalogue", "Product")


class LookupFailed(Exception):
    """A lookup that cannot be answered: HTTP status and field errors in Django's JSON error format."""

    def __init__(self, status, field, message, code):
        super().__init__(message)
        self.status = status
        self.errors = {field: [{"message": message, "code": code}]}


def find_product(pk):
    product = Product.objects.filter(pk=pk, is_public=True).select_related("parent").first()
    if product is None or (product.is_child and not product.parent.is_public):
        raise LookupFailed(404, "product", _("No such product."), "not_found")
    return product


def find_origin(form):
    data = form.cleaned_data
    if form.has_coordinates:
        return geocoding.Place(data["lat"], data["lng"], _("Your location"), "coordinates")
    try:
        place = geocoding.geocode(data["q"], data["country"])
    except geocoding.GeocodingUnavailable:
        raise LookupFailed(
            503,
            "q",
            _("Places cannot be looked up right now: try again, or share your location."),
            "unavailable",
        ) from None
    if place is None:
        raise LookupFailed(404, "q", _("No place matches “%(q)s”.") % {"q": data["q"]}, "not_found")
    return place


def lookup(form):
    """The answer for a valid AvailabilitySearchForm, or LookupFailed."""
    data = form.cleaned_data
    product = find_product(data["product"])
    origin = find_origin(form)
    answer = store_availability.answer(
        product, origin, data["radius_km"], data["limit"], include_out_of_stock=data["include_out_of_stock"]
    )
    return product, answer


def rate_limited(request):
    return not ratelimit.allow(
        "stores", ratelimit.client_id(request), settings.STORE_RATE_LIMIT, settings.STORE_RATE_LIMIT_WINDOW
    )


def too_many_requests():
    message = _("Too many searches: please wait a minute and try again.")
    response = JsonResponse(
        {"errors": {"__all__": [{"message": message, "code": "rate_limited"}]}}, status=429
    )
    response["Retry-After"] = str(settings.STORE_RATE_LIMIT_WINDOW)
    return response


@require_GET
def availability_json(request):
    """``GET ?product=…&lat=…&lng=…`` (or ``q=…``) → the nearest shops with the product, as JSON."""
    if rate_limited(request):
        response = too_many_requests()
    else:
        form = AvailabilitySearchForm(request.GET)
        if not form.is_valid():
            response = JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        else:
            try:
                response = JsonResponse(lookup(form)[1])
            except LookupFailed as failure:
                response = JsonResponse({"errors": failure.errors}, status=failure.status)
    add_never_cache_headers(response)
    return response


@require_GET
def availability_page(request):
    """The same lookup rendered as a page: where the product page's form goes without JavaScript."""
    form = AvailabilitySearchForm(request.GET)
    context = {"form": form, "answer": None, "error": None, "product": None}
    status = 200
    if rate_limited(request):
        context["error"], status = _("Too many searches: please wait a minute and try again."), 429
    elif form.is_valid():
        try:
            context["product"], context["answer"] = lookup(form)
        except LookupFailed as failure:
            context["error"], status = str(failure), failure.status
            if failure.status == 404 and "product" in failure.errors:
                raise Http404(str(failure)) from None
    else:
        status = 400
        if form.cleaned_data.get("product"):
            context["product"] = Product.objects.filter(
                pk=form.cleaned_data["product"], is_public=True
            ).first()
    if context["product"] is not None:
        context["variants"] = store_availability.variants_of(context["product"])
    response = render(request, "socialshop/stores/availability_page.html", context, status=status)
    add_never_cache_headers(response)
    return response


@require_GET
def store_locator(request):
    """Every active store, or the nearest ones to a postcode, a town or the shopper's position."""
    form = StoreSearchForm(request.GET or None)
    form.place_required = False
    context = {"form": form, "origin": None, "error": None}
    searching = form.is_bound and form.is_valid() and (form.has_coordinates or form.cleaned_data["q"])
    if searching and rate_limited(request):
        context["error"], searching = _("Too many searches: please wait a minute and try again."), False
    if searching:
        try:
            origin = find_origin(form)
        except LookupFailed as failure:
            context["error"] = str(failure)
        else:
            data = form.cleaned_data
            matches = stores.nearest_stores(
                origin.latitude, origin.longitude, [], data["radius_km"], data["limit"]
            )
            context.update(origin=origin, matches=stores.attach_stores(matches))
    if not context["origin"]:
        page = Paginator(Store.objects.filter(is_active=True).order_by("name", "pk"), 50).get_page(
            request.GET.get("page")
        )
        context["page"] = page
        context["matches"] = [stores.StoreMatch(store.pk, None, {}, store) for store in page]
    today = store_hours.local_now().date()
    context["hours"] = store_hours.hours_on([m.store for m in context["matches"]], today)
    for match in context["matches"]:
        match.hours = context["hours"][match.store_id]
    return render(request, "socialshop/stores/locator.html", context)


@require_GET
def store_detail(request, slug):
    store = get_object_or_404(Store.objects.prefetch_related("opening_periods"), slug=slug, is_active=True)
    now = store_hours.local_now()
    context = {
        "store": store,
        "week": store_hours.week(store, now.date()),
        "today": store_hours.hours_on([store], now.date())[store.pk].as_dict(now),
        "ready_in": store_availability.ready_in(store.pickup_lead_minutes),
        "json_ld": store_schema.store_json_ld(store, request, now.date()),
        "remembered": request.COOKIES.get(settings.STORE_COOKIE_NAME) == store.reference,
    }
    return render(request, "socialshop/stores/detail.html", context)


@require_POST
def choose_store(request):
    """Remember the shopper's shop (a cookie the widget and the checkout read), then go back."""
    store = get_object_or_404(Store, reference=request.POST.get("store", ""), is_active=True)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = store.get_absolute_url()
    response = HttpResponseRedirect(next_url or reverse("socialshop:store-locator"))
    if settings.STORE_COOKIE_NAME:
        response.set_cookie(
            settings.STORE_COOKIE_NAME,
            store.reference,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
