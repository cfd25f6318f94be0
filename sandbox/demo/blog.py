"""The demo blog: an index page at /blog/ (the Wagtail site's root) and three posts that, together, use
every shop block. Idempotent: a post whose content already matches is left alone (no new revision)."""

import datetime
import io
import uuid

from django.core.files.images import ImageFile
from oscar.core.loading import get_model
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from sandbox.blog.models import BlogIndexPage, BlogPostPage

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

# A post on a fictional network (example domain). Wagtail fetches and caches real posts itself through
# oEmbed; the demo seeds that cache with a self-contained post so the sandbox works offline.
DEMO_POST_URL = "https://social.example/@maisonlumiere/1"
DEMO_POST_HTML = (
    '<iframe title="Maison Lumière sur Social (démo)" width="500" height="220" style="border:0" '
    'srcdoc="&lt;body style=&quot;font-family:sans-serif;margin:1rem&quot;&gt;&lt;p&gt;&lt;strong&gt;'
    "@maisonlumiere&lt;/strong&gt;&lt;/p&gt;&lt;p&gt;Nouvelle collection de lin lavé : robes, chemises et "
    'linge de maison, tissés au Portugal et cousus à Lyon. 🌿&lt;/p&gt;&lt;/body&gt;"></iframe>'
)

# UPCs of the demo catalogue (sandbox/demo/catalogue.py).
ROBE_LIN, CHEMISE, JEAN, POCHETTE = "3760000000017", "3760000000062", "3760000000055", "3760000000123"
CABAN, PLAID, BOUGIE, VASE, COUSSIN = (
    "3760000000093",
    "3760000000185",
    "3760000000192",
    "3760000000208",
    "3760000000239",
)


def setup_blog(domain_host, port):
    root = Page.get_first_root_node()
    index = BlogIndexPage.objects.first()
    if index is None:
        index = BlogIndexPage(
            title="Le journal",
            slug="journal",
            intro="<p>Nos coulisses, nos artisans et nos idées de style.</p>",
        )
        root.add_child(instance=index)
        index.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": domain_host, "port": port, "root_page": index, "site_name": "Maison Lumière"},
    )
    # Wagtail's initial "Welcome" page is no longer reachable once the blog is the site root.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    _seed_demo_embed()
    for post in posts():
        _publish(index, post)
    return index


def posts():
    products = {
        p.upc: p
        for p in Product.objects.filter(
            upc__in=[ROBE_LIN, CHEMISE, JEAN, POCHETTE, CABAN, PLAID, BOUGIE, VASE, COUSSIN]
        )
    }
    salon = _demo_image("Le salon de Claire", _draw_salon)
    atelier = _demo_image("L'atelier de Lyon", _draw_atelier)
    femme = Category.objects.filter(name="Femme", depth=1).first()
    return [
        {
            "slug": "bienvenue",
            "title": "Bienvenue chez Maison Lumière",
            "date": datetime.date(2026, 9, 1),
            "intro": "Mode et maison fabriquées en France : l'histoire de notre boutique.",
            "author_name": "Camille Martin",
            "author_twitter": "@camille_ml",
            "image": atelier,
            "tags": ["coulisses", "lin"],
            "body": [
                _paragraph(
                    "<p>Depuis notre atelier de Lyon, nous choisissons des pièces faites pour durer, "
                    "auprès d'artisans que nous connaissons par leur prénom.</p>"
                ),
                _block("product", {"product": _pk(products, ROBE_LIN), "heading": "Notre pièce fétiche"}),
                _paragraph("<p>Et pour tout le reste de la garde-robe :</p>"),
                _block(
                    "product_list",
                    {
                        "layout": "carousel",
                        "heading": "La collection femme",
                        "products": [],
                        "category": femme.pk if femme else None,
                        "limit": 8,
                        "ordering": "newest",
                    },
                ),
                _block(
                    "social_post",
                    {
                        "post": DEMO_POST_URL,
                        "text": "Nouvelle collection de lin lavé : robes, chemises et linge de maison.",
                        "author": "@maisonlumiere",
                    },
                ),
                _block("share", {"heading": "Partagez notre histoire", "networks": []}),
            ],
        },
        {
            "slug": "le-salon-de-claire",
            "title": "Le salon de Claire, pièce par pièce",
            "date": datetime.date(2026, 9, 15),
            "intro": "Plaid, coussins et céramiques : un salon lumineux à composer soi-même.",
            "author_name": "Claire Dubois",
            "author_twitter": "@claire_ml",
            "image": salon,
            "tags": ["maison", "lin"],
            "body": [
                _paragraph("<p>Survolez la photo : chaque pastille mène à la pièce.</p>"),
                _block(
                    "shoppable_image",
                    {
                        "image": {
                            "image": salon.pk,
                            "alt_text": "Un salon clair : canapé, plaid, coussin, vase et bougie",
                            "decorative": False,
                        },
                        "caption": "Le salon de Claire, à Lyon",
                        "hotspots": [
                            _item({"product": _pk(products, PLAID), "x": 30.0, "y": 58.0, "label": ""}),
                            _item({"product": _pk(products, COUSSIN), "x": 55.0, "y": 52.0, "label": ""}),
                            _item(
                                {
                                    "product": _pk(products, VASE),
                                    "x": 80.0,
                                    "y": 40.0,
                                    "label": "Le vase céladon",
                                }
                            ),
                            _item({"product": _pk(products, BOUGIE), "x": 88.0, "y": 70.0, "label": ""}),
                        ],
                    },
                ),
                _block("store_availability", {"product": _pk(products, PLAID), "show_product": True}),
            ],
        },
        {
            "slug": "vente-flash-fans",
            "title": "Vente flash : -30 % pour nos fans",
            "date": datetime.date(2026, 10, 1),
            "intro": "Jean, chemise Oxford et pochette en raphia à prix fans, en quantité limitée.",
            "author_name": "Camille Martin",
            "author_twitter": "@camille_ml",
            "image": atelier,
            "tags": ["vente flash"],
            "body": [
                _paragraph("<p>Connectez votre compte social pour débloquer le prix fan.</p>"),
                *_flash_sale_block(),
                _block(
                    "product_list",
                    {
                        "layout": "grid",
                        "heading": "Les pièces en vente flash",
                        "products": [_item(_pk(products, upc)) for upc in (JEAN, CHEMISE, POCHETTE)],
                        "category": None,
                        "limit": 8,
                        "ordering": "newest",
                    },
                ),
                _paragraph("<p>Le caban revient bientôt :</p>"),
                _block(
                    "product", {"product": _pk(products, CABAN), "heading": "", "show_share_buttons": True}
                ),
                _block(
                    "app_promotion",
                    {
                        "heading": "Les ventes flash arrivent d'abord dans l'appli",
                        "text": "Activez les notifications pour ne manquer aucune vente fans.",
                        "product": None,
                        "show_qr_code": True,
                    },
                ),
            ],
        },
    ]


