"""What editors are told when a block is filled in wrongly (Wagtail shows these errors on the field)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from cms_blocks import blocks
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def errors_of(block, value):
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(value))
    return caught.value


def messages(error):
    return (
        [message for e in error.error_list for message in e.messages]
        if hasattr(error, "error_list")
        else [error.message]
    )


def test_product_block_requires_a_product():
    error = errors_of(blocks.ProductBlock(), {"product": None})
    assert isinstance(error, StructBlockValidationError)
    assert list(error.block_errors) == ["product"]
    assert error.block_errors["product"].code == "required"


def test_product_block_refuses_a_product_that_no_longer_exists():
    product = create_product()
    block = blocks.ProductBlock()
    value = block.to_python({"product": product.pk})
    stale_id = product.pk
    product.delete()

    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    # The block's value became None when the product vanished; the id posted by an open editor form is
    # refused with a message saying why.
    assert "product" in caught.value.block_errors
    chooser = blocks.ProductChooserBlock()
    with pytest.raises(ValidationError) as stale:
        chooser.clean(chooser.value_from_datadict({"p": str(stale_id)}, {}, "p"))
    # Editors read French (the sandbox's language), like Django's own messages below.
    assert stale.value.messages == ["Ce produit n’existe plus\u00a0: choisissez-en un autre."]


def hotspot(product, x, y):
    return {"product": product.pk, "x": x, "y": y, "label": ""}


@pytest.mark.parametrize(
    ("x", "y", "field", "message"),
    [
        (-1, 50, "x", "Assurez-vous que cette valeur est supérieure ou égale à 0."),
        (50, 100.5, "y", "Assurez-vous que cette valeur est inférieure ou égale à 100."),
    ],
)
def test_hotspot_coordinates_are_percentages(x, y, field, message):
    product = create_product()
    error = errors_of(blocks.HotspotBlock(), hotspot(product, x, y))
    assert list(error.block_errors) == [field]
    assert error.block_errors[field].messages == [message]


def test_hotspot_coordinates_at_the_edges_are_valid():
    product = create_product()
    block = blocks.HotspotBlock()
    for x, y in [(0, 0), (100, 100), (33.3, 66.6)]:
        value = block.clean(block.to_python(hotspot(product, x, y)))
        assert (value["x"], value["y"]) == (x, y)


def test_hotspot_requires_a_product():
    error = errors_of(blocks.HotspotBlock(), {"product": None, "x": 10, "y": 10})
    assert list(error.block_errors) == ["product"]


def test_shoppable_image_needs_a_hotspot_and_an_image():
    error = errors_of(blocks.ShoppableImageBlock(), {"image": None, "caption": "", "hotspots": []})
    assert set(error.block_errors) == {"image", "hotspots"}


def test_product_list_needs_exactly_one_source():
    block = blocks.ProductListBlock()
    none = errors_of(block, {"layout": "grid", "products": [], "category": None, "product_range": None})
    assert list(none.block_errors) == ["products"]
    assert none.block_errors["products"].messages == [
        "Choisissez des produits, ou une catégorie ou une gamme à afficher."
    ]

    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    category = create_from_breadcrumbs("Maison > Bougies")
    product = create_product()
    both = errors_of(block, {"products": [product.pk], "category": category.pk})
    assert [e.message for e in both.non_block_errors.as_data()] == [
        "Choisissez des produits, une catégorie ou une gamme\u00a0: une seule de ces options."
    ]
    assert block.clean(block.to_python({"products": [product.pk], "limit": 4, "ordering": "title"}))


def test_product_list_limit_is_bounded():
    product = create_product()
    error = errors_of(blocks.ProductListBlock(), {"products": [product.pk], "limit": 500})
    assert list(error.block_errors) == ["limit"]
