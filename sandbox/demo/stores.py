# ruff: noqa: E501  (the demo shops are a table)
"""The demo boutique's shops: 25 shops across France (real town-centre coordinates) with opening hours, French
public holidays and stock of every demo product. Built idempotently: running it again changes nothing."""

import datetime
import hashlib

from django.db import transaction
from oscar.core.loading import get_model

from socialshop.models import Store, StoreOpeningPeriod, StoreSpecialDay, StoreStock

Product = get_model("catalogue", "Product")

# reference, name, address, postcode, city, latitude, longitude, phone, hours, pickup lead (minutes or None)
# hours: "day" = Mon–Sat 10:00–19:00, "lunch" = Mon–Sat with a 12:30–14:00 break, "sunday" = "day" + Sunday.
# fmt: off
STORES = [
    ("PAR-RIV", "Paris Rivoli", "120 rue de Rivoli", "75001", "Paris", 48.8606, 2.3413, "+33 1 42 60 00 01", "sunday", 60),
    ("PAR-MAR", "Paris Le Marais", "24 rue des Francs-Bourgeois", "75003", "Paris", 48.8577, 2.3616, "+33 1 42 72 00 02", "sunday", 60),
    ("PAR-SGE", "Paris Saint-Germain", "51 rue de Rennes", "75006", "Paris", 48.8521, 2.3303, "+33 1 45 48 00 03", "day", 120),
    ("LYS-PDI", "Lyon Part-Dieu", "17 rue du Docteur Bouchut", "69003", "Lyon", 45.7606, 4.8593, "+33 4 72 60 00 04", "day", 120),
    ("LYS-PRQ", "Lyon Presqu'île", "58 rue de la République", "69002", "Lyon", 45.7603, 4.8357, "+33 4 78 37 00 05", "day", 60),
    ("MRS-VPT", "Marseille Vieux-Port", "12 quai du Port", "13002", "Marseille", 43.2964, 5.3700, "+33 4 91 90 00 06", "day", 120),
    ("TLS-CAP", "Toulouse Capitole", "5 rue Lafayette", "31000", "Toulouse", 43.6045, 1.4440, "+33 5 61 21 00 07", "day", 120),
    ("NCE-MAS", "Nice Masséna", "10 avenue Jean-Médecin", "06000", "Nice", 43.7009, 7.2683, "+33 4 93 80 00 08", "sunday", 120),
    ("NTE-COM", "Nantes Commerce", "2 place du Commerce", "44000", "Nantes", 47.2130, -1.5580, "+33 2 40 48 00 09", "day", 120),
    ("STR-KLE", "Strasbourg Kléber", "3 place Kléber", "67000", "Strasbourg", 48.5833, 7.7458, "+33 3 88 32 00 10", "lunch", 240),
    ("MPL-COM", "Montpellier Comédie", "8 place de la Comédie", "34000", "Montpellier", 43.6085, 3.8800, "+33 4 67 60 00 11", "day", 120),
    ("BOD-SCA", "Bordeaux Sainte-Catherine", "90 rue Sainte-Catherine", "33000", "Bordeaux", 44.8400, -0.5735, "+33 5 56 44 00 12", "day", 60),
    ("LIL-GPL", "Lille Grand-Place", "15 place du Général-de-Gaulle", "59000", "Lille", 50.6366, 3.0635, "+33 3 20 55 00 13", "day", 120),
    ("RNS-REP", "Rennes République", "4 quai Lamartine", "35000", "Rennes", 48.1097, -1.6794, "+33 2 99 79 00 14", "lunch", 240),
    ("REI-CAT", "Reims Cathédrale", "6 rue Rockefeller", "51100", "Reims", 49.2536, 4.0339, "+33 3 26 47 00 15", "lunch", 240),
    ("TLN-MAY", "Toulon Mayol", "21 rue d'Alger", "83000", "Toulon", 43.1234, 5.9293, "+33 4 94 92 00 16", "day", 240),
    ("GRE-VHU", "Grenoble Victor-Hugo", "2 place Victor-Hugo", "38000", "Grenoble", 45.1885, 5.7245, "+33 4 76 46 00 17", "day", 120),
    ("DIJ-DAR", "Dijon Darcy", "1 place Darcy", "21000", "Dijon", 47.3225, 5.0342, "+33 3 80 30 00 18", "lunch", 240),
    ("ANG-RAL", "Angers Ralliement", "3 place du Ralliement", "49100", "Angers", 47.4712, -0.5518, "+33 2 41 87 00 19", "lunch", 1440),
    ("NIM-ARN", "Nîmes Arènes", "4 boulevard des Arènes", "30000", "Nîmes", 43.8345, 4.3600, "+33 4 66 21 00 20", "day", 1440),
    ("CLF-JAU", "Clermont-Ferrand Jaude", "11 place de Jaude", "63000", "Clermont-Ferrand", 45.7772, 3.0820, "+33 4 73 93 00 21", "lunch", 240),
    ("TRS-NAT", "Tours Nationale", "40 rue Nationale", "37000", "Tours", 47.3941, 0.6848, "+33 2 47 05 00 22", "lunch", 240),
    ("ROU-GHO", "Rouen Gros-Horloge", "60 rue du Gros-Horloge", "76000", "Rouen", 49.4413, 1.0917, "+33 2 35 71 00 23", "day", 240),
    ("BIA-HAL", "Biarritz Les Halles", "9 rue des Halles", "64200", "Biarritz", 43.4832, -1.5586, "+33 5 59 24 00 24", "sunday", 1440),
    ("AJA-FOC", "Ajaccio Foch (vitrine)", "7 place Foch", "20000", "Ajaccio", 41.9192, 8.7386, "+33 4 95 21 00 25", "lunch", None),
]
# fmt: on
HOURS = {
    "day": [(d, "10:00", "19:00") for d in range(6)],
    "lunch": [(d, o, c) for d in range(6) for o, c in (("09:30", "12:30"), ("14:00", "19:00"))],
    "sunday": [(d, "10:00", "19:30") for d in range(6)] + [(6, "11:00", "18:00")],
}


