"""Stored accounts (table pengguna): the Argon2 hash stays here; callers get rows without policy."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.domain.accounts import USER_COLUMNS
from kinerja.store.tables import pengguna, unit


def _select() -> sa.Select[Any]:
    return sa.select(pengguna, unit.c.nama.label("unit_nama")).select_from(
        pengguna.outerjoin(unit, unit.c.kode == pengguna.c.unit)
    )


def count_accounts(engine: Engine) -> int:
    """Accounts of any state (disabled ones too)."""
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(pengguna)).scalar_one())


def read_account(conn: Connection, nama: str) -> Any | None:
    """The row of an account by name (hash included, for the login check), with its unit's name."""
    return conn.execute(_select().where(pengguna.c.nama == nama)).first()


def read_account_by_email(conn: Connection, email: str) -> Any | None:
    """The active account an e-mail maps to (case-insensitive)."""
    stmt = _select().where(sa.func.lower(pengguna.c.email) == email.strip().lower(), pengguna.c.aktif)
    return conn.execute(stmt).first()


def name_taken(conn: Connection, nama: str) -> bool:
    return conn.execute(sa.select(pengguna.c.nama).where(pengguna.c.nama == nama)).first() is not None


def email_taken(conn: Connection, email: str) -> bool:
    return conn.execute(sa.select(pengguna.c.nama).where(pengguna.c.email == email)).first() is not None


def insert_account(conn: Connection, **values: Any) -> None:
    conn.execute(pengguna.insert().values(**values))


def update_account(conn: Connection, nama: str, **values: Any) -> bool:
    """Change an account's columns; False when there is no such account."""
    return bool(conn.execute(pengguna.update().where(pengguna.c.nama == nama).values(**values)).rowcount)


def add_failure(conn: Connection, nama: str) -> int:
    """Count one more failed login, atomically (two wrong passwords at once both count); the count."""
    conn.execute(pengguna.update().where(pengguna.c.nama == nama).values(gagal=pengguna.c.gagal + 1))
    return int(conn.execute(sa.select(pengguna.c.gagal).where(pengguna.c.nama == nama)).scalar_one())


def list_accounts(engine: Engine) -> pd.DataFrame:
    """Accounts (never the hash), by name."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(*[pengguna.c[c] for c in USER_COLUMNS]).order_by(pengguna.c.nama)).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=USER_COLUMNS)
    frame["aktif"] = frame["aktif"].astype(bool)
    return frame
