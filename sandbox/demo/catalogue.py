"""The demo boutique's catalogue: a French fashion-and-home shop, built idempotently."""

import colorsys
import hashlib
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

PARTNER_NAME = "Maison Lumière – entrepôt de Lyon"
IMAGE_SIZE = (1200, 1200)  # crops well to 1200×630 (Open Graph) and 1000×1500 (Pinterest, after upscaling)

# (upc, title, category, price, brand, stock, description)
# fmt: off
STANDALONE = [
    ("3760000000017", "Robe portefeuille en lin", "Femme > Robes", "89.00", "Atelier Lumière", 12,
     "Robe portefeuille en lin lavé, coupe fluide, ceinture à nouer. Tissée et cousue au Portugal."),
    ("3760000000024", "Robe chemise rayée", "Femme > Robes", "79.00", "Atelier Lumière", 8,
     "Robe chemise en coton rayé bleu et blanc, manches retroussables, poches plaquées."),
    ("3760000000031", "Blouse brodée « Provence »", "Femme > Hauts", "59.00", "Atelier Lumière", 15,
     "Blouse en voile de coton brodée main, col tunisien, manches ballon."),
    ("3760000000048", "Trench-coat beige", "Femme > Manteaux", "189.00", "Maison Lumière", 5,
     "Le trench intemporel : gabardine de coton déperlante, double boutonnage, ceinture."),
    ("3760000000055", "Jean droit taille haute", "Femme > Pantalons", "95.00", "Denim de Nîmes", 20,
     "Jean droit en denim de Nîmes non délavé, taille haute, cinq poches."),
    ("3760000000062", "Chemise Oxford blanche", "Homme > Chemises", "69.00", "Maison Lumière", 25,
     "Chemise en coton Oxford, col boutonné, coupe ajustée. Se porte avec tout."),
    ("3760000000079", "Veste de travail en moleskine", "Homme > Vestes", "139.00", "Le Bleu de Travail", 7,
     "La veste de travail française en moleskine bleue, trois poches, boutons en corozo."),
    ("3760000000086", "Chino coton bio", "Homme > Pantalons", "85.00", "Maison Lumière", 18,
     "Chino en sergé de coton biologique, coupe fuselée, ourlet à revers."),
    ("3760000000093", "Caban en laine", "Homme > Manteaux", "229.00", "Marine & Fils", 0,
     "Caban croisé en drap de laine, boutons ancre, col tempête. Réassort en cours."),
    ("3760000000109", "Parka imperméable", "Homme > Manteaux", "199.00", "Marine & Fils", 4,
     "Parka imperméable et respirante, capuche ajustable, doublure recyclée."),
    ("3760000000116", "Sac cabas en cuir", "Accessoires > Sacs", "149.00", "Maroquinerie Lumière", 9,
     "Cabas en cuir de veau tanné végétal, anses longues, pochette intérieure zippée."),
    ("3760000000123", "Pochette en raphia", "Accessoires > Sacs", "45.00", "Maroquinerie Lumière", 30,
     "Pochette tressée main en raphia naturel, fermeture aimantée."),
    ("3760000000130", "Foulard en soie imprimé", "Accessoires > Foulards", "75.00", "Soieries de Lyon", 14,
     "Carré de soie twill 90×90 imprimé à Lyon, roulotté main."),
    ("3760000000147", "Ceinture tressée", "Accessoires > Ceintures", "39.00", "Maroquinerie Lumière", 22,
     "Ceinture en cuir tressé, boucle en laiton brossé."),
    ("3760000000154", "Lunettes de soleil « Riviera »", "Accessoires > Lunettes", "119.00", "Optique du Jura", 6,
     "Monture en acétate fabriquée dans le Jura, verres polarisés catégorie 3."),
    ("3760000000161", "Bonnet en cachemire", "Accessoires > Bonnets", "65.00", "Maison Lumière", 11,
     "Bonnet côtelé en cachemire recyclé, doux et chaud."),
    ("3760000000178", "Linge de lit en lin lavé", "Maison > Linge de lit", "159.00", "Linge d'Alsace", 10,
     "Parure en lin lavé : housse de couette 240×220 et deux taies 65×65."),
    ("3760000000185", "Plaid en laine mérinos", "Maison > Plaids", "99.00", "Linge d'Alsace", 13,
     "Plaid tissé en laine mérinos, franges nouées, 130×170."),
    ("3760000000192", "Bougie parfumée « Figuier »", "Maison > Bougies", "32.00", "Cire de Grasse", 40,
     "Bougie en cire végétale parfumée à Grasse, 50 heures de combustion."),
    ("3760000000208", "Vase en grès émaillé", "Maison > Décoration", "49.00", "Poterie de Dieulefit", 16,
     "Vase tourné à la main à Dieulefit, émail céladon, pièce unique."),
    ("3760000000215", "Service de table en faïence", "Maison > Art de la table", "129.00",
     "Faïencerie de Gien", 3,
     "Service 12 pièces en faïence de Gien : assiettes plates, creuses et à dessert."),
    ("3760000000222", "Carafe en verre soufflé", "Maison > Art de la table", "42.00", "Verrerie de Biot", 0,
     "Carafe en verre bullé soufflé bouche à Biot, 1 litre."),
    ("3760000000239", "Coussin en velours", "Maison > Décoration", "35.00", "Linge d'Alsace", 27,
     "Housse de coussin en velours de coton, 45×45, garnissage plumes."),
    ("3760000000246", "Tablier en lin", "Maison > Art de la table", "29.00", "Linge d'Alsace", 19,
     "Tablier de cuisine en lin épais, poche ventrale, liens croisés."),
    ("3760000000253", "Miroir rotin", "Maison > Décoration", "89.00", "Vannerie de Villaines", 5,
     "Miroir soleil en rotin tressé à Villaines-les-Rochers, diamètre 60 cm."),
    ("3760000000260", "Savon de Marseille", "Maison > Salle de bain", "8.50", "Savonnerie du Midi", 120,
     "Véritable savon de Marseille à l'huile d'olive, cuit au chaudron, 300 g."),
    ("3760000000277", "Peignoir en nid d'abeille", "Maison > Salle de bain", "79.00", "Linge d'Alsace", 9,
     "Peignoir léger en coton nid d'abeille, col kimono, deux poches."),
]

