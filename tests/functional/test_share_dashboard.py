"""Share clicks in Oscar's dashboard: the report (object × network, date range), the product list column."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.test.factories import UserFactory

from socialshop.models import ShareClick
from tests.factories import create_product

pytestmark = pytest.mark.django_db

REPORT = "/dashboard/social/shares/"


@pytest.fixture
def staff_client():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))  # Oscar's product list wants perms
    return client


def click(obj, network, days_ago=0, times=1):
    for _ in range(times):
        ShareClick.objects.create(
            network=network,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            campaign="share",
            created_at=timezone.now() - timedelta(days=days_ago),
        )


def table(html):
    """The report's table as {row label: {column header: cell text}}."""
    soup = BeautifulSoup(html, "html.parser")
    headers = [th.get_text(strip=True) for th in soup.select("table thead th")]
    rows = {}
    for tr in soup.select("table tbody tr, table tfoot tr"):
        label = tr.th.select_one(".share-report__label") or tr.th
        label = label.get_text(strip=True)
        cells = [td.get_text(strip=True) for td in tr.find_all("td")]
        rows[label] = dict(zip(headers[1:], cells, strict=True))
    return rows


def test_report_counts_clicks_per_product_and_network(staff_client):
    robe, chemise = create_product(title="Robe"), create_product(title="Chemise")
    click(robe, "pinterest", times=3)
    click(robe, "facebook")
    click(chemise, "facebook", times=2)
    click(chemise, "x", days_ago=45)  # outside the default 30 days

    response = staff_client.get(REPORT)
    assert response.status_code == 200
    rows = table(response.content.decode())
    assert (
        rows["Robe"]["Pinterest"] == "3" and rows["Robe"]["Facebook"] == "1" and rows["Robe"]["Total"] == "4"
    )
    assert (
        rows["Chemise"]["Facebook"] == "2" and rows["Chemise"]["X"] == "" and rows["Chemise"]["Total"] == "2"
    )
    assert rows["Total"]["Total"] == "6"
    assert list(rows)[:2] == ["Robe", "Chemise"]  # most shared first


def test_report_date_range(staff_client):
    robe = create_product(title="Robe")
    click(robe, "x", days_ago=45)
    click(robe, "x", days_ago=1)
    since = (timezone.localdate() - timedelta(days=60)).isoformat()
    until = (timezone.localdate() - timedelta(days=40)).isoformat()
    rows = table(staff_client.get(REPORT, {"since": since, "until": until}).content.decode())
    assert rows["Robe"]["X"] == "1"
    rows = table(staff_client.get(REPORT, {"since": "", "until": ""}).content.decode())  # all time
    assert rows["Robe"]["X"] == "2"


@pytest.mark.parametrize(
    "query, message",
    [
        ({"since": "2026-05-10", "until": "2026-05-01"}, "The end date is before the start date."),
        ({"since": "yesterday"}, "Enter a valid date."),
        ({"product": "abc"}, "Enter a whole number."),
    ],
)
def test_report_refuses_bad_input_with_field_errors(staff_client, query, message):
    response = staff_client.get(REPORT, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_report_for_one_product_and_other_shared_pages(staff_client):
    from sandbox.blog.models import BlogPostPage
    from sandbox.demo.blog import setup_blog

    setup_blog("testserver", 80)
    post = BlogPostPage.objects.get(slug="bienvenue")
    robe, chemise = create_product(title="Robe"), create_product(title="Chemise")
    click(robe, "pinterest")
    click(chemise, "pinterest")
    click(post, "bluesky")
    rows = table(staff_client.get(REPORT).content.decode())
    assert rows[post.title]["Bluesky"] == "1"
    rows = table(staff_client.get(REPORT, {"product": robe.pk}).content.decode())
    assert set(rows) == {"Robe", "Total"}


def test_report_shows_deleted_objects(staff_client):
    robe = create_product(title="Robe")
    click(robe, "facebook")
    pk = robe.pk
    robe.delete()
    rows = table(staff_client.get(REPORT).content.decode())
    assert rows[f"Deleted (#{pk})"]["Facebook"] == "1"


def test_report_is_for_staff_only():
    client = Client()
    assert client.get(REPORT).status_code == 302  # to the login page
    client.force_login(UserFactory(is_staff=False))
    assert client.get(REPORT).status_code in (302, 403)


def test_product_list_has_a_shares_column_without_a_query_per_row(staff_client):
    robe = create_product(title="Robe")
    click(robe, "facebook", times=2)
    click(robe, "x")
    for index in range(3):
        create_product(title=f"Produit {index}")

    def product_list():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get("/dashboard/catalogue/", {"sort": "-share_clicks"})
        assert response.status_code == 200
        ours = [query["sql"] for query in queries if "socialshop_shareclick" in query["sql"]]
        return BeautifulSoup(response.content, "html.parser"), len(ours)

    soup, few = product_list()
    headers = [th.get_text(strip=True) for th in soup.select("table thead th")]
    column = headers.index("Shares")
    first_row = soup.select("table tbody tr")[0].find_all("td")
    assert "Robe" in soup.select("table tbody tr")[0].get_text()  # sorted by shares
    assert first_row[column].get_text(strip=True) == "3"
    assert first_row[column].a["href"] == f"{REPORT}?product={robe.pk}"
    for index in range(10):
        create_product(title=f"Autre {index}")
    _soup, many = product_list()
    assert 1 <= many == few  # the counts ride on the list's own query, whatever the number of rows


def test_dashboard_menu_has_share_clicks(staff_client):
    soup = BeautifulSoup(staff_client.get("/dashboard/").content, "html.parser")
    assert any(a.get("href") == REPORT and "Share clicks" in a.get_text() for a in soup.select("a"))
