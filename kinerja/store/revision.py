"""Schema revisions (Alembic): which revision a database is at, and bringing it to the code's head."""

from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from kinerja.store.writer import writing

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_baseline"
# Tables of the release before migrations (0.1.0): a database that has them but no
# alembic_version table is at the baseline revision.
LEGACY_TABLES = {"unit", "pk", "indikator", "realisasi", "pengaduan", "upload", "perubahan"}
SCHEMA_LOCK = 724_117_001  # PostgreSQL advisory lock key: one schema change at a time


def alembic_config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


@functools.cache
def head() -> str:
    """The revision the code expects."""
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None
    return found


def current(conn: Connection) -> str | None:
    """The database's revision: None for an empty database, the baseline for a 0.1.0 one."""
    revision = MigrationContext.configure(conn).get_current_revision()
    if revision is not None:
        return revision
    if LEGACY_TABLES <= set(sa.inspect(conn).get_table_names()):
        return BASELINE
    return None


def is_empty(conn: Connection) -> bool:
    """Whether the database holds no Kinerja table at all."""
    return not (LEGACY_TABLES & set(sa.inspect(conn).get_table_names()))


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to head (creating it when empty), one writer at a time; (before, after)."""
    # SQLite: BEGIN IMMEDIATE (writing) holds the file's write lock, so eight first runs at once
    # create the schema once and the other seven find it at head.
    with writing(engine, exclusive=False) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
        before = current(conn)
        if before == BASELINE and MigrationContext.configure(conn).get_current_revision() is None:
            command.stamp(alembic_config(conn), BASELINE)  # a 0.1.0 database: its tables are the baseline
        if before != head():
            command.upgrade(alembic_config(conn), "head")
        after = MigrationContext.configure(conn).get_current_revision()
    assert after is not None
    return before, after
