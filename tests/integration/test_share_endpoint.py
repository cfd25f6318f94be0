"""The share-click endpoint: 302 to the network URL it builds itself, one ShareClick per visitor, object and
network within the window, nothing for bots, 404 for anything tampered, at most two queries."""

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import UserFactory

from socialshop.models import ShareClick
from socialshop.services import share_links
from socialshop.services.share import BUILTIN_NETWORKS, share_url, with_params
from tests.factories import create_product

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


@pytest.fixture(autouse=True)
def clear_dedup_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def product():
    return create_product(title='Robe "Été" & <Lin>', price="89.00")


@pytest.fixture
def shared(product, rf):
    request = rf.get(product.get_absolute_url())
    page = share_links.shared_page(product, request, campaign="soldes-ete")
    return page, share_links.make_token(product, page)


def share_path(network, token):
    return f"/share/{network}/{token}/"


def expected_location(network, page, click_id=None):
    """The network URL the server must build, the shared page carrying the click's id (for Social ROI)."""
    if click_id is not None:
        page = replace(page, url=with_params(page.url, ssc=click_id))
    return share_url(BUILTIN_NETWORKS[network], page)


def test_click_redirects_to_the_network_url_built_by_the_server(visitor, product, shared):
    page, token = shared
    response = visitor.get(share_path("pinterest", token))
    assert response.status_code == 302
    click = ShareClick.objects.get()
    assert response["Location"] == expected_location("pinterest", page, click.pk)
    query = parse_qs(urlsplit(response["Location"]).query)
    shared_url = urlsplit(query["url"][0])
    assert shared_url.netloc == "testserver" and shared_url.path == product.get_absolute_url()
    assert parse_qs(shared_url.query) == {
        "ssc": [str(click.pk)],
        "utm_source": ["pinterest"],
        "utm_medium": ["social"],
        "utm_campaign": ["soldes-ete"],
    }
    assert query["media"][0].startswith("http://testserver/") and query["media"][0].endswith(".jpg")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_click_is_recorded_with_network_object_campaign_and_time(visitor, product, shared):
    visitor.get(share_path("facebook", shared[1]))
    click = ShareClick.objects.get()
    assert click.network == "facebook"
    assert click.content_type == ContentType.objects.get_for_model(product)
    assert click.object_id == product.pk and click.shared_object == product
    assert click.campaign == "soldes-ete"
    assert click.user is None
    assert click.created_at is not None


def test_the_session_is_stored_hashed_and_the_customer_by_id(visitor, shared):
    customer = UserFactory()
    visitor.force_login(customer)
    visitor.get(share_path("x", shared[1]))
    click = ShareClick.objects.get()
    raw_key = visitor.session.session_key
    assert click.user == customer
    assert (
        len(click.session_hash) == 64 and click.session_hash != raw_key and raw_key not in click.session_hash
    )


def test_repeated_clicks_count_once_per_visitor_object_and_network(visitor, shared, product):
    token = shared[1]
    for _ in range(3):
        assert visitor.get(share_path("facebook", token)).status_code == 302
    assert ShareClick.objects.count() == 1
    visitor.get(share_path("x", token))  # another network counts
    other = create_product(title="Chemise")
    visitor.get(share_path("facebook", share_links.make_token(other, shared[0])))  # another object counts
    assert ShareClick.objects.count() == 3


def test_visitors_without_a_session_are_told_apart_by_their_browser(shared, product):
    """Two browsers behind one address (an office, a mobile carrier): each product page visit gave them a
    different CSRF cookie, so both count; a repeated click by either does not."""
    first, second = Client(HTTP_USER_AGENT=BROWSER), Client(HTTP_USER_AGENT=BROWSER)
    for client in (first, second, first):
        client.get(product.get_absolute_url())
        assert "sessionid" not in client.cookies and "csrftoken" in client.cookies
        client.get(share_path("facebook", shared[1]))
    assert ShareClick.objects.count() == 2


def test_a_logged_in_customer_is_one_visitor_across_sessions(shared):
    customer = UserFactory()
    for _ in range(2):
        client = Client(HTTP_USER_AGENT=BROWSER)
        client.force_login(customer)
        client.get(share_path("facebook", shared[1]))
    assert ShareClick.objects.count() == 1


