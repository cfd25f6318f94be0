"""Nearest stores holding a product, without GeoDjango.

A lookup reads the stores inside a latitude/longitude bounding box through the ``(latitude, longitude)``
index, joined with their stock rows, then ranks them by exact haversine distance in Python. The box is
clamped at the poles (a circle that contains a pole spans every longitude) and split in two at the
antimeridian, so the answer equals a full scan's on SQLite and PostgreSQL alike.

The search starts with a small radius and doubles it until ``limit`` stores are found or the requested
radius is reached: stores found within radius r are exactly the nearest ones, since every store outside the
box is farther than r. The work per lookup therefore follows the number of stores near the shopper, not the
number of stores in the table. The first radius is learnt from earlier lookups of the process (about the
distance at which they found their last store), so most lookups need one query; it only changes the speed,
never the answer.
"""

import math
from dataclasses import dataclass, field

from django.db import connection

from ..conf import settings
from ..models import Store, StoreStock

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
FIRST_RADIUS_KM = 4.0  # the first ring of the expanding search, before any lookup taught a better one
_first_radius = {"km": FIRST_RADIUS_KM}  # shared by the threads of a process; a race only costs a query

IN_STOCK, LOW_STOCK, OUT_OF_STOCK = "in_stock", "low_stock", "out_of_stock"


def haversine_km(lat1, lng1, lat2, lng2):
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lng2 - lng1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def normalise_longitude(lng):
    """Bring any longitude into [-180, 180)."""
    return (lng + 180.0) % 360.0 - 180.0


def bounding_box(lat, lng, radius_km):
    """The smallest latitude range and longitude ranges (one, or two across the antimeridian) that contain
    every point within ``radius_km`` of (lat, lng). Returns ``(lat_min, lat_max, [(lng_min, lng_max), …])``.

    Longitude half-width from J. P. Matuschek, "Finding Points Within a Distance of a Latitude/Longitude
    Using Bounding Coordinates": asin(sin(r) / cos(lat)), valid while no pole lies within the circle.
    """
    angular = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(angular)
    lat_min, lat_max = lat - dlat, lat + dlat
    if lat_max >= 90.0 or lat_min <= -90.0 or angular >= math.pi / 2:
        # A pole is inside the circle (or the circle is a hemisphere): every longitude is reachable.
        return max(lat_min, -90.0), min(lat_max, 90.0), [(-180.0, 180.0)]
    ratio = math.sin(angular) / math.cos(math.radians(lat))
    if ratio >= 1.0:
        return lat_min, lat_max, [(-180.0, 180.0)]
    dlng = math.degrees(math.asin(ratio))
    lng = normalise_longitude(lng)
    lng_min, lng_max = lng - dlng, lng + dlng
    if lng_min < -180.0:
        return lat_min, lat_max, [(lng_min + 360.0, 180.0), (-180.0, lng_max)]
    if lng_max > 180.0:
        return lat_min, lat_max, [(lng_min, 180.0), (-180.0, lng_max - 360.0)]
    return lat_min, lat_max, [(lng_min, lng_max)]


@dataclass(frozen=True)
class Availability:
    code: str
    num_available: int | None  # None when SOCIALSHOP_STORE_HIDE_EXACT_COUNT hides it

    @property
    def is_available(self):
        return self.code != OUT_OF_STOCK

    def as_dict(self):
        return {"code": self.code, "num_available": self.num_available}


def available_units(num_in_stock, num_reserved):
    """Units a shopper may still take: in stock − reserved − the safety buffer, never below zero."""
    return max(0, num_in_stock - num_reserved - settings.STORE_SAFETY_BUFFER)


def availability(units):
    """What the shopper is told about ``units`` available units."""
    if units <= 0:
        code = OUT_OF_STOCK
    elif units <= settings.STORE_LOW_STOCK_THRESHOLD:
        code = LOW_STOCK
    else:
        code = IN_STOCK
    return Availability(code, None if settings.STORE_HIDE_EXACT_COUNT else units)


def summarise(availabilities):
    """One availability for several variants: the best code, the total of the counts."""
    availabilities = list(availabilities)
    total = sum(a.num_available or 0 for a in availabilities)
    if any(a.code == IN_STOCK for a in availabilities):
        code = IN_STOCK
    elif any(a.code == LOW_STOCK for a in availabilities):
        code = LOW_STOCK
    else:
        code = OUT_OF_STOCK
    return Availability(code, None if settings.STORE_HIDE_EXACT_COUNT else total)


@dataclass
class StoreMatch:
    """A store found by a lookup: its id, distance (None without an origin) and available units per
    requested product id."""

    store_id: int
    distance_km: float | None
    units: dict = field(default_factory=dict)
    store: Store | None = None

    def availability(self, product_id):
        return availability(self.units.get(product_id, 0))


def _requirements(products):
    """Accept product ids (one unit each) or a {product_id: quantity} mapping."""
    if isinstance(products, dict):
        return {int(pk): int(quantity) for pk, quantity in products.items()}
    return {int(pk): 1 for pk in products}


def _qualifies(units, required, match):
    checks = [units.get(pk, 0) >= quantity for pk, quantity in required.items()]
    return all(checks) if match == "all" else any(checks)


