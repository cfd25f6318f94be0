from urllib.parse import urlsplit

import pytest

from tests.factories import create_product

pytestmark = pytest.mark.django_db(transaction=True)


def test_product_page_renders_in_a_real_browser(live_server, page_factory, artifacts_dir):
    product = create_product(title="Robe portefeuille en lin", price="89.00")
    page = page_factory(locale="fr-FR")
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto(live_server.url + product.get_absolute_url())

    assert page.locator("h1").first.inner_text() == "Robe portefeuille en lin"
    assert page.get_by_role("button", name="Ajouter au panier").is_visible()
    assert "89,00" in page.locator(".price_color").first.inner_text()
    assert hosts == {urlsplit(live_server.url).netloc}, f"third-party requests: {hosts}"
    page.screenshot(path=str(artifacts_dir / "product-page.png"), full_page=True)
