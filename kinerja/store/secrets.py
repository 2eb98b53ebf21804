"""The installation's secrets: random keys made once per database, read by the services, never shown."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja.clock import utcnow
from kinerja.store.tables import rahasia

HASH_KEY = "kunci_hash"  # HMAC key for identities and tickets (UU 27/2022: store no identity)
SECRET_BYTES = 32


def installation_secret(engine: Engine, name: str = HASH_KEY) -> bytes:
    """The secret `name`, made on first use; every replica of one database reads the same one.

    Two processes asking at once both end with the first one's value: the insert of the loser
    fails on the primary key, and both read what is stored.
    """
    with engine.connect() as conn:
        found = conn.execute(sa.select(rahasia.c.nilai).where(rahasia.c.kunci == name)).scalar()
    if found is None:
        try:
            with engine.begin() as conn:
                value = secrets.token_hex(SECRET_BYTES)
                conn.execute(rahasia.insert().values(kunci=name, nilai=value, dibuat_pada=utcnow()))
        except sa.exc.IntegrityError:
            pass  # another process made it first: use theirs
        with engine.connect() as conn:
            found = conn.execute(sa.select(rahasia.c.nilai).where(rahasia.c.kunci == name)).scalar_one()
    return bytes.fromhex(found)
