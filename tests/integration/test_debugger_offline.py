"""``socialshop_debug_meta --all-products`` and ``--local``: the shop's own pages through the test client,
images from media storage, no network (any outbound request would fail: ``responses`` is active)."""

import io
import json

import pytest
import responses
from django.core.management import CommandError, call_command
from django.test import override_settings

from socialshop.services.debugger import FetchError, inspect
from socialshop.services.debugger.local import ShopTransport
from tests.debugger_templates import COMPLETE, IMAGE_URL, INCOMPLETE, product_page_template
from tests.factories import create_product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_network():
    with responses.RequestsMock() as rsps:  # any request through requests fails the test
        yield rsps


def run(*args):
    out = io.StringIO()
    try:
        call_command("socialshop_debug_meta", *args, stdout=out)
        code, message = 0, ""
    except CommandError as exc:
        code, message = exc.returncode, str(exc)
    return code, out.getvalue(), message


def test_all_products_reports_every_public_product(no_network):
    first, second = create_product(title="Robe"), create_product(title="Vase")
    hidden = create_product(title="Brouillon", is_public=False)
    code, out, _ = run("--all-products", "--json")
    data = json.loads(out)
    urls = [report["url"] for report in data["reports"]]
    assert urls == [
        f"https://testserver{first.get_absolute_url()}",
        f"https://testserver{second.get_absolute_url()}",
    ]
    assert hidden.get_absolute_url() not in out
    # Whatever the product template emits today, the structure and the exit status hold together.
    assert code == data["exit_code"] == max(report["exit_code"] for report in data["reports"])
    assert code in (0, 1)
    for report in data["reports"]:
        assert report["status"] == 200 and {"findings", "previews", "tags"} <= report.keys()


def test_an_incomplete_product_page_fails_ci(tmp_path):
    product = create_product(title="Robe portefeuille")
    with override_settings(TEMPLATES=product_page_template(tmp_path, INCOMPLETE)):
        code, out, message = run("--all-products")
    assert code == 1 and message == "2 error(s) found, 0 page(s) not fetched."
    assert product.get_absolute_url() in out
    assert "product-currency-missing" in out and "product-availability-missing" in out


def test_a_complete_product_page_passes_and_its_image_is_read_from_storage(tmp_path):
    product = create_product(title="Robe portefeuille", image_size=(1200, 1200))
    with override_settings(TEMPLATES=product_page_template(tmp_path, COMPLETE)):
        report = inspect(product.get_absolute_url(), ShopTransport())
        code, _, _ = run("--all-products")
    assert report.errors == [] and report.warnings == [], report.findings
    [image] = report.images
    assert image.url.startswith("https://testserver/media/")
    assert (image.checked, image.width, image.height, image.content_type) == (True, 1200, 1200, "image/jpeg")
    assert image.size_bytes == product.primary_image().original.size
    assert code == 0


def test_a_missing_media_file_is_an_unreachable_image(tmp_path):
    product = create_product(title="Robe")
    product.primary_image().original.delete(save=False)
    with override_settings(TEMPLATES=product_page_template(tmp_path, COMPLETE)):
        report = inspect(product.get_absolute_url(), ShopTransport())
    assert "image-unreachable" in report.codes("error")
    assert "not in the media files" in report.images[0].error


def test_images_on_other_hosts_are_not_checked_offline(tmp_path):
    product = create_product(title="Robe")
    source = COMPLETE.replace(IMAGE_URL, "https://cdn.example/robe.jpg")
    with override_settings(TEMPLATES=product_page_template(tmp_path, source)):
        report = inspect(product.get_absolute_url(), ShopTransport())
    assert report.codes() == ["image-not-checked"] and report.images[0].checked is False


def test_local_mode_takes_a_path_and_refuses_other_hosts():
    product = create_product(title="Robe")
    code, out, _ = run("--local", product.get_absolute_url(), "--json")
    assert (
        code in (0, 1) and json.loads(out)["final_url"] == f"https://testserver{product.get_absolute_url()}"
    )
    code, out, message = run("--local", "https://elsewhere.example/")
    assert code == 2 and message.endswith("the offline check reads only its pages.")
    code, _, message = run("--local", "/no/such/page/")
    assert code == 2 and "answered HTTP 404" in message


def test_shop_transport_follows_the_shops_redirects():
    product = create_product(title="Robe")
    wrong_slug = product.get_absolute_url().replace("robe", "autre")
    page = ShopTransport().fetch_page(wrong_slug)  # Oscar redirects a wrong slug to the right URL
    assert [hop.status for hop in page.redirects] == [301]
    assert page.final_url == f"https://testserver{product.get_absolute_url()}"


def test_site_url_is_the_offline_host():
    with override_settings(
        SOCIALSHOP_SITE_URL="https://www.maison.example", ALLOWED_HOSTS=["www.maison.example"]
    ):
        transport = ShopTransport()
        assert transport.absolute("/x/") == "https://www.maison.example/x/"
        with pytest.raises(FetchError, match="answered HTTP 404"):
            transport.fetch_page("/no/such/page/")
