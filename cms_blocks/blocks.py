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
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.models import Site

from socialshop.models import FlashSale, Store
from socialshop.services import appinstall, flashsale_pages, flashsales, share

from . import products as shop
from . import sharing
from .choosers import (
    category_chooser_viewset,
    flash_sale_chooser_viewset,
    product_chooser_viewset,
    range_chooser_viewset,
)

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms_blocks.blocks"
)
CategoryChooserBlock = category_chooser_viewset.get_block_class(
    name="CategoryChooserBlock", module_path="cms_blocks.blocks"
)
RangeChooserBlock = range_chooser_viewset.get_block_class(
    name="RangeChooserBlock", module_path="cms_blocks.blocks"
)
FlashSaleChooserBlock = flash_sale_chooser_viewset.get_block_class(
    name="FlashSaleChooserBlock", module_path="cms_blocks.blocks"
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

    Subclasses implement ``shop_context(value, context)`` returning extra template variables, including
    ``warnings`` (messages for editors) and ``hidden`` (True: shoppers get nothing at all).
    """

    def shop_context(self, value, context):
        return {}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        if "csrf_token" not in context and request is not None:
            context["csrf_token"] = get_token(request)  # rendered outside a RequestContext (e.g. previews)
        context["editor_preview"] = is_editor_preview(context)
        context.update({"warnings": [], "hidden": False})
        context.update(self.shop_context(value, context))
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
    show_share_buttons = blocks.BooleanBlock(
        required=False,
        default=False,
        label=_("Share buttons for this product"),
        help_text=_("The post's own share buttons are a separate block."),
    )

    def shop_context(self, value, context):
        card = shop.cards([value.get("product")], context.get("request"))[0]
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
        label=_("Sort by"),
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

    def shop_context(self, value, context):
        request = context.get("request")
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

    def shop_context(self, value, context):
        hotspots = list(value.get("hotspots") or [])
        cards = shop.cards([hotspot.get("product") for hotspot in hotspots], context.get("request"))
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

    def shop_context(self, value, context):
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
            "hidden": not (url or value.get("text")),
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


# --- Flash sale --------------------------------------------------------------------------------------------


class FlashSaleBlock(ShopBlock):
    sale = FlashSaleChooserBlock(label=_("Flash sale"))
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Optional; the sale's name by default."),
    )

    def shop_context(self, value, context):
        sale = value.get("sale")
        if sale is None:
            return {
                "hidden": True,
                "warnings": [_("The flash sale of this block no longer exists: shoppers don't see it.")],
            }
        now = timezone.now()
        state = flashsales.state(sale, now)
        warning = SALE_WARNINGS.get(state)
        hidden = state in (flashsales.ENDED, flashsales.PAUSED) or not flashsales.is_visible(sale, now)
        if state == flashsales.SCHEDULED and hidden:
            warning = _(
                "This sale is not announced yet: shoppers don't see the block until its teaser starts."
            )
        remaining = flashsales.remaining(sale, now)
        request = context.get("request")
        campaign = flashsale_pages.campaign(sale)
        return {
            "sale": sale,
            "state": state,
            "state_label": flashsales.STATE_LABELS[state],
            "remaining": remaining,
            "taken": sale.unit_cap - remaining,
            "countdown_to": sale.starts_at if state == flashsales.SCHEDULED else sale.ends_at,
            "eligible": flashsales.is_eligible(sale, getattr(request, "user", None)),
            "sale_url": appinstall.with_query(
                sale.get_absolute_url(), appinstall.utm("blog", "flash_sale_block", campaign)
            ),
            "hidden": hidden,
            "warnings": [warning % {"name": sale.name}] if warning else [],
        }

    def get_preview_value(self):
        sale = FlashSale.objects.filter(status=FlashSale.ACTIVE).order_by("-ends_at").first()
        return {"sale": sale, "heading": ""}

    class Meta:
        icon = "time"
        label = _("Flash sale")
        template = TEMPLATES + "flash_sale.html"
        help_text = _(
            "A fan flash sale with its countdown and remaining units, linking to the sale page. "
            "It disappears by itself once the sale is over."
        )
        description = help_text


SALE_WARNINGS = {
    flashsales.ENDED: _("“%(name)s” is over: shoppers don't see this block any more."),
    flashsales.PAUSED: _("“%(name)s” is paused: shoppers don't see this block until it resumes."),
    flashsales.SOLD_OUT: _("“%(name)s” is sold out: shoppers see it as such."),
}


# --- In-store availability ---------------------------------------------------------------------------------


class StoreAvailabilityBlock(ShopBlock):
    product = ProductChooserBlock(label=_("Product"), help_text=_("Search by title, UPC or partner SKU."))
    show_product = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Show the product"),
        help_text=_("Its picture, price and add-to-basket button above the shop search."),
    )

    def shop_context(self, value, context):
        card = shop.cards([value.get("product")], context.get("request"))[0]
        warnings = _warnings([card])
        has_stores = Store.objects.filter(is_active=True).exists()
        if not has_stores:
            warnings.append(_("No shop is open for click and collect: shoppers don't see this block."))
        return {"card": card, "warnings": warnings, "hidden": card.is_gone or not has_stores}

    def get_preview_value(self):
        return {"product": shop.preview_product(), "show_product": True}

    class Meta:
        icon = "site"
        label = _("In-store availability")
        template = TEMPLATES + "store_availability.html"
        help_text = _("Lets readers find the nearest shops that have a product in stock (click and collect).")
        description = help_text


# --- Share and app promotion -------------------------------------------------------------------------------


def share_network_choices():
    return [(code, network.label) for code, network in share.BUILTIN_NETWORKS.items()]


class ShareBlock(ShopBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Heading"),
        help_text=_("Shown above the buttons, e.g. “Share this post”."),
    )
    networks = blocks.MultipleChoiceBlock(
        choices=share_network_choices,
        required=False,
        label=_("Networks"),
        help_text=_("Leave empty for the shop's usual networks."),
    )

    def shop_context(self, value, context):
        request = context.get("request")
        page = context.get("page")
        if page is None and context.get("editor_preview") and request is not None:
            site = Site.find_for_request(request)
            page = site.root_page.specific if site else None  # the block picker has no page: show the home's
        if page is None:
            return {"hidden": True}
        chosen = [code for code in value.get("networks") or [] if code in share.BUILTIN_NETWORKS]
        buttons = sharing.share_buttons_html(
            page,
            request,
            networks=",".join(chosen),
            campaign=getattr(page, "social_share_campaign", "share"),
            heading=value.get("heading") or None,
            show_heading=bool(value.get("heading")),
        )
        return {"buttons": buttons, "hidden": not buttons.strip()}

    class Meta:
        icon = "link-external"
        label = _("Share buttons")
        template = TEMPLATES + "share.html"
        help_text = _(
            "Buttons to share this page; nothing is loaded from the networks until a reader clicks."
        )
        description = help_text
        preview_value = {"heading": _("Share this post"), "networks": []}


class AppPromotionBlock(ShopBlock):
    heading = blocks.CharBlock(default=_("Get our app"), max_length=80, label=_("Heading"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    product = ProductChooserBlock(
        required=False,
        label=_("Open on a product"),
        help_text=_("Optional: the app and the QR code open this product; the app's home page otherwise."),
    )
    show_qr_code = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("QR code"),
        help_text=_("For readers on a computer (hidden on phones)."),
    )

    def shop_context(self, value, context):
        request = context.get("request")
        config = appinstall.get_config(request)
        if not config.enabled:
            return {
                "hidden": True,
                "warnings": [_("The shop's app is not configured: shoppers don't see this block.")],
            }
        product, warnings = value.get("product"), []
        if product is not None and not shop.is_visible(product):
            warnings.append(_("The product of this block is gone: the app's home page is promoted instead."))
            product = None
        page_path = request.path if request is not None else "/"
        tags = appinstall.utm("blog", "app_promotion", "app")
        go = reverse("socialshop:app-go")
        badges = [
            {
                "platform": platform,
                "href": appinstall.with_query(
                    go, {"kind": "install", "platform": platform, "path": page_path, **tags}
                ),
            }
            for platform in (appinstall.IOS, appinstall.ANDROID)
            if config.has_platform(platform)
        ]
        open_path = product.get_absolute_url() if product is not None else "/"
        qr = ""
        if value.get("show_qr_code"):
            target = ("product", product.pk) if product is not None else ("app", None)
            url = appinstall.scan_url(*target, appinstall.utm("blog", "qr", "app"), request)
            qr = mark_safe(appinstall.qr_svg(url, _("Scan to get the app")))  # segno escapes the title
        return {
            "app": config,
            "badges": badges,
            "open_href": appinstall.with_query(go, {"kind": "open", "path": open_path, **tags}),
            "product": product,
            "qr": qr,
            "warnings": warnings,
        }

    class Meta:
        icon = "mobile-alt"
        label = _("App promotion")
        template = TEMPLATES + "app_promotion.html"
        help_text = _("Store buttons, an “Open in the app” link and a QR code for the shop's mobile app.")
        description = help_text
        preview_value = {
            "heading": _("Get our app"),
            "text": _("Fan prices, early access to flash sales and your orders in your pocket."),
            "product": None,
            "show_qr_code": True,
        }


def _warnings(cards):
    return [card.warning for card in cards if card.warning]


class ShopStreamBlock(blocks.StreamBlock):
    """All the shop blocks, ready to drop into a StreamField beside your own."""

    product = ProductBlock()
    product_list = ProductListBlock()
    shoppable_image = ShoppableImageBlock()
    flash_sale = FlashSaleBlock()
    store_availability = StoreAvailabilityBlock()
    share = ShareBlock()
    app_promotion = AppPromotionBlock()
    social_post = SocialPostBlock()
