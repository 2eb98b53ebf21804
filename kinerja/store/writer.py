"""Writers one at a time: a transaction that holds the database's write lock from its first statement.

Two imports that read the same stored rows and then write them must not interleave (issue 10:
on PostgreSQL a later commit silently undid an earlier one; on SQLite seven of eight writers got
"database is locked"). A data writer (import, rollback, period lock, schema change) therefore
takes, before it reads anything:
- PostgreSQL: a transaction-level advisory lock (`pg_advisory_xact_lock`), released at commit;
- SQLite: `BEGIN IMMEDIATE` (the file's write lock), waiting up to WRITER_WAIT_MS for it.
Account changes and logins write small rows that no plan reads: on SQLite they still need the
file's write lock (`BEGIN IMMEDIATE`, so they wait instead of failing), on PostgreSQL they need
no lock. A writer that has to wait says so once, through `on_wait`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.errors import DatabaseError

DATA_LOCK = 724_117_002  # PostgreSQL advisory lock key: data writers, one at a time
SQLITE_BUSY_MS = 30_000  # a reader (or a plain BEGIN) waits this long for a busy file
WRITER_WAIT_MS = 600_000  # a writer waits this long for the one before it
_WRITER, _ON_WAIT = "kinerja_writer", "kinerja_on_wait"


def begin_sqlite(conn: Connection) -> None:
    """The `begin` of every SQLite transaction: BEGIN, or for a writer BEGIN IMMEDIATE (waiting)."""
    options = conn.get_execution_options()
    if not options.get(_WRITER):
        conn.exec_driver_sql("BEGIN")
        return
    try:
        conn.exec_driver_sql("PRAGMA busy_timeout=0")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except sa.exc.OperationalError as exc:
            if not _busy(exc):
                raise
        on_wait = options.get(_ON_WAIT)
        if on_wait is not None:
            on_wait()
        conn.exec_driver_sql(f"PRAGMA busy_timeout={WRITER_WAIT_MS}")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except sa.exc.OperationalError as exc:
            if _busy(exc):
                raise DatabaseError(
                    f"basis data sedang ditulis proses lain lebih dari {WRITER_WAIT_MS // 60_000} menit; "
                    "coba lagi nanti"
                ) from exc
            raise
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")


def _busy(exc: sa.exc.OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


@contextmanager
def writing(
    engine: Engine, *, exclusive: bool = True, on_wait: Callable[[], Any] | None = None
) -> Iterator[Connection]:
    """A transaction that owns the write lock before its first read (commits on success).

    `exclusive`: also serialise against every other data writer on PostgreSQL (imports,
    rollbacks, locks); account and login rows pass `exclusive=False`.
    """
    with engine.connect() as conn:
        conn.execution_options(**{_WRITER: True, _ON_WAIT: on_wait})
        with conn.begin():
            if exclusive and conn.dialect.name == "postgresql":
                lock_data(conn, on_wait)
            yield conn


def lock_data(conn: Connection, on_wait: Callable[[], Any] | None = None) -> None:
    """Take the data writers' advisory lock in `conn`'s transaction (PostgreSQL), saying when it waits."""
    if conn.dialect.name != "postgresql":
        return
    got = conn.execute(sa.text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": DATA_LOCK}).scalar()
    if not got:
        if on_wait is not None:
            on_wait()
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": DATA_LOCK})
