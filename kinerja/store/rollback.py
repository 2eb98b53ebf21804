"""Rollback of an upload: every row it changed goes back to its before-image (DOMAIN §4)."""

from __future__ import annotations

from io import StringIO

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja.clock import utcnow
from kinerja.errors import RollbackError
from kinerja.store.bulk import insert_frame
from kinerja.store.frames import canon, delete_ids
from kinerja.store.tables import DATA_TABLES, perubahan, upload


def _parse_images(texts: pd.Series, columns: list[str]) -> pd.DataFrame:
    """Rows back from JSON images (17-digit floats parsed exactly)."""
    raw = pd.read_json(
        StringIO("\n".join(texts)),
        lines=True,
        dtype=False,
        precise_float=True,
    )
    return canon(raw, columns)


def blocking_uploads(conn: Connection, upload_id: int) -> list[int]:
    """Later active uploads that changed a row this upload changed (newest first)."""
    stmt = sa.text(
        "SELECT DISTINCT p2.upload_id FROM perubahan p2 JOIN upload u ON u.id = p2.upload_id "
        "WHERE p2.upload_id > :u AND u.status = 'aktif' AND EXISTS (SELECT 1 FROM perubahan p1 "
        "WHERE p1.upload_id = :u AND ((p1.tabel = p2.tabel AND p1.kunci = p2.kunci) "
        # realisasi a later upload stored for an indicator this upload added or changed
        "OR (p1.tabel = 'indikator' AND p2.tabel = 'realisasi' AND p2.kunci LIKE p1.kunci || '|%')))"
    )
    return sorted((int(r[0]) for r in conn.execute(stmt, {"u": upload_id})), reverse=True)


def rollback_upload(conn: Connection, upload_id: int, pengguna: str) -> dict[str, int]:
    """Restore every row an upload changed to its before-image, in the caller's transaction."""
    row = conn.execute(sa.select(upload.c.status).where(upload.c.id == upload_id)).first()
    if row is None:
        raise RollbackError(f"Unggahan #{upload_id} tidak ditemukan.")
    if row.status != "aktif":
        raise RollbackError(f"Unggahan #{upload_id} sudah dibatalkan sebelumnya.")
    later = blocking_uploads(conn, upload_id)
    if later:
        names = ", ".join(f"#{u}" for u in later)
        raise RollbackError(
            f"Unggahan #{upload_id} tidak dapat dibatalkan karena unggahan sesudahnya "
            f"mengubah baris yang sama: batalkan dulu unggahan {names}."
        )
    restored: dict[str, int] = {}
    for name, table in DATA_TABLES.items():
        stmt = sa.select(perubahan.c.kunci, perubahan.c.sebelum).where(
            perubahan.c.upload_id == upload_id, perubahan.c.tabel == name
        )
        images = pd.DataFrame(conn.execute(stmt).all(), columns=["kunci", "sebelum"])
        if images.empty:
            continue
        delete_ids(conn, table, images["kunci"].tolist())
        old = images[images["sebelum"].notna()]
        if len(old):
            fields = [c.name for c in table.columns if c.name != "id"]
            frame = _parse_images(old["sebelum"], fields)
            frame.insert(0, "id", old["kunci"].to_numpy())
            insert_frame(conn, table, frame)
        restored[name] = len(images)
    done = {"status": "dibatalkan", "dibatalkan_oleh": pengguna, "dibatalkan_pada": utcnow()}
    conn.execute(upload.update().where(upload.c.id == upload_id).values(**done))
    return restored