def _flash_sale_block():
    from socialshop.models import FlashSale

    sale = FlashSale.objects.filter(slug="demo-live").first()
    return [_block("flash_sale", {"sale": sale.pk, "heading": ""})] if sale else []


def _publish(index, data):
    data = dict(data)
    tags = data.pop("tags")
    body = data.pop("body")
    page = BlogPostPage.objects.filter(slug=data["slug"]).first()
    if page is None:
        page = BlogPostPage(**data)
        page.body = body
        index.add_child(instance=page)
    elif _unchanged(page, data, body, tags):
        return page
    else:
        for name, value in data.items():
            setattr(page, name, value)
        page.body = body
    page.tags.set(tags, clear=True)
    page.save_revision().publish()
    return page


def _unchanged(page, data, body, tags):
    return (
        page.live
        and all(getattr(page, name) == value for name, value in data.items())
        and list(page.body.raw_data) == body
        and sorted(tag.name for tag in page.tags.all()) == sorted(tags)
    )


def _block(kind, value):
    """A stream block with a stable id (derived from its content), so a rerun finds the post unchanged."""
    return {"type": kind, "value": value, "id": _stable_id(kind, value)}


def _item(value):
    return {"type": "item", "value": value, "id": _stable_id("item", value)}


def _paragraph(html):
    return _block("paragraph", html)


def _stable_id(kind, value):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"socialshop-demo:{kind}:{value!r}"))


def _pk(products, upc):
    product = products.get(upc)
    return product.pk if product else None


def _seed_demo_embed():
    Embed.objects.update_or_create(
        hash=get_embed_hash(DEMO_POST_URL, None),
        defaults={
            "url": DEMO_POST_URL,
            "max_width": None,
            "type": "rich",
            "html": DEMO_POST_HTML,
            "title": "Maison Lumière",
            "author_name": "@maisonlumiere",
            "provider_name": "Social (démo)",
            "width": 500,
            "height": 220,
        },
    )


def _demo_image(title, draw):
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = PillowImage.new("RGB", (1600, 1000), (244, 238, 228))
    draw(ImageDraw.Draw(picture))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    name = title.lower().replace(" ", "-").replace("'", "") + ".jpg"
    return image_model.objects.create(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=name))


def _draw_salon(draw):
    """A living room in flat shapes, with the products where the hotspots point."""
    draw.rectangle((0, 760, 1600, 1000), fill=(201, 174, 140))  # floor
    draw.rectangle((1120, 120, 1480, 520), fill=(226, 232, 236), outline=(180, 170, 160), width=10)  # window
    draw.rounded_rectangle((180, 470, 1100, 800), radius=60, fill=(122, 140, 150))  # sofa
    draw.rounded_rectangle((330, 520, 650, 720), radius=30, fill=(214, 196, 160))  # plaid (30 %, 58 %)
    draw.rounded_rectangle((800, 440, 960, 600), radius=40, fill=(140, 60, 70))  # cushion (55 %, 52 %)
    draw.rectangle((1180, 560, 1420, 760), fill=(150, 110, 80))  # side table
    draw.ellipse((1230, 300, 1330, 560), fill=(150, 190, 170))  # vase (80 %, 40 %)
    draw.rectangle((1375, 640, 1440, 760), fill=(250, 245, 235))  # candle (88 %, 70 %)
    draw.ellipse((1395, 610, 1420, 645), fill=(250, 190, 60))


def _draw_atelier(draw):
    draw.rectangle((0, 0, 1600, 1000), fill=(235, 224, 206))
    draw.rectangle((100, 650, 1500, 700), fill=(120, 90, 60))  # workbench
    for i, colour in enumerate([(190, 170, 140), (120, 140, 160), (200, 200, 190), (160, 120, 100)]):
        draw.rectangle((200 + i * 300, 250, 380 + i * 300, 640), fill=colour)  # fabric rolls
