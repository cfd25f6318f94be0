import io

from PIL import Image

from sandbox.demo.catalogue import render_image


def test_demo_images_are_large_enough_for_open_graph_and_differ_per_product():
    first = Image.open(io.BytesIO(render_image("Robe portefeuille en lin")))
    second = Image.open(io.BytesIO(render_image("Caban en laine")))
    assert first.format == "JPEG"
    assert first.width >= 1200 and first.height >= 630
    assert first.tobytes() != second.tobytes()
