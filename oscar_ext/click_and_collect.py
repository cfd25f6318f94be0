"""Checkout view mixins for click and collect, composed into Oscar's views by the project's CheckoutConfig
(the sandbox does it in ``sandbox/shop/checkout.py``; see docs/click-and-collect.md). No fork.

Oscar's checkout views build the shipping repository with a module-level ``Repository()``; these mixins
make them use :func:`shipping_repository` instead, which is the project's repository (``get_class``, so a
shop's own one is honoured) with :class:`~oscar_ext.shipping.ClickAndCollectRepositoryMixin` in front.
"""

from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

from socialshop.models import Store
from socialshop.services import pickups

from .shipping import ClickAndCollect, ClickAndCollectRepositoryMixin, store_id_from_code, store_of

UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")


def shipping_repository():
    base = get_class("shipping.repository", "Repository")
    return type("Repository", (ClickAndCollectRepositoryMixin, base), {})()


class ClickAndCollectSessionMixin:
    """For every view built on Oscar's CheckoutSessionMixin: find the chosen method among click and collect
    shops too (the order summary, the preview and order placement all ask for it)."""

    def get_shipping_method(self, basket, shipping_address=None, **kwargs):
        code = self.checkout_session.shipping_method_code(basket)
        methods = shipping_repository().get_shipping_methods(
            basket=basket, user=self.request.user, shipping_addr=shipping_address, request=self.request
        )
        method = next((method for method in methods if method.code == code), None)
        store_id = store_id_from_code(code)
        if method is None and store_id and basket.is_shipping_required():
            # The chosen shop no longer holds everything: keep the choice, so that placing the order says
            # exactly which product is missing (the reservation is the gate) instead of a generic redirect.
            store = Store.objects.filter(pk=store_id, is_active=True, is_pickup_point=True).first()
            method = ClickAndCollect(store) if store else None
        return method


class ClickAndCollectShippingMethodMixin(ClickAndCollectSessionMixin):
    """For Oscar's ShippingMethodView: list the shops, with a "shops near…" search (``?near=``)."""

    template_name = "socialshop/checkout/shipping_methods.html"

    def get_available_shipping_methods(self):
        return shipping_repository().get_shipping_methods(
            basket=self.request.basket,
            user=self.request.user,
            shipping_addr=self.get_shipping_address(self.request.basket),
            request=self.request,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pickup_near"] = self.request.GET.get("near", "")
        context["has_click_and_collect"] = any(store_of(method) for method in context.get("methods", []))
        return context


class ClickAndCollectOrderPlacementMixin(ClickAndCollectSessionMixin):
    """For Oscar's PaymentDetailsView: the shop's stock is reserved in the transaction that writes the order,
    as its last statements; if any line cannot be held, the order is not placed and the preview says why."""

    def place_order(self, *args, **kwargs):
        store = store_of(kwargs.get("shipping_method"))
        if store is None:
            return super().place_order(*args, **kwargs)
        try:
            with transaction.atomic():
                order = super().place_order(*args, **kwargs)
                pickups.reserve_for_order(order, store)
        except pickups.PickupUnavailable as exc:
            raise UnableToPlaceOrder(str(exc)) from exc
        return order

    def handle_successful_order(self, order):
        pickup = getattr(order, "pickup", None)
        if pickup is not None:
            messages.info(
                self.request,
                _("We will email you when your order is ready at %(store)s. Your pickup code: %(code)s")
                % {"store": pickup.store.name, "code": pickup.code},
            )
        return super().handle_successful_order(order)


#: Which mixin each of Oscar's checkout views needs (attribute names of Oscar's CheckoutConfig).
VIEW_MIXINS = {
    "index_view": ClickAndCollectSessionMixin,
    "shipping_address_view": ClickAndCollectSessionMixin,
    "user_address_update_view": ClickAndCollectSessionMixin,
    "user_address_delete_view": ClickAndCollectSessionMixin,
    "shipping_method_view": ClickAndCollectShippingMethodMixin,
    "payment_method_view": ClickAndCollectSessionMixin,
    "payment_details_view": ClickAndCollectOrderPlacementMixin,
}


def add_click_and_collect(checkout_config):
    """Call from the ``ready()`` of the project's CheckoutConfig subclass, after ``super().ready()``: puts
    the mixins in front of the view classes it holds (which may already carry other mixins)."""
    for attribute, mixin in VIEW_MIXINS.items():
        view = getattr(checkout_config, attribute)
        if not issubclass(view, mixin):
            setattr(checkout_config, attribute, type(view.__name__, (mixin, view), {}))
