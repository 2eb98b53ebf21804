"""Locked months: realisasi for a locked (tahun, bulan) is refused until the month is unlocked."""

from __future__ import annotations

import json

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.clock import utcnow
from kinerja.domain.vocabulary import BUKA_PERIODE, KUNCI_PERIODE
from kinerja.store.tables import audit, periode_kunci

EVENT_COLUMNS = ["waktu", "pengguna", "aksi", "tahun", "bulan"]


def locked_periods(engine: Engine | Connection) -> set[tuple[int, int]]:
    """Locked (tahun, bulan) pairs."""
    stmt = sa.select(periode_kunci.c.tahun, periode_kunci.c.bulan)
    if isinstance(engine, Connection):
        rows = engine.execute(stmt).all()
    else:
        with engine.connect() as conn:
            rows = conn.execute(stmt).all()
    return {(int(t), int(b)) for t, b in rows}


def read_locks(engine: Engine, tahun: int | None = None) -> pd.DataFrame:
    """Locked months with who locked them and when (UTC), by tahun, bulan."""
    stmt = sa.select(periode_kunci).order_by(periode_kunci.c.tahun, periode_kunci.c.bulan)
    if tahun is not None:
        stmt = stmt.where(periode_kunci.c.tahun == int(tahun))
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=["tahun", "bulan", "dikunci_oleh", "dikunci_pada"])
    frame["dikunci_pada"] = pd.to_datetime(frame["dikunci_pada"]).astype("datetime64[us]")
    return frame


def insert_lock(conn: Connection, tahun: int, bulan: int, pengguna: str) -> bool:
    """Lock a month in the caller's transaction; False when it was already locked."""
    where = [periode_kunci.c.tahun == tahun, periode_kunci.c.bulan == bulan]
    if conn.execute(sa.select(sa.func.count()).select_from(periode_kunci).where(*where)).scalar_one():
        return False
    values = {"tahun": tahun, "bulan": bulan, "dikunci_oleh": pengguna, "dikunci_pada": utcnow()}
    conn.execute(periode_kunci.insert().values(**values))
    return True


def delete_lock(conn: Connection, tahun: int, bulan: int) -> bool:
    """Unlock a month in the caller's transaction; False when it was not locked."""
    where = [periode_kunci.c.tahun == tahun, periode_kunci.c.bulan == bulan]
    return bool(conn.execute(periode_kunci.delete().where(*where)).rowcount)


def lock_events(engine: Engine) -> pd.DataFrame:
    """Every lock and unlock from the audit log, newest first (waktu in UTC)."""
    stmt = (
        sa.select(audit.c.waktu, audit.c.pelaku, audit.c.aksi, audit.c.detail)
        .where(audit.c.aksi.in_([KUNCI_PERIODE, BUKA_PERIODE]))
        .order_by(audit.c.waktu.desc(), audit.c.id.desc())
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    records = []
    for waktu, pelaku, aksi, detail in rows:
        d = json.loads(detail or "{}")
        records.append([waktu, pelaku, aksi, d.get("tahun"), d.get("bulan")])
    frame = pd.DataFrame(records, columns=EVENT_COLUMNS)
    frame["waktu"] = pd.to_datetime(frame["waktu"]).astype("datetime64[us]")
    for c in ("tahun", "bulan"):
        frame[c] = frame[c].astype("Int64")
    return frame
