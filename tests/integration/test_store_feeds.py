"""Store and stock feeds: CSV commands (all or nothing, line/column errors, dry run, idempotent) and the
point-of-sale pull (HTTP mocked), also as a django-tasks task."""

import io

import pytest
import requests
import responses
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from oscar.core.loading import get_model

from socialshop.models import Store, StoreStock
from socialshop.services import http_json
from socialshop.store_tasks import pull_store_feed
from tests.stores_data import create_parent_with_variants, standalone

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
POS = "https://pos.example.fr/api/stock"

STORES_CSV = """reference,name,address,postcode,city,country,latitude,longitude,phone,pickup
LYS-01,Lyon Part-Dieu,17 rue du Docteur Bouchut,69003,Lyon,FR,45.7606,4.8593,+33 4 72 00 00 01,1
PAR-01,"Paris Rivoli, rive droite",120 rue de Rivoli,75001,Paris,fr,48.8600,2.3400,,oui
"""


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(http_json, "BACKOFF_SECONDS", 0)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_stores_creates_then_changes_nothing(tmp_path):
    path = write(tmp_path, "stores.csv", STORES_CSV)
    assert "Stores: 2 created, 0 updated, 0 unchanged." in run("socialshop_import_stores", path)
    paris = Store.objects.get(reference="PAR-01")
    assert (paris.name, paris.country, paris.is_pickup_point, paris.slug) == (
        "Paris Rivoli, rive droite",
        "FR",
        True,
        "paris-rivoli-rive-droite-paris",
    )
    stamp = paris.updated_at
    assert "Stores: 0 created, 0 updated, 2 unchanged." in run("socialshop_import_stores", path)
    paris.refresh_from_db()
    assert paris.updated_at == stamp
    changed = write(tmp_path, "changed.csv", STORES_CSV.replace("45.7606", "45.7610"))
    assert "Stores: 0 created, 1 updated, 1 unchanged." in run("socialshop_import_stores", changed)
    assert Store.objects.get(reference="LYS-01").latitude == 45.7610


def test_import_stores_dry_run(tmp_path):
    path = write(tmp_path, "stores.csv", STORES_CSV)
    assert "2 created" in run("socialshop_import_stores", path, "--dry-run")
    assert not Store.objects.exists()


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("LYS-02,Lyon 2,,69002,Lyon,FR,north,4.83,,1", "line 4, column latitude: 'north' is not a number"),
        ("LYS-02,Lyon 2,,69002,Lyon,FR,45.7,200,,1", "line 4, column longitude: 200 is outside -180…180"),
        ("LYS-02,,,69002,Lyon,FR,45.7,4.8,,1", "line 4, column name: required"),
        ("LYS-02,Lyon 2,,69002,Lyon,FRA,45.7,4.8,,1", "line 4, column country: longer than 2 characters"),
        (
            "LYS-02,Lyon 2,,69002,Lyon,FR,45.7,4.8,,peut-être",
            "line 4, column pickup: 'peut-être' is not one of",
        ),
        (
            "LYS-01,Lyon again,,69002,Lyon,FR,45.7,4.8,,1",
            "line 4, column reference: 'LYS-01' already on line 2",
        ),
        ("LYS-02,Lyon 2,,69002,Lyon,FR,45.7", "line 4: 7 fields, expected 10"),
    ],
)
def test_import_stores_all_or_nothing_with_line_and_column(tmp_path, row, error):
    path = write(tmp_path, "stores.csv", STORES_CSV + row + "\n")
    with pytest.raises(CommandError) as failure:
        call_command("socialshop_import_stores", path)
    assert "nothing imported" in str(failure.value) and error in str(failure.value)
    assert not Store.objects.exists()


def test_import_stores_bad_header_and_missing_file(tmp_path):
    path = write(tmp_path, "stores.csv", "ref,name\nA,B\n")
    with pytest.raises(CommandError, match="line 1: missing column 'reference'.*unknown column 'ref'"):
        call_command("socialshop_import_stores", path)
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("socialshop_import_stores", str(tmp_path / "nope.csv"))


