"""The Kotak Masuk WhatsApp for people: candidates with time, masked text, attachments, suggestions, reasons."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.clock import format_wita
from kinerja.domain.vocabulary import ALASAN_BUANG, PEMILIK_WA, TANPA_BUKTI
from kinerja.store.readers import read_units
from kinerja.store.whatsapp import read_attachments, read_candidates, read_chat_uploads
from kinerja.views import fmt

EDITOR_COLUMNS = ["pilih", "waktu", "uraian", "bukti", "unit", "kategori", "kelurahan", "kecamatan", "lampiran",
                  "tanggapan", "pengirim", "alasan", "status"]  # fmt: skip
LABELS = {
    "pilih": "Pilih", "waktu": "Masuk (WITA)", "uraian": "Uraian (disamarkan)", "lampiran": "Lampiran",
    "bukti": "Bukti", "kelurahan": "Kelurahan", "kecamatan": "Kecamatan", "kategori": "Kategori",
    "unit": "Perangkat Daerah Tujuan", "alasan": "Alasan saran", "tanggapan": "Tanggapan pertama", "status": "Status",
    "pengirim": "Aduan pengirim ini",
}  # fmt: skip
TANPA_TUJUAN = "(belum ada tujuan)"  # shown, not blank: the grid would print an empty choice as "None"


def state_label(row: pd.Series) -> str:
    """Where a candidate stands, in words."""
    s = row["status"]
    if s == "diterima" and not row["aktif"]:
        return "Menunggu (unggahan pengaduannya dibatalkan)"
    if s == "diterima":
        return f"Diterima ({row['no_tiket']})" + (" · ada tanggapan baru" if row["diperbarui"] else "")
    if s == "dibuang":
        return f"Dibuang: {ALASAN_BUANG.get(str(row['alasan_buang']), row['alasan_buang'])}"
    if s == "digabung":
        return f"Digabung ke {str(row['digabung_ke'])[:8]}"
    return "Menunggu"


def _attachment_text(att: pd.DataFrame) -> dict[str, str]:
    out: dict[str, str] = {}
    for cid, g in att.groupby("kandidat", sort=False):
        counts = g["jenis"].value_counts(sort=False)
        out[str(cid)] = ", ".join(f"{k} ×{n}" if n > 1 else str(k) for k, n in counts.items())
    return out


def editor_frame(engine: Engine, unggahan_id: int | None = None) -> pd.DataFrame:
    """Candidates of an upload (all when None) as the triage editor shows them, indexed by id."""
    everyone = read_candidates(engine)
    cand = everyone if unggahan_id is None else everyone[everyone["unggahan_id"] == int(unggahan_id)]
    # the keyed hash of the sender counts one citizen's complaints without naming them
    per_sender = everyone.loc[everyone["status"] != "digabung", "pengirim"].value_counts()
    names = dict(zip(read_units(engine)["kode"].astype(str), read_units(engine)["nama"], strict=False))
    att = _attachment_text(read_attachments(engine, cand["id"].tolist())) if len(cand) else {}
    frame = pd.DataFrame({
        "pilih": False,
        "waktu": cand["tanggal_masuk"].dt.strftime("%d/%m/%Y %H.%M"),
        "uraian": cand["uraian"].fillna(""),
        "lampiran": cand["id"].map(att).fillna(""),
        "bukti": cand["ada_bukti"].astype(bool),
        "kelurahan": cand["kelurahan"].fillna(""), "kecamatan": cand["kecamatan"].fillna(""),
        "kategori": cand["kategori"].fillna(""),
        "unit": cand["unit"].map(lambda k: names.get(str(k), k) if isinstance(k, str) else TANPA_TUJUAN),
        "alasan": [" · ".join(s.get("alasan", [])) for s in cand["saran"]],
        "tanggapan": cand["tanggal_tanggapan"].map(lambda t: fmt.tanggal(t) + t.strftime(" %H.%M") if pd.notna(t) else "–"),
        "status": [state_label(r) for _, r in cand.iterrows()],
        "pengirim": cand["pengirim"].map(per_sender).fillna(0).astype("int64"),
    })  # fmt: skip
    frame.index = pd.Index(cand["id"].astype(str), name="id")
    return frame[EDITOR_COLUMNS]


def candidate_table(
    engine: Engine, unggahan_id: int | None = None, *, status: str | None = None
) -> pd.DataFrame:
    """Candidates for the command line: short id, time, text, evidence, suggestion, state."""
    cand = read_candidates(engine, unggahan_id=unggahan_id)
    if status is not None:
        cand = cand[cand["status"] == status]
    frame = (
        editor_frame(engine, unggahan_id).loc[cand["id"].astype(str)]
        if len(cand)
        else editor_frame(engine).iloc[0:0]
    )
    return pd.DataFrame({
        "ID": [i[:8] for i in frame.index], "Masuk": frame["waktu"], "Bukti": frame["bukti"].map({True: "Ada", False: TANPA_BUKTI}),
        "Kelurahan": frame["kelurahan"], "Kategori": frame["kategori"], "Tujuan": frame["unit"],
        "Status": frame["status"], "Uraian": frame["uraian"].str.replace("\n", " / ").str.slice(0, 80),
    }).reset_index(drop=True)  # fmt: skip


def upload_choices(engine: Engine) -> dict[int, str]:
    """Chat uploads, newest first, as the page's picker labels them (no file name: it names people)."""
    up = read_chat_uploads(engine)
    return {
        int(
            r.id
        ): f"#{r.id} · {format_wita(r.waktu)} · {PEMILIK_WA.get(r.pemilik, r.pemilik)} · {r.format} · "
        f"{r.pesan_baru} pesan baru · {r.menunggu} menunggu"
        for r in up.itertuples(index=False)
    }
