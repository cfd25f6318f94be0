"""Test settings: the sandbox's, made fast and hermetic."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SANDBOX_VAR_DIR", tempfile.mkdtemp(prefix="socialshop-var-"))
os.environ.setdefault("SANDBOX_MEDIA_ROOT", tempfile.mkdtemp(prefix="socialshop-media-"))

from sandbox.settings import *  # noqa: E402, F403

ROOT_DIR = Path(__file__).resolve().parent.parent

# A file (not :memory:) so that --reuse-db keeps the migrated schema between runs, and so that the live
# server thread of browser tests sees the same database. PostgreSQL gets Django's usual test_<name>.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # SOCIALSHOP_TEST_DB lets parallel checkouts or agents keep separate test databases.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get("SOCIALSHOP_TEST_DB", str(ROOT_DIR / ".test-db.sqlite3"))
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
ALLOWED_HOSTS = ["*"]
# Products are indexed for Oscar's catalogue pages only where a test asks for it (update_index).
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
