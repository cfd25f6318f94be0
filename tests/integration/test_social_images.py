import pytest
from django.test import RequestFactory, override_settings
from PIL import Image

from socialshop.services import images
from tests.factories import create_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/", HTTP_HOST="shop.example")


@pytest.mark.parametrize("kind", [images.OPEN_GRAPH, images.PINTEREST])
def test_product_image_is_cropped_to_the_network_size(kind, request_, settings):
    product = create_product(image_size=(800, 800))
    image = images.product_image(product, kind, request_)
    assert image.url.startswith("http://shop.example/media/")
    assert (image.width, image.height) == images.SIZES[kind]
    path = settings.MEDIA_ROOT / image.url.split("/media/", 1)[1]
    with Image.open(path) as picture:
        assert picture.size == images.SIZES[kind]
        assert picture.format == "JPEG"


def test_product_without_image_gets_the_site_default(request_):
    product = create_product(image_size=None)
    image = images.product_image(product, images.OPEN_GRAPH, request_)
    assert image.url == "http://shop.example/static/socialshop/img/default-share.png"
    assert (image.width, image.height, image.mime_type) == (1200, 630, "image/png")


def test_site_url_wins_over_the_request_host(request_):
    product = create_product(title="Vase")
    with override_settings(SOCIALSHOP_SITE_URL="https://www.maison.example"):
        image = images.product_image(product, images.OPEN_GRAPH, request_)
    assert image.url.startswith("https://www.maison.example/media/")
    assert image.alt == "Vase"


def test_svg_is_never_offered():
    class SvgFile:
        name = "logo.svg"

        def __bool__(self):
            return True

    assert images.from_file(SvgFile(), images.OPEN_GRAPH, "logo") is None
