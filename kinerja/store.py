"""The store's public face: engine, uploads and rollback, canonical readers, settings, version."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja import access
from kinerja.access import Scope
from kinerja.rollback import blocking_uploads, rollback_upload
from kinerja.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME
from kinerja.tables import (
    INDIKATOR_FIELDS,
    connect,
    indikator,
    pengaduan,
    pengaturan,
    pk,
    raw_column,
    read_frame,
    realisasi,
    select_raw,
    unit,
    upload,
)
from kinerja.uploads import (
    COUNT_KEYS,
    TableChange,
    UploadPlan,
    dumps,
    plan_upload,
    utcnow,
    write_upload,
)

__all__ = [
    "TableChange",
    "UploadPlan",
    "blocking_uploads",
    "connect",
    "data_version",
    "get_settings",
    "list_uploads",
    "plan_upload",
    "read_pengaduan",
    "read_pk",
    "read_realisasi",
    "read_skipped_rows",
    "read_units",
    "rollback_upload",
    "save_settings",
    "write_upload",
]

UPLOAD_COLUMNS = [
    "id", "nama_file", "sha256", "pengguna", "waktu", "status", "dibatalkan_oleh",
    "dibatalkan_pada", "ditambah", "diubah", "tetap", "dihapus", "baris_dilewati", "ringkasan",
]  # fmt: skip
_COUNT_LABELS = dict(zip(COUNT_KEYS, ("ditambah", "diubah", "tetap", "dihapus"), strict=True))


def _filters(table: sa.Table, tahun: int | None, unit_kode: str | None) -> list[Any]:
    where = []
    if tahun is not None:
        where.append(table.c.tahun == int(tahun))
    if unit_kode is not None:
        where.append(table.c.unit == unit_kode)
    return where


def _scoped_columns(
    conn: Connection, table: sa.Table, columns: Sequence[str], scope: Scope | None, keep: Sequence[str]
) -> list[Any]:
    """`columns` of `table`; for units outside the scope's detail, only `keep` (others NULL, in SQL)."""
    mine = access.unit_clause(scope, table.c.unit)
    out = []
    for c in columns:
        col: Any = table.c[c]
        if mine is not None and c not in keep:
            masked: Any = sa.case((mine, col), else_=sa.null())
            if conn.dialect.name == "sqlite" and isinstance(col.type, sa.DateTime | sa.Boolean):
                kind = sa.Text if isinstance(col.type, sa.DateTime) else sa.Integer
                masked = sa.type_coerce(masked, kind)
            out.append(masked.label(c))
        else:
            out.append(raw_column(conn, col))
    return out


def read_units(engine: Engine, *, scope: Scope | None = None) -> pd.DataFrame:
    """All units (UNIT_FRAME), by kode; the unit list is public to every scope (rankings name them)."""
    with engine.connect() as conn:
        stmt = select_raw(conn, unit, UNIT_FRAME).order_by(unit.c.kode)
        return read_frame(conn, stmt, UNIT_FRAME)


def read_pk(
    engine: Engine, tahun: int | None = None, unit: str | None = None, *, scope: Scope | None = None
) -> pd.DataFrame:
    """Indicator rows with their PK's head (PK_FRAME), by unit, tahun, urutan.

    With a unit head's `scope`, other units' rows carry only what the city scorecard needs
    (access.PK_SCORE_COLUMNS); the rest is NULL, unless the scope may open other units.
    """
    with engine.connect() as conn:
        keep = access.PK_SCORE_COLUMNS
        cols = _scoped_columns(conn, indikator, INDIKATOR_FIELDS, scope, keep)
        cols += _scoped_columns(conn, pk, ["nama_kepala", "tanggal_perjanjian"], scope, keep)
        on = sa.and_(pk.c.unit == indikator.c.unit, pk.c.tahun == indikator.c.tahun)
        stmt = (
            sa.select(*cols)
            .select_from(indikator.outerjoin(pk, on))
            .where(*_filters(indikator, tahun, unit))
            .order_by(indikator.c.unit, indikator.c.tahun, indikator.c.urutan, indikator.c.kunci)
        )
        return read_frame(conn, stmt, PK_FRAME)


def read_realisasi(
    engine: Engine, tahun: int | None = None, unit: str | None = None, *, scope: Scope | None = None
) -> pd.DataFrame:
    """Realisasi rows (REALISASI_FRAME), by unit, tahun, kunci, bulan (scope: as in read_pk)."""
    with engine.connect() as conn:
        t = realisasi
        stmt = (
            sa.select(*_scoped_columns(conn, t, REALISASI_FRAME, scope, access.REALISASI_SCORE_COLUMNS))
            .where(*_filters(t, tahun, unit))
            .order_by(t.c.unit, t.c.tahun, t.c.kunci, t.c.bulan)
        )
        return read_frame(conn, stmt, REALISASI_FRAME)


def _year_range(conn: Connection, tahun: int) -> list[Any]:
    col: Any = pengaduan.c.tanggal_masuk
    lo: Any = datetime(tahun, 1, 1)
    hi: Any = datetime(tahun + 1, 1, 1)
    if conn.dialect.name == "sqlite":
        # Dates are ISO text on SQLite; compare as text so the index is used.
        col, lo, hi = sa.type_coerce(col, sa.Text), f"{tahun:04d}-01-01", f"{tahun + 1:04d}-01-01"
    return [col >= lo, col < hi]


def read_pengaduan(engine: Engine, tahun: int | None = None, *, scope: Scope | None = None) -> pd.DataFrame:
    """Complaints (PENGADUAN_FRAME), optionally of one year of tanggal_masuk; by date, ticket.

    A unit head's `scope` reads the complaints sent to the unit; a camat's also those located
    in the kecamatan (the condition is part of the query).
    """
    with engine.connect() as conn:
        stmt = select_raw(conn, pengaduan, PENGADUAN_FRAME)
        mine = access.pengaduan_clause(scope, pengaduan)
        if mine is not None:
            stmt = stmt.where(mine)
        if tahun is not None:
            stmt = stmt.where(*_year_range(conn, int(tahun)))
        frame = read_frame(conn, stmt, PENGADUAN_FRAME)
    # Sorted here, not by ORDER BY: a vectorised sort beats index-order row fetches.
    frame = frame.sort_values(["tanggal_masuk", "no_tiket"], kind="stable")
    return frame.reset_index(drop=True)


def list_uploads(engine: Engine, *, scope: Scope | None = None) -> pd.DataFrame:
    """Upload history, newest first, with row counts summed over kinds (waktu in UTC).

    A unit head's `scope` sees only the uploads made under its own user name.
    """
    stmt = sa.select(upload).order_by(upload.c.id.desc())
    if scope is not None and not scope.reads_all:
        stmt = stmt.where(upload.c.pengguna == scope.user)
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    records = []
    for r in rows:
        summary = json.loads(r["ringkasan"]) if r["ringkasan"] else {}
        counts = summary.get("jumlah", {})
        rec = {k: r[k] for k in UPLOAD_COLUMNS[:8]}
        for key, label in _COUNT_LABELS.items():
            rec[label] = sum(int(c.get(key, 0)) for c in counts.values())
        rec["baris_dilewati"] = len(json.loads(r["baris_dilewati"] or "[]"))
        rec["ringkasan"] = summary
        records.append(rec)
    frame = pd.DataFrame(records, columns=UPLOAD_COLUMNS)
    for c in ("waktu", "dibatalkan_pada"):
        frame[c] = pd.to_datetime(frame[c]).astype("datetime64[us]")
    for c in ("id", "ditambah", "diubah", "tetap", "dihapus", "baris_dilewati"):
        frame[c] = frame[c].astype("int64")
    return frame


def read_skipped_rows(engine: Engine, upload_id: int) -> pd.DataFrame:
    """Rows an upload skipped on request (DOMAIN §4: kept with the upload record)."""
    with engine.connect() as conn:
        stmt = sa.select(upload.c.baris_dilewati).where(upload.c.id == upload_id)
        text = conn.execute(stmt).scalar()
    return pd.DataFrame(json.loads(text) if text else [])


def get_settings(engine: Engine) -> dict[str, Any]:
    """Stored settings as {kunci: value}; defaults are the caller's."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(pengaturan.c.kunci, pengaturan.c.nilai)).all()
    return {k: json.loads(v) for k, v in rows if v is not None}


def save_settings(engine: Engine, values: dict[str, Any], pengguna: str) -> None:
    """Store settings (JSON values), replacing the given keys, in one transaction."""
    if not values:
        return
    now = utcnow()
    rows = [
        {"kunci": k, "nilai": dumps(v), "diubah_oleh": pengguna, "diubah_pada": now}
        for k, v in values.items()
    ]
    with engine.begin() as conn:
        conn.execute(pengaturan.delete().where(pengaturan.c.kunci.in_(list(values))))
        conn.execute(pengaturan.insert(), rows)


def data_version(engine: Engine) -> str:
    """Cheap token that changes when an upload, rollback or settings change lands."""
    with engine.connect() as conn:
        rolled = sa.func.sum(sa.case((upload.c.status == "dibatalkan", 1), else_=0))
        last, n_rolled = conn.execute(sa.select(sa.func.max(upload.c.id), rolled)).one()
        n_set, set_at = conn.execute(sa.select(sa.func.count(), sa.func.max(pengaturan.c.diubah_pada))).one()
    return f"{last or 0}-{n_rolled or 0}-{n_set}-{set_at or ''}"