@pytest.fixture
def catalogue(tmp_path):
    run("socialshop_import_stores", write(tmp_path, "stores.csv", STORES_CSV))
    dress = standalone("Robe")  # Oscar's factory gives its stock record a partner SKU
    parent, (small, medium) = create_parent_with_variants()
    small.upc = "3760000000999"
    small.save()
    parent.upc = "MARI-PARENT"
    parent.save()
    return {"dress": dress, "sku": dress.stockrecords.get().partner_sku, "small": small, "parent": parent}


def test_import_stock_by_partner_sku_or_upc_and_idempotent(tmp_path, catalogue):
    text = (
        "store_reference,sku,quantity\n"
        f"LYS-01,{catalogue['sku']},7\n"
        "LYS-01,3760000000999,2\n"
        f"PAR-01,{catalogue['sku']},0\n"
    )
    path = write(tmp_path, "stock.csv", text)
    assert "Store stock: 3 created, 0 updated, 0 unchanged." in run("socialshop_import_store_stock", path)
    assert StoreStock.objects.get(store__reference="LYS-01", product=catalogue["dress"]).num_in_stock == 7
    assert StoreStock.objects.get(store__reference="LYS-01", product=catalogue["small"]).num_in_stock == 2
    row = StoreStock.objects.get(store__reference="PAR-01")
    row.num_reserved = 0
    stamp = row.updated_at
    assert "0 created, 0 updated, 3 unchanged." in run("socialshop_import_store_stock", path)
    row.refresh_from_db()
    assert row.updated_at == stamp
    # The shop sold two: the new count replaces the old one; reserved units stay.
    StoreStock.objects.filter(store__reference="LYS-01", product=catalogue["dress"]).update(num_reserved=3)
    path = write(tmp_path, "stock2.csv", text.replace(",7\n", ",5\n"))
    assert "0 created, 1 updated, 2 unchanged." in run("socialshop_import_store_stock", path)
    updated = StoreStock.objects.get(store__reference="LYS-01", product=catalogue["dress"])
    assert (updated.num_in_stock, updated.num_reserved) == (5, 3) and updated.updated_at > stamp


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("NOPE,{sku},1", "line 3, column store_reference: no store 'NOPE'"),
        (
            "LYS-01,UNKNOWN-SKU,1",
            "line 3, column sku: 'UNKNOWN-SKU' is neither a partner SKU nor a product UPC",
        ),
        ("LYS-01,{sku},-2", "line 3, column quantity: '-2' is not a whole number ≥ 0"),
        ("LYS-01,{sku},2.5", "line 3, column quantity: '2.5' is not a whole number"),
        ("LYS-01,,2", "line 3, column sku: required"),
        ("LYS-01,{parent_upc},2", "line 3, column sku: '{parent_upc}' is a parent product"),
        ("PAR-01,{sku},1\nPAR-01,{sku},2", "line 4: store 'PAR-01' and '{sku}' already on line 3"),
    ],
)
def test_import_stock_all_or_nothing(tmp_path, catalogue, row, error):
    values = {"sku": catalogue["sku"], "parent_upc": catalogue["parent"].upc}
    text = f"store_reference,sku,quantity\nLYS-01,{catalogue['sku']},4\n{row.format(**values)}\n"
    with pytest.raises(CommandError) as failure:
        call_command("socialshop_import_store_stock", write(tmp_path, "stock.csv", text))
    assert error.format(**values) in str(failure.value)
    assert not StoreStock.objects.exists()


def test_import_stock_dry_run(tmp_path, catalogue):
    path = write(tmp_path, "stock.csv", f"store_reference,sku,quantity\nLYS-01,{catalogue['sku']},4\n")
    assert "1 created, 0 updated, 0 unchanged (dry run" in run(
        "socialshop_import_store_stock", path, "--dry-run"
    )
    assert not StoreStock.objects.exists()


