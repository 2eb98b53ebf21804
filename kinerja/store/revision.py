"""Schema revisions (Alembic): which revision a database is at, and bringing it to the code's head.

Checking the revision (every start of the app and the CLI) reads the migration files and the
alembic_version table directly; Alembic itself is imported only to change a schema.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.store.writer import writing

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_baseline"
# Tables of the release before migrations (0.1.0): a database that has them but no
# alembic_version table is at the baseline revision.
LEGACY_TABLES = {"unit", "pk", "indikator", "realisasi", "pengaduan", "upload", "perubahan"}
SCHEMA_LOCK = 724_117_001  # PostgreSQL advisory lock key: one schema change at a time


_REVISION = re.compile(r'^revision\s*=\s*["\']([^"\']+)["\']', re.M)
_DOWN = re.compile(r'^down_revision\s*=\s*(?:None|["\']([^"\']+)["\'])', re.M)


def alembic_config(conn: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


@functools.cache
def head() -> str:
    """The revision the code expects: the one no other revision names as its down_revision."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if rev is None or down is None:
            return alembic_head()
        revisions.add(rev.group(1))
        downs.add(down.group(1))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else alembic_head()


def alembic_head() -> str:
    """The head as Alembic computes it (imports Alembic)."""
    from alembic.script import ScriptDirectory

    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None
    return found


def stamped(conn: Connection) -> str | None:
    """The revision in the alembic_version table, if any."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:  # branches: let Alembic say what it means
        from alembic.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()
    return str(rows[0]) if rows else None


def current(conn: Connection) -> str | None:
    """The database's revision: None for an empty database, the baseline for a 0.1.0 one."""
    revision = stamped(conn)
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
    from alembic import command
    from alembic.migration import MigrationContext

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
