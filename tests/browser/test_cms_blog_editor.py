"""An editor builds a post in Wagtail's admin with the shop blocks; shoppers see live prices."""

import io
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.files.images import ImageFile
from playwright.sync_api import expect
from wagtail.images.models import Image

from sandbox.blog.models import BlogPostPage
from tests.blog_data import create_blog_index
from tests.factories import create_product, jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "editor-pw"


@pytest.fixture
def blog():
    return create_blog_index()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("claire", "claire@example.fr", PASSWORD)


def choose_product(page, chooser_button, query):
    chooser_button.click()
    modal = page.locator(".modal")
    modal.locator("#id_q").fill(query)
    choice = modal.locator("a[data-chooser-modal-choice]")
    expect(choice).to_have_count(1)  # the live search narrowed the list to one product
    expect(modal.locator("tbody img")).to_have_count(1)  # with its thumbnail
    choice.click()
    modal.wait_for(state="detached")


def add_block(page, label):
    page.locator("[data-contentpath=body] button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def publish(page):
    page.get_by_role("button", name="More actions").click()
    page.locator("button[name=action-publish]").click()


def test_an_editor_publishes_a_post_with_a_product_and_a_shoppable_image(
    live_server, page_factory, artifacts_dir, blog, editor
):
    robe = create_product(title="Robe portefeuille en lin", price="89.00", upc="3760000000017")
    plaid = create_product(title="Plaid en laine mérinos", price="99.00", upc="3760000000185")
    plaid.stockrecords.update(partner_sku="ML-PLAID")
    salon = ImageFile(io.BytesIO(jpeg_bytes((1200, 800), (122, 140, 150))), name="salon.jpg")
    Image.objects.create(title="Le salon de Claire", file=salon)

    page = page_factory(locale="en-GB", viewport={"width": 1280, "height": 2400})  # the admin scrolls inside
    page.goto(live_server.url + "/cms/login/")
    page.fill("#id_username", "claire")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/cms/")

    page.goto(f"{live_server.url}/cms/pages/add/blog/blogpostpage/{blog.pk}/")
    page.fill("#id_title", "Le salon de Claire")
    page.fill("#id_intro", "Un salon lumineux, pièce par pièce.")

    add_block(page, "Product")
    choose_product(page, page.get_by_role("button", name="Choose a product").last, "portefeuille")
    chosen = page.locator("[data-contentpath=body] [data-chooser-title]").first
    expect(chosen).to_have_text("Robe portefeuille en lin · 3760000000017")

    add_block(page, "Shoppable image")
    page.get_by_role("button", name="Choose an image").last.click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    page.locator(".modal").wait_for(state="detached")
    page.locator("input[name$='-image-alt_text']").last.fill("Le salon : canapé et plaid")
    page.fill("input[name$='-hotspots-0-value-x']", "140")  # a typo: not a percentage
    page.fill("input[name$='-hotspots-0-value-y']", "55")
    choose_product(page, page.get_by_role("button", name="Choose a product").last, "ml-plaid")

    publish(page)
    expect(page.locator(".error-message", has_text="100")).to_be_visible()
    assert not BlogPostPage.objects.live().exists()  # (Wagtail may have autosaved a draft meanwhile)

    page.fill("input[name$='-hotspots-0-value-x']", "40")
    page.locator("[data-contentpath=body]").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "cms-editor-post.png"))
    publish(page)
    page.wait_for_url(f"{live_server.url}/cms/pages/{blog.pk}/")

    post = BlogPostPage.objects.get(title="Le salon de Claire")
    assert post.live
    shopper = page_factory(locale="fr-FR", viewport={"width": 1280, "height": 900})
    hosts = set()
    shopper.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    shopper.goto(live_server.url + post.url)

    card = shopper.locator(".socialshop-product .socialshop-card")
    assert card.locator(".socialshop-card__title").inner_text() == "Robe portefeuille en lin"
    assert card.locator(".price_color").inner_text() == "89,00\xa0€"
    assert card.get_by_role("button", name="Ajouter au panier").is_visible()
    hotspot = shopper.locator(".socialshop-shoppable .hotspot[data-hotspot='1']")
    assert hotspot.get_attribute("href") == plaid.get_absolute_url()
    box, image = hotspot.bounding_box(), shopper.locator(".socialshop-shoppable__image").bounding_box()
    assert abs((box["x"] + box["width"] / 2 - image["x"]) / image["width"] - 0.40) < 0.01
    assert abs((box["y"] + box["height"] / 2 - image["y"]) / image["height"] - 0.55) < 0.01
    assert "99,00" in shopper.locator(".socialshop-shoppable__list").inner_text()
    assert hosts == {urlsplit(live_server.url).netloc}, f"third-party requests: {hosts}"
    shopper.screenshot(path=str(artifacts_dir / "cms-public-post.png"), full_page=True)

    # The price is the shop's, read at each visit: no re-publishing when it changes.
    robe.stockrecords.update(price=Decimal("79.00"))
    shopper.reload()
    assert card.locator(".price_color").inner_text() == "79,00\xa0€"

    # The basket form works from the post.
    card.get_by_role("button", name="Ajouter au panier").click()
    shopper.wait_for_url(live_server.url + post.url)
    assert "79,00" in shopper.locator(".basket-mini").inner_text()
