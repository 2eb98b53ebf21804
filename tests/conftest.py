"""Shared fixtures: stores copied from once-built templates (SQLite and PostgreSQL), the demo, markers by folder."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kinerja.domain.access import admin_scope
from kinerja.store.engine import connect
from tests.helpers import databases

ADMIN = admin_scope("uji")  # the scope the core tests act with (the CLI's and the demo's too)
FOLDER_MARKERS = {"unit": "unit", "integration": "integration", "e2e": "e2e"}


def pytest_configure(config: pytest.Config) -> None:
    """One id per run, shared with the xdist workers (they inherit the environment)."""
    os.environ.setdefault(databases.RUN_ENV, uuid.uuid4().hex[:10])


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # the controller, after every worker is done
        databases.drop_run_databases()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Markers by folder: tests/unit → unit, tests/integration → integration, tests/e2e → e2e."""
    root = Path(__file__).parent
    for item in items:
        parts = Path(str(item.fspath)).relative_to(root).parts
        if parts and parts[0] in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[parts[0]])
        if len(parts) > 1 and parts[:2] == ("e2e", "browser"):
            item.add_marker("browser")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A fresh, seeded store: a copy of the seeded SQLite file, or of the seeded PostgreSQL template."""
    if request.param == "sqlite":
        path = databases.copy_of(databases.blank_sqlite(tmp_path_factory), tmp_path)
        eng = connect(databases.url(path))
        yield eng
        eng.dispose()
        return
    url = databases.pg_worker_database(tmp_path_factory)  # this worker's database, emptied for each test
    databases.pg_reset(url)
    eng = connect(url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A fresh, seeded SQLite store (for tests that need no PostgreSQL run; not the `engine` file)."""
    path = databases.copy_of(databases.blank_sqlite(tmp_path_factory), tmp_path, "kinerja-sqlite.db")
    eng = connect(databases.url(path))
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo SQLite file, built once per run through the importer (read it; copy before changing)."""
    return databases.demo_sqlite(tmp_path_factory)


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for a test that changes it."""
    return databases.copy_of(demo_db, tmp_path)
