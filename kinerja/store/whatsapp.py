"""WhatsApp intake in the store: chat uploads, message ids, candidates, attachments, keywords, classifier."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.clock import utcnow
from kinerja.store.frames import dumps, id_in
from kinerja.store.tables import (
    upload,
    wa_kandidat,
    wa_kata_kunci,
    wa_lampiran,
    wa_model,
    wa_pesan,
    wa_unggahan,
)

CANDIDATE_COLUMNS = [c.name for c in wa_kandidat.columns]
ATTACHMENT_COLUMNS = [c.name for c in wa_lampiran.columns]
UNGGAHAN_COLUMNS = [c.name for c in wa_unggahan.columns]
MODEL_KEY = "unit"


def known_messages(conn: Connection, ids: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Stored message ids among `ids` → their candidate ('' for replies), and those candidates' status."""
    if not ids:
        return {}, {}
    rows = conn.execute(
        sa.select(wa_pesan.c.id, wa_pesan.c.kandidat).where(id_in(conn, wa_pesan.c.id, ids))
    ).all()
    stored = {r.id: r.kandidat or "" for r in rows}
    cands = sorted({c for c in stored.values() if c})
    status = {}
    if cands:
        q = sa.select(wa_kandidat.c.id, wa_kandidat.c.status).where(id_in(conn, wa_kandidat.c.id, cands))
        status = {r.id: r.status for r in conn.execute(q)}
    return stored, status


def insert_unggahan(conn: Connection, values: dict[str, Any]) -> int:
    key: Any = conn.execute(wa_unggahan.insert().values(waktu=utcnow(), **values)).inserted_primary_key
    return int(key[0])


def insert_rows(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def update_candidate(conn: Connection, cid: str, values: dict[str, Any]) -> None:
    conn.execute(wa_kandidat.update().where(wa_kandidat.c.id == cid).values(**values))


def _frame(conn: Connection, stmt: sa.Select[Any], columns: list[str]) -> pd.DataFrame:
    rows = conn.execute(stmt).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    for c in columns:
        if c.startswith("tanggal_") or c in ("waktu", "ditriase_pada", "dilatih_pada"):
            frame[c] = pd.to_datetime(frame[c]).astype("datetime64[us]")
    return frame


def read_candidates(
    engine: Engine | Connection, *, unggahan_id: int | None = None, ids: list[str] | None = None
) -> pd.DataFrame:
    """Candidates (oldest first) with `aktif`: their complaint upload is still in force."""
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return _read_candidates(conn, unggahan_id, ids)
    return _read_candidates(engine, unggahan_id, ids)


def _read_candidates(conn: Connection, unggahan_id: int | None, ids: list[str] | None) -> pd.DataFrame:
    cols = [wa_kandidat.c[c] for c in CANDIDATE_COLUMNS]
    active = sa.select(upload.c.status).where(upload.c.id == wa_kandidat.c.upload_id).scalar_subquery()
    stmt = sa.select(*cols, active.label("upload_status")).order_by(
        wa_kandidat.c.tanggal_masuk, wa_kandidat.c.id
    )
    if unggahan_id is not None:
        stmt = stmt.where(wa_kandidat.c.unggahan_id == int(unggahan_id))
    if ids is not None:
        stmt = stmt.where(id_in(conn, wa_kandidat.c.id, ids)) if ids else stmt.where(sa.false())
    frame = _frame(conn, stmt, [*CANDIDATE_COLUMNS, "upload_status"])
    frame["catatan"] = [json.loads(x) if x else [] for x in frame["catatan"]]
    frame["saran"] = [json.loads(x) if x else {} for x in frame["saran"]]
    frame["ada_bukti"] = frame["ada_bukti"].astype(bool)
    frame["diperbarui"] = frame["diperbarui"].astype(bool)
    return frame.drop(columns="upload_status").assign(aktif=frame["upload_status"].eq("aktif"))


def read_attachments(engine: Engine, kandidat: list[str] | None = None) -> pd.DataFrame:
    stmt = sa.select(*[wa_lampiran.c[c] for c in ATTACHMENT_COLUMNS]).order_by(wa_lampiran.c.id)
    with engine.connect() as conn:
        if kandidat is not None:
            stmt = (
                stmt.where(id_in(conn, wa_lampiran.c.kandidat, kandidat))
                if kandidat
                else stmt.where(sa.false())
            )
        return _frame(conn, stmt, ATTACHMENT_COLUMNS)


def move_attachments(conn: Connection, source: str, target: str) -> None:
    conn.execute(wa_lampiran.update().where(wa_lampiran.c.kandidat == source).values(kandidat=target))
    conn.execute(wa_pesan.update().where(wa_pesan.c.kandidat == source).values(kandidat=target))


def read_chat_uploads(engine: Engine) -> pd.DataFrame:
    """Chat uploads, newest first, with their candidates waiting for triage."""
    waiting = (
        sa.select(sa.func.count())
        .where(wa_kandidat.c.unggahan_id == wa_unggahan.c.id, wa_kandidat.c.status == "baru")
        .scalar_subquery()
    )
    stmt = sa.select(*[wa_unggahan.c[c] for c in UNGGAHAN_COLUMNS], waiting.label("menunggu")).order_by(
        wa_unggahan.c.id.desc()
    )
    with engine.connect() as conn:
        return _frame(conn, stmt, [*UNGGAHAN_COLUMNS, "menunggu"])  # type: ignore[arg-type]


def read_keywords(engine: Engine) -> pd.DataFrame | None:
    """The admin's keyword table, or None while the shipped one is in force."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(wa_kata_kunci.c.kata, wa_kata_kunci.c.kategori, wa_kata_kunci.c.unit).order_by(
                wa_kata_kunci.c.id
            )
        ).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["kata", "kategori", "unit"]) if rows else None


def replace_keywords(conn: Connection, frame: pd.DataFrame) -> None:
    conn.execute(wa_kata_kunci.delete())
    insert_rows(conn, wa_kata_kunci, frame[["kata", "kategori", "unit"]].to_dict("records"))


def read_model(engine: Engine) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(wa_model).where(wa_model.c.kunci == MODEL_KEY)).mappings().first()
    if row is None:
        return None
    model = json.loads(row["model"])
    return model | {"dilatih_pada": row["dilatih_pada"], "dilatih_oleh": row["dilatih_oleh"]}


def save_model(conn: Connection, model: dict[str, Any], pengguna: str) -> None:
    conn.execute(wa_model.delete().where(wa_model.c.kunci == MODEL_KEY))
    values = {
        "kunci": MODEL_KEY,
        "model": dumps(model),
        "akurasi": model.get("akurasi"),
        "jumlah": model.get("n"),
    }
    conn.execute(wa_model.insert().values(**values, dilatih_oleh=pengguna, dilatih_pada=utcnow()))
