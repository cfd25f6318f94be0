"""Offline GeoNames import, the pluggable geocoder, and the online example provider (mocked HTTP)."""

import io

import pytest
import requests
import responses
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import override_settings

from socialshop.models import PostalCode
from socialshop.services import geocoding, http_json
from socialshop.services.geocoding import AdresseGeocoder, Place, fold

pytestmark = pytest.mark.django_db
GEONAMES = "tests/fixtures/geonames_fr_sample.txt"
BAN = "https://api-adresse.data.gouv.fr/search/"


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(http_json, "BACKOFF_SECONDS", 0)
    cache.clear()


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_fold():
    assert fold("Saint-Étienne") == fold(" saint  etienne ") == "saint etienne"
    assert fold("L'Haÿ-les-Roses") == "l hay les roses"


def test_import_postcodes_and_reimport_is_the_same(tmp_path):
    assert "13 postal codes imported for FR (0 replaced)" in run("socialshop_import_postcodes", GEONAMES)
    first = sorted(PostalCode.objects.values_list("postal_code", "place_name", "latitude", "longitude"))
    assert "13 postal codes imported for FR (13 replaced)" in run("socialshop_import_postcodes", GEONAMES)
    assert (
        sorted(PostalCode.objects.values_list("postal_code", "place_name", "latitude", "longitude")) == first
    )
    noumea = PostalCode.objects.get(postal_code="98800")
    assert noumea.accuracy is None and noumea.admin_name1 == "Nouvelle-Calédonie" and noumea.latitude < 0
    assert PostalCode.objects.get(postal_code="42000").place_key == "saint etienne"


def test_import_postcodes_dry_run_writes_nothing():
    assert "valid: 13 postal codes for FR (dry run)" in run(
        "socialshop_import_postcodes", GEONAMES, "--dry-run"
    )
    assert not PostalCode.objects.exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("FR\t69001\tLyon\tA\t1\tB\t2\tC\t3\t45.7\t4.8", "line 2: 11 tab-separated columns, expected 12"),
        (
            "FR\t69001\tLyon\tA\t1\tB\t2\tC\t3\tnord\t4.8\t5",
            "line 2, column latitude: 'nord' is not a number",
        ),
        ("FR\t69001\tLyon\tA\t1\tB\t2\tC\t3\t45.7\t190\t5", "line 2, column longitude: 190.0 is outside"),
        ("France\t69001\tLyon\tA\t1\tB\t2\tC\t3\t45.7\t4.8\t5", "line 2, column country_code:"),
        ("FR\t\tLyon\tA\t1\tB\t2\tC\t3\t45.7\t4.8\t5", "line 2, column postal_code: empty"),
    ],
)
def test_import_postcodes_is_all_or_nothing(tmp_path, line, message):
    path = tmp_path / "bad.txt"
    good = "FR\t69002\tLyon 02\tA\t1\tB\t2\tC\t3\t45.7\t4.8\t5"
    path.write_text(f"{good}\n{line}\n{good}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing imported") as error:
        call_command("socialshop_import_postcodes", str(path))
    assert message in str(error.value)
    assert not PostalCode.objects.exists()


def test_import_postcodes_clear_errors_for_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("socialshop_import_postcodes", str(tmp_path / "missing.txt"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("FR\t42000\tSaint-\xc9tienne".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("socialshop_import_postcodes", str(latin1))


def test_offline_geocoder_centres_and_antimeridian():
    run("socialshop_import_postcodes", GEONAMES)
    place = geocoding.geocode("69002")
    assert (place.latitude, place.longitude, place.source) == (45.7485, 4.8271, "postcode")
    assert geocoding.geocode("69002", "BE") is None
    assert geocoding.geocode("nowhere") is None
    # Two places either side of the antimeridian average to ±180°, not to 0°.
    PostalCode.objects.create(
        country_code="FJ",
        postal_code="X1",
        place_name="East",
        place_key="east",
        latitude=-16,
        longitude=179.8,
    )
    PostalCode.objects.create(
        country_code="FJ",
        postal_code="X1",
        place_name="West",
        place_key="west",
        latitude=-16,
        longitude=-179.8,
    )
    assert abs(abs(geocoding.geocode("X1", "FJ").longitude) - 180) < 1e-6


class FakeGeocoder(geocoding.Geocoder):
    def geocode(self, query, country):
        return Place(1.0, 2.0, f"fake {query} {country}", "fake")


@override_settings(SOCIALSHOP_STORE_GEOCODER="tests.integration.test_store_geocoding.FakeGeocoder")
def test_geocoder_is_pluggable():
    assert geocoding.geocode("anything", "fr") == Place(1.0, 2.0, "fake anything FR", "fake")


BAN_ANSWER = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [4.3872, 45.4397]},
            "properties": {"label": "Saint-Étienne", "type": "municipality"},
        }
    ],
}


@responses.activate
def test_online_geocoder_after_the_offline_data():
    responses.get(BAN, json=BAN_ANSWER)
    place = AdresseGeocoder().geocode("Saint-Étienne", "FR")
    assert place == Place(45.4397, 4.3872, "Saint-Étienne", "adresse")
    assert responses.calls[0].request.params == {"q": "Saint-Étienne", "limit": "1"}
    assert AdresseGeocoder().geocode("saint etienne", "FR") == place  # cached: no second call
    assert len(responses.calls) == 1
    run("socialshop_import_postcodes", GEONAMES)
    assert AdresseGeocoder().geocode("69002", "FR").source == "postcode"  # offline first
    assert len(responses.calls) == 1


@responses.activate
@override_settings(SOCIALSHOP_STORE_GEOCODER_RETRIES=2, SOCIALSHOP_STORE_GEOCODER_TIMEOUT=1.5)
def test_online_geocoder_retries_then_fails_clearly():
    responses.get(BAN, body=requests.Timeout())
    responses.get(BAN, status=503)
    responses.get(BAN, status=502)
    with pytest.raises(geocoding.GeocodingUnavailable, match=r"HTTP 502 \(after 3 attempts\)"):
        AdresseGeocoder().geocode("Quelque part", "FR")
    assert len(responses.calls) == 3


@responses.activate
def test_online_geocoder_timeout_is_passed(monkeypatch):
    seen = {}
    real_get = requests.get

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real_get(*args, **kwargs)

    monkeypatch.setattr(requests, "get", spy)
    responses.get(BAN, json={"features": []})
    assert AdresseGeocoder().geocode("Nulle part", "FR") is None
    assert seen["timeout"] == 3


@responses.activate
def test_online_geocoder_errors_without_retry():
    responses.get(BAN, status=400)
    with pytest.raises(geocoding.GeocodingUnavailable, match="HTTP 400"):
        AdresseGeocoder().geocode("x y", "FR")
    assert len(responses.calls) == 1
    responses.replace(responses.GET, BAN, body="<html>")
    with pytest.raises(geocoding.GeocodingUnavailable, match="did not answer JSON"):
        AdresseGeocoder().geocode("a b", "FR")


@responses.activate
@override_settings(SOCIALSHOP_STORE_GEOCODER="socialshop.services.geocoding.AdresseGeocoder")
def test_endpoint_reports_an_unavailable_geocoder(client):
    from tests.stores_data import standalone

    responses.get(BAN, status=500)
    product = standalone()
    response = client.get("/stores/availability/", {"product": product.pk, "q": "Lieu inconnu"})
    assert response.status_code == 503
    assert response.json()["errors"]["q"][0]["code"] == "unavailable"