@transaction.atomic
def load_stores(today=None):
    """Create or complete the shops, their hours, the holidays and their stock. Returns shops created."""
    created = 0
    for reference, name, address, postcode, city, lat, lng, phone, hours, lead in STORES:
        store, was_created = Store.objects.get_or_create(
            reference=reference,
            defaults={
                "name": name,
                "slug": reference.lower(),
                "address": address,
                "postcode": postcode,
                "city": city,
                "country": "FR",
                "latitude": lat,
                "longitude": lng,
                "phone": phone,
                "email": f"{reference.lower()}@maisonlumiere.example",
                "is_pickup_point": lead is not None,
                "pickup_lead_minutes": lead or 0,
            },
        )
        created += was_created
        if not store.opening_periods.exists():
            StoreOpeningPeriod.objects.bulk_create(
                StoreOpeningPeriod(store=store, weekday=day, opens=opens, closes=closes)
                for day, opens, closes in HOURS[hours]
            )
        _stock(store)
    year = (today or datetime.date.today()).year
    for day, label in french_holidays(year) + french_holidays(year + 1):
        StoreSpecialDay.objects.get_or_create(store=None, date=day, defaults={"label": label})
    return created


def _stock(store):
    """Deterministic quantities (0 to 12, some shops short of a product) for every purchasable product."""
    have = set(StoreStock.objects.filter(store=store).values_list("product_id", flat=True))
    rows = []
    for product_id, upc in Product.objects.exclude(structure=Product.PARENT).values_list("pk", "upc"):
        if product_id in have or not upc:
            continue
        digest = hashlib.sha256(f"{store.reference}:{upc}".encode()).digest()
        quantity = 0 if digest[0] < 50 else digest[1] % 13
        rows.append(StoreStock(store=store, product_id=product_id, num_in_stock=quantity))
    StoreStock.objects.bulk_create(rows)


def easter(year):
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  (the algorithm's own letter)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def french_holidays(year):
    """The eleven public holidays of metropolitan France."""
    sunday = easter(year)
    days = [
        ((1, 1), "Jour de l'an"),
        ((5, 1), "Fête du Travail"),
        ((5, 8), "Victoire 1945"),
        ((7, 14), "Fête nationale"),
        ((8, 15), "Assomption"),
        ((11, 1), "Toussaint"),
        ((11, 11), "Armistice 1918"),
        ((12, 25), "Noël"),
    ]
    holidays = [(datetime.date(year, month, day), label) for (month, day), label in days]
    holidays += [
        (sunday + datetime.timedelta(days=1), "Lundi de Pâques"),
        (sunday + datetime.timedelta(days=39), "Ascension"),
        (sunday + datetime.timedelta(days=50), "Lundi de Pentecôte"),
    ]
    return sorted(holidays)
