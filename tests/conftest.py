import os
from pathlib import Path

import pytest

ARTIFACTS_DIR = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate once (reused across runs with --reuse-db), then restore the rows that data migrations create,
    which the flush after a transactional test (browser tests) removes."""
    with django_db_blocker.unblock():
        from tests.base_data import ensure_base_data

        ensure_base_data()


@pytest.fixture
def artifacts_dir():
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


def pytest_collection_modifyitems(config, items):
    """Browser tests are marked automatically from their folder."""
    for item in items:
        if f"{os.sep}browser{os.sep}" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
