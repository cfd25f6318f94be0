"""Product pages' social metadata, as extruct, metadata_parser and strict JSON read it."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.apps.partner import strategy as oscar_strategy
from oscar.core.loading import get_class, get_model
from oscar.test import factories as oscar_factories

from socialshop.services import meta
from tests.factories import create_product
from tests.meta_oracles import read_response

pytestmark = pytest.mark.django_db

ProductCategory = get_model("catalogue", "ProductCategory")
ProductReview = get_model("reviews", "ProductReview")
Selector = get_class("partner.strategy", "Selector")


@pytest.fixture
def dress():
    product = create_product(
        title="Robe portefeuille en lin",
        price="89.00",
        upc="3760000000017",  # a valid EAN-13
        description="<p>Une robe <strong>légère</strong>,\n\n coupée à Lyon.</p>",
        attributes={"brand": "Atelier Lumière"},
    )
    ProductCategory.objects.create(product=product, category=create_from_breadcrumbs("Femme > Robes"))
    return product


@pytest.fixture
def jumper():
    """A parent with three public variants (one out of stock, one dearer) and a hidden one."""
    parent = oscar_factories.create_product(
        title="Pull marin", structure="parent", upc="PULL", attributes={"brand": "Tricots du Nord"}
    )
    children = [
        oscar_factories.create_product(
            parent=parent, title=f"Pull marin {size}", price=Decimal(price), num_in_stock=stock, upc=upc
        )
        for size, price, stock, upc in [
            ("S", "59.00", 4, "PULL-S"),
            ("M", "59.00", 0, "PULL-M"),
            ("XL", "65.00", 2, "00012345600012"),  # a valid GTIN-14
        ]
    ]
    oscar_factories.create_product(
        parent=parent, title="Pull marin XXL", price=Decimal("99"), is_public=False
    )
    return parent, children


def test_standalone_product_open_graph(client, dress):
    page = read_response(client.get(dress.get_absolute_url()))
    url = "http://testserver" + dress.get_absolute_url()

    assert page.og_value("og:title") == "Robe portefeuille en lin"
    assert page.og_value("og:type") == "product"
    assert page.og_value("og:url") == url == page.canonical
    assert page.og_value("og:description") == "Une robe légère, coupée à Lyon."
    assert page.og_value("og:site_name") == "Maison Lumière"
    assert page.og_value("og:locale") == "fr_FR"
    assert page.og["og:locale:alternate"] == ["en_GB"]
    assert page.og_value("fb:app_id") == "000000000000000"
    image = page.og_value("og:image")
    assert image.startswith("http://testserver/media/") and image.endswith(".jpg")
    assert (page.og_value("og:image:width"), page.og_value("og:image:height")) == ("1200", "630")
    assert page.og_value("og:image:alt") == "Robe portefeuille en lin"
    assert {"og", "fb", "product", "article", "al"} <= set(page.og_namespaces)


def test_standalone_product_tags_come_from_the_strategy(client, dress):
    page = read_response(client.get(dress.get_absolute_url()))

    assert page.og_value("product:price:amount") == "89.00"
    assert page.og_value("product:price:currency") == "EUR"
    assert page.og_value("product:availability") == "in stock"
    assert page.og_value("og:availability") == "instock"
    assert page.og_value("product:condition") == "new"
    assert page.og_value("product:retailer_item_id") == "3760000000017"
    assert page.og_value("product:brand") == "Atelier Lumière"
    assert "product:item_group_id" not in page.og


def test_standalone_product_twitter_card(client, dress):
    page = read_response(client.get(dress.get_absolute_url()))

    assert page.twitter("card") == "summary_large_image"
    assert page.twitter("site") == "@maisonlumiere"
    assert page.twitter("title") == "Robe portefeuille en lin"
    assert page.twitter("description") == "Une robe légère, coupée à Lyon."
    assert page.twitter("image") == page.og_value("og:image")
    assert page.twitter("image:alt") == "Robe portefeuille en lin"


def test_standalone_product_json_ld(client, dress):
    page = read_response(client.get(dress.get_absolute_url()))
    url = "http://testserver" + dress.get_absolute_url()

    assert page.extruct_jsonld == page.jsonld
    (product,) = page.jsonld_of_type("Product")
    assert product["name"] == "Robe portefeuille en lin"
    assert product["gtin"] == "3760000000017"
    assert product["sku"] == dress.stockrecords.get().partner_sku
    assert product["brand"] == {"@type": "Brand", "name": "Atelier Lumière"}
    assert product["image"][0] == page.og_value("og:image")
    assert product["offers"] == {
        "@type": "Offer",
        "price": "89.00",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "itemCondition": "https://schema.org/NewCondition",
        "url": url,
    }
    assert "aggregateRating" not in product
    (crumbs,) = page.jsonld_of_type("BreadcrumbList")
    assert [(item["position"], item["name"]) for item in crumbs["itemListElement"]] == [
        (1, "Accueil"),
        (2, "Femme"),
        (3, "Robes"),
        (4, "Robe portefeuille en lin"),
    ]
    assert crumbs["itemListElement"][-1]["item"] == url
    assert (
        crumbs["itemListElement"][2]["item"]
        == "http://testserver" + dress.categories.get().get_absolute_url()
    )


def test_out_of_stock_product(client):
    product = create_product(title="Vase bleu", price="35.00", num_in_stock=0, upc="VASE")
    page = read_response(client.get(product.get_absolute_url()))

    assert page.og_value("product:availability") == "out of stock"
    assert page.og_value("og:availability") == "out of stock"
    (document,) = page.jsonld_of_type("Product")
    assert document["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert "gtin" not in document  # "VASE" is no GTIN


def test_invalid_check_digit_is_not_announced_as_gtin(client):
    product = create_product(title="Bol", upc="3760000000018")
    (document,) = read_response(client.get(product.get_absolute_url())).jsonld_of_type("Product")
    assert "gtin" not in document


def test_parent_product_has_an_aggregate_offer_and_its_variants(client, jumper):
    parent, children = jumper
    page = read_response(client.get(parent.get_absolute_url()))

    shown = Selector().strategy().fetch_for_parent(parent).price.incl_tax  # what Oscar shows for the group
    assert page.og_value("og:type") == "product"
    assert page.og_value("product:price:amount") == str(shown)
    assert page.og_value("product:availability") == "in stock"
    assert page.og_value("product:retailer_item_id") == "PULL"
    (group,) = page.jsonld_of_type("ProductGroup")
    assert group["productGroupID"] == "PULL"
    assert group["brand"]["name"] == "Tricots du Nord"
    assert group["offers"] == {
        "@type": "AggregateOffer",
        "lowPrice": "59.00",
        "highPrice": "65.00",
        "offerCount": 3,
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "itemCondition": "https://schema.org/NewCondition",
    }
    variants = {variant["name"]: variant for variant in group["hasVariant"]}
    assert set(variants) == {"Pull marin S", "Pull marin M", "Pull marin XL"}
    assert variants["Pull marin M"]["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert variants["Pull marin XL"]["gtin"] == "00012345600012"
    assert variants["Pull marin S"]["url"] == "http://testserver" + children[0].get_absolute_url()


def test_child_product_names_its_group(client, jumper):
    parent, children = jumper
    page = read_response(client.get(children[2].get_absolute_url()))

    assert page.og_value("og:title") == "Pull marin XL"
    assert page.og_value("og:url") == "http://testserver" + children[2].get_absolute_url() == page.canonical
    assert page.og_value("product:item_group_id") == "PULL"
    assert page.og_value("product:price:amount") == "65.00"
    assert page.og_value("product:brand") == "Tricots du Nord"  # inherited from the parent
    (product,) = page.jsonld_of_type("Product")
    assert product["inProductGroupWithID"] == "PULL"
    assert product["isVariantOf"]["url"] == "http://testserver" + parent.get_absolute_url()
    assert product["gtin"] == "00012345600012"


def test_out_of_stock_child(client, jumper):
    _parent, children = jumper
    page = read_response(client.get(children[1].get_absolute_url()))
    assert page.og_value("product:availability") == "out of stock"


def test_reviews_give_an_aggregate_rating(client, dress):
    for score in (4, 5):
        ProductReview.objects.create(
            product=dress, score=score, title="Bien", body="Très bien", name="A", email="a@example.com",
            status=ProductReview.APPROVED,
        )  # fmt: skip
    ProductReview.objects.create(
        product=dress, score=0, title="Spam", body="x", name="B", email="b@example.com",
        status=ProductReview.REJECTED,
    )  # fmt: skip
    dress.refresh_from_db()
    (product,) = read_response(client.get(dress.get_absolute_url())).jsonld_of_type("Product")
    assert product["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "reviewCount": 2,
        "bestRating": 5,
        "worstRating": 0,
    }


def test_price_is_what_the_shopper_pays_under_the_request_strategy(dress):
    """A strategy adding 20 % VAT (Oscar's UK one) changes the announced price: never the raw field."""
    request = RequestFactory().get("/", HTTP_HOST="shop.example")
    request.user = AnonymousUser()
    request.strategy = oscar_strategy.UK(request)
    info = meta.describe(dress, request).product
    assert (info.price, info.price_amount, info.currency) == (Decimal("106.80"), "106.80", "EUR")


def test_a_bare_request_gets_the_default_strategy(dress):
    """Outside Oscar's middleware (a command, an e-mail) the default shopper's price is used."""
    info = meta.describe(dress, RequestFactory().get("/")).product
    assert (info.price_amount, info.availability) == ("89.00", meta.IN_STOCK)


def test_nopin_attribute_forbids_pinning_the_page(client):
    product = create_product(title="Affiche", attributes={"nopin": True})
    html = client.get(product.get_absolute_url()).content.decode()
    assert '<meta name="pinterest" content="nopin">' in html


@pytest.mark.parametrize("product_kind", ["standalone", "parent", "child"])
def test_metadata_costs_at_most_two_queries(client, dress, jumper, product_kind):
    parent, children = jumper
    product = {"standalone": dress, "parent": parent, "child": children[0]}[product_kind]
    ProductReview.objects.create(
        product=product, score=5, title="Top", body="Top", name="A", email="a@example.com",
        status=ProductReview.APPROVED,
    )  # fmt: skip
    url = product.get_absolute_url()
    counts = {}
    for enabled in (False, True):
        with override_settings(SOCIALSHOP_META_TAGS=enabled):
            client.get(url)  # warm caches (thumbnails, category URLs)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
        counts[enabled] = len(queries)
    assert counts[True] - counts[False] <= 2, counts


def test_catalogue_edits_show_at_once_despite_the_cache(client, dress):
    url = dress.get_absolute_url()
    assert read_response(client.get(url)).og_value("product:brand") == "Atelier Lumière"  # now cached

    dress.attr.brand = "Maison Nouvelle"
    dress.save()
    ProductCategory.objects.filter(product=dress).delete()
    ProductCategory.objects.create(product=dress, category=create_from_breadcrumbs("Maison > Linge"))
    page = read_response(client.get(url))

    assert page.og_value("product:brand") == "Maison Nouvelle"
    (crumbs,) = page.jsonld_of_type("BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]][1:3] == ["Maison", "Linge"]