def _candidate_rows(lat_min, lat_max, lng_ranges, product_ids, include_out_of_stock, pickup_only):
    """Rows (store id, latitude, longitude, product id, in stock, reserved) of active stores in the box.

    Raw SQL: this is the hot path (the ORM would double its cost), and it is plain SQL that SQLite and
    PostgreSQL plan the same way: a range scan of the (latitude, longitude) index, then the stock row of each
    candidate through the (store, product) unique index."""
    store_table, stock_table = Store._meta.db_table, StoreStock._meta.db_table
    if not product_ids:  # the store locator: every store, no stock (no product has id 0)
        product_ids = [0]
    placeholders = ", ".join(["%s"] * len(product_ids))
    lng_sql = " OR ".join(["s.longitude BETWEEN %s AND %s"] * len(lng_ranges))
    join = "LEFT JOIN" if include_out_of_stock else "JOIN"
    stock_filter = "" if include_out_of_stock else " AND k.num_in_stock - k.num_reserved > %s"
    sql = (
        f"SELECT s.id, s.latitude, s.longitude, k.product_id, k.num_in_stock, k.num_reserved "
        f"FROM {store_table} s {join} {stock_table} k "
        f"ON k.store_id = s.id AND k.product_id IN ({placeholders}){stock_filter} "
        f"WHERE s.latitude BETWEEN %s AND %s AND ({lng_sql}) AND s.is_active"
        + (" AND s.is_pickup_point" if pickup_only else "")
    )
    params = list(product_ids)
    if not include_out_of_stock:
        params.append(settings.STORE_SAFETY_BUFFER)
    params += [lat_min, lat_max]
    for lng_range in lng_ranges:
        params += list(lng_range)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _group(rows):
    """{store id: (lat, lng, {product id: available units})} from candidate rows."""
    stores = {}
    for store_id, lat, lng, product_id, in_stock, reserved in rows:
        entry = stores.setdefault(store_id, (lat, lng, {}))
        if product_id is not None:
            entry[2][product_id] = available_units(in_stock, reserved)
    return stores


def nearest_stores(
    lat,
    lng,
    products,
    radius_km,
    limit,
    include_out_of_stock=False,
    match="any",
    pickup_only=False,
):
    """The ``limit`` nearest active stores within ``radius_km`` of (lat, lng), sorted by distance then id.

    ``products`` is a list of product ids or a {product id: quantity} mapping. A store qualifies when it
    holds the quantity of ``match="any"`` of them (a parent's variants) or of ``"all"`` (a basket); with
    ``include_out_of_stock`` every store qualifies. Returns :class:`StoreMatch` objects without ``store``.
    """
    required = _requirements(products)
    product_ids = sorted(required)
    include_out_of_stock = include_out_of_stock or not required
    lng = normalise_longitude(lng)
    radius = min(_first_radius["km"], radius_km)
    while True:
        lat_min, lat_max, lng_ranges = bounding_box(lat, lng, radius)
        rows = _candidate_rows(lat_min, lat_max, lng_ranges, product_ids, include_out_of_stock, pickup_only)
        matches = []
        for store_id, (store_lat, store_lng, units) in _group(rows).items():
            if include_out_of_stock or _qualifies(units, required, match):
                distance = haversine_km(lat, lng, store_lat, store_lng)
                if distance <= radius:
                    matches.append(StoreMatch(store_id, distance, units))
        if len(matches) >= limit or radius >= radius_km:
            matches.sort(key=lambda m: (m.distance_km, m.store_id))
            if len(matches) >= limit:
                _learn_first_radius(matches[limit - 1].distance_km)
            return matches[:limit]
        radius = min(radius * 2, radius_km)


def _learn_first_radius(needed_km):
    """Move the first radius halfway (geometrically) towards 1.25 × the distance this lookup needed."""
    target = max(0.5, needed_km * 1.25)
    _first_radius["km"] = math.sqrt(_first_radius["km"] * target)


def stores_by_name(products, limit, include_out_of_stock=False, match="any", pickup_only=False):
    """Without an origin, qualifying active stores in alphabetical order (as Shopify does)."""
    required = _requirements(products)
    stores = Store.objects.filter(is_active=True)
    if pickup_only:
        stores = stores.filter(is_pickup_point=True)
    if not include_out_of_stock:
        stores = stores.filter(stock__product_id__in=list(required)).distinct()
    matches = []
    for store in stores.order_by("name", "pk").iterator():
        units = stock_units(store.pk, required)
        if include_out_of_stock or _qualifies(units, required, match):
            matches.append(StoreMatch(store.pk, None, units, store))
            if len(matches) >= limit:
                break
    return matches


def stock_units(store_id, products):
    """{product id: available units} of one store."""
    rows = StoreStock.objects.filter(store_id=store_id, product_id__in=list(_requirements(products)))
    return {row.product_id: available_units(row.num_in_stock, row.num_reserved) for row in rows}


def attach_stores(matches):
    """Load the Store rows of lookup results (one query) and return the matches with ``store`` set."""
    missing = [m.store_id for m in matches if m.store is None]
    if missing:
        by_id = Store.objects.in_bulk(missing)
        for match in matches:
            if match.store is None:
                match.store = by_id[match.store_id]
    return matches
