"""No oversell across processes: 8 processes race to reserve a two-product basket in one shop on
PostgreSQL. Exactly as many baskets as the scarcer product allows succeed, both products' reservations match
(all or nothing), and no process hits a deadlock (rows are updated in primary-key order)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from socialshop.models import StoreStock
from tests.stores_data import create_stores, set_stock, standalone

pytestmark = pytest.mark.django_db(transaction=True)
WORKER = Path(__file__).with_name("reserve_worker.py")
PROCESSES, ATTEMPTS = 8, 10


def database_url():
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{quote(db['USER'])}{password}@{host}/{db['NAME']}"


@pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="needs PostgreSQL (DATABASE_URL=postgres://…)",
)
def test_concurrent_reservations_never_oversell(tmp_path):
    assert connection.vendor == "postgresql"
    store = create_stores()["LYS-01"]
    dress, scarf = standalone("Robe"), standalone("Foulard")
    set_stock(store, dress, 20, reserved=2)  # 18 available
    set_stock(store, scarf, 15)  # 15 available: the limit
    start = tmp_path / "start"
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(store.pk), f"{scarf.pk},{dress.pk}", str(ATTEMPTS), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(PROCESSES)
    ]
    start.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert [error for result in results for error in result["errors"]] == []
    assert sum(r["ok"] for r in results) == 15
    assert sum(r["refused"] for r in results) == PROCESSES * ATTEMPTS - 15
    assert sum(1 for r in results if r["ok"]) > 1, "the workers did not overlap"
    rows = {row.product_id: row for row in StoreStock.objects.filter(store=store)}
    assert (rows[scarf.pk].num_in_stock, rows[scarf.pk].num_reserved) == (15, 15)
    assert (rows[dress.pk].num_in_stock, rows[dress.pk].num_reserved) == (20, 2 + 15)