def test_clicks_count_again_after_the_window(visitor, shared):
    with override_settings(SOCIALSHOP_SHARE_DEDUP_SECONDS=0):
        visitor.get(share_path("facebook", shared[1]))
        visitor.get(share_path("facebook", shared[1]))
    assert ShareClick.objects.count() == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"},
        {"HTTP_USER_AGENT": "python-requests/2.32"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch;prerender"},
    ],
)
def test_bots_and_prefetches_are_redirected_but_not_counted(shared, headers):
    response = Client().get(share_path("facebook", shared[1]), **headers)
    assert response.status_code == 302
    assert ShareClick.objects.count() == 0


def test_head_is_answered_but_not_counted(visitor, shared):
    assert visitor.head(share_path("facebook", shared[1])).status_code == 302
    assert ShareClick.objects.count() == 0


@override_settings(SOCIALSHOP_SHARE_BOT_USER_AGENTS=[r"^Mozilla/5\.0 \(X11"])
def test_bot_patterns_are_a_setting(visitor, shared):
    visitor.get(share_path("facebook", shared[1]))
    assert ShareClick.objects.count() == 0


def test_post_is_not_allowed(visitor, shared):
    assert visitor.post(share_path("facebook", shared[1])).status_code == 405


# --- Tampering ----------------------------------------------------------------------------------------------


def tampered_tokens(token):
    body, _, signature = token.rpartition(":")
    flipped = body[:-3] + ("A" if body[-3] != "A" else "B") + body[-2:]
    yield "flipped byte", f"{flipped}:{signature}"
    yield "other signature", f"{body}:{'A' * len(signature)}"
    yield "no signature", body
    payload = [1, 1, "https://evil.example/", "t", "", "https://evil.example/i.jpg", "share"]
    yield "another salt", signing.Signer(salt="something.else").sign_object(payload, compress=True)
    yield "timestamped", signing.dumps(payload, salt=share_links.SALT, compress=True)
    yield "unsigned json", signing.b64_encode(b'[1,1,"https://evil.example/","t","","","share"]').decode()
    yield "signed but malformed", signing.dumps(["https://evil.example/"], salt=share_links.SALT)
    yield (
        "signed, wrong types",
        signing.dumps(["1", 1, "https://evil.example/", "t", "", "", "share"], salt=share_links.SALT),
    )
    yield "garbage", "%2F%2Fevil.example"


def test_a_tampered_token_is_a_404_never_a_redirect(visitor, shared):
    for name, token in tampered_tokens(shared[1]):
        response = visitor.get(share_path("facebook", token))
        assert response.status_code == 404, name
        assert "Location" not in response, name
    assert ShareClick.objects.count() == 0


@pytest.mark.parametrize("network", ["myspace", "FACEBOOK", "facebook.com", "https"])
def test_an_unknown_network_is_a_404(visitor, shared, network):
    response = visitor.get(f"/share/{network}/{shared[1]}/")
    assert response.status_code == 404 and "Location" not in response


@override_settings(SOCIALSHOP_SHARE_NETWORKS=["facebook"])
def test_a_disabled_network_is_a_404(visitor, shared):
    assert visitor.get(share_path("x", shared[1])).status_code == 404
    assert visitor.get(share_path("facebook", shared[1])).status_code == 302


@pytest.mark.parametrize(
    "query",
    [
        "?url=https://evil.example/",
        "?u=https://evil.example/",
        "?next=https://evil.example/",
        "?redirect=//evil.example",
        "?media=https://evil.example/x.jpg&description=pwned",
        "?instance=evil.example",
    ],
)
def test_no_parameter_chooses_the_destination(visitor, shared, query):
    page, token = shared
    location = visitor.get(share_path("pinterest", token) + query)["Location"]
    assert location == expected_location("pinterest", page, ShareClick.objects.get().pk)


