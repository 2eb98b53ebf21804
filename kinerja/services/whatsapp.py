"""WhatsApp intake: a chat export becomes complaint candidates (admin, one transaction, audited, no identity)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from kinerja import paths
from kinerja.domain import vocabulary
from kinerja.domain.access import Scope, require_admin
from kinerja.domain.units import UnitResolver, aliases
from kinerja.errors import KinerjaError
from kinerja.ingest.whatsapp.candidates import Candidate, build_intake, message_ids
from kinerja.ingest.whatsapp.chat import Chat, read_chat
from kinerja.ingest.whatsapp.identity import owner_senders
from kinerja.ingest.whatsapp.saran import Saran, suggest
from kinerja.services.saran import keyword_table
from kinerja.services.settings import load_settings
from kinerja.store import whatsapp as wa
from kinerja.store.audit import log_event
from kinerja.store.readers import read_units
from kinerja.store.secrets import installation_secret
from kinerja.store.tables import wa_kandidat, wa_lampiran, wa_pesan


@dataclass
class ChatImport:
    """What one chat export added (counts only: nothing here names a person)."""

    format: str
    unggahan_id: int | None = None
    pesan_baru: int = 0
    pesan_lama: int = 0
    kandidat_baru: int = 0
    kandidat_diperbarui: int = 0
    tanggapan_baru: int = 0
    disamarkan: dict[str, int] = field(default_factory=dict)
    kandidat: list[str] = field(default_factory=list)  # ids of the new and extended candidates

    def lines(self) -> list[str]:
        """The report in Indonesian, one fact per line."""
        out = [f"format {self.format}: {self.pesan_baru} pesan baru, {self.pesan_lama} sudah pernah dimuat"]
        out.append(f"{self.kandidat_baru} kandidat pengaduan baru, {self.kandidat_diperbarui} kandidat diperpanjang, "
                   f"{self.tanggapan_baru} tanggapan baru")  # fmt: skip
        masked = ", ".join(f"{n} {k}" for k, n in self.disamarkan.items() if n)
        if masked:
            out.append(f"identitas dalam teks disamarkan: {masked}")
        return out


def _owner_names(units: pd.DataFrame, kode: str | None) -> list[str]:
    if not kode:
        return []
    row = units.set_index("kode").loc[kode]
    return [str(row["nama"]), kode, *aliases(row["alias"])]


def read_export(data: bytes, file_name: str, urutan: str | None = None) -> Chat:
    """The chat read (ChatExportError when it is not an export); for the page's owner choice."""
    return read_chat(data, file_name, urutan=urutan)


def import_chat(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    scope: Scope,
    pemilik: str,
    pemilik_unit: str | None = None,
    pengirim_pemilik: Iterable[str] = (),
    urutan: str | None = None,
) -> ChatImport:
    """Read an export and store its new messages as candidates with suggestions (nothing on an error).

    The same chat exported again adds only its new messages; a stored candidate still waiting for
    triage is extended by the citizen's further messages, and gains the owner's first reply.
    """
    require_admin(scope, "Mengunggah chat WhatsApp")
    if pemilik not in vocabulary.PEMILIK_WA:
        raise KinerjaError(
            f"pemilik '{pemilik}' tidak dikenal (diharapkan: {', '.join(vocabulary.PEMILIK_WA)})"
        )
    units = read_units(engine)
    resolver = UnitResolver(units)
    kode = resolver.find(pemilik_unit) if pemilik_unit else None
    if pemilik == "unit" and kode is None:
        raise KinerjaError(f"unit pemilik telepon '{pemilik_unit or ''}' tidak dikenal" + (
            f" (maksud Anda: {resolver.suggest(pemilik_unit)}?)" if pemilik_unit and resolver.suggest(pemilik_unit) else ""))  # fmt: skip
    chat = read_chat(data, file_name, urutan=urutan)
    owners = owner_senders(chat, pemilik, names=_owner_names(units, kode), explicit=pengirim_pemilik)
    secret = installation_secret(engine)
    settings = load_settings(engine)
    ids = [i for i in message_ids(chat, secret) if i is not None]
    user = scope.user or "admin"
    helpers = (keyword_table(engine), wa.read_model(engine), units)
    with engine.begin() as conn:
        stored, status = wa.known_messages(conn, ids)
        intake = build_intake(
            chat, owners, secret, gap_minutes=settings.wa_jeda_menit, stored=stored, status=status
        )
        result = ChatImport(
            chat.format, pesan_baru=len(intake.pesan), pesan_lama=intake.skipped, disamarkan=intake.masked
        )
        replies = _new_replies(conn, intake.tanggapan)
        if intake.pesan.empty and not replies:
            log_event(
                conn, user, vocabulary.WA_IMPOR, {"format": chat.format, "pesan_baru": 0, "kandidat_baru": 0}
            )
            return result
        uid = wa.insert_unggahan(conn, {
            "pengguna": user, "pemilik": pemilik, "pemilik_unit": kode, "format": chat.format,
            "sha256": _sha(data), "pesan_baru": len(intake.pesan), "pesan_lama": intake.skipped,
            "kandidat_baru": sum(not c.lanjutan for c in intake.candidates),
            "ringkasan": json.dumps({"disamarkan": intake.masked}),
        })  # fmt: skip
        result.unggahan_id = uid
        _store_candidates(conn, uid, chat, intake.candidates, helpers, settings.wa_simpan_media, result)
        wa.insert_rows(conn, wa_pesan, intake.pesan.assign(unggahan_id=uid).to_dict("records"))
        result.tanggapan_baru = _store_replies(conn, replies)
        log_event(conn, user, vocabulary.WA_IMPOR, {
            "unggahan_wa": uid, "format": chat.format, "pesan_baru": result.pesan_baru,
            "kandidat_baru": result.kandidat_baru, "kandidat_diperpanjang": result.kandidat_diperbarui,
        })  # fmt: skip
    return result


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _saran_dict(s: Saran) -> dict[str, Any]:
    return dataclasses.asdict(s)


