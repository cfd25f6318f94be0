"""Who is a fan: customers who connected a social network (recorded by the social-auth pipeline step
:func:`socialshop.pipeline.record_fan`), optionally confirmed by a verifier that asks the network's API.

Facebook has forbidden like-gating since 2014-11-05, so the default verifier accepts any connected account.
"""

import logging
import time

import requests
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from ..conf import settings
from ..models import FanConnection

logger = logging.getLogger(__name__)

NETWORK_LABELS = {
    "facebook": _("Facebook"),
    "x": _("X (Twitter)"),
    "pinterest": _("Pinterest"),
    "instagram": _("Instagram"),
    "linkedin": _("LinkedIn"),
    "demo": _("Demo network"),
}


def network_choices():
    """(code, label) for every network a fan can connect, in the order of NETWORK_LABELS."""
    known = set(settings.FLASH_SALE_PROVIDER_NETWORKS.values())
    return [(code, label) for code, label in NETWORK_LABELS.items() if code in known]


def network_for_provider(provider):
    """The fan network of a social-auth backend name, or None when that backend does not count."""
    return settings.FLASH_SALE_PROVIDER_NETWORKS.get(provider)


def record_connection(user, provider, social=None):
    """Remember that ``user`` connected ``provider``; ask the verifier; return the FanConnection or None."""
    network = network_for_provider(provider)
    if network is None or user is None:
        return None
    connection, _ = FanConnection.objects.get_or_create(
        user=user, network=network, defaults={"provider": provider}
    )
    verified = _verifier()(user, network, social)
    connection.provider = provider
    connection.verified_at = timezone.now() if verified else None
    connection.save(update_fields=["provider", "verified_at"])
    return connection


def fan_networks(user):
    """The set of networks through which ``user`` is a (verified) fan."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        FanConnection.objects.filter(user=user, verified_at__isnull=False).values_list("network", flat=True)
    )


def _verifier():
    return import_string(settings.FLASH_SALE_FAN_VERIFIER)


# --- Verifiers ---------------------------------------------------------------------------------------------


def connected_account(user, network, social=None):
    """The default: connecting the account is enough (no like-gating)."""
    return True


class VerifierError(Exception):
    """The network's API could not answer; the connection stays unverified until the next login."""


def get_json(url, *, token, params=None, attempts=3):
    """GET a JSON API with a bearer token, a timeout and bounded retries on network errors and 5xx/429."""
    timeout = settings.FLASH_SALE_VERIFIER_TIMEOUT
    last_error = None
    for attempt in range(attempts):
        try:
            response = requests.get(
                url,
                params=params,
                headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                timeout=(timeout, timeout),
            )
        except requests.RequestException as exc:
            last_error = f"{url}: {exc.__class__.__name__}"
        else:
            if response.status_code < 400:
                try:
                    return response.json()
                except ValueError as exc:
                    raise VerifierError(f"{url} answered something that is not JSON") from exc
            if response.status_code not in (429, 500, 502, 503, 504):
                raise VerifierError(f"{url} answered HTTP {response.status_code}")
            last_error = f"{url} answered HTTP {response.status_code}"
        if attempt + 1 < attempts:
            time.sleep(0.2 * 2**attempt)
    raise VerifierError(f"gave up after {attempts} attempts: {last_error}")


X_FOLLOWING_URL = "https://api.x.com/2/users/{uid}/following"


def x_follows_brand(user, network, social=None, max_pages=10):
    """Verifier: on X, the customer must follow the brand account SOCIALSHOP_FLASH_SALE_BRAND_ACCOUNTS["x"]
    (X API v2 follows lookup, user token with the ``follows.read`` scope). Other networks: connected account.
    Any API failure counts as "not verified" and is logged, never raised into the login."""
    brand_id = settings.FLASH_SALE_BRAND_ACCOUNTS.get("x")
    if network != "x" or not brand_id:
        return True
    token = (social.extra_data or {}).get("access_token") if social is not None else None
    if not token:
        logger.warning("x_follows_brand: no access token for user %s", user.pk)
        return False
    params = {"max_results": 1000}
    try:
        for _page in range(max_pages):
            payload = get_json(X_FOLLOWING_URL.format(uid=social.uid), token=token, params=params)
            if any(str(account.get("id")) == str(brand_id) for account in payload.get("data") or []):
                return True
            next_token = (payload.get("meta") or {}).get("next_token")
            if not next_token:
                return False
            params = {"max_results": 1000, "pagination_token": next_token}
    except VerifierError as exc:
        logger.warning("x_follows_brand: %s", exc)
    return False


def forget_connection(user, provider):
    """Drop the fan connection of ``provider``'s network unless another linked account still provides it."""
    from social_django.models import UserSocialAuth

    network = network_for_provider(provider)
    if network is None:
        return
    remaining = UserSocialAuth.objects.filter(user=user).values_list("provider", flat=True)
    if network not in {network_for_provider(name) for name in remaining}:
        FanConnection.objects.filter(user=user, network=network).delete()
