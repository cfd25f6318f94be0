import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oscar.core.loading import get_model
from PIL import Image

from sandbox.blog.models import BlogIndexPage, BlogPostPage
from sandbox.demo.site import STAFF_PASSWORD, STAFF_USERNAME

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


def test_load_demo_data_builds_the_boutique_and_is_idempotent():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert STAFF_PASSWORD in out.getvalue()  # `make sandbox` shows the credentials
    counts = _counts()
    call_command("load_demo_data", stdout=io.StringIO())
    assert _counts() == counts

    assert Product.objects.exclude(structure=Product.CHILD).count() >= 30
    parents = Product.objects.filter(structure=Product.PARENT)
    assert parents.count() >= 3
    for parent in parents:
        children = parent.children.all()
        assert {child.attr.size for child in children} and len({child.attr.colour for child in children}) >= 2
        assert all(child.stockrecords.get().partner_sku for child in children)
    assert not StockRecord.objects.filter(partner_sku="").exists()
    assert set(StockRecord.objects.values_list("price_currency", flat=True)) == {"EUR"}

    large = 0
    for product in Product.objects.exclude(structure=Product.CHILD):
        image = product.primary_image()
        if getattr(image, "pk", None):
            with Image.open(image.original.path) as picture:
                large += picture.width >= 1200 and picture.height >= 630
    assert large >= 20

    staff = get_user_model().objects.get(username=STAFF_USERNAME)
    assert staff.is_staff and staff.check_password(STAFF_PASSWORD)
    assert Country.objects.filter(is_shipping_country=True, iso_3166_1_a2="FR").exists()
    assert BlogIndexPage.objects.live().count() == 1
    assert BlogPostPage.objects.live().exists()


def test_the_catalogue_page_lists_the_demo_products(client):
    call_command("load_demo_data", stdout=io.StringIO())
    html = client.get("/catalogue/").content.decode()
    assert Product.objects.get(upc="3760000000017").get_absolute_url() in html


def _counts():
    return (
        Product.objects.count(),
        StockRecord.objects.count(),
        get_model("catalogue", "ProductImage").objects.count(),
        BlogPostPage.objects.count(),
        get_user_model().objects.count(),
    )
