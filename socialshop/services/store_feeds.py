"""Store and store-stock feeds: CSV files and a point-of-sale JSON endpoint.

Both are all-or-nothing: every row is validated first, and one bad row means nothing is written; each error
names where it is (``line 7, column latitude`` for a file whose header is line 1, ``stock[3].quantity`` for
JSON). Applying the same feed twice changes nothing: rows are compared with the database and only the
differences are written in bulk: COPY on PostgreSQL, batches of one prepared statement elsewhere.
"""

import csv
import math
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from ..conf import settings
from ..models import Store, StoreStock
from .http_json import FetchError, get_json

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

STORE_COLUMNS = [
    "reference",
    "name",
    "address",
    "postcode",
    "city",
    "country",
    "latitude",
    "longitude",
    "phone",
    "pickup",
]
STOCK_COLUMNS = ["store_reference", "sku", "quantity"]
BOOLEANS = {
    "1": True,
    "true": True,
    "yes": True,
    "oui": True,
    "0": False,
    "false": False,
    "no": False,
    "non": False,
}
BATCH = 2000
QUERY_CHUNK = 900  # SQLite allows 999 parameters per statement
MAX_ERRORS_SHOWN = 20
LEAD_MINUTES = Store._meta.get_field("pickup_lead_minutes").default  # new stores from a feed


class FeedError(Exception):
    """The feed is invalid; ``errors`` lists every problem found, the message the first ones."""

    def __init__(self, source, errors):
        self.errors = errors
        shown = "\n".join(errors[:MAX_ERRORS_SHOWN])
        more = len(errors) - MAX_ERRORS_SHOWN
        super().__init__(
            f"{source}: nothing imported, {len(errors)} error(s):\n{shown}"
            + (f"\n… and {more} more" if more > 0 else "")
        )


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


# --- reading ---------------------------------------------------------------------------------------------


def read_csv(path, columns):
    """[(location, {column: value})] for every data row of a CSV file whose header names ``columns`` (in any
    order). Raises FeedError for an unreadable file or a wrong header."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            missing = [name for name in columns if name not in header]
            unknown = [name for name in header if name not in columns]
            if missing or unknown:
                problems = [f"missing column {name!r}" for name in missing] + [
                    f"unknown column {name!r}" for name in unknown
                ]
                raise FeedError(path, [f"line 1: {'; '.join(problems)} (expected: {','.join(columns)})"])
            rows = []
            for values in reader:
                if not any(value.strip() for value in values):
                    continue
                line = reader.line_num
                if len(values) != len(header):
                    rows.append((f"line {line}", None, f"{len(values)} fields, expected {len(header)}"))
                    continue
                rows.append((f"line {line}", dict(zip(header, values, strict=True)), None))
            return rows
    except OSError as exc:
        raise FeedError(path, [f"cannot read the file ({exc.strerror})"]) from None
    except UnicodeDecodeError:
        raise FeedError(path, ["the file is not UTF-8 text"]) from None
    except csv.Error as exc:
        raise FeedError(path, [f"line {reader.line_num}: {exc}"]) from None


def where(location, column):
    """``line 7, column latitude`` for CSV, ``stock[3].latitude`` for JSON."""
    return f"{location}, column {column}" if location.startswith("line ") else f"{location}.{column}"


# --- stores ----------------------------------------------------------------------------------------------


#: (column, maximum length, required) of the stores feed's text columns.
STORE_TEXT = [
    ("reference", 64, True),
    ("name", 128, True),
    ("address", 255, False),
    ("postcode", 20, False),
    ("city", 128, False),
    ("country", 2, True),
    ("phone", 32, False),
]


def _value(data, column):
    value = data.get(column)
    return "" if value is None else str(value).strip()


def _number(data, column, low, high, errors, location):
    raw = _value(data, column)
    try:
        value = float(raw)
    except ValueError:
        errors.append(f"{where(location, column)}: {raw!r} is not a number")
        return None
    if not math.isfinite(value) or not low <= value <= high:
        errors.append(f"{where(location, column)}: {raw} is outside {low}…{high}")
        return None
    return value


def clean_store(location, data, errors):
    """A dict of Store fields from one feed row, or None (the problems appended to ``errors``)."""
    before = len(errors)
    row = {}
    for column, max_length, required in STORE_TEXT:
        value = row[column] = _value(data, column)
        if required and not value:
            errors.append(f"{where(location, column)}: required")
        elif len(value) > max_length:
            errors.append(f"{where(location, column)}: longer than {max_length} characters")
    row["country"] = row["country"].upper()
    if row["country"] and (len(row["country"]) == 1 or not row["country"].isalpha()):
        errors.append(f"{where(location, 'country')}: {row['country']!r} is not a two-letter country code")
    row["latitude"] = _number(data, "latitude", -90, 90, errors, location)
    row["longitude"] = _number(data, "longitude", -180, 180, errors, location)
    pickup = _value(data, "pickup").lower()
    if pickup not in BOOLEANS:
        errors.append(f"{where(location, 'pickup')}: {pickup!r} is not one of 1, 0, yes, no, true, false")
    row["is_pickup_point"] = BOOLEANS.get(pickup)
    return row if len(errors) == before else None


def _slugify(text):
    """Django's slugify without its lazy-string wrapper (a third of the import's time at 100,000 rows)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text.lower())).strip("-_")


