"""Upload history for people: times in WITA, counts, rollbacks and period locks in one log."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja import store
from kinerja.periods import LOCK, lock_events

WITA_OFFSET = timedelta(hours=8)  # the store keeps UTC; people read WITA (DOMAIN §1)
HISTORY_COLUMNS = ["No", "Waktu (WITA)", "Pengguna", "Berkas", "Baru", "Diubah", "Tetap", "Dihapus", "Dilewati",
                   "Status", "SHA-256"]  # fmt: skip
EVENT_COLUMNS = ["Waktu (WITA)", "Pengguna", "Kejadian", "Rincian"]


def wita(ts: object) -> str:
    """A stored UTC time as `27/02/2018 09:30` WITA; blank when missing."""
    if ts is None or pd.isna(ts):
        return ""
    return (pd.Timestamp(ts) + WITA_OFFSET).strftime("%d/%m/%Y %H:%M")


def upload_history(engine: Engine) -> pd.DataFrame:
    """Every upload, newest first: when, who, file, SHA-256, rows added/updated/unchanged/removed."""
    up = store.list_uploads(engine)
    status = [
        "aktif" if s == "aktif" else f"dibatalkan {wita(t)} oleh {o or '?'}"
        for s, t, o in zip(up["status"], up["dibatalkan_pada"], up["dibatalkan_oleh"], strict=True)
    ]
    return pd.DataFrame({
        "No": up["id"].to_numpy(), "Waktu (WITA)": up["waktu"].map(wita), "Pengguna": up["pengguna"],
        "Berkas": up["nama_file"], "SHA-256": up["sha256"], "Baru": up["ditambah"], "Diubah": up["diubah"],
        "Tetap": up["tetap"], "Dihapus": up["dihapus"], "Dilewati": up["baris_dilewati"], "Status": status,
    }, columns=HISTORY_COLUMNS)  # fmt: skip


def events(engine: Engine) -> pd.DataFrame:
    """One log, newest first: uploads, rollbacks, period locks and unlocks."""
    rows = []
    for r in store.list_uploads(engine).itertuples(index=False):
        rows.append((r.waktu, r.pengguna, "Unggah", f"#{r.id} {r.nama_file}"))
        if r.status != "aktif":
            rows.append((r.dibatalkan_pada, r.dibatalkan_oleh, "Batalkan unggahan", f"#{r.id} {r.nama_file}"))
    for r in lock_events(engine).itertuples(index=False):
        what = "Kunci periode" if r.aksi == LOCK else "Buka kunci periode"
        rows.append((r.waktu, r.pengguna, what, f"{int(r.bulan):02d}/{int(r.tahun)}"))
    rows.sort(key=lambda r: pd.Timestamp(r[0]) if r[0] is not None and pd.notna(r[0]) else pd.Timestamp.min,
              reverse=True)  # fmt: skip
    return pd.DataFrame([(wita(t), p, k, d) for t, p, k, d in rows], columns=EVENT_COLUMNS)


def skipped_rows_workbook(engine: Engine, upload_id: int) -> bytes | None:
    """The rows an upload left out on request, with their problems, as .xlsx; None when none."""
    skipped = store.read_skipped_rows(engine, upload_id)
    if skipped.empty:
        return None
    values = pd.DataFrame([v if isinstance(v, dict) else {} for v in skipped["nilai"]])
    head = pd.DataFrame({
        "Sheet": skipped["sheet"],
        "Baris": skipped["baris"],
        "Masalah": skipped["masalah"].map(lambda m: "; ".join(m) if isinstance(m, list) else str(m)),
    })  # fmt: skip
    frame = pd.concat([head, values], axis=1)
    out = BytesIO()
    with pd.ExcelWriter(out, engine="xlsxwriter") as xl:
        frame.to_excel(xl, sheet_name="Baris dilewati", index=False)
        ws = xl.sheets["Baris dilewati"]
        ws.set_column(0, 1, 10)
        ws.set_column(2, 2, 70)
        ws.set_column(3, len(frame.columns), 18)
        ws.freeze_panes(1, 0)
    return out.getvalue()
