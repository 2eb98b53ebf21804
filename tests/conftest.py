"""Shared fixtures: a fresh store per test on SQLite and, when configured, on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja.store import connect

PG_URL_ENV = "KINERJA_TEST_PG_URL"
PG_REQUIRED_ENV = "KINERJA_REQUIRE_PG"


def _unavailable(reason: str) -> None:
    """Skip, or fail when the run demands PostgreSQL (KINERJA_REQUIRE_PG=1)."""
    if os.environ.get(PG_REQUIRED_ENV) == "1":
        pytest.fail(f"PostgreSQL wajib (KINERJA_REQUIRE_PG=1): {reason}", pytrace=False)
    pytest.skip(reason)


def _postgres_engine() -> Iterator[Engine]:
    url = os.environ.get(PG_URL_ENV)
    if not url:
        _unavailable(f"PostgreSQL tidak tersedia: setel {PG_URL_ENV}")
        return
    base = sa.make_url(url)
    name = f"kinerja_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except sa.exc.OperationalError as exc:
        admin.dispose()
        _unavailable(f"PostgreSQL tidak tersedia di {base.render_as_string()}: {exc.orig}")
        return
    engine = connect(base.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[Engine]:
    """A fresh, seeded store: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        eng = connect(f"sqlite:///{tmp_path}/kinerja.db")
        yield eng
        eng.dispose()
    else:
        yield from _postgres_engine()


@pytest.fixture
def sqlite_engine(tmp_path: os.PathLike[str]) -> Iterator[Engine]:
    """A fresh, seeded SQLite store (for tests that need no PostgreSQL run)."""
    eng = connect(f"sqlite:///{tmp_path}/kinerja.db")
    yield eng
    eng.dispose()
