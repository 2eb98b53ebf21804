"""Stored column mapping profiles (issue 12 §3): read them, write them in the caller's transaction."""

from __future__ import annotations

import json

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.clock import utcnow
from kinerja.domain.profiles import Profile
from kinerja.store.tables import profil_kolom

PROFILE_COLUMNS = ["nama", "jenis", "tanda", "pemetaan", "dibuat_oleh", "dibuat_pada", "diubah_pada"]


def read_profiles(engine: Engine | Connection) -> list[Profile]:
    """Every saved profile, by name."""
    return [Profile(r["nama"], r["jenis"], json.loads(r["pemetaan"]), r["tanda"]) for r in _rows(engine)]


def profile_table(engine: Engine | Connection) -> pd.DataFrame:
    """Profiles as stored (pemetaan decoded), by name."""
    rows = [{**r, "pemetaan": json.loads(r["pemetaan"])} for r in _rows(engine)]
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def _rows(engine: Engine | Connection) -> list[dict]:
    stmt = sa.select(profil_kolom).order_by(profil_kolom.c.nama)
    if isinstance(engine, Connection):
        return [dict(r) for r in engine.execute(stmt).mappings()]
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def insert_profile(conn: Connection, profile: Profile, pengguna: str) -> None:
    now = utcnow()
    conn.execute(
        profil_kolom.insert().values(
            nama=profile.name, jenis=profile.kind, tanda=profile.signature,
            pemetaan=json.dumps(dict(profile.mapping), ensure_ascii=False),
            dibuat_oleh=pengguna, dibuat_pada=now, diubah_pada=now,
        )
    )  # fmt: skip


def rename_profile(conn: Connection, old: str, new: str) -> int:
    stmt = profil_kolom.update().where(profil_kolom.c.nama == old).values(nama=new, diubah_pada=utcnow())
    return conn.execute(stmt).rowcount


def delete_profile(conn: Connection, name: str) -> int:
    return conn.execute(profil_kolom.delete().where(profil_kolom.c.nama == name)).rowcount
