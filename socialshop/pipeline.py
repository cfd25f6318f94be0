"""social-auth pipeline steps. Add ``"socialshop.pipeline.record_fan"`` at the end of
SOCIAL_AUTH_PIPELINE (after ``social_core.pipeline.user.user_details``)."""

from .services import fans


def record_fan(backend, user=None, social=None, *args, **kwargs):
    """Record the network the customer just connected, so fan-only flash sales open to them."""
    if user is not None:
        fans.record_connection(user, backend.name, social)


def forget_fan(backend, user=None, *args, **kwargs):
    """Disconnect pipeline (after ``disconnect``): a network the customer no longer has any account of
    stops making them a fan."""
    if user is not None:
        fans.forget_connection(user, backend.name)
