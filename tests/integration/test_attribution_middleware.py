"""The attribution middleware on its own (query budget, cookie, sources) and in the sandbox's stack."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from socialshop.middleware import AttributionMiddleware
from socialshop.models import Touchpoint
from socialshop.services import attribution

pytestmark = pytest.mark.django_db

COOKIE = "socialshop_visitor"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def html_page(request):
    return HttpResponse("<html><body>page</body></html>", content_type="text/html; charset=utf-8")


class Browser:
    """Sends requests through the middleware alone and keeps its cookie like a browser would."""

    def __init__(self, view=html_page, user_agent=BROWSER):
        self.factory = RequestFactory()
        self.middleware = AttributionMiddleware(view)
        self.cookies = {}
        self.user_agent = user_agent

    def get(self, path, **extra):
        request = self.factory.get(path, HTTP_USER_AGENT=self.user_agent, **extra)
        request.COOKIES.update(self.cookies)
        response = self.middleware(request)
        for name, morsel in response.cookies.items():
            self.cookies[name] = morsel.value
        return response


@pytest.fixture
def browser():
    return Browser()


def test_a_landing_with_utm_tags_costs_exactly_one_query(browser, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = browser.get(
            "/catalogue/robe_1/?utm_source=facebook&utm_medium=social&utm_campaign=soldes&utm_content=carrousel"
            "&utm_term=lin&color=red"
        )
    touch = Touchpoint.objects.get()
    assert (touch.network, touch.utm_source, touch.utm_medium, touch.utm_campaign) == (
        "facebook",
        "facebook",
        "social",
        "soldes",
    )
    assert (touch.utm_content, touch.utm_term, touch.landing_path) == (
        "carrousel",
        "lin",
        "/catalogue/robe_1/",
    )
    assert touch.kind == Touchpoint.FIRST and touch.user is None
    assert len(touch.visitor) >= 16
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 30 * 24 * 3600
    assert touch.visitor in cookie.value  # signed, not encrypted: a random id, nothing personal


def test_other_requests_cost_no_query(browser, django_assert_num_queries):
    with django_assert_num_queries(0):
        first = browser.get("/catalogue/")  # a direct first visit: remembered in the cookie only
    assert COOKIE in first.cookies
    with django_assert_num_queries(0):
        again = browser.get("/catalogue/robe_1/", HTTP_REFERER="http://testserver/catalogue/")
    assert COOKIE not in again.cookies  # nothing changed, nothing written
    assert not Touchpoint.objects.exists()


def test_later_landings_are_last_touches_and_reloads_count_once(
    browser, django_assert_num_queries, django_assert_max_num_queries
):
    browser.get("/catalogue/")
    with django_assert_max_num_queries(1):
        browser.get("/?utm_source=instagram&utm_campaign=printemps")
    with django_assert_num_queries(0):
        browser.get("/?utm_source=instagram&utm_campaign=printemps")  # a reload
    browser.get("/?utm_source=pinterest&utm_campaign=printemps")
    touches = list(Touchpoint.objects.order_by("created_at"))
    assert [(t.network, t.kind) for t in touches] == [("instagram", "last"), ("pinterest", "last")]
    assert touches[0].visitor == touches[1].visitor


def test_a_reload_after_the_visit_length_is_a_new_visit(browser):
    browser.get("/?utm_source=facebook")
    later = timezone.now() + timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        browser.get("/?utm_source=facebook")
    assert Touchpoint.objects.count() == 2


def test_the_window_restarts_after_its_length(browser):
    browser.get("/?utm_source=facebook")
    later = timezone.now() + timedelta(days=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        browser.get("/?utm_source=x")
    assert list(Touchpoint.objects.order_by("created_at").values_list("kind", flat=True)) == [
        "first",
        "first",
    ]


def test_a_social_referrer_from_another_host_is_a_landing(browser):
    browser.get(
        "/catalogue/robe_1/", HTTP_REFERER="https://l.facebook.com/l.php?u=https%3A%2F%2Fshop&h=secret"
    )
    touch = Touchpoint.objects.get()
    assert (touch.network, touch.referrer_host, touch.utm_source) == ("facebook", "l.facebook.com", "")
    assert "secret" not in str(Touchpoint.objects.values().get())  # the referrer's path and query are gone


def test_utm_source_names_the_network_before_the_referrer(browser):
    browser.get("/?utm_source=newsletter", HTTP_REFERER="https://t.co/abc")
    touch = Touchpoint.objects.get()
    assert (touch.network, touch.referrer_host) == ("newsletter", "t.co")


@pytest.mark.parametrize(
    "referrer",
    ["http://testserver/catalogue/", "https://www.google.fr/search?q=robe", "https://example.org/"],
)
def test_own_pages_and_non_social_sites_are_not_landings(browser, referrer):
    browser.get("/catalogue/robe_1/", HTTP_REFERER=referrer)
    assert not Touchpoint.objects.exists()


def test_a_share_click_id_is_recorded_without_checking_it(browser, django_assert_num_queries):
    with django_assert_num_queries(1):
        browser.get("/catalogue/robe_1/?ssc=42")
    assert Touchpoint.objects.get().share_click_ref == 42
    browser.get("/catalogue/robe_2/?ssc=not-a-number")
    assert Touchpoint.objects.count() == 1


def test_a_flyer_landing_records_the_flyer(browser):
    browser.get("/catalogue/robe_1/?utm_source=boutique-lyon&utm_medium=qr&utm_campaign=vitrine")
    touch = Touchpoint.objects.get()
    assert (touch.flyer_ref, touch.network) == ("vitrine", "boutique-lyon")


@override_settings(SOCIALSHOP_ATTRIBUTION_UNLOCK_URL_NAMES=["socialshop:attribution-consent"])
def test_an_unlock_link_view_records_the_sale_reference():
    from django.urls import ResolverMatch

    def unlock_view(request):
        request.resolver_match = ResolverMatch(
            html_page, (), {"slug": "vente-fans"}, url_name="attribution-consent", namespaces=["socialshop"]
        )
        return html_page(request)

    Browser(unlock_view).get("/flash/vente-fans/unlock/?t=abc")
    assert Touchpoint.objects.get().unlock_ref == "vente-fans"


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "curl/8.0",
    ],
)
def test_crawlers_and_link_previews_are_not_visits(user_agent, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Browser(user_agent=user_agent).get("/?utm_source=facebook")
    assert not Touchpoint.objects.exists()
    assert COOKIE not in response.cookies


def test_prefetches_heads_posts_and_errors_are_not_visits():
    Browser().get("/?utm_source=facebook", HTTP_SEC_PURPOSE="prefetch")
    Browser(lambda request: HttpResponseNotFound("no")).get("/gone/?utm_source=facebook")
    middleware = AttributionMiddleware(html_page)
    factory = RequestFactory()
    middleware(factory.head("/?utm_source=facebook", HTTP_USER_AGENT=BROWSER))
    middleware(factory.post("/?utm_source=facebook", HTTP_USER_AGENT=BROWSER))
    assert not Touchpoint.objects.exists()


def test_a_redirect_that_forwards_the_tags_leaves_the_visit_to_the_next_page():
    def qr_hop(request):
        return HttpResponseRedirect("/catalogue/robe_1/?utm_source=flyer&utm_medium=qr")

    Browser(qr_hop).get("/app/go/?kind=qr_scan&utm_source=flyer&utm_medium=qr")
    assert not Touchpoint.objects.exists()

    def canonical(request):
        return HttpResponseRedirect("/catalogue/robe_1/")

    Browser(canonical).get("/catalogue/old-slug_1/?utm_source=facebook")
    assert Touchpoint.objects.get().landing_path == "/catalogue/old-slug_1/"


def test_the_customer_is_linked_when_the_view_already_loaded_them(browser):
    user = get_user_model().objects.create_user("jeanne", "jeanne@example.fr", "pw")

    def view(request):
        request._cached_user = user  # what AuthenticationMiddleware's lazy user leaves once evaluated
        return html_page(request)

    Browser(view).get("/?utm_source=x")
    assert Touchpoint.objects.get().user == user


def test_a_forged_cookie_is_ignored(browser):
    browser.cookies[COOKIE] = "attacker-chosen-id.1.d.abc.1"
    browser.get("/?utm_source=facebook")
    assert Touchpoint.objects.get().visitor != "attacker-chosen-id"


def test_a_database_error_never_breaks_the_page(browser):
    from django.db import DatabaseError

    with mock.patch.object(Touchpoint.objects, "create", side_effect=DatabaseError("disk full")):
        response = browser.get("/?utm_source=facebook")
    assert response.status_code == 200


# --- Consent ------------------------------------------------------------------------------------------


@pytest.fixture
def consent_required(settings):
    settings.SOCIALSHOP_ATTRIBUTION_REQUIRES_CONSENT = True


def test_without_consent_nothing_is_recorded_and_no_cookie_is_set(
    consent_required, client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = Browser().get("/?utm_source=facebook&utm_campaign=x")
    assert COOKIE not in response.cookies
    response = client.get("/?utm_source=facebook&utm_campaign=x", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert COOKIE not in response.cookies and COOKIE not in client.cookies
    assert not Touchpoint.objects.exists()


def test_consent_endpoint_sets_the_cookie_and_counts_the_page_it_was_given_on(consent_required, client):
    response = client.post(
        "/attribution/consent/",
        {"landing": "/catalogue/?utm_source=facebook&utm_campaign=x", "referrer": "https://l.facebook.com/"},
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 204
    assert COOKIE in response.cookies
    touch = Touchpoint.objects.get()
    assert (touch.network, touch.utm_campaign, touch.landing_path, touch.referrer_host) == (
        "facebook",
        "x",
        "/catalogue/",
        "l.facebook.com",
    )
    assert touch.kind == Touchpoint.FIRST
    client.get("/?utm_source=pinterest", HTTP_USER_AGENT=BROWSER)
    assert Touchpoint.objects.count() == 2


def test_consent_form_without_javascript_redirects_back(consent_required, client):
    response = client.post("/attribution/consent/", {"consent": "1", "next": "/catalogue/"})
    assert response.status_code == 303 and response["Location"] == "/catalogue/"
    assert COOKIE in response.cookies


@pytest.mark.parametrize(
    "data, field",
    [
        ({"next": "https://evil.example/"}, "next"),
        ({"next": "//evil.example/"}, "next"),
        ({"landing": "https://evil.example/?utm_source=x"}, "landing"),
        ({"consent": "maybe"}, "consent"),
    ],
)
def test_consent_endpoint_rejects_bad_input_with_field_errors(client, data, field):
    response = client.post("/attribution/consent/", data)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert COOKIE not in response.cookies


def test_consent_endpoint_only_accepts_post(client):
    assert client.get("/attribution/consent/").status_code == 405


def test_withdrawing_consent_deletes_the_visits_and_stops_measuring(client):
    client.get("/?utm_source=facebook", HTTP_USER_AGENT=BROWSER)
    assert Touchpoint.objects.count() == 1
    response = client.post("/attribution/consent/", {"consent": "0"})
    assert response.status_code == 204
    assert not Touchpoint.objects.exists()
    client.get("/?utm_source=x", HTTP_USER_AGENT=BROWSER)
    assert not Touchpoint.objects.exists()
    client.post("/attribution/consent/", {"consent": "1"})  # changing one's mind
    client.get("/?utm_source=x", HTTP_USER_AGENT=BROWSER)
    assert Touchpoint.objects.count() == 1


def test_grant_consent_needs_the_middleware():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="AttributionMiddleware"):
        attribution.grant_consent(RequestFactory().post("/"))


# --- The full sandbox stack ---------------------------------------------------------------------------


def test_in_the_sandbox_stack_a_landing_adds_one_query_and_another_page_none(client):
    """Same page, same warm caches, as a returning visitor: the tagged request costs one more query."""
    client.get("/catalogue/", HTTP_USER_AGENT=BROWSER)  # warm caches; direct first visit (cookie)
    with CaptureQueriesContext(connection) as plain:
        client.get("/catalogue/", HTTP_USER_AGENT=BROWSER)
    with CaptureQueriesContext(connection) as landing:
        client.get("/catalogue/?utm_source=facebook&utm_campaign=x", HTTP_USER_AGENT=BROWSER)
    inserts = [q["sql"] for q in landing.captured_queries if "socialshop_touchpoint" in q["sql"]]
    assert len(inserts) == 1 and inserts[0].startswith("INSERT")
    assert not [q for q in plain.captured_queries if "socialshop_touchpoint" in q["sql"]]
    assert len(landing.captured_queries) == len(plain.captured_queries) + 1


def test_login_links_the_visitors_touchpoints_to_the_customer(client):
    user = get_user_model().objects.create_user("jeanne", "jeanne@example.fr", "secret-pw")
    client.get("/?utm_source=facebook&utm_campaign=x", HTTP_USER_AGENT=BROWSER)
    response = client.post(
        "/accounts/login/",
        {"login-username": "jeanne@example.fr", "login-password": "secret-pw", "login_submit": "1"},
    )
    assert response.status_code == 302
    assert Touchpoint.objects.get().user == user


def test_a_cookie_set_before_consent_was_required_is_not_consent(settings, browser):
    browser.get("/?utm_source=facebook")
    assert Touchpoint.objects.count() == 1
    settings.SOCIALSHOP_ATTRIBUTION_REQUIRES_CONSENT = True
    browser.get("/?utm_source=x")
    assert Touchpoint.objects.count() == 1
