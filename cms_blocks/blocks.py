"""StreamField blocks for a shop's blog: products with live prices, product grids, shoppable images…

Every block:

- renders live data for the current request (prices come from Oscar's strategy, never from the page);
- degrades gracefully: a deleted, hidden or unavailable product or sale renders nothing broken for
  shoppers, and a warning for editors when the page is previewed (``request.is_preview``) or in the block
  picker's preview;
- has an icon, help text and a preview value for Wagtail's block previews.

Products in a stream are loaded in bulk (see ``BaseProductChooserBlock.bulk_to_python``), so a post's
query count does not grow with its number of product blocks.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from . import products as shop
from .choosers import category_chooser_viewset, product_chooser_viewset, range_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms_blocks.blocks"
)
CategoryChooserBlock = category_chooser_viewset.get_block_class(
    name="CategoryChooserBlock", module_path="cms_blocks.blocks"
)
RangeChooserBlock = range_chooser_viewset.get_block_class(
    name="RangeChooserBlock", module_path="cms_blocks.blocks"
)

PREVIEW_TEMPLATE = "socialshop_cms/block_preview.html"
TEMPLATES = "socialshop_cms/blocks/"


def is_editor_preview(context):
    """True when an editor is looking: a page preview (Wagtail sets ``request.is_preview``) or the block
    picker's preview of a block. Shoppers never see the warnings shown then."""
    if context.get("socialshop_block_preview"):
        return True
    return bool(getattr(context.get("request"), "is_preview", False))


class ShopBlock(blocks.StructBlock):
    """A StructBlock rendered with the request (for prices), a list of editor warnings and the preview flag.

    Subclasses implement ``shop_context(value, request)`` returning extra template variables, including
    ``warnings`` (messages for editors) and ``hidden`` (True: shoppers get nothing at all).
    """

    def shop_context(self, value, request):
        return {}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.setdefault("warnings", [])
        context.setdefault("hidden", False)
        context.update(self.shop_context(value, context.get("request")))
        context["editor_preview"] = is_editor_preview(context)
        return context

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context=parent_context)
        return {**context, "socialshop_block_preview": True}

    class Meta:
        preview_template = PREVIEW_TEMPLATE


# --- Products ----------------------------------------------------------------------------------------------


class ProductBlock(ShopBlock):
    product = ProductChooserBlock(label=_("Product"), help_text=_("Search by title, UPC or partner SKU."))
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Optional, shown above the product, e.g. “Our pick”."),
    )
    show_share_buttons = blocks.BooleanBlock(required=False, default=True, label=_("Share buttons"))

    def shop_context(self, value, request):
        card = shop.cards([value.get("product")], request)[0]
        return {"card": card, "warnings": _warnings([card]), "hidden": card.is_gone}

    def get_preview_value(self):
        return {"product": shop.preview_product(), "heading": _("Our pick"), "show_share_buttons": True}

    class Meta:
        icon = "tag"
        label = _("Product")
        template = TEMPLATES + "product.html"
        help_text = _(
            "A product from the shop with its current price, availability and an add-to-basket button."
        )
        description = help_text


class ProductListBlock(ShopBlock):
    layout = blocks.ChoiceBlock(
        choices=[("grid", _("Grid")), ("carousel", _("Carousel"))],
        default="grid",
        label=_("Layout"),
        help_text=_("A carousel scrolls sideways on one row."),
    )
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    products = blocks.ListBlock(
        ProductChooserBlock(label=_("Product")),
        default=[],
        max_num=shop.MAX_LIMIT,
        label=_("Chosen products"),
        help_text=_("Shown in this order. Leave empty to show a category or a range instead."),
    )
    category = CategoryChooserBlock(
        required=False,
        label=_("Or a category"),
        help_text=_("Its products and those of its subcategories."),
    )
    product_range = RangeChooserBlock(required=False, label=_("Or a range"), help_text=_("An Oscar range."))
    limit = blocks.IntegerBlock(
        default=8,
        min_value=1,
        max_value=shop.MAX_LIMIT,
        label=_("Number of products"),
        help_text=_("For a category or a range."),
    )
    ordering = blocks.ChoiceBlock(
        choices=shop.ORDERINGS,
        default="newest",
        label=_("Order"),
        help_text=_("For a category or a range; chosen products keep your order."),
    )

    def clean(self, value):
        value = super().clean(value)
        sources = [bool(value["products"]), bool(value["category"]), bool(value["product_range"])]
        if not any(sources):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "products": ValidationError(_("Choose products, or a category or a range to show."))
                }
            )
        if sum(sources) > 1:
            raise blocks.StructBlockValidationError(
                non_block_errors=ErrorList(
                    [ValidationError(_("Choose products, a category or a range: only one of them."))]
                )
            )
        return value

    def shop_context(self, value, request):
        chosen = list(value.get("products") or [])
        warnings = []
        category, product_range = value.get("category"), value.get("product_range")
        limit, ordering = value.get("limit"), value.get("ordering")
        if chosen:
            items = chosen
        elif category is not None:
            items = shop.category_products(category, limit, ordering)
            if not items:
                warnings.append(_("The category “%(name)s” has no product to show.") % {"name": category})
        elif product_range is not None:
            items = shop.range_products(product_range, limit, ordering)
            if not items:
                warnings.append(_("The range “%(name)s” has no product to show.") % {"name": product_range})
        else:
            items = []
            warnings.append(_("The category or range of this block no longer exists."))
        cards = shop.cards(items, request)
        shown = [card for card in cards if not card.is_gone]
        return {"cards": shown, "warnings": warnings + _warnings(cards), "hidden": not shown}

    def get_preview_value(self):
        return {
            "layout": "grid",
            "heading": _("Our favourites"),
            "products": shop.preview_products(4),
            "category": None,
            "product_range": None,
            "limit": 4,
            "ordering": "newest",
        }

    class Meta:
        icon = "grid"
        label = _("Product grid or carousel")
        template = TEMPLATES + "product_list.html"
        help_text = _(
            "Several products with their current prices: chosen ones, or from a category or a range."
        )
        description = help_text