def _store_candidates(
    conn: Connection, uid: int, chat: Chat, cands: list[Candidate], helpers: tuple[pd.DataFrame, Any, pd.DataFrame],
    keep_media: bool, result: ChatImport,
) -> None:  # fmt: skip
    old = wa.read_candidates(conn, ids=[c.id for c in cands if c.lanjutan]).set_index("id")
    texts = [
        (old.at[c.id, "uraian"] or "") + "\n" + c.uraian if c.id in old.index else c.uraian for c in cands
    ]
    texts = [t.strip("\n") for t in texts]
    keywords, model, units = helpers
    sarans = suggest(texts, keywords, units, model)
    attachments = []
    for c, text, s in zip(cands, texts, sarans, strict=True):
        result.kandidat.append(c.id)
        fields = {"kelurahan": s.kelurahan, "kecamatan": s.kecamatan, "kategori": s.kategori, "unit": s.unit}
        if c.id in old.index:
            prev = old.loc[c.id]
            edited = {k for k, v in fields.items() if prev[k] != prev["saran"].get(k) and pd.notna(prev[k])}
            replies = [
                pd.Timestamp(t) for t in (prev["tanggal_tanggapan"], c.tanggal_tanggapan) if pd.notna(t)
            ]
            reply = min(replies).to_pydatetime() if replies else None
            wa.update_candidate(conn, c.id, {
                "uraian": text, "jumlah_pesan": int(prev["jumlah_pesan"]) + len(c.pesan),
                "ada_bukti": bool(prev["ada_bukti"]) or c.ada_bukti, "tanggal_tanggapan": reply,
                "catatan": json.dumps([*prev["catatan"], *c.catatan], ensure_ascii=False),
                "saran": json.dumps(_saran_dict(s), ensure_ascii=False),
                **{k: v for k, v in fields.items() if k not in edited},
            })  # fmt: skip
            result.kandidat_diperbarui += 1
        else:
            wa.insert_rows(conn, wa_kandidat, [{
                "id": c.id, "unggahan_id": uid, "pengirim": c.pengirim, "tanggal_masuk": c.tanggal_masuk,
                "tanggal_tanggapan": c.tanggal_tanggapan, "uraian": text, "jumlah_pesan": len(c.pesan),
                "ada_bukti": c.ada_bukti, "catatan": json.dumps(c.catatan, ensure_ascii=False),
                "saran": json.dumps(_saran_dict(s), ensure_ascii=False), "status": "baru", **fields,
            }])  # fmt: skip
            result.kandidat_baru += 1
        for a in c.lampiran:
            berkas = _keep_media(chat, a.asli, a.sha256, a.jenis) if keep_media else None
            attachments.append({"kandidat": c.id, "jenis": a.jenis, "nama": a.nama, "ukuran": a.ukuran,
                                "sha256": a.sha256, "koordinat": a.koordinat, "berkas": berkas})  # fmt: skip
    wa.insert_rows(conn, wa_lampiran, attachments)


def _keep_media(chat: Chat, inner: str | None, sha: str | None, jenis: str) -> str | None:
    """Copy an attached file under data/media, named by its SHA-256 (never a contact card)."""
    if not inner or not sha or jenis == "kontak":
        return None
    content = chat.media(inner)
    if content is None:
        return None
    ext = inner.rsplit(".", 1)[-1].lower() if "." in inner else "bin"
    target = Path(paths.MEDIA_DIR) / sha[:2] / f"{sha}.{ext}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return str(target.relative_to(paths.MEDIA_DIR))


def _new_replies(conn: Connection, replies: dict[str, Any]) -> dict[str, tuple[Any, bool]]:
    """Stored candidates without a reply that this export now shows: id → (reply, already accepted)."""
    if not replies:
        return {}
    found = wa.read_candidates(conn, ids=list(replies))
    return {
        r.id: (replies[r.id], r.status == "diterima")
        for r in found.itertuples(index=False)
        if pd.isna(r.tanggal_tanggapan)
    }


def _store_replies(conn: Connection, replies: dict[str, tuple[Any, bool]]) -> int:
    """The owner's first reply for those candidates; an accepted one is marked for a new upload."""
    for cid, (reply, accepted) in replies.items():
        wa.update_candidate(conn, cid, {"tanggal_tanggapan": reply, "diperbarui": accepted})
    return len(replies)


def list_candidates(engine: Engine, unggahan_id: int | None = None) -> pd.DataFrame:
    """Candidates (of one chat upload, or all) with their state; no identity in any column."""
    return wa.read_candidates(engine, unggahan_id=unggahan_id)


def list_attachments(engine: Engine, kandidat: list[str] | None = None) -> pd.DataFrame:
    return wa.read_attachments(engine, kandidat)


def chat_uploads(engine: Engine) -> pd.DataFrame:
    return wa.read_chat_uploads(engine)