def _unique_slug(row, taken):
    base = _slugify(f"{row['name']} {row['city']}")[:150] or _slugify(row["reference"])[:150] or "store"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def import_stores(rows, source, dry_run=False):
    """Create or update stores from ``[(location, data, problem)]`` (see read_csv). Stores missing from the
    feed are left as they are."""
    errors, cleaned, seen = [], [], {}
    for location, data, problem in rows:
        if problem:
            errors.append(f"{location}: {problem}")
            continue
        row = clean_store(location, data, errors)
        if row is None:
            continue
        if row["reference"] in seen:
            errors.append(
                f"{where(location, 'reference')}: {row['reference']!r} already on {seen[row['reference']]}"
            )
            continue
        seen[row["reference"]] = location
        cleaned.append(row)
    if errors:
        raise FeedError(source, errors)
    return _apply_stores(cleaned, dry_run)


STORE_FIELDS = [
    "name",
    "address",
    "postcode",
    "city",
    "country",
    "latitude",
    "longitude",
    "phone",
    "is_pickup_point",
]


@transaction.atomic
def _apply_stores(cleaned, dry_run):
    existing = {}
    for chunk in _chunks([row["reference"] for row in cleaned]):
        for reference, pk, *values in Store.objects.filter(reference__in=chunk).values_list(
            "reference", "pk", *STORE_FIELDS
        ):
            existing[reference] = (pk, values)
    taken = set(Store.objects.values_list("slug", flat=True))
    result, new, changed = Result(), [], {}
    for row in cleaned:
        values = [row[name] for name in STORE_FIELDS]
        current = existing.get(row["reference"])
        if current is None:
            new.append([row["reference"], _unique_slug(row, taken), *values, "", True, LEAD_MINUTES])
        elif current[1] != values:
            # Only the columns that changed are written: fewer index entries to update.
            columns = tuple(
                name
                for name, old, value in zip(STORE_FIELDS, current[1], values, strict=True)
                if old != value
            )
            changed.setdefault(columns, []).append([row[name] for name in columns] + [current[0]])
        else:
            result.unchanged += 1
    result.created, result.updated = len(new), sum(len(rows) for rows in changed.values())
    if not dry_run:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        columns = [
            "reference",
            "slug",
            *STORE_FIELDS,
            "email",
            "is_active",
            "pickup_lead_minutes",
            "updated_at",
        ]
        _insert_rows(Store, columns, [[*row, now] for row in new])
        for fields, rows in changed.items():
            _update_rows(Store, [*fields, "updated_at"], [[*row[:-1], now, row[-1]] for row in rows])
    return result


