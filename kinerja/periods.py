"""Period locks: the admin closes a month so its realisasi can no longer change (issue 5)."""

from __future__ import annotations

import json

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja.errors import KinerjaError
from kinerja.tables import audit, periode_kunci
from kinerja.uploads import utcnow

LOCK, UNLOCK = "kunci_periode", "buka_kunci_periode"
EVENT_COLUMNS = ["waktu", "pengguna", "aksi", "tahun", "bulan"]


def _check(tahun: int, bulan: int) -> tuple[int, int]:
    if not 1 <= int(bulan) <= 12:
        raise KinerjaError(f"Bulan {bulan} tidak sah: pilih bulan 1–12.")
    if not 1900 <= int(tahun) <= 2200:
        raise KinerjaError(f"Tahun {tahun} tidak sah.")
    return int(tahun), int(bulan)


def locked_periods(engine: Engine) -> set[tuple[int, int]]:
    """Locked (tahun, bulan) pairs."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(periode_kunci.c.tahun, periode_kunci.c.bulan)).all()
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


def _event(conn: sa.Connection, pengguna: str, aksi: str, tahun: int, bulan: int) -> None:
    detail = json.dumps({"tahun": tahun, "bulan": bulan})
    conn.execute(audit.insert().values(waktu=utcnow(), pelaku=pengguna, aksi=aksi, detail=detail))


def lock_period(engine: Engine, tahun: int, bulan: int, pengguna: str) -> None:
    """Lock a month; refuse when it is already locked. Recorded in the audit log."""
    tahun, bulan = _check(tahun, bulan)
    with engine.begin() as conn:
        where = [periode_kunci.c.tahun == tahun, periode_kunci.c.bulan == bulan]
        if conn.execute(sa.select(sa.func.count()).select_from(periode_kunci).where(*where)).scalar_one():
            raise KinerjaError(f"Periode {bulan}/{tahun} sudah dikunci.")
        conn.execute(periode_kunci.insert().values(tahun=tahun, bulan=bulan, dikunci_oleh=pengguna,
                                                   dikunci_pada=utcnow()))  # fmt: skip
        _event(conn, pengguna, LOCK, tahun, bulan)


def unlock_period(engine: Engine, tahun: int, bulan: int, pengguna: str) -> None:
    """Unlock a month; refuse when it is not locked. Recorded in the audit log."""
    tahun, bulan = _check(tahun, bulan)
    with engine.begin() as conn:
        where = [periode_kunci.c.tahun == tahun, periode_kunci.c.bulan == bulan]
        if not conn.execute(periode_kunci.delete().where(*where)).rowcount:
            raise KinerjaError(f"Periode {bulan}/{tahun} tidak sedang dikunci.")
        _event(conn, pengguna, UNLOCK, tahun, bulan)


def lock_events(engine: Engine) -> pd.DataFrame:
    """Every lock and unlock, newest first (waktu in UTC)."""
    stmt = (
        sa.select(audit.c.waktu, audit.c.pelaku, audit.c.aksi, audit.c.detail)
        .where(audit.c.aksi.in_([LOCK, UNLOCK]))
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
