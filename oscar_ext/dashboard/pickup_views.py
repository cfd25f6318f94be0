"""Click & collect in the dashboard: orders to prepare per shop, "ready for pickup" (emails the customer),
"collected", "not collected" (releases the reservation)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from socialshop.models import OrderPickup, Store
from socialshop.services import pickups

#: action in the URL -> (service function, success message)
ACTIONS = {
    "ready": (
        pickups.mark_ready,
        gettext_lazy("Order %(number)s is ready for pickup: the customer has been emailed."),
    ),
    "collected": (pickups.mark_collected, gettext_lazy("Order %(number)s was collected.")),
    "not-collected": (
        pickups.mark_not_collected,
        gettext_lazy("Order %(number)s was not collected: its items are back on sale at %(store)s."),
    ),
}


class PickupListView(ListView):
    template_name = "socialshop/dashboard/pickups.html"
    context_object_name = "pickups"
    paginate_by = 50

    def get_queryset(self):
        self.stores = list(
            Store.objects.filter(Q(is_pickup_point=True) | Q(pickups__isnull=False)).distinct()
        )
        self.store = next((s for s in self.stores if str(s.pk) == self.request.GET.get("store", "")), None)
        self.status = self.request.GET.get("status", OrderPickup.TO_PREPARE)
        self.query = self.request.GET.get("q", "").strip()[:50]
        pickups_ = OrderPickup.objects.select_related("order", "store", "order__user").order_by(
            "deadline", "created_at"
        )
        if self.store:
            pickups_ = pickups_.filter(store=self.store)
        self.counts = dict(pickups_.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        if self.query:
            # A scanned QR code or a typed code / order number finds the order whatever its status.
            return pickups_.filter(Q(code__iexact=self.query) | Q(order__number=self.query))
        if self.status in dict(OrderPickup.STATUSES):
            pickups_ = pickups_.filter(status=self.status)
        return pickups_

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            stores=self.stores,
            store=self.store,
            status=self.status,
            query=self.query,
            tabs=[(code, label, self.counts.get(code, 0)) for code, label in OrderPickup.STATUSES],
        )
        return context


class PickupActionView(View):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in ACTIONS:
            return redirect("socialshop_dashboard:pickups")
        pickup = get_object_or_404(OrderPickup.objects.select_related("order", "store"), pk=pk)
        service, message = ACTIONS[action]
        try:
            service(pickup)
        except pickups.WrongStatus:
            messages.error(
                request,
                _("Order %(number)s has already moved on: nothing was changed.") % self._names(pickup),
            )
        else:
            messages.success(request, message % self._names(pickup))
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            return redirect(next_url)
        return redirect("socialshop_dashboard:pickups")

    @staticmethod
    def _names(pickup):
        return {"number": pickup.order.number, "store": pickup.store.name}
