"""An offline social-login provider for the sandbox ONLY, so a newcomer can connect a "social account"
and become a fan without API keys. The approval page is served by the sandbox itself
(:func:`sandbox.demo.views.authorize`), which hands back a short-lived signed token."""

from django.core import signing
from django.urls import reverse
from social_core.backends.base import BaseAuth
from social_core.exceptions import AuthCredentialError, AuthInputError

TOKEN_SALT = "sandbox.demo.social"
TOKEN_MAX_AGE = 300


def make_token(uid, name, email):
    return signing.dumps({"uid": uid, "name": name, "email": email}, salt=TOKEN_SALT)


class DemoSocialAuth(BaseAuth):
    name = "demo"
    ID_KEY = "uid"
    EXTRA_DATA = ["name"]

    def auth_url(self):
        return reverse("demo-social-authorize")

    def auth_complete(self, *args, **kwargs):
        token = self.data.get("token")
        if not token:
            raise AuthInputError(self, parameter="token", code="missing_parameter", stage="callback")
        try:
            response = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature as exc:
            raise AuthCredentialError(
                self, "The demo approval expired or was altered.", stage="callback"
            ) from exc
        kwargs.update({"response": response, "backend": self})
        return self.strategy.authenticate(*args, **kwargs)

    def get_user_details(self, response):
        first_name, _, last_name = response["name"].partition(" ")
        return {
            "username": response["uid"],
            "email": response["email"],
            "fullname": response["name"],
            "first_name": first_name,
            "last_name": last_name,
        }
