"""Canonical readers: units, PK, realisasi, complaints, uploads, years and the data version."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.domain.access import PK_SCORE_COLUMNS, REALISASI_SCORE_COLUMNS, Scope
from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME
from kinerja.store.frames import read_frame, select_raw
from kinerja.store.plan import COUNT_KEYS
from kinerja.store.scoping import pengaduan_clause, scoped_columns
from kinerja.store.tables import (
    INDIKATOR_FIELDS,
    indikator,
    pengaduan,
    pengaturan,
    perubahan,
    pk,
    profil_kolom,
    realisasi,
    unit,
    upload,
)

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
    (PK_SCORE_COLUMNS); the rest is NULL, unless the scope may open other units.
    """
    with engine.connect() as conn:
        keep = PK_SCORE_COLUMNS
        cols = scoped_columns(conn, indikator, INDIKATOR_FIELDS, scope, keep)
        cols += scoped_columns(conn, pk, ["nama_kepala", "tanggal_perjanjian"], scope, keep)
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
            sa.select(*scoped_columns(conn, t, REALISASI_FRAME, scope, REALISASI_SCORE_COLUMNS))
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
        mine = pengaduan_clause(scope, pengaduan)
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


def data_version(engine: Engine) -> str:
    """Cheap token that changes when an upload, rollback or settings change lands (one query)."""
    rolled = sa.select(sa.func.count()).where(upload.c.status == "dibatalkan").scalar_subquery()
    last = sa.select(sa.func.max(upload.c.id)).scalar_subquery()
    n_set = sa.select(sa.func.count()).select_from(pengaturan).scalar_subquery()
    set_at = sa.select(sa.func.max(pengaturan.c.diubah_pada)).scalar_subquery()
    n_prof = sa.select(sa.func.count()).select_from(profil_kolom).scalar_subquery()  # issue 12 §3
    prof_at = sa.select(sa.func.max(profil_kolom.c.diubah_pada)).scalar_subquery()
    with engine.connect() as conn:
        a, b, c, d, e, f = conn.execute(sa.select(last, rolled, n_set, set_at, n_prof, prof_at)).one()
    return f"{a or 0}-{b or 0}-{c}-{d or ''}-{e}-{f or ''}"


def read_years(engine: Engine) -> list[int]:
    """Years with a PK or complaints, newest first (index probes only, no complaint rows read)."""
    with engine.connect() as conn:
        years = {int(y) for (y,) in conn.execute(sa.select(indikator.c.tahun).distinct()) if y is not None}
        return sorted(years | _complaint_years(conn), reverse=True)


def _complaint_years(conn: Connection) -> set[int]:
    """Years of tanggal_masuk: the first and last date, then one EXISTS per year between them.

    Each is a probe of the tanggal_masuk index, so the cost does not grow with the complaints
    (a DISTINCT over the year of every date would read them all).
    """
    masuk: Any = pengaduan.c.tanggal_masuk
    first = sa.select(sa.func.min(masuk)).scalar_subquery()  # one aggregate each: SQLite uses the index
    last = sa.select(sa.func.max(masuk)).scalar_subquery()
    lo, hi = conn.execute(sa.select(first, last)).one()
    if lo is None or hi is None:
        return set()
    span = range(_year(lo), _year(hi) + 1)
    probes = [sa.exists().where(*_year_range(conn, y)).label(f"y{y}") for y in span]
    found = conn.execute(sa.select(*probes)).one()
    return {y for y, hit in zip(span, found, strict=True) if hit}


def _year(value: Any) -> int:
    return value.year if isinstance(value, datetime) else int(str(value)[:4])


def same_file(engine: Engine, sha256: str) -> int | None:
    """The newest active upload of the very same bytes, if any."""
    with engine.connect() as conn:
        stmt = sa.select(sa.func.max(upload.c.id)).where(
            upload.c.sha256 == sha256, upload.c.status == "aktif"
        )
        found = conn.execute(stmt).scalar()
    return int(found) if found is not None else None


def first_reported(engine: Engine, tahun: int) -> pd.DataFrame:
    """Stored unit-months of a year with when their realisasi was first stored (UTC, naive).

    First stored = the earliest still-active upload that added a realisasi row of that unit and
    month (`perubahan` rows of table realisasi without a before-image; ids `unit|tahun|kunci|bulan`).
    """
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(realisasi.c.unit, realisasi.c.bulan)
            .where(realisasi.c.tahun == int(tahun), realisasi.c.realisasi.is_not(None))
            .distinct()
        ).all()
        adds = conn.execute(
            sa.select(perubahan.c.kunci, upload.c.waktu)
            .join(upload, upload.c.id == perubahan.c.upload_id)
            .where(
                perubahan.c.tabel == "realisasi",
                perubahan.c.sebelum.is_(None),
                upload.c.status == "aktif",
                perubahan.c.kunci.like(f"%|{int(tahun)}|%"),
            )
        ).all()
    when: dict[tuple[str, int], pd.Timestamp] = {}
    for kunci, waktu in adds:
        parts = str(kunci).split("|")
        if len(parts) < 4 or parts[1] != str(int(tahun)) or not parts[-1].isdigit():
            continue
        key = (parts[0], int(parts[-1]))
        t = pd.Timestamp(waktu)
        if key not in when or t < when[key]:
            when[key] = t
    rows = [[u, int(b), when.get((str(u), int(b)), pd.NaT)] for u, b in stored]
    frame = pd.DataFrame(rows, columns=["unit", "bulan", "pertama"])
    frame["pertama"] = pd.to_datetime(frame["pertama"]).astype("datetime64[us]")
    return frame.sort_values(["unit", "bulan"]).reset_index(drop=True)


def read_pk_years(engine: Engine) -> list[int]:
    """Years with a stored PK, newest first (DISTINCT; no rows read)."""
    with engine.connect() as conn:
        found = conn.execute(sa.select(indikator.c.tahun).distinct()).scalars()
        return sorted((int(y) for y in found if y is not None), reverse=True)


def active_upload_ids(engine: Engine) -> set[int]:
    """Ids of the uploads that have not been rolled back."""
    with engine.connect() as conn:
        return set(conn.execute(sa.select(upload.c.id).where(upload.c.status == "aktif")).scalars())