# Parent products with size and colour variants: (upc prefix, title, category, price, brand, sizes, colours,
# description)
PARENTS = [
    ("MARI", "Marinière classique", "Femme > Hauts", "49.00", "Marine & Fils", ["S", "M", "L"],
     ["Bleu marine", "Rouge"],
     "La marinière bretonne en jersey de coton épais, 21 rayures, boutonnage à l'épaule."),
    ("PULL", "Pull en laine mérinos", "Homme > Pulls", "110.00", "Maison Lumière", ["M", "L", "XL"],
     ["Gris chiné", "Vert sapin"],
     "Pull col rond en laine mérinos extra-fine, tricoté en France."),
    ("SNKR", "Baskets en toile", "Accessoires > Chaussures", "75.00", "Les Toiles du Nord",
     ["38", "40", "42"], ["Blanc", "Kaki"],
     "Baskets en toile de coton bio et semelle en caoutchouc naturel, fabriquées au Portugal."),
]
# fmt: on


@transaction.atomic
def load_catalogue():
    """Create (or complete) the demo catalogue. Returns the number of products created."""
    clothing, accessories_home = _product_classes()
    partner, _ = Partner.objects.get_or_create(name=PARTNER_NAME)
    created = 0
    for upc, title, category, price, brand, stock, description in STANDALONE:
        product_class = clothing if category.split(" > ")[0] in ("Femme", "Homme") else accessories_home
        product, was_created = Product.objects.get_or_create(
            upc=upc,
            defaults={
                "title": title,
                "description": description,
                "product_class": product_class,
                "structure": Product.STANDALONE,
            },
        )
        created += was_created
        if was_created:
            product.attr.brand = brand
            product.save()
            _categorise(product, category)
        StockRecord.objects.get_or_create(
            product=product,
            partner=partner,
            defaults={
                "partner_sku": f"ML-{upc[-6:]}",
                "price": Decimal(price),
                "price_currency": "EUR",
                "num_in_stock": stock,
            },
        )
        _ensure_image(product)
    for prefix, title, category, price, brand, sizes, colours, description in PARENTS:
        parent, was_created = Product.objects.get_or_create(
            upc=f"{prefix}-PARENT",
            defaults={
                "title": title,
                "description": description,
                "product_class": clothing,
                "structure": Product.PARENT,
            },
        )
        created += was_created
        if was_created:
            parent.attr.brand = brand
            parent.save()
            _categorise(parent, category)
        _ensure_image(parent)
        for colour_index, colour in enumerate(colours):
            for size_index, size in enumerate(sizes):
                upc = f"{prefix}-{colour_index}{size_index}"
                child, was_created = Product.objects.get_or_create(
                    upc=upc,
                    defaults={
                        "title": f"{title} – {colour}, {size}",
                        "parent": parent,
                        "structure": Product.CHILD,
                    },
                )
                created += was_created
                if was_created:
                    child.attr.size = size
                    child.attr.colour = colour
                    child.save()
                StockRecord.objects.get_or_create(
                    product=child,
                    partner=partner,
                    defaults={
                        "partner_sku": f"ML-{upc}",
                        "price": Decimal(price),
                        "price_currency": "EUR",
                        # One sold-out variant per parent shows per-variant availability.
                        "num_in_stock": 0 if (colour_index, size_index) == (1, 0) else 6 + size_index,
                    },
                )
    return created


