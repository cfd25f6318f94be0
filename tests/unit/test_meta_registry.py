"""The describer registry and the get_social_meta protocol: any object can describe itself."""

import pytest
from django.test import RequestFactory, override_settings

from socialshop.services import meta
from socialshop.templatetags.socialshop_meta import find_subject

pytestmark = pytest.mark.django_db


class Event:
    """Not a model, not registered: has no social metadata of its own."""

    title = "Vente privée"


class SelfDescribing:
    def get_social_meta(self, request):
        return {
            "title": "  Soirée\n d'ouverture ",
            "description": "<p>Le <b>12</b> mai</p>",
            "url": "/soiree/",
        }


class Special(SelfDescribing):
    pass


@pytest.fixture
def request_():
    return RequestFactory().get("/soiree/?utm_source=x", HTTP_HOST="shop.example")


@pytest.fixture
def registered():
    registered = []

    def register(model, describer):
        meta.register(model, describer)
        registered.append(model)

    yield register
    for model in registered:
        meta.unregister(model)


def test_an_object_describes_itself_through_the_protocol(request_):
    card = meta.describe(SelfDescribing(), request_)
    assert card.title == "Soirée d'ouverture"
    assert card.description == "Le 12 mai"
    assert card.url == "http://shop.example/soiree/"
    assert card.type == meta.WEBSITE
    assert card.site_name == "Maison Lumière"
    assert card.twitter_site == "@maisonlumiere"
    assert card.image.url == "http://shop.example/static/socialshop/img/default-share.png"
    assert card.pinterest_image == card.image


def test_a_registered_describer_wins_over_the_method_of_a_base_class(request_, registered):
    registered(Special, lambda obj, request: {"title": "Registered"})
    assert meta.describe(Special(), request_).title == "Registered"
    assert meta.describe(SelfDescribing(), request_).title == "Soirée d'ouverture"


def test_subclasses_inherit_a_registered_describer(request_, registered):
    registered(Event, lambda obj, request: {"title": obj.title, "type": meta.ARTICLE})

    class Flash(Event):
        pass

    assert meta.describe(Flash(), request_).type == meta.ARTICLE


def test_unknown_fields_are_a_clear_error(request_, registered):
    registered(Event, lambda obj, request: {"titel": "typo"})
    with pytest.raises(TypeError, match="Unknown social metadata field.*titel"):
        meta.describe(Event(), request_)


def test_a_describer_must_return_a_mapping(request_, registered):
    registered(Event, lambda obj, request: ["title"])
    with pytest.raises(TypeError, match="not a mapping"):
        meta.describe(Event(), request_)


def test_no_object_describes_the_page_as_part_of_the_site(request_):
    card = meta.describe(None, request_)
    assert (card.title, card.url, card.home) == ("Maison Lumière", "http://shop.example/soiree/", False)
    home = meta.describe(None, RequestFactory().get("/", HTTP_HOST="shop.example"))
    assert home.home is True


@override_settings(SOCIALSHOP_SITE_URL="https://www.maison.example", SOCIALSHOP_SITE_NAME="Maison")
def test_site_url_and_name_settings_win(request_):
    card = meta.describe(SelfDescribing(), request_)
    assert card.url == "https://www.maison.example/soiree/"
    assert card.site_name == "Maison"


def test_site_defaults_providers_override_non_empty_values(request_):
    def provider(request):
        return {"site_name": "Autre", "twitter_site": ""}

    meta.register_site_defaults(provider)
    try:
        defaults = meta.site_defaults(request_)
    finally:
        meta.unregister_site_defaults(provider)
    assert (defaults.site_name, defaults.twitter_site) == ("Autre", "@maisonlumiere")


def test_find_subject_takes_the_first_describable_object():
    described = SelfDescribing()
    assert find_subject({"product": None, "page": Event(), "object": described}) is described
    assert find_subject({"page": Event()}) is None


def test_describe_is_memoised_per_request_for_saved_models(request_):
    from django.contrib.sites.models import Site

    calls = []

    def describer(obj, request):
        calls.append(obj)
        return {"title": obj.name}

    meta.register(Site, describer)
    try:
        site = Site.objects.get()
        first = meta.describe(site, request_)
        assert meta.describe(site, request_) is first and len(calls) == 1
    finally:
        meta.unregister(Site)
