"""QR codes: what our SVG draws is the QR code of the intended URL, and a real decoder reads that URL back."""

import pytest
import segno

from socialshop.services import appinstall
from tests.qr import decode_svg, svg_matrix

URLS = [
    "https://www.maisonlumiere.fr/app/go/?kind=qr_scan&target=app&utm_source=web&utm_medium=qr",
    "http://testserver/app/go/?kind=qr_scan&target=product&id=12&utm_source=flyer&utm_medium=qr"
    "&utm_campaign=vitrine-printemps",
]


@pytest.mark.parametrize("url", URLS)
def test_inline_svg_draws_the_urls_qr_code(url):
    svg = appinstall.qr_svg(url, "Scan to get the app")
    reference = [[bool(module) for module in row] for row in segno.make(url, error="m").matrix]
    assert svg_matrix(svg) == reference
    assert decode_svg(svg) == [url]


def test_standalone_svg_file_is_the_same_code():
    svg = appinstall.qr_svg_file(URLS[0]).decode()
    assert svg.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert decode_svg(svg) == [URLS[0]]


def test_title_is_escaped_and_svg_scales():
    svg = appinstall.qr_svg(URLS[0], 'Scan <b>"me"</b> & go')
    assert "<title>Scan &lt;b&gt;" in svg and "<b>" not in svg
    assert "viewBox" in svg and "width=" not in svg.split(">")[0]
