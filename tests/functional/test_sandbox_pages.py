import pytest
from django.urls import reverse

from tests.factories import create_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return create_product(title="Robe portefeuille en lin", price="89.00")


def test_storefront_pages_answer(client, product):
    for url in [
        "/",
        "/catalogue/",
        product.get_absolute_url(),
        "/basket/",
        "/cms/login/",
        "/social/demo/authorize/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert product.title in client.get("/").content.decode()


def test_blog_is_served_under_blog(client):
    from sandbox.demo.blog import setup_blog

    setup_blog("testserver", 80)
    response = client.get("/blog/")
    assert response.status_code == 200
    assert "Bienvenue chez Maison Lumière" in response.content.decode()
    assert client.get("/blog/bienvenue/").status_code == 200


def test_admin_areas_are_where_the_readme_says(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/cms/").status_code == 200


def test_no_third_party_script_in_the_storefront(client, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert "googleapis" not in html and '<script src="http' not in html


def test_language_switcher_changes_the_shop_language(client, product):
    url = product.get_absolute_url()
    assert (
        'lang="fr"' in client.get(url).content.decode()
        and "Ajouter au panier" in client.get(url).content.decode()
    )
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert 'lang="en"' in html and "Add to cart" in html
