"""Django set-up shared by the bench scripts: the sandbox settings on their own database.

DATABASE_URL picks the database (default: a SQLite file in /tmp, migrated on first use). Bench data is
tagged "BENCH" and removed before each run; never point this at a shop's real database."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(default_sqlite="/tmp/socialshop-bench.sqlite3"):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{default_sqlite}")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor
