"""The engine: SQLite (WAL) or PostgreSQL, opened only when it exists, at the code's schema revision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja import paths
from kinerja.errors import DatabaseError, SchemaOutdated
from kinerja.store import revision
from kinerja.store.tables import unit
from kinerja.store.writer import SQLITE_BUSY_MS, begin_sqlite, writing


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy own BEGIN/COMMIT so plan and write of one file share one transaction.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def _url(url: str | None) -> sa.URL:
    text = url or paths.database_url()
    try:
        return sa.make_url(text)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise DatabaseError(
            f"URL basis data '{text}' tidak sah (diharapkan mis. sqlite:///data/kinerja.db atau "
            "postgresql+psycopg://pengguna@host/kinerja)"
        ) from exc


def _is_default(parsed: sa.URL) -> bool:
    return (
        parsed.get_backend_name() == "sqlite"
        and parsed.database not in (None, "", ":memory:")
        and (Path(str(parsed.database)).resolve() == paths.DEFAULT_DB.resolve())
    )


def open_engine(url: str | None = None, *, create: bool = False) -> Engine:
    """An engine for `url` (else $KINERJA_DB_URL, else data/kinerja.db), without touching the schema.

    A SQLite file that does not exist is refused (a mistyped path must not become a new, empty
    database) unless it is the default file or `create` is set.
    """
    parsed = _url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(str(parsed.database))
        if not path.exists():
            if not (create or _is_default(parsed)):
                raise DatabaseError(
                    f"berkas basis data {path} tidak ada; periksa --db, atau buat basis data baru dengan "
                    "`python -m kinerja --db URL db upgrade`"
                )
            if not path.parent.is_dir():
                if not _is_default(parsed):
                    raise DatabaseError(
                        f"folder {path.parent} tidak ada; basis data tidak dapat dibuat di sana"
                    )
                path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = sa.create_engine(parsed)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"URL basis data '{parsed.render_as_string()}' tidak dapat dipakai ({exc})"
        ) from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", begin_sqlite)  # BEGIN, or BEGIN IMMEDIATE for a writer
    return engine


def connect(url: str | None = None, *, create: bool = False) -> Engine:
    """Engine at the code's schema revision; reference units seeded into a new database.

    The default SQLite file (and, with `create`, any database) is created or upgraded in place;
    any other database whose revision is behind is refused with SchemaOutdated.
    """
    engine = open_engine(url, create=create)
    try:
        with engine.connect() as conn:
            at = revision.current(conn)
        if at != revision.head():
            if not (create or _is_default(_url(url))):
                engine.dispose()
                if at is None:
                    raise DatabaseError(
                        "basis data ini belum berisi tabel Kinerja; siapkan dengan "
                        "`python -m kinerja --db URL db upgrade`"
                    )
                raise SchemaOutdated(
                    f"basis data pada revisi skema {at}, aplikasi membutuhkan {revision.head()}; "
                    "jalankan `python -m kinerja db upgrade` (cadangkan dulu basis datanya)"
                )
            upgrade(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"basis data tidak dapat dihubungi ({_reason(exc)})") from exc
    return engine


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the code's revision and seed the reference units once; (before, after)."""
    before, after = revision.upgrade(engine)
    with writing(engine) as conn:  # under the write lock: eight first runs at once seed once
        if conn.execute(sa.select(sa.func.count()).select_from(unit)).scalar_one() == 0:
            _seed_units(conn)
    return before, after


def _reason(exc: sa.exc.DBAPIError) -> str:
    """The driver's first line, without SQLAlchemy's SQL and parameter dump."""
    text = str(exc.orig).strip().splitlines()
    return text[0] if text else type(exc.orig).__name__


def _seed_units(conn: Connection) -> None:
    """Reference units (DOMAIN §1: OPDs, the 6 kecamatan, common outside agencies)."""
    if not paths.UNITS_CSV.exists():
        return
    ref = pd.read_csv(paths.UNITS_CSV, dtype=str, keep_default_na=False)
    rows = [
        {"id": r.kode, "kode": r.kode, "nama": r.nama, "jenis": r.jenis or None}
        | {"alias": r.singkatan or None}
        for r in ref.itertuples(index=False)
    ]
    conn.execute(unit.insert(), rows)
