"""Import a GeoNames postal-code file (https://download.geonames.org/export/zip/, CC BY 4.0).

The format: UTF-8, one place per line, no header, 12 tab-separated columns:
country code, postal code, place name, admin name1, admin code1, admin name2, admin code2, admin name3,
admin code3, latitude, longitude, accuracy (1 = estimated, 4 = geonameid, 6 = centroid; may be empty).
"""

from dataclasses import dataclass, field

from django.db import transaction

from ..models import PostalCode
from .geocoding import fold

COLUMNS = [
    "country_code",
    "postal_code",
    "place_name",
    "admin_name1",
    "admin_code1",
    "admin_name2",
    "admin_code2",
    "admin_name3",
    "admin_code3",
    "latitude",
    "longitude",
    "accuracy",
]
BATCH = 5000
MAX_ERRORS = 20


@dataclass
class PostcodeImport:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    countries: set = field(default_factory=set)


def parse(lines):
    """Validate every line; returns rows (unsaved PostalCode) and errors ("line N, column X: …")."""
    result = PostcodeImport()
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        values = line.split("\t")
        if len(values) != len(COLUMNS):
            result.errors.append(
                f"line {number}: {len(values)} tab-separated columns, expected {len(COLUMNS)}"
            )
            continue
        data = dict(zip(COLUMNS, (value.strip() for value in values), strict=True))
        problem = _check(data)
        if problem:
            result.errors.append(f"line {number}, column {problem[0]}: {problem[1]}")
            continue
        result.countries.add(data["country_code"])
        result.rows.append(
            PostalCode(
                **{
                    key: value
                    for key, value in data.items()
                    if key not in ("latitude", "longitude", "accuracy")
                },
                place_key=fold(data["place_name"]),
                latitude=float(data["latitude"]),
                longitude=float(data["longitude"]),
                accuracy=int(data["accuracy"]) if data["accuracy"] else None,
            )
        )
    return result


def _check(data):
    if (
        len(data["country_code"]) != 2
        or not data["country_code"].isalpha()
        or not data["country_code"].isupper()
    ):
        return "country_code", f"{data['country_code']!r} is not a two-letter country code"
    if not data["postal_code"]:
        return "postal_code", "empty"
    if not data["place_name"]:
        return "place_name", "empty"
    for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        try:
            value = float(data[name])
        except ValueError:
            return name, f"{data[name]!r} is not a number"
        if not low <= value <= high:
            return name, f"{value} is outside {low}…{high}"
    if data["accuracy"] and not data["accuracy"].isdigit():
        return "accuracy", f"{data['accuracy']!r} is not a whole number"
    return None


@transaction.atomic
def replace_countries(parsed):
    """Replace every postal code of the file's countries with the file's rows (so importing twice is the same
    as importing once). Returns (deleted, created)."""
    deleted, _ = PostalCode.objects.filter(country_code__in=parsed.countries).delete()
    PostalCode.objects.bulk_create(parsed.rows, batch_size=BATCH)
    return deleted, len(parsed.rows)
