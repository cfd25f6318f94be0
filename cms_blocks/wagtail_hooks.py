"""Admin registrations: the product, category, range and flash-sale choosers used by the shop blocks."""

from wagtail import hooks

from .choosers import (
    category_chooser_viewset,
    flash_sale_chooser_viewset,
    product_chooser_viewset,
    range_chooser_viewset,
)


@hooks.register("register_admin_viewset")
def register_chooser_viewsets():
    return [
        product_chooser_viewset,
        category_chooser_viewset,
        range_chooser_viewset,
        flash_sale_chooser_viewset,
    ]