def test_the_shared_link_names_the_click_repeated_clicks_the_first(visitor, shared):
    def click_param(response):
        shared_url = parse_qs(urlsplit(response["Location"]).query)["u"][0]
        return parse_qs(urlsplit(shared_url).query).get("ssc")

    first = click_param(visitor.get(share_path("facebook", shared[1])))
    assert first == [str(ShareClick.objects.get().pk)]
    assert click_param(visitor.get(share_path("facebook", shared[1]))) == first  # counted once, same id
    bot = Client(HTTP_USER_AGENT="Googlebot/2.1")
    assert click_param(bot.get(share_path("facebook", shared[1]))) is None  # not counted: no id
    with override_settings(SOCIALSHOP_ATTRIBUTION_SHARE_CLICK_PARAM=""):
        assert click_param(Client(HTTP_USER_AGENT=BROWSER).get(share_path("facebook", shared[1]))) is None


def test_email_redirects_to_mailto(visitor, shared):
    response = visitor.get(share_path("email", shared[1]))
    assert response.status_code == 302 and response["Location"].startswith("mailto:?subject=")


def test_copy_link_redirects_to_the_tagged_page(visitor, shared, product):
    location = urlsplit(visitor.get(share_path("copy", shared[1]))["Location"])
    assert (location.netloc, location.path) == ("testserver", product.get_absolute_url())
    assert parse_qs(location.query)["utm_source"] == ["copy"]


# --- Mastodon -----------------------------------------------------------------------------------------------


def test_mastodon_without_an_instance_asks_for_it(visitor, shared):
    response = visitor.get(share_path("mastodon", shared[1]))
    assert response.status_code == 200
    assert b'name="instance"' in response.content
    assert ShareClick.objects.count() == 0


def test_mastodon_redirects_to_the_instance_share_page_only(visitor, shared):
    response = visitor.get(share_path("mastodon", shared[1]), {"instance": "@alice@Piaille.fr"})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc, location.path) == ("https", "piaille.fr", "/share")
    assert list(parse_qs(location.query)) == ["text"]
    assert ShareClick.objects.get().network == "mastodon"


@pytest.mark.parametrize(
    "instance",
    [
        "evil.example/phish",
        "evil.example:8080",
        "user@evil.example:1/x",
        "http://evil.example",
        "//evil.example",
        "127.0.0.1",
        "evil.example\r\nSet-Cookie: x=1",
        "javascript:alert(1)",
    ],
)
def test_mastodon_refuses_anything_but_a_hostname(visitor, shared, instance):
    response = visitor.get(share_path("mastodon", shared[1]), {"instance": instance})
    assert response.status_code == 400
    assert "Location" not in response
    assert "mastodon.social" in response.content.decode()  # the form says what to type
    assert ShareClick.objects.count() == 0


# --- Query budget -------------------------------------------------------------------------------------------


def open_session(client):
    session = client.session  # the test client creates and saves one, and sets its cookie
    session["seen"] = True
    session.save()


def test_an_anonymous_click_costs_at_most_two_queries(visitor, shared, django_assert_max_num_queries):
    open_session(visitor)
    with django_assert_max_num_queries(2):  # reading the session, inserting the click
        assert visitor.get(share_path("pinterest", shared[1])).status_code == 302
    assert ShareClick.objects.get().session_hash


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_a_customers_click_costs_at_most_two_queries(shared, django_assert_max_num_queries):
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    visitor.force_login(UserFactory())
    with django_assert_max_num_queries(2):  # Oscar's basket middleware loads the user, then the insert
        assert visitor.get(share_path("x", shared[1])).status_code == 302
    assert ShareClick.objects.get().user_id is not None


def test_the_endpoint_adds_only_its_insert_to_any_requests_cost(visitor, shared, django_assert_num_queries):
    """With database sessions, Oscar's basket middleware reads the session and the customer on every page of
    the shop; the endpoint adds its insert to that, and nothing for a repeated click."""
    visitor.force_login(UserFactory())
    with CaptureQueriesContext(connection) as bare:
        visitor.get("/i18n/setlang/")  # a view that queries nothing itself
    with django_assert_num_queries(len(bare) + 1):
        assert visitor.get(share_path("x", shared[1])).status_code == 302
    with django_assert_num_queries(len(bare)):
        assert visitor.get(share_path("x", shared[1])).status_code == 302
    assert ShareClick.objects.count() == 1


def test_links_are_stable_so_pages_can_be_cached(product, shared):
    page, token = shared
    assert share_links.make_token(product, page) == token  # no timestamp in it
    assert len(token) < 400