# --- Shoppable image ---------------------------------------------------------------------------------------


class HotspotBlock(blocks.StructBlock):
    product = ProductChooserBlock(label=_("Product"))
    x = blocks.FloatBlock(
        min_value=0,
        max_value=100,
        label=_("Horizontal position (%)"),
        help_text=_("From the left edge: 0 to 100."),
    )
    y = blocks.FloatBlock(
        min_value=0,
        max_value=100,
        label=_("Vertical position (%)"),
        help_text=_("From the top edge: 0 to 100."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Label"),
        help_text=_("Optional; the product title by default."),
    )

    class Meta:
        icon = "crosshairs"
        label = _("Hotspot")


class ShoppableImageBlock(ShopBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    hotspots = blocks.ListBlock(
        HotspotBlock(),
        min_num=1,
        max_num=20,
        label=_("Hotspots"),
        help_text=_("A product placed on the image, in percent of its width and height."),
    )

    def shop_context(self, value, request):
        hotspots = list(value.get("hotspots") or [])
        cards = shop.cards([hotspot.get("product") for hotspot in hotspots], request)
        spots = [
            {
                "number": number,
                "left": f"{hotspot['x']:.2f}",
                "top": f"{hotspot['y']:.2f}",
                "label": hotspot.get("label") or card.title,
                "card": card,
            }
            for number, (hotspot, card) in enumerate(
                ((h, c) for h, c in zip(hotspots, cards, strict=True) if not c.is_gone), start=1
            )
        ]
        warnings = _warnings(cards)
        image = value.get("image")
        if image is None:
            warnings.insert(0, _("The image of this block no longer exists: shoppers don't see the block."))
        return {"spots": spots, "warnings": warnings, "hidden": image is None}

    def get_preview_value(self):
        image = get_image_model().objects.order_by("-created_at").first()
        if image is not None:
            image.contextual_alt_text, image.decorative = image.default_alt_text, False
        picks = shop.preview_products(2)
        positions = [(30.0, 40.0), (65.0, 60.0)]
        return {
            "image": image,
            "caption": _("Shop the look"),
            "hotspots": [
                {"product": product, "x": x, "y": y, "label": ""}
                for product, (x, y) in zip(picks, positions, strict=False)
            ],
        }

    class Meta:
        icon = "crosshairs"
        label = _("Shoppable image")
        template = TEMPLATES + "shoppable_image.html"
        help_text = _("An image with products placed on it; each hotspot links to its product.")
        description = help_text


# --- Social post embed -------------------------------------------------------------------------------------


class SocialPostBlock(ShopBlock):
    post = EmbedBlock(
        label=_("Post URL"),
        help_text=_("A post on Instagram, X, Facebook, TikTok, YouTube, Pinterest… (any oEmbed provider)."),
    )
    text = blocks.TextBlock(
        label=_("Text of the post"),
        help_text=_(
            "Shown until the reader chooses to load the post, and instead of it if it can't be loaded."
        ),
    )
    author = blocks.CharBlock(required=False, max_length=120, label=_("Author"))

    def shop_context(self, value, request):
        post = value.get("post")
        url = getattr(post, "url", "") or ""
        embed, warnings = None, []
        if url:
            try:
                embed = embeds.get_embed(url)
            except EmbedException:
                warnings.append(_("This post can't be embedded any more: readers see its text and link."))
        return {
            "url": url,
            "embed": embed,
            "provider": getattr(embed, "provider_name", "") or "",
            "warnings": warnings,
            "hidden": not url,
        }

    class Meta:
        icon = "media"
        label = _("Social post")
        template = TEMPLATES + "social_post.html"
        help_text = _(
            "A social network post, loaded only when the reader clicks (nothing is requested from the "
            "network before); its text is shown meanwhile."
        )
        description = help_text
        preview_value = {
            "post": None,
            "text": _("Our new linen collection is in the shop! Made in Portugal, designed in Lyon."),
            "author": "@maisonlumiere",
        }


def _warnings(cards):
    return [card.warning for card in cards if card.warning]


class ShopStreamBlock(blocks.StreamBlock):
    """All the shop blocks, ready to drop into a StreamField beside your own."""

    product = ProductBlock()
    product_list = ProductListBlock()
    shoppable_image = ShoppableImageBlock()
    social_post = SocialPostBlock()
