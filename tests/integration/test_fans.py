"""Fans: the pipeline step, the provider mapping and the follow-checking verifier (X API mocked)."""

from types import SimpleNamespace

import pytest
import responses
from django.test import override_settings

from socialshop.models import FanConnection
from socialshop.pipeline import record_fan
from socialshop.services import fans
from tests.flashsale_factories import create_customer

pytestmark = pytest.mark.django_db
X_URL = "https://api.x.com/2/users/42/following"


def test_pipeline_records_known_networks_only():
    user = create_customer("camille", fan_of=())
    record_fan(SimpleNamespace(name="facebook"), user=user)
    record_fan(SimpleNamespace(name="twitter-oauth2"), user=user)
    record_fan(SimpleNamespace(name="github"), user=user)
    record_fan(SimpleNamespace(name="facebook"), user=None)
    assert fans.fan_networks(user) == {"facebook", "x"}
    assert FanConnection.objects.count() == 2


def social(token="tok"):
    return SimpleNamespace(uid="42", extra_data={"access_token": token})


@override_settings(
    SOCIALSHOP_FLASH_SALE_FAN_VERIFIER="socialshop.services.fans.x_follows_brand",
    SOCIALSHOP_FLASH_SALE_BRAND_ACCOUNTS={"x": "777"},
)
@responses.activate
def test_x_verifier_follows_pages_and_confirms():
    responses.get(X_URL, json={"data": [{"id": "1"}], "meta": {"next_token": "p2"}})
    responses.get(X_URL, json={"data": [{"id": "777"}], "meta": {}})
    user = create_customer("follower", fan_of=())
    connection = fans.record_connection(user, "twitter-oauth2", social())
    assert connection.verified_at is not None
    assert responses.calls[0].request.headers["Authorization"] == "Bearer tok"
    assert "pagination_token=p2" in responses.calls[1].request.url


@override_settings(
    SOCIALSHOP_FLASH_SALE_FAN_VERIFIER="socialshop.services.fans.x_follows_brand",
    SOCIALSHOP_FLASH_SALE_BRAND_ACCOUNTS={"x": "777"},
)
@responses.activate
def test_x_verifier_refuses_non_followers_and_survives_api_errors(monkeypatch):
    monkeypatch.setattr(fans.time, "sleep", lambda seconds: None)
    responses.get(X_URL, json={"data": [{"id": "1"}], "meta": {}})
    user = create_customer("stranger", fan_of=())
    assert fans.record_connection(user, "twitter-oauth2", social()).verified_at is None
    responses.replace(responses.GET, X_URL, status=503)
    assert fans.record_connection(user, "twitter-oauth2", social()).verified_at is None
    assert len(responses.calls) == 1 + 3  # bounded retries
    assert fans.fan_networks(user) == set()
    # Other networks: the connected account is enough.
    assert fans.record_connection(user, "facebook", None).verified_at is not None


def test_get_json_uses_a_timeout(monkeypatch):
    seen = {}

    def fake_get(url, **kwargs):
        seen.update(kwargs)
        return SimpleNamespace(status_code=200, json=lambda: {"ok": True})

    monkeypatch.setattr(fans.requests, "get", fake_get)
    assert fans.get_json("https://example.test/", token="t") == {"ok": True}
    assert seen["timeout"] == (5, 5)


def test_disconnecting_the_network_forgets_the_fan(client):
    from social_django.models import UserSocialAuth

    user = create_customer("leaver", fan_of=())
    UserSocialAuth.objects.create(user=user, provider="demo", uid="demo-leaver")
    record_fan(SimpleNamespace(name="demo"), user=user)
    client.force_login(user)
    assert fans.fan_networks(user) == {"demo"}
    response = client.post("/social/disconnect/demo/")
    assert response.status_code == 302
    assert fans.fan_networks(user) == set()