def test_ambiguous_sku_across_partners(tmp_path, catalogue):
    from oscar.test.factories import PartnerFactory

    # Same SKU at two partners for two products: refuse rather than guess.
    record = standalone("Autre").stockrecords.get()
    record.partner = PartnerFactory(name="Autre partenaire")
    record.partner_sku = catalogue["sku"]
    record.save()
    path = write(tmp_path, "stock.csv", f"store_reference,sku,quantity\nLYS-01,{catalogue['sku']},4\n")
    with pytest.raises(CommandError, match="SKU of several products"):
        call_command("socialshop_import_store_stock", path)


# --- point of sale ---------------------------------------------------------------------------------------


def pos_payload(sku):
    return {
        "stores": [
            {
                "reference": "MRS-01",
                "name": "Marseille Vieux-Port",
                "address": "1 quai du Port",
                "postcode": "13002",
                "city": "Marseille",
                "country": "FR",
                "latitude": 43.2965,
                "longitude": 5.3698,
                "phone": "",
                "pickup": True,
            }
        ],
        "stock": [{"store_reference": "MRS-01", "sku": sku, "quantity": 12}],
    }


@responses.activate
@override_settings(SOCIALSHOP_STORE_POS_URL=POS, SOCIALSHOP_STORE_POS_HEADERS={"Authorization": "Bearer t"})
def test_pull_point_of_sale_command_and_task(catalogue):
    responses.get(POS, json=pos_payload(catalogue["sku"]))
    out = run("socialshop_pull_store_feed")
    assert "Stores: 1 created, 0 updated, 0 unchanged. Store stock: 1 created" in out
    assert responses.calls[0].request.headers["Authorization"] == "Bearer t"
    assert StoreStock.objects.get(store__reference="MRS-01").num_in_stock == 12
    result = pull_store_feed.enqueue()  # ImmediateBackend in tests: runs now
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["stock"] == {"created": 0, "updated": 0, "unchanged": 1}


@responses.activate
def test_pull_point_of_sale_dry_run_writes_nothing(catalogue):
    responses.get(POS, json=pos_payload(catalogue["sku"]))
    out = run("socialshop_pull_store_feed", "--url", POS, "--dry-run")
    assert "Store stock: 1 created, 0 updated, 0 unchanged (dry run" in out
    assert not Store.objects.filter(reference="MRS-01").exists()


@responses.activate
@override_settings(SOCIALSHOP_STORE_POS_URL=POS, SOCIALSHOP_STORE_POS_RETRIES=2)
def test_pull_point_of_sale_failures_are_clear(catalogue):
    responses.get(POS, body=requests.ConnectionError("refused"))
    responses.get(POS, status=500)
    responses.get(POS, body=requests.Timeout())
    with pytest.raises(CommandError, match=r"no answer within 15 s \(after 3 attempts\)"):
        call_command("socialshop_pull_store_feed")
    assert len(responses.calls) == 3
    responses.replace(responses.GET, POS, status=401)
    with pytest.raises(CommandError, match="answered HTTP 401"):
        call_command("socialshop_pull_store_feed")
    responses.replace(responses.GET, POS, json=[1, 2])
    with pytest.raises(CommandError, match='expected a JSON object with a "stores"'):
        call_command("socialshop_pull_store_feed")
    bad = pos_payload(catalogue["sku"])
    bad["stock"][0]["quantity"] = -1
    responses.replace(responses.GET, POS, json=bad)
    with pytest.raises(CommandError, match=r"stock\[0\]\.quantity: '-1' is not a whole number"):
        call_command("socialshop_pull_store_feed")
    assert not Store.objects.filter(reference="MRS-01").exists()  # the valid stores were not applied either
    result = pull_store_feed.enqueue()
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "socialshop.services.store_feeds.FeedError"


def test_pull_without_url_is_a_clear_error():
    with pytest.raises(CommandError, match="no URL: set SOCIALSHOP_STORE_POS_URL"):
        call_command("socialshop_pull_store_feed")
