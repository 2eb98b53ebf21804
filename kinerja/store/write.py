"""Writing a plan: the upload record, before-images, deletes, inserts and after-images, in one transaction."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja.clock import utcnow
from kinerja.store.bulk import Progress, insert_frame, insert_rows
from kinerja.store.frames import delete_ids, dumps, id_in, json_image
from kinerja.store.plan import TableChange, UploadPlan
from kinerja.store.tables import (
    DATA_TABLES,
    perubahan,
    upload,
)


def write_upload(
    conn: Connection,
    plan: UploadPlan,
    *,
    nama_file: str,
    sha256: str,
    pengguna: str,
    ringkasan: dict[str, Any],
    baris_dilewati: list[dict[str, Any]],
    progress: Progress | None = None,
) -> int:
    """Write a plan in the caller's transaction, recording the upload and before-images; its id.

    `progress(rows_written)` follows the rows inserted, over all tables.
    """
    # DOMAIN §4: every upload is recorded (file, SHA-256, who, when, rows added/updated).
    values: dict[str, Any] = {"nama_file": nama_file, "sha256": sha256, "pengguna": pengguna}
    values |= {"waktu": utcnow(), "status": "aktif"}
    values["ringkasan"] = dumps({"jumlah": plan.counts, **ringkasan})
    values["baris_dilewati"] = dumps(baris_dilewati)
    key: Any = conn.execute(upload.insert().values(**values)).inserted_primary_key
    upload_id = int(key[0])
    done = 0
    for name, change in plan.changes.items():
        _apply(conn, upload_id, DATA_TABLES[name], change, _offset(progress, done))
        done += len(change.rows)
    return upload_id


def _offset(progress: Progress | None, base: int) -> Progress | None:
    if progress is None:
        return None
    return lambda n: progress(base + n)


def _apply(
    conn: Connection, upload_id: int, table: sa.Table, change: TableChange, progress: Progress | None
) -> None:
    """Before-images, deletes, inserts, after-images; the images are built by the database."""
    image: Any = sa.literal_column(json_image(conn, table))
    tag: list[Any] = [sa.literal(upload_id), sa.literal(table.name), table.c.id]
    gone = change.replace_ids + change.delete_ids
    if gone:
        src = sa.select(*tag, image).where(id_in(conn, table.c.id, gone))
        conn.execute(perubahan.insert().from_select(["upload_id", "tabel", "kunci", "sebelum"], src))
    delete_ids(conn, table, gone)
    insert_frame(conn, table, change.rows, progress)
    added = change.added_ids
    if added:
        # An added row needs only its key: rollback deletes it, the conflict check joins on keys.
        name = str(table.name)
        rows = [(upload_id, name, kunci) for kunci in sorted(added)]
        insert_rows(conn, perubahan, ["upload_id", "tabel", "kunci"], rows)
    if change.replace_ids:
        after = sa.select(image).where(table.c.id == perubahan.c.kunci).scalar_subquery()
        mine = [perubahan.c.upload_id == upload_id, perubahan.c.tabel == table.name]
        mine.append(id_in(conn, perubahan.c.kunci, change.replace_ids))
        conn.execute(perubahan.update().where(*mine).values(sesudah=after))
