import pytest
from django.contrib.auth import get_user_model
from social_django.models import UserSocialAuth

from sandbox.demo.backends import make_token

pytestmark = pytest.mark.django_db


def connect(client, name="Camille Demo", email="camille@example.fr"):
    response = client.post("/social/login/demo/", {"next": "/catalogue/"})
    assert response.status_code == 302 and response.url == "/social/demo/authorize/"
    response = client.post(response.url, {"name": name, "email": email})
    assert response.status_code == 302 and response.url.startswith("/social/complete/demo/?token=")
    return client.get(response.url)


def test_login_view_is_post_only(client):
    assert client.get("/social/login/demo/").status_code == 405


def test_connecting_the_demo_account_signs_the_visitor_in(client):
    response = connect(client)
    assert response.status_code == 302 and response.url == "/catalogue/"
    link = UserSocialAuth.objects.get(provider="demo")
    assert link.user.email == "camille@example.fr"
    assert client.get("/accounts/profile/").status_code == 200  # signed in


def test_a_signed_in_customer_gets_the_account_linked(client):
    user = get_user_model().objects.create_user("jeanne", "jeanne@example.fr", "pw")
    client.force_login(user)
    connect(client, email="jeanne@example.fr")
    assert UserSocialAuth.objects.get(provider="demo").user == user


def test_an_altered_token_is_refused(client):
    client.post("/social/login/demo/")
    token = make_token("demo-mallory", "Mallory", "m@example.fr")
    response = client.get("/social/complete/demo/", {"token": token[:-2] + "xx"})
    assert not UserSocialAuth.objects.exists()
    assert response.status_code == 403 and "_auth_user_id" not in client.session
