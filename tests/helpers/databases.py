"""Databases for the tests, each built once per test session and copied per test.

SQLite: a seeded file at the schema head is copied (a file copy, milliseconds); PostgreSQL: a
seeded template database, `CREATE DATABASE … TEMPLATE`. The demo database (Kota Kupang 2018,
loaded through the importer) is built once as well; with pytest-xdist the workers share it
through a file lock in the session's base temp folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja.demo.load import load_demo
from kinerja.store.engine import connect, open_engine, upgrade
from kinerja.store.tables import metadata

PG_URL_ENV = "KINERJA_TEST_PG_URL"
PG_REQUIRED_ENV = "KINERJA_REQUIRE_PG"


def url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).resolve()}"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_dir(factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this run sees (the parent of the workers' base temps)."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return root / "kinerja-shared"


def built_once(factory: pytest.TempPathFactory, name: str, build) -> Path:
    """`build(path)` run by the first worker that needs `name`; the others wait and reuse it."""
    folder = shared_dir(factory)
    target = folder / name
    with _locked(folder / f"{name}.lock"):
        if not (folder / f"{name}.done").exists():
            build(target)
            (folder / f"{name}.done").touch()
    return target


def _build_blank(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    connect(url(path), create=True).dispose()


def _build_demo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = connect(url(path), create=True)
    reports = load_demo(engine, out_dir=path.parent / "demo-workbooks")
    engine.dispose()
    summary = [{"file": r.file, "stored": r.stored, "upload_id": r.upload_id,
                "errors": [p.line() for p in r.errors]} for r in reports]  # fmt: skip
    demo_reports_path(path).write_text(json.dumps(summary), encoding="utf-8")
    refused = [f"{r.file}: {r.errors[0].line() if r.errors else '?'}" for r in reports if not r.stored]
    if refused:  # the demo is the tests' data: a demo file the importer refuses is a failure, not a warning
        raise AssertionError("data contoh ditolak oleh importer: " + "; ".join(refused))


def demo_reports_path(db: Path) -> Path:
    """What the demo build's imports reported (file, stored, upload_id, errors), next to its file."""
    return db.parent / "demo-reports.json"


def blank_sqlite(factory: pytest.TempPathFactory) -> Path:
    """The seeded SQLite file at the schema head (reference units, nothing else)."""
    return built_once(factory, "blank.db", _build_blank)


def demo_sqlite(factory: pytest.TempPathFactory) -> Path:
    """The demo SQLite file (never written to: copy it with `copy_of`)."""
    return built_once(factory, "demo/kinerja.db", _build_demo)


def copy_of(source: Path, directory: Path, name: str = "kinerja.db") -> Path:
    """A fresh copy of a database file in `directory` (for a test that changes it)."""
    target = Path(directory) / name
    shutil.copyfile(source, target)
    return target


# --- PostgreSQL ----------------------------------------------------------------------------------
def pg_unavailable(reason: str) -> None:
    """Skip, or fail when the run demands PostgreSQL (KINERJA_REQUIRE_PG=1)."""
    if os.environ.get(PG_REQUIRED_ENV) == "1":
        pytest.fail(f"PostgreSQL wajib (KINERJA_REQUIRE_PG=1): {reason}", pytrace=False)
    pytest.skip(reason)


