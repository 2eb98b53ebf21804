"""Triage of WhatsApp candidates: accept (as complaint records, through the importer), edit, merge, discard."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.clock import utcnow
from kinerja.domain import vocabulary
from kinerja.domain.access import Scope, require_admin
from kinerja.domain.units import UnitResolver
from kinerja.errors import TriageError
from kinerja.exports.export import write_export
from kinerja.ingest.cells.pii import mask_pii
from kinerja.ingest.report import ImportReport
from kinerja.ingest.wilayah import Wilayah
from kinerja.services.importer import parse_upload, plan_checked
from kinerja.store import whatsapp as wa
from kinerja.store.audit import log_event
from kinerja.store.readers import read_units
from kinerja.store.write import write_upload

EDITABLE = ("kelurahan", "kecamatan", "kategori", "unit", "uraian", "ada_bukti")
SALURAN_WA = "WhatsApp"


def waiting(frame: pd.DataFrame) -> pd.Series:
    """Candidates still to be triaged: new ones, accepted ones whose complaint upload was rolled
    back, and accepted ones with news since (a reply seen in a later export)."""
    accepted = frame["status"].eq("diterima")
    return frame["status"].eq("baru") | (accepted & (~frame["aktif"] | frame["diperbarui"]))


def reopened(frame: pd.DataFrame) -> pd.Series:
    """Candidates the admin may still edit, merge or discard: new, or accepted into a rolled-back upload."""
    return frame["status"].eq("baru") | (frame["status"].eq("diterima") & ~frame["aktif"])


def _load(engine: Engine, ids: Sequence[str], *, what: str, accepted_too: bool = False) -> pd.DataFrame:
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise TriageError(f"tidak ada kandidat yang dipilih untuk {what}")
    found = wa.read_candidates(engine, ids=ids)
    missing = sorted(set(ids) - set(found["id"]))
    if missing:
        raise TriageError(f"kandidat {', '.join(missing[:5])} tidak ditemukan")
    ok = waiting(found) if accepted_too else reopened(found)
    done = found.loc[~ok]
    if len(done):
        states = ", ".join(f"{r.id[:8]} ({r.status})" for r in done.itertuples(index=False))
        raise TriageError(f"kandidat sudah ditriase, tidak dapat di{what}: {states}")
    return found.set_index("id").loc[ids].reset_index()


def _check_edit(values: Mapping[str, Any], resolver: UnitResolver) -> dict[str, Any]:
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise TriageError(
            f"kolom {', '.join(unknown)} tidak dapat diubah (diharapkan: {', '.join(EDITABLE)})"
        )
    out: dict[str, Any] = {}
    for key, value in values.items():
        text = None if value is None or (isinstance(value, float) and pd.isna(value)) else value
        if isinstance(text, str):
            text = text.strip() or None
        out[key] = text
    if "unit" in out and out["unit"] is not None:
        kode = resolver.find(out["unit"])
        if kode is None:
            hint = resolver.suggest(str(out["unit"]))
            raise TriageError(
                f"perangkat daerah '{out['unit']}' tidak dikenal"
                + (f" (maksud Anda: {hint}?)" if hint else "")
            )
        out["unit"] = kode
    if out.get("kelurahan") is not None or out.get("kecamatan") is not None:
        res = Wilayah.load().normalize(
            pd.Series([out.get("kecamatan")], dtype=object), pd.Series([out.get("kelurahan")], dtype=object)
        )
        if res.problems:
            _, _, message, expected = res.problems[0]
            raise TriageError(f"{message} (diharapkan: {expected})")
        if "kelurahan" in out:
            out["kelurahan"] = res.kelurahan.iat[0] if pd.notna(res.kelurahan.iat[0]) else None
        if "kecamatan" in out or out.get("kelurahan"):
            out["kecamatan"] = res.kecamatan.iat[0] if pd.notna(res.kecamatan.iat[0]) else None
    if "uraian" in out and out["uraian"] is not None:
        out["uraian"] = str(mask_pii(pd.Series([out["uraian"]], dtype=object))[0].iat[0])
    if "ada_bukti" in out:
        out["ada_bukti"] = bool(out["ada_bukti"]) if out["ada_bukti"] is not None else False
    return out


def edit_candidates(engine: Engine, edits: Mapping[str, Mapping[str, Any]], *, scope: Scope) -> int:
    """The admin's values for candidates waiting for triage (a data editor's changes); checked first."""
    require_admin(scope, "Mengubah kandidat pengaduan")
    if not edits:
        return 0
    found = _load(engine, list(edits), what="ubah")
    resolver = UnitResolver(read_units(engine))
    checked = {cid: _check_edit(v, resolver) for cid, v in edits.items()}
    with engine.begin() as conn:
        for cid, values in checked.items():
            if values:
                wa.update_candidate(conn, cid, values)
        log_event(conn, scope.user, vocabulary.WA_TRIASE, {"diubah": len(found)})
    return len(found)


def discard_candidates(engine: Engine, ids: Sequence[str], alasan: str, *, scope: Scope) -> int:
    """Discard candidates as not a complaint, spam or a duplicate: kept, with the reason."""
    require_admin(scope, "Membuang kandidat pengaduan")
    if alasan not in vocabulary.ALASAN_BUANG:
        raise TriageError(
            f"alasan '{alasan}' tidak dikenal (diharapkan: {', '.join(vocabulary.ALASAN_BUANG)})"
        )
    found = _load(engine, ids, what="buang")
    with engine.begin() as conn:
        for cid in found["id"]:
            wa.update_candidate(conn, cid, {"status": "dibuang", "alasan_buang": alasan,
                                            "ditriase_oleh": scope.user, "ditriase_pada": utcnow()})  # fmt: skip
        log_event(conn, scope.user, vocabulary.WA_TRIASE, {"dibuang": len(found), "alasan": alasan})
    return len(found)


def merge_candidates(engine: Engine, keep: str, others: Iterable[str], *, scope: Scope) -> str:
    """Merge candidates into `keep`: earliest Tanggal Masuk and reply, texts in time order, evidence."""
    require_admin(scope, "Menggabungkan kandidat pengaduan")
    rest = [o for o in dict.fromkeys(others) if o != keep]
    if not rest:
        raise TriageError("pilih paling sedikit dua kandidat untuk digabung")
    found = _load(engine, [keep, *rest], what="gabung").sort_values("tanggal_masuk")
    replies = found["tanggal_tanggapan"].dropna()
    values = {
        "tanggal_masuk": found["tanggal_masuk"].min().to_pydatetime(),
        "tanggal_tanggapan": replies.min().to_pydatetime() if len(replies) else None,
        "uraian": "\n".join(t for t in found["uraian"] if isinstance(t, str) and t),
        "jumlah_pesan": int(found["jumlah_pesan"].sum()),
        "ada_bukti": bool(found["ada_bukti"].any()),
        "catatan": json.dumps(
            [*found.set_index("id").at[keep, "catatan"], f"digabung dari {len(found)} kandidat"],
            ensure_ascii=False,
        ),
    }
    with engine.begin() as conn:
        wa.update_candidate(conn, keep, values)
        for cid in rest:
            wa.move_attachments(conn, cid, keep)
            wa.update_candidate(conn, cid, {"status": "digabung", "digabung_ke": keep,
                                            "ditriase_oleh": scope.user, "ditriase_pada": utcnow()})  # fmt: skip
        log_event(conn, scope.user, vocabulary.WA_TRIASE, {"digabung": len(found)})
    return keep


def _complaint_frame(found: pd.DataFrame) -> pd.DataFrame:
    n = len(found)
    return pd.DataFrame({
        "no_tiket": [None] * n, "tiket_turunan": [True] * n, "tanggal_masuk": found["tanggal_masuk"].to_numpy(),
        "saluran": [SALURAN_WA] * n, "kategori": found["kategori"].to_numpy(), "uraian": found["uraian"].to_numpy(),
        "kecamatan": found["kecamatan"].to_numpy(), "kelurahan": found["kelurahan"].to_numpy(),
        "unit": found["unit"].to_numpy(), "tanggal_tanggapan": found["tanggal_tanggapan"].to_numpy(),
        "ada_bukti": found["ada_bukti"].to_numpy(),
    })  # fmt: skip


def accept_candidates(
    engine: Engine, ids: Sequence[str], *, scope: Scope, today: pd.Timestamp | None = None
) -> ImportReport:
    """Store candidates as complaint records through the importer: a Pengaduan sheet of them is read,
    checked, planned and written in one transaction as one upload (derived ids; rollback-able)."""
    require_admin(scope, "Menerima kandidat pengaduan")
    found = _load(engine, ids, what="terima", accepted_too=True)
    buf = io.BytesIO()
    write_export(buf, units=None, pk=None, realisasi=None, pengaduan=_complaint_frame(found))
    chats = "-".join(str(int(u)) for u in sorted(set(found["unggahan_id"])))
    name = (
        f"WhatsApp_chat{chats}_{len(found)}_kandidat.xlsx"  # never the chat's own file name: it names people
    )
    parsed = parse_upload(engine, buf.getvalue(), name, today=today)
    report = parsed.report
    if report.errors:
        lines = []
        for p in report.errors[:10]:
            at = found.iloc[p.row - 2] if p.row and 2 <= p.row < len(found) + 2 else None
            where = f"kandidat {at['tanggal_masuk']:%d/%m/%Y %H.%M}" if at is not None else name
            lines.append(f"{where}: {p.message}" + (f" (diharapkan: {p.expected})" if p.expected else ""))
        raise TriageError("kandidat tidak dapat diterima, tidak ada yang disimpan: " + "; ".join(lines))
    user = scope.user or "admin"
    tickets = parsed.batch.pengaduan.sort_values("_baris")["no_tiket"].tolist()
    with engine.begin() as conn:
        plan = plan_checked(conn, parsed, partial=False)
        summary = {
            "lembar": [c.__dict__ for c in report.counts],
            "catatan": [p.line() for p in report.notices],
        }
        report.upload_id = write_upload(conn, plan, nama_file=name, sha256=parsed.sha256, pengguna=user,
                                        ringkasan=summary, baris_dilewati=[])  # fmt: skip
        for cid, tiket in zip(found["id"], tickets, strict=True):
            wa.update_candidate(conn, cid, {"status": "diterima", "upload_id": report.upload_id, "no_tiket": tiket,
                                            "diperbarui": False, "ditriase_oleh": user, "ditriase_pada": utcnow()})  # fmt: skip
        log_event(
            conn, user, vocabulary.UNGGAH, {"berkas": name, "unggahan": report.upload_id, "baris_dilewati": 0}
        )
        log_event(conn, user, vocabulary.WA_TRIASE, {"diterima": len(found), "unggahan": report.upload_id})
    report.stored = True
    return report


def accept_suggestions(
    engine: Engine, unggahan_id: int | None, *, scope: Scope, today: pd.Timestamp | None = None
) -> tuple[ImportReport | None, int]:
    """Accept every waiting candidate (of one chat upload, or all) that has a suggested destination,
    with its suggested values; the others keep waiting for the admin. (report, how many wait)."""
    found = wa.read_candidates(engine, unggahan_id=unggahan_id)
    if found.empty:
        return None, 0
    todo = waiting(found)
    ids = found.loc[todo & found["unit"].notna(), "id"].tolist()
    left = int((todo & found["unit"].isna()).sum())
    return (accept_candidates(engine, ids, scope=scope, today=today) if ids else None), left
