from django.apps import apps
from django.test import override_settings

from oscar_ext.checks import check_flash_sale_wiring


def test_the_sandbox_is_wired():
    assert check_flash_sale_wiring(None) == []


def test_missing_pipeline_step_and_checkout_mixin_are_reported(monkeypatch):
    from oscar.apps.checkout.views import PaymentDetailsView

    monkeypatch.setattr(apps.get_app_config("checkout"), "payment_details_view", PaymentDetailsView)
    with override_settings(SOCIAL_AUTH_PIPELINE=("social_core.pipeline.user.user_details",)):
        ids = {message.id for message in check_flash_sale_wiring(None)}
    assert ids == {"socialshop_oscar.W001", "socialshop_oscar.W002"}
