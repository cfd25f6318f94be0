"""Builders for test data, on top of Oscar's own factories."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories
from PIL import Image

ProductImage = get_model("catalogue", "ProductImage")


def jpeg_bytes(size=(1200, 1200), colour=(200, 120, 80)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def create_product(title="Robe en lin", price="89.00", num_in_stock=10, image_size=(1200, 1200), **kwargs):
    """A public standalone product with a stock record (and, unless image_size is None, an image)."""
    product = oscar_factories.create_product(
        title=title, price=Decimal(price), num_in_stock=num_in_stock, **kwargs
    )
    if image_size:
        image = ProductImage(product=product, display_order=0, caption=title)
        image.original.save(f"product-{product.pk}.jpg", ContentFile(jpeg_bytes(image_size)), save=False)
        image.save()
    return product
