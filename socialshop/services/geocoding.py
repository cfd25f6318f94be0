"""Turn a postcode or a town typed by a shopper into coordinates.

The geocoder is pluggable: SOCIALSHOP_STORE_GEOCODER names a class with a ``geocode(query, country)``
method returning a :class:`Place` or None. The default, :class:`OfflineGeocoder`, needs no network: it reads
the GeoNames postal codes imported with ``socialshop_import_postcodes``, then the stores' own postcodes and
towns. :class:`AdresseGeocoder` shows an online provider added behind it.
"""

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.module_loading import import_string

from ..conf import settings
from ..models import PostalCode, Store
from .http_json import FetchError, get_json


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    label: str
    source: str  # "postcode", "store", or the online provider's name


class GeocodingUnavailable(Exception):
    """The online provider failed (timeout, HTTP error): the shopper should retry or use coordinates."""


def fold(text):
    """Lowercase ASCII words: "Saint-Étienne" and "saint etienne" give the same key."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def looks_like_postcode(query):
    return any(char.isdigit() for char in query)


class Geocoder:
    def geocode(self, query, country):
        raise NotImplementedError


class OfflineGeocoder(Geocoder):
    """GeoNames postal codes first, then stores: the centre of the rows matching the postcode or the town
    (a town with several postcodes, such as Lyon, gets the centre of them all)."""

    def geocode(self, query, country):
        query = " ".join(query.split())
        if not query:
            return None
        if looks_like_postcode(query):
            postcodes = PostalCode.objects.filter(postal_code__iexact=query, country_code=country)
            stores = Store.objects.filter(postcode__iexact=query, country=country, is_active=True)
            return self._centre(postcodes, "place_name", "postcode", query) or self._centre(
                stores, "city", "store", query
            )
        key = fold(query)
        towns = PostalCode.objects.filter(place_key=key, country_code=country)
        # GeoNames names the districts of Paris, Lyon and Marseille "Lyon 01" … "Lyon 09" (key is [a-z0-9 ]).
        districts = PostalCode.objects.filter(place_key__regex=rf"^{key} [0-9]+$", country_code=country)
        return (
            self._centre(towns, "place_name", "postcode")
            or self._centre(districts, "admin_name3", "postcode")
            or self._store_town(key, country)
        )

    def _centre(self, rows, name_field, source, prefix=""):
        points = list(rows.order_by("pk").values_list("latitude", "longitude", name_field)[:1000])
        if not points:
            return None
        latitude = sum(lat for lat, _lng, _name in points) / len(points)
        # Circular mean, so that places on both sides of the antimeridian do not average to Greenwich.
        longitude = math.degrees(
            math.atan2(
                sum(math.sin(math.radians(lng)) for _lat, lng, _name in points),
                sum(math.cos(math.radians(lng)) for _lat, lng, _name in points),
            )
        )
        return Place(latitude, longitude, f"{prefix} {points[0][2]}".strip(), source)

    def _store_town(self, key, country):
        stores = Store.objects.filter(country=country, is_active=True)
        towns = [town for town in stores.values_list("city", flat=True).distinct() if fold(town) == key]
        return self._centre(stores.filter(city__in=towns), "city", "store") if towns else None


class AdresseGeocoder(OfflineGeocoder):
    """Offline first, then France's Base Adresse Nationale (api-adresse.data.gouv.fr, no key needed) for
    French queries the offline data does not know. Answers are cached for a day."""

    name = "adresse"

    def geocode(self, query, country):
        place = super().geocode(query, country)
        if place is not None or country != "FR" or not query.strip():
            return place
        key = f"socialshop:geocode:{self.name}:" + hashlib.sha256(fold(query).encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return Place(*cached) if cached else None
        try:
            data = get_json(
                settings.STORE_GEOCODER_URL,
                params={"q": query, "limit": 1},
                timeout=settings.STORE_GEOCODER_TIMEOUT,
                retries=settings.STORE_GEOCODER_RETRIES,
            )
        except FetchError as exc:
            raise GeocodingUnavailable(str(exc)) from exc
        place = self._parse(data)
        cache.set(key, tuple(vars(place).values()) if place else (), 24 * 3600)
        return place

    def _parse(self, data):
        try:
            feature = data["features"][0]
            lng, lat = (float(value) for value in feature["geometry"]["coordinates"][:2])
            label = str(feature.get("properties", {}).get("label", ""))
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            return None
        return Place(lat, lng, label, self.name)


def get_geocoder():
    return import_string(settings.STORE_GEOCODER)()


def geocode(query, country=None):
    return get_geocoder().geocode(query, (country or settings.STORE_DEFAULT_COUNTRY).upper())
