"""Stored settings: JSON values by key, who changed them and when (no validation here)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.clock import utcnow
from kinerja.store.frames import dumps
from kinerja.store.tables import pengaturan


def get_settings(engine: Engine) -> dict[str, Any]:
    """Stored settings as {kunci: value}; defaults are the caller's."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(pengaturan.c.kunci, pengaturan.c.nilai)).all()
    return {k: json.loads(v) for k, v in rows if v is not None}


def save_settings(conn: Connection, values: dict[str, Any], pengguna: str) -> None:
    """Store settings (JSON values), replacing the given keys, in the caller's transaction."""
    if not values:
        return
    now = utcnow()
    rows = [
        {"kunci": k, "nilai": dumps(v), "diubah_oleh": pengguna, "diubah_pada": now}
        for k, v in values.items()
    ]
    conn.execute(pengaturan.delete().where(pengaturan.c.kunci.in_(list(values))))
    conn.execute(pengaturan.insert(), rows)
