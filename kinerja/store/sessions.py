"""Stored login sessions (table sesi): rows by token hash; callers decide what ends a session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja.store.tables import sesi


def insert_session(conn: Connection, sid: str, nama: str, now: datetime, *, sso: bool = False) -> None:
    conn.execute(sesi.insert().values(id=sid, nama=nama, mulai=now, terakhir=now, sso=sso))


def read_session(conn: Connection, sid: str) -> Any | None:
    """The session row (nama, mulai, terakhir, sso) or None when it ended."""
    return conn.execute(sa.select(sesi).where(sesi.c.id == sid)).first()


def touch_session(conn: Connection, sid: str, now: datetime) -> None:
    conn.execute(sesi.update().where(sesi.c.id == sid).values(terakhir=now))


def delete_session(conn: Connection, sid: str) -> bool:
    return bool(conn.execute(sesi.delete().where(sesi.c.id == sid)).rowcount)


def delete_sessions_of(conn: Connection, nama: str) -> int:
    """End every session of an account; how many there were."""
    return int(conn.execute(sesi.delete().where(sesi.c.nama == nama)).rowcount or 0)


def delete_sessions_before(conn: Connection, started: datetime, idle: datetime) -> int:
    """Drop sessions started before `started` or idle since before `idle` (housekeeping)."""
    stmt = sesi.delete().where(sa.or_(sesi.c.mulai < started, sesi.c.terakhir < idle))
    return int(conn.execute(stmt).rowcount or 0)
