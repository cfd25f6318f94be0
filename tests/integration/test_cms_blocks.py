"""The shop blocks rendered with real Oscar products, as a stream of a page would render them."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from wagtail.blocks import StreamValue
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms_blocks import blocks
from tests.factories import create_product

ProductCategory = get_model("catalogue", "ProductCategory")
Range = get_model("offer", "Range")

pytestmark = pytest.mark.django_db

STREAM = blocks.ShopStreamBlock()


def shopper_request(preview=False):
    request = RequestFactory().get("/blog/un-article/")
    request.user = AnonymousUser()
    request.is_preview = preview
    return request


def render(raw_stream, preview=False, request=None, context=None):
    """Render a stream from its stored JSON, as ``{% include_block %}`` does in a page template."""
    value = StreamValue(STREAM, raw_stream, is_lazy=True)
    template = engines["django"].from_string("{% load wagtailcore_tags %}{% include_block stream %}")
    html = template.render({"stream": value, **(context or {})}, request or shopper_request(preview))
    return BeautifulSoup(html, "html.parser")


def product_block(product, **extra):
    return {"type": "product", "value": {"product": product.pk if product else None, **extra}}


def test_product_block_shows_the_live_price_availability_and_a_basket_form():
    product = create_product(title="Robe portefeuille en lin", price="89.00", num_in_stock=5)

    soup = render([product_block(product, heading="Notre coup de cœur")])

    card = soup.select_one(".socialshop-card")
    assert card.select_one(".socialshop-card__title").get_text(strip=True) == "Robe portefeuille en lin"
    assert soup.select_one(".socialshop-product__heading").get_text(strip=True) == "Notre coup de cœur"
    assert card.select_one(".price_color").get_text(strip=True) == "89,00\xa0€"
    assert card.select_one(".availability")["class"][0] == "instock"
    assert card.select_one("img")["src"].startswith("/media/")
    form = card.select_one("form")
    assert form["method"] == "post" and form["action"] == reverse("basket:add", kwargs={"pk": product.pk})
    assert form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert form.select_one("input[name=quantity]")["value"] == "1"
    assert not soup.select(".socialshop-block-warning")

    # The price is read at each render, never stored in the page.
    product.stockrecords.update(price=Decimal("79.00"))
    assert render([product_block(product)]).select_one(".price_color").get_text(strip=True) == "79,00\xa0€"


def test_the_add_to_basket_form_puts_the_product_in_the_basket(client):
    product = create_product(price="42.00")
    html = str(render([product_block(product)]).select_one("form"))
    action = BeautifulSoup(html, "html.parser").form["action"]

    response = client.post(action, {"quantity": 1}, HTTP_REFERER="/blog/un-article/")

    assert response.status_code == 302
    assert response["Location"] == "/blog/un-article/"
    assert "42,00" in client.get(reverse("basket:summary")).content.decode()


def test_an_out_of_stock_product_is_shown_without_basket_form_and_editors_are_warned():
    product = create_product(title="Caban en laine", price="229.00", num_in_stock=0)

    soup = render([product_block(product)])
    assert soup.select_one(".socialshop-card__title").get_text(strip=True) == "Caban en laine"
    assert soup.select_one(".availability")["class"][0] == "outofstock"
    assert not soup.select("form")
    assert not soup.select(".socialshop-block-warning")

    preview = render([product_block(product)], preview=True)
    assert "Caban en laine" in preview.select_one(".socialshop-block-warning").get_text()


@pytest.mark.parametrize("how", ["deleted", "hidden", "no price"])
def test_a_gone_or_unpriced_product_renders_nothing_broken(how):
    product = create_product(title="Pochette en raphia", price="45.00")
    raw = [product_block(product)]
    if how == "deleted":
        product.delete()
    elif how == "hidden":
        product.is_public = False
        product.save()
    else:
        product.stockrecords.update(price=None)

    soup = render(raw)
    warning = render(raw, preview=True).select_one(".socialshop-block-warning")

    assert warning is not None
    assert not soup.select(".socialshop-block-warning")
    if how == "no price":
        assert soup.select_one(".availability").get_text(strip=True) == "Non disponible"  # Oscar's own msgid
        assert not soup.select("form")
    else:
        assert soup.get_text(strip=True) == ""


def test_a_parent_product_links_to_its_options_instead_of_a_basket_form():
    from oscar.test.factories import create_product as oscar_product

    parent = oscar_product(title="Chemise Oxford", structure="parent")
    oscar_product(parent=parent, title="", price=Decimal("69.00"), num_in_stock=3)

    soup = render([product_block(parent)])

    assert soup.select_one(".price_color").get_text(strip=True) == "69,00\xa0€"
    assert not soup.select("form")
    assert soup.select_one("a.btn")["href"] == parent.get_absolute_url()


def test_product_grid_of_chosen_products_keeps_the_editors_order_and_skips_gone_ones():
    first, gone, last = (create_product(title=t) for t in ("Bougie", "Vase", "Plaid"))
    raw = [
        {
            "type": "product_list",
            "value": {"layout": "grid", "products": [last.pk, gone.pk, first.pk], "limit": 8},
        }
    ]
    gone.delete()

    soup = render(raw)

    titles = [node.get_text(strip=True) for node in soup.select(".socialshop-card__title")]
    assert titles == ["Plaid", "Bougie"]
    assert soup.select_one(".socialshop-products--grid")
    assert render(raw, preview=True).select_one(".socialshop-block-warning")


def test_product_carousel_of_a_category_with_limit_and_price_ordering():
    robes = create_from_breadcrumbs("Femme > Robes")
    femme = robes.get_parent()
    for title, price in [("Robe A", "89.00"), ("Robe B", "59.00"), ("Robe C", "79.00")]:
        ProductCategory.objects.create(product=create_product(title=title, price=price), category=robes)
    create_product(title="Hors catégorie", price="10.00")
    raw = [
        {
            "type": "product_list",
            "value": {"layout": "carousel", "category": femme.pk, "limit": 2, "ordering": "price_asc"},
        }
    ]

    soup = render(raw)

    carousel = soup.select_one(".socialshop-products--carousel .socialshop-products__list")
    assert carousel["tabindex"] == "0"
    titles = [node.get_text(strip=True) for node in soup.select(".socialshop-card__title")]
    assert titles == ["Robe B", "Robe C"]


def test_product_grid_of_a_range():
    summer = Range.objects.create(name="Été")
    in_range = create_product(title="Pochette en raphia")
    summer.add_product(in_range)
    create_product(title="Caban")

    soup = render([{"type": "product_list", "value": {"product_range": summer.pk, "ordering": "title"}}])

    assert [n.get_text(strip=True) for n in soup.select(".socialshop-card__title")] == ["Pochette en raphia"]


def test_an_empty_or_deleted_category_hides_the_grid_and_warns_editors():
    empty = create_from_breadcrumbs("Maison > Vide")
    raw = [{"type": "product_list", "value": {"category": empty.pk}}]

    assert render(raw).get_text(strip=True) == ""
    assert "Vide" in render(raw, preview=True).select_one(".socialshop-block-warning").get_text()
    empty.delete()
    assert render(raw).get_text(strip=True) == ""
    assert render(raw, preview=True).select_one(".socialshop-block-warning")


@pytest.fixture
def wagtail_image():
    return Image.objects.create(title="Le salon", file=get_test_image_file(size=(1200, 800)))


def shoppable(image, hotspots, **extra):
    return {
        "type": "shoppable_image",
        "value": {
            "image": {"image": image.pk, "alt_text": "Un salon lumineux", "decorative": False},
            "caption": "Le salon de Claire",
            "hotspots": [{"type": "item", "value": spot, "id": str(i)} for i, spot in enumerate(hotspots)],
            **extra,
        },
    }


def test_shoppable_image_places_hotspots_and_lists_the_products(wagtail_image):
    plaid = create_product(title="Plaid en laine mérinos", price="99.00")
    vase = create_product(title="Vase en grès", price="49.00")
    gone = create_product(title="Miroir")
    raw = [
        shoppable(
            wagtail_image,
            [
                {"product": plaid.pk, "x": 25, "y": 62.5, "label": ""},
                {"product": gone.pk, "x": 50, "y": 50, "label": ""},
                {"product": vase.pk, "x": 80.25, "y": 30, "label": "Le vase"},
            ],
        )
    ]
    gone.delete()

    soup = render(raw)

    img = soup.select_one(".socialshop-shoppable__canvas img")
    assert img["alt"] == "Un salon lumineux"
    spots = soup.select(".hotspot[data-hotspot]")
    assert [spot["data-hotspot"] for spot in spots] == ["1", "2"]
    assert spots[0]["href"] == plaid.get_absolute_url()
    assert spots[0]["style"].replace(" ", "") == "left:25.00%;top:62.50%;"
    assert spots[1]["title"] == "Le vase"
    assert "1. Plaid en laine mérinos" in spots[0].get_text()
    fallback = soup.select("ol.socialshop-shoppable__list > li")
    assert [li["value"] for li in fallback] == ["1", "2"]
    assert fallback[1].select_one(".price_color").get_text(strip=True) == "49,00\xa0€"
    assert soup.select_one("figcaption").get_text(strip=True) == "Le salon de Claire"
    assert render(raw, preview=True).select_one(".socialshop-block-warning")


def test_shoppable_image_without_its_image_is_hidden(wagtail_image):
    product = create_product()
    raw = [shoppable(wagtail_image, [{"product": product.pk, "x": 10, "y": 10}])]
    wagtail_image.delete()

    assert render(raw).get_text(strip=True) == ""
    assert render(raw, preview=True).select_one(".socialshop-block-warning")


POST_URL = "https://social.example/@maisonlumiere/1"


def seed_embed(url=POST_URL, html='<iframe src="https://social.example/embed/1"></iframe>'):
    from wagtail.embeds.embeds import get_embed_hash

    return Embed.objects.create(
        hash=get_embed_hash(url, None),
        url=url,
        type="rich",
        html=html,
        provider_name="Mastodon",
        max_width=None,
    )


def social_post(url=POST_URL, text="Notre collection de lin est arrivée !"):
    return {"type": "social_post", "value": {"post": url, "text": text, "author": "@maisonlumiere"}}


def test_social_post_keeps_the_embed_inert_until_a_click():
    seed_embed()

    soup = render([social_post()])

    figure = soup.select_one("[data-socialshop-embed]")
    assert "Notre collection de lin est arrivée !" in figure.blockquote.get_text()
    # The provider's HTML is only inside <template>: nothing third-party is requested at page load.
    loaded = [n.name for n in soup.find_all(["iframe", "script", "img"]) if not n.find_parent("template")]
    assert loaded == ["script"]
    assert soup.find("script")["src"].startswith("/static/socialshop_cms/")
    assert "social.example/embed/1" in figure.select_one("template[data-socialshop-embed-html]").decode()
    assert figure.select_one("button[data-socialshop-embed-load]").has_attr("hidden")  # revealed by JS
    link = figure.select_one("a.socialshop-social-post__link")
    assert link["href"] == POST_URL and "Mastodon" in link.get_text()


def test_social_post_that_cannot_be_embedded_shows_its_text_and_link(monkeypatch):
    from wagtail.embeds import embeds
    from wagtail.embeds.exceptions import EmbedNotFoundException

    def not_found(*args, **kwargs):
        raise EmbedNotFoundException

    monkeypatch.setattr(embeds, "get_embed", not_found)
    raw = [social_post(url="https://gone.example/post/9")]

    soup = render(raw)

    assert "Notre collection" in soup.blockquote.get_text()
    assert soup.select_one("a.socialshop-social-post__link")["href"] == "https://gone.example/post/9"
    assert not soup.select("template, button")
    assert not soup.select(".socialshop-block-warning")
    assert render(raw, preview=True).select_one(".socialshop-block-warning")


def test_assets_are_included_once_per_page():
    seed_embed()
    product = create_product()
    soup = render([product_block(product), product_block(product), social_post()])
    assert len(soup.select("link[rel=stylesheet]")) == 1
    assert len(soup.select("script[src]")) == 1
