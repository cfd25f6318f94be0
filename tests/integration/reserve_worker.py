"""Run by test_store_reservation_concurrency in separate processes: reserve one unit of each product, many
times, against the test database named by DATABASE_URL. Prints {"ok": n, "refused": n, "errors": [...]}."""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main(store_id, product_ids, attempts, start_file):
    import django

    django.setup()
    from django.db import transaction

    from socialshop.models import Store
    from socialshop.services import pickups

    store = Store.objects.get(pk=store_id)
    while not os.path.exists(start_file):  # every worker starts at once
        time.sleep(0.005)
    result = {"ok": 0, "refused": 0, "errors": []}
    for _ in range(attempts):
        try:
            with transaction.atomic():
                pickups.reserve(store, dict.fromkeys(product_ids, 1))
            result["ok"] += 1
        except pickups.PickupUnavailable:
            result["refused"] += 1
        except Exception as exc:  # a deadlock or a serialisation failure would land here
            result["errors"].append(f"{type(exc).__name__}: {exc}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]), [int(pk) for pk in sys.argv[2].split(",")], int(sys.argv[3]), sys.argv[4])