def _product_classes():
    clothing, _ = ProductClass.objects.get_or_create(
        slug="vetements", defaults={"name": "Vêtements", "requires_shipping": True, "track_stock": True}
    )
    other, _ = ProductClass.objects.get_or_create(
        slug="maison-accessoires",
        defaults={"name": "Maison et accessoires", "requires_shipping": True, "track_stock": True},
    )
    for product_class in (clothing, other):
        ProductAttribute.objects.get_or_create(
            product_class=product_class, code="brand", defaults={"name": "Marque", "type": "text"}
        )
    for code, name in (("size", "Taille"), ("colour", "Couleur")):
        ProductAttribute.objects.get_or_create(
            product_class=clothing, code=code, defaults={"name": name, "type": "text"}
        )
    return clothing, other


def _categorise(product, breadcrumbs):
    category = create_from_breadcrumbs(breadcrumbs)
    ProductCategory.objects.get_or_create(product=product, category=category)


def _ensure_image(product):
    if product.images.exists():
        return
    image = ProductImage(product=product, display_order=0, caption=product.title)
    image.original.save(f"{product.upc.lower()}.jpg", ContentFile(render_image(product.title)), save=False)
    image.save()


def render_image(title):
    """A product "photo" drawn locally: a colour field derived from the title, a shape and the title."""
    digest = hashlib.sha256(title.encode()).digest()
    hue = digest[0] / 255
    background = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.82, 0.45))
    accent = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.38, 0.55))
    image = Image.new("RGB", IMAGE_SIZE, background)
    draw = ImageDraw.Draw(image)
    width, height = IMAGE_SIZE
    if digest[1] % 2:
        draw.ellipse((width * 0.25, height * 0.18, width * 0.75, height * 0.68), fill=accent)
    else:
        draw.rounded_rectangle((width * 0.28, height * 0.2, width * 0.72, height * 0.66), 60, fill=accent)
    font = ImageFont.load_default(size=64)
    box = draw.textbbox((0, 0), title, font=font)
    draw.text(((width - (box[2] - box[0])) / 2, height * 0.78), title, fill=(40, 40, 40), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
