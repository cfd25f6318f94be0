"""The sandbox's checkout: Oscar's own app, with the order-placing view composed from socialshop's
checkout mixins. No fork: same label and module (``oscar.apps.checkout``), one view class swapped.

A shop does the same in its project: list this kind of CheckoutConfig subclass in INSTALLED_APPS instead of
``oscar.apps.checkout.apps.CheckoutConfig``."""

from oscar.apps.checkout.apps import CheckoutConfig as OscarCheckoutConfig
from oscar.core.loading import get_class


class CheckoutConfig(OscarCheckoutConfig):
    def ready(self):
        super().ready()
        from oscar_ext.checkout import FlashSaleCheckoutMixin

        self.payment_details_view = type(
            "PaymentDetailsView",
            (FlashSaleCheckoutMixin, get_class("checkout.views", "PaymentDetailsView")),
            {},
        )
        # Click & collect (docs/click-and-collect.md): shops as shipping methods, stock reserved at placement.
        from oscar_ext.click_and_collect import add_click_and_collect

        add_click_and_collect(self)
