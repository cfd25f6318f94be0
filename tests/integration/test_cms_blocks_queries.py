"""No N+1: a post's products are loaded and priced in a number of queries that does not grow with them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import create_product
from tests.integration.test_cms_blocks import render

pytestmark = pytest.mark.django_db

#: Per block type using products: products, stock records, images, public children (4); parents' images
#: and children's stock records only when there are parents or children. Plus the image and its rendition.
MAX_QUERIES = 16


def post_with(products, image):
    """A post as editors build them: one product block per product, a grid and a shoppable image of them."""
    raw = [{"type": "product", "value": {"product": product.pk}} for product in products]
    raw.append({"type": "product_list", "value": {"products": [p.pk for p in products]}})
    hotspots = [
        {"type": "item", "id": str(i), "value": {"product": p.pk, "x": 5 * i, "y": 50}}
        for i, p in enumerate(products)
    ]
    raw.append(
        {
            "type": "shoppable_image",
            "value": {"image": {"image": image.pk, "alt_text": "Salon"}, "hotspots": hotspots},
        }
    )
    return raw


@pytest.fixture
def products():
    return [create_product(title=f"Produit {i}", price=f"{10 + i}.00") for i in range(20)]


@pytest.fixture
def image():
    return Image.objects.create(title="Salon", file=get_test_image_file(size=(800, 600)))


def count_queries(raw):
    with CaptureQueriesContext(connection) as queries:
        soup = render(raw)
    return len(queries), soup


def test_a_post_with_20_product_blocks_costs_the_same_queries_as_with_2(
    products, image, django_assert_max_num_queries
):
    render(post_with(products, image))  # thumbnails and renditions are made once, then cached

    with_2, soup_2 = count_queries(post_with(products[:2], image))
    with_20, soup_20 = count_queries(post_with(products, image))

    assert len(soup_2.select(".socialshop-product .price_color")) == 2
    assert len(soup_20.select(".socialshop-product .price_color")) == 20
    assert len(soup_20.select(".socialshop-products .price_color")) == 20
    assert len(soup_20.select(".hotspot")) == 20
    assert with_20 == with_2
    with django_assert_max_num_queries(MAX_QUERIES):
        render(post_with(products, image))