def _insert_rows(model, columns, rows):
    """INSERT many rows: COPY on PostgreSQL, else one prepared statement through executemany, in batches
    (the ORM's bulk_create spends most of 100,000 rows compiling SQL)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _update_rows(model, columns, rows):
    """UPDATE ``columns`` of many rows; each row is the new values then the id. On PostgreSQL the rows are
    copied into a temporary table and applied by one UPDATE … FROM; elsewhere through executemany."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE socialshop_feed_update ON COMMIT DROP AS "
                f"SELECT {', '.join(columns)}, id FROM {table} WITH NO DATA"
            )
            with cursor.cursor.copy(
                f"COPY socialshop_feed_update ({', '.join(columns)}, id) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            assignments = ", ".join(f"{name} = u.{name}" for name in columns)
            cursor.execute(
                f"UPDATE {table} t SET {assignments} FROM socialshop_feed_update u WHERE t.id = u.id"
            )
            cursor.execute("DROP TABLE socialshop_feed_update")
            return
        sql = f"UPDATE {table} SET {', '.join(f'{name} = %s' for name in columns)} WHERE id = %s"
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


# --- stock -----------------------------------------------------------------------------------------------


def _chunks(values, size=QUERY_CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def resolve_skus(skus):
    """{sku: product id, or an error message}: the partner SKU of a stock record first, else a UPC."""
    found = {}
    for chunk in _chunks(skus):
        for sku, product_id in StockRecord.objects.filter(partner_sku__in=chunk).values_list(
            "partner_sku", "product_id"
        ):
            found.setdefault(sku, set()).add(product_id)
    missing = [sku for sku in skus if sku not in found]
    for chunk in _chunks(missing):
        for upc, product_id in Product.objects.filter(upc__in=chunk).values_list("upc", "id"):
            found.setdefault(upc, set()).add(product_id)
    parents = set()
    for chunk in _chunks({pk for ids in found.values() for pk in ids}):
        parents.update(
            Product.objects.filter(pk__in=chunk, structure=Product.PARENT).values_list("pk", flat=True)
        )
    resolved = {}
    for sku in skus:
        ids = found.get(sku)
        if not ids:
            resolved[sku] = f"{sku!r} is neither a partner SKU nor a product UPC"
        elif len(ids) > 1:
            resolved[sku] = f"{sku!r} is the SKU of several products (several partners); use the UPC"
        elif ids & parents:
            resolved[sku] = f"{sku!r} is a parent product: give the SKU of one of its variants"
        else:
            resolved[sku] = next(iter(ids))
    return resolved


def import_stock(rows, source, dry_run=False):
    """Set the ``in stock`` count of (store, product) pairs from ``[(location, data, problem)]``. Reserved
    units are not touched: the feed counts what is on the shelves, click-and-collect orders included."""
    errors, parsed = [], []
    references = set(Store.objects.values_list("reference", flat=True))
    for location, data, problem in rows:
        if problem:
            errors.append(f"{location}: {problem}")
            continue
        reference = str(data.get("store_reference") or "").strip()
        sku = str(data.get("sku") or "").strip()
        raw = str(data.get("quantity") if data.get("quantity") is not None else "").strip()
        if reference not in references:
            errors.append(f"{where(location, 'store_reference')}: no store {reference!r}")
        if not sku:
            errors.append(f"{where(location, 'sku')}: required")
        if not raw.isdigit():
            errors.append(f"{where(location, 'quantity')}: {raw!r} is not a whole number ≥ 0")
        parsed.append((location, reference, sku, int(raw) if raw.isdigit() else None))
    products = resolve_skus({sku for _loc, _ref, sku, _q in parsed if sku})
    store_ids = dict(
        Store.objects.filter(reference__in={r for _l, r, _s, _q in parsed}).values_list("reference", "id")
    )
    wanted, seen = {}, {}
    for location, reference, sku, quantity in parsed:
        product = products.get(sku)
        if isinstance(product, str):
            errors.append(f"{where(location, 'sku')}: {product}")
            continue
        if product is None or quantity is None or reference not in store_ids:
            continue
        key = (store_ids[reference], product)
        if key in seen:
            errors.append(f"{location}: store {reference!r} and {sku!r} already on {seen[key]}")
            continue
        seen[key] = location
        wanted[key] = quantity
    if errors:
        raise FeedError(source, errors)
    return _apply_stock(wanted, dry_run)


@transaction.atomic
def _apply_stock(wanted, dry_run):
    existing = {}
    for chunk in _chunks({store_id for store_id, _product in wanted}):
        for pk, store_id, product_id, in_stock in StoreStock.objects.filter(store_id__in=chunk).values_list(
            "pk", "store_id", "product_id", "num_in_stock"
        ):
            existing[(store_id, product_id)] = (pk, in_stock)
    result, new, changed = Result(), [], []
    for (store_id, product_id), quantity in wanted.items():
        current = existing.get((store_id, product_id))
        if current is None:
            new.append([store_id, product_id, quantity])
        elif current[1] != quantity:
            changed.append([quantity, current[0]])
        else:
            result.unchanged += 1
    result.created, result.updated = len(new), len(changed)
    if not dry_run:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        _insert_rows(
            StoreStock,
            ["store_id", "product_id", "num_in_stock", "num_reserved", "updated_at"],
            [[*row, 0, now] for row in new],
        )
        _update_rows(
            StoreStock, ["num_in_stock", "updated_at"], [[quantity, now, pk] for quantity, pk in changed]
        )
    return result


# --- point of sale -----------------------------------------------------------------------------------------


def pull_point_of_sale(url=None, dry_run=False):
    """GET the point-of-sale endpoint ({"stores": [...], "stock": [...]}, both optional, the CSV columns as
    keys) and apply it, stores first, in one transaction. Returns {"stores": Result, "stock": Result}."""
    url = url or settings.STORE_POS_URL
    if not url:
        raise FeedError("point of sale", ["no URL: set SOCIALSHOP_STORE_POS_URL or pass one"])
    try:
        data = get_json(
            url,
            headers=settings.STORE_POS_HEADERS,
            timeout=settings.STORE_POS_TIMEOUT,
            retries=settings.STORE_POS_RETRIES,
        )
    except FetchError as exc:
        raise FeedError("point of sale", [str(exc)]) from None
    if not isinstance(data, dict) or not ({"stores", "stock"} & set(data)):
        raise FeedError(url, ['expected a JSON object with a "stores" and/or a "stock" list'])
    sections = {}
    for name in ("stores", "stock"):
        items = data.get(name, [])
        if not isinstance(items, list):
            raise FeedError(url, [f'"{name}" is not a list'])
        sections[name] = [
            (f"{name}[{index}]", item, None)
            if isinstance(item, dict)
            else (f"{name}[{index}]", None, "not an object")
            for index, item in enumerate(items)
        ]
    with transaction.atomic():
        # Stores are written first even in a dry run (then rolled back), so that stock rows may name them.
        results = {"stores": import_stores(sections["stores"], url)}
        results["stock"] = import_stock(sections["stock"], url)
        if dry_run:
            transaction.set_rollback(True)
    return results