def pg_admin() -> sa.Engine:
    """An AUTOCOMMIT engine on the test server's maintenance database (skips when there is none)."""
    base = os.environ.get(PG_URL_ENV)
    if not base:
        pg_unavailable(f"PostgreSQL tidak tersedia: setel {PG_URL_ENV}")
    admin = sa.create_engine(sa.make_url(base), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pg_unavailable(f"PostgreSQL tidak tersedia di {sa.make_url(base).render_as_string()}: {exc.orig}")
    return admin


RUN_ENV = "KINERJA_TEST_RUN"


def run_id() -> str:
    """This test run's id (set by the controller in conftest, inherited by the xdist workers)."""
    return os.environ[RUN_ENV]


def drop_run_databases() -> None:
    """Drop the template, snapshot and worker databases this run made (other runs keep theirs)."""
    base = os.environ.get(PG_URL_ENV)
    if not base or RUN_ENV not in os.environ:
        return
    admin = sa.create_engine(sa.make_url(base), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            names = conn.execute(
                sa.text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                {"p": f"kinerja_tpl_{run_id()}%"},
            ).scalars()
            for name in list(names):
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except sa.exc.OperationalError:
        pass  # no server: nothing was made
    finally:
        admin.dispose()


def pg_url(database: str) -> str:
    base = sa.make_url(os.environ[PG_URL_ENV])
    return base.set(database=database).render_as_string(hide_password=False)


def pg_create(name: str, template: str | None = None) -> str:
    """(Re)create database `name`, empty or as a copy of `template`; its URL."""
    admin = pg_admin()
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    admin.dispose()
    return pg_url(name)


def pg_template(factory: pytest.TempPathFactory) -> str:
    """Name of the seeded template database at the schema head, built once per test run."""
    name = f"kinerja_tpl_{run_id()}"

    def build(_path: Path) -> None:
        connect(pg_create(name), create=True).dispose()

    built_once(factory, f"{name}.pg", build)
    return name


@contextlib.contextmanager
def pg_database(template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (a copy of `template`, else empty) for one test; dropped after."""
    admin = pg_admin()
    name = f"kinerja_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield pg_url(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def pg_worker_database(factory: pytest.TempPathFactory) -> str:
    """URL of this xdist worker's own PostgreSQL database (a copy of the template, made once)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    template = pg_template(factory)
    name = f"{template}_{worker}"[:63]
    if name not in _WORKER_DBS:
        pg_create(name, template)
        _WORKER_DBS.add(name)
    return pg_url(name)


_WORKER_DBS: set[str] = set()


def pg_reset(db_url: str) -> None:
    """Empty every Kinerja table and seed the reference units again: a fresh store in ~50 ms.

    (A new database per test costs ~0,4 s on PostgreSQL: CREATE DATABASE checkpoints.)
    """
    engine = open_engine(db_url)
    try:
        names = ", ".join(t.name for t in metadata.sorted_tables)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        upgrade(engine)  # at head already: seeds the reference units into the empty unit table
    finally:
        engine.dispose()


def sqlite_engine_at(path: Path) -> Engine:
    return connect(url(path))


def snapshot_fixture(name: str, build: Callable[[Engine], None]) -> Any:
    """A fixture like `engine` (sqlite + postgresql) whose store already holds what `build` stores.

    `build` runs once per run and backend; each test then gets a copy (a file copy on SQLite,
    `CREATE DATABASE … TEMPLATE` on PostgreSQL), so fixtures that import several files cost a
    copy instead of the imports.
    """

    key = hashlib.sha1(f"{build.__module__}.{name}".encode()).hexdigest()[:10]

    @pytest.fixture(params=["sqlite", "postgresql"], name=name)
    def _fixture(request: pytest.FixtureRequest, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
        if request.param == "sqlite":

            def make(path: Path) -> None:
                copy_of(blank_sqlite(tmp_path_factory), path.parent, path.name)
                engine = connect(url(path))
                build(engine)
                engine.dispose()

            source = built_once(tmp_path_factory, f"snapshot-{key}.db", make)
            engine = connect(url(copy_of(source, tmp_path)))
            yield engine
            engine.dispose()
            return
        template = pg_template(tmp_path_factory)
        name = f"{template}_{key}"[:63]

        def make_pg(_path: Path) -> None:
            engine = connect(pg_create(name, template))
            build(engine)
            engine.dispose()

        built_once(tmp_path_factory, f"{name}.pg", make_pg)
        with pg_database(name) as db_url:
            engine = connect(db_url)
            yield engine
            engine.dispose()

    return _fixture
