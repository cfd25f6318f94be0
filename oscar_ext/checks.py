"""System checks for what flash sales need from the project's wiring (docs/flash-sales.md)."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility)
def check_flash_sale_wiring(app_configs, **kwargs):
    from .checkout import FlashSaleCheckoutMixin

    messages = []
    try:
        view = apps.get_app_config("checkout").payment_details_view
    except (LookupError, AttributeError):
        view = None
    if view is not None and not issubclass(view, FlashSaleCheckoutMixin):
        messages.append(
            Warning(
                "Flash sale holds are not checked when orders are placed.",
                hint="List a CheckoutConfig whose payment_details_view has "
                "oscar_ext.checkout.FlashSaleCheckoutMixin in front (see docs/flash-sales.md).",
                id="socialshop_oscar.W001",
            )
        )
    pipeline = getattr(settings, "SOCIAL_AUTH_PIPELINE", ())
    if "socialshop.pipeline.record_fan" not in pipeline:
        messages.append(
            Warning(
                "Connected social accounts do not make fans: the pipeline step is missing.",
                hint='Append "socialshop.pipeline.record_fan" to SOCIAL_AUTH_PIPELINE.',
                id="socialshop_oscar.W002",
            )
        )
    return messages
