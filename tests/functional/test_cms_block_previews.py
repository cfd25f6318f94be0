"""Wagtail's block picker previews every shop block with its preview value, with notes for editors."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from sandbox.blog.models import BlogPostPage
from tests.blog_data import create_blog_index
from tests.factories import create_product
from tests.flashsale_factories import create_sale

pytestmark = pytest.mark.django_db

SHOP_BLOCKS = [
    "product",
    "product_list",
    "shoppable_image",
    "flash_sale",
    "store_availability",
    "share",
    "app_promotion",
    "social_post",
]


def preview(client, name):
    block = BlogPostPage.body.field.stream_block.child_blocks[name]
    assert block.is_previewable, name
    assert block.meta.icon != "placeholder" and block.meta.help_text, name
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200, name
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def test_every_shop_block_has_a_live_preview(editor):
    products = [create_product(title=f"Produit {i}", price="25.00") for i in range(4)]
    create_sale(products[:1])
    Image.objects.create(title="Salon", file=get_test_image_file(size=(800, 600)))

    soups = {name: preview(editor, name) for name in SHOP_BLOCKS}

    assert soups["product"].select_one(".socialshop-card .price_color").get_text(strip=True) == "25,00\xa0€"
    assert len(soups["product_list"].select(".socialshop-card")) == 4
    assert len(soups["shoppable_image"].select(".hotspot[data-hotspot]")) == 2
    assert soups["flash_sale"].select_one(".socialshop-flash-block [data-socialshop-countdown]")
    assert soups["share"].select_one("nav[data-socialshop-share]")
    assert soups["app_promotion"].select_one(".socialshop-store-badge")
    assert soups["social_post"].select_one("blockquote")
    # Click and collect has no shop here: the preview tells the editor why shoppers won't see the block.
    assert soups["store_availability"].select_one(".socialshop-block-warning")
    for soup in soups.values():
        assert soup.select_one('link[href$="socialshop_cms/blocks.css"]')


def test_previews_in_an_empty_shop_warn_instead_of_failing(editor):
    for name in ("product", "shoppable_image", "flash_sale"):
        soup = preview(editor, name)
        assert soup.select_one(".socialshop-block-warning"), name


def test_a_page_preview_shows_editor_notes_that_the_live_page_hides(client):
    index = create_blog_index()
    caban = create_product(title="Caban en laine", num_in_stock=0)
    post = BlogPostPage(title="Le caban", slug="le-caban")
    post.body = [{"type": "product", "value": {"product": caban.pk}}]
    index.add_child(instance=post)
    post.save_revision().publish()

    preview = BeautifulSoup(post.make_preview_request().content, "html.parser")
    live = BeautifulSoup(client.get(post.url).content, "html.parser")

    assert "Caban en laine" in preview.select_one(".socialshop-block-warning").get_text()
    assert live.select_one(".socialshop-card__title").get_text(strip=True) == "Caban en laine"
    assert not live.select(".socialshop-block-warning")
