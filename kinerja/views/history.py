"""Upload history for people: times in WITA, counts, rollbacks and period locks in one log."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.clock import format_wita as wita
from kinerja.domain.schema import KIND_LABEL
from kinerja.domain.vocabulary import BULAN, BULAN_SINGKAT, KUNCI_PERIODE
from kinerja.metrics.kelengkapan import LABEL, SHORT
from kinerja.store.periods import lock_events, read_locks
from kinerja.store.profiles import profile_table
from kinerja.store.readers import list_uploads

HISTORY_COLUMNS = ["No", "Waktu (WITA)", "Pengguna", "Berkas", "Baru", "Diubah", "Tetap", "Dihapus", "Dilewati",
                   "Profil", "Status", "SHA-256"]  # fmt: skip
EVENT_COLUMNS = ["Waktu (WITA)", "Pengguna", "Kejadian", "Rincian"]


def upload_history(engine: Engine) -> pd.DataFrame:
    """Every upload, newest first: when, who, file, SHA-256, rows added/updated/unchanged/removed."""
    up = list_uploads(engine)
    status = [
        "aktif" if s == "aktif" else f"dibatalkan {wita(t)} oleh {o or '?'}"
        for s, t, o in zip(up["status"], up["dibatalkan_pada"], up["dibatalkan_oleh"], strict=True)
    ]
    return pd.DataFrame({
        "No": up["id"].to_numpy(), "Waktu (WITA)": up["waktu"].map(wita), "Pengguna": up["pengguna"],
        "Berkas": up["nama_file"], "SHA-256": up["sha256"], "Baru": up["ditambah"], "Diubah": up["diubah"],
        "Tetap": up["tetap"], "Dihapus": up["dihapus"], "Dilewati": up["baris_dilewati"], "Status": status,
        "Profil": up["ringkasan"].map(lambda r: ", ".join(r.get("profil", [])) if isinstance(r, dict) else ""),
    }, columns=HISTORY_COLUMNS)  # fmt: skip


def events(engine: Engine) -> pd.DataFrame:
    """One log, newest first: uploads, rollbacks, period locks and unlocks."""
    rows = []
    for r in list_uploads(engine).itertuples(index=False):
        rows.append((r.waktu, r.pengguna, "Unggah", f"#{r.id} {r.nama_file}"))
        if r.status != "aktif":
            rows.append((r.dibatalkan_pada, r.dibatalkan_oleh, "Batalkan unggahan", f"#{r.id} {r.nama_file}"))
    for r in lock_events(engine).itertuples(index=False):
        what = "Kunci periode" if r.aksi == KUNCI_PERIODE else "Buka kunci periode"
        rows.append((r.waktu, r.pengguna, what, f"{int(r.bulan):02d}/{int(r.tahun)}"))
    rows.sort(key=lambda r: pd.Timestamp(r[0]) if r[0] is not None and pd.notna(r[0]) else pd.Timestamp.min,
              reverse=True)  # fmt: skip
    return pd.DataFrame([(wita(t), p, k, d) for t, p, k, d in rows], columns=EVENT_COLUMNS)


def lock_table(engine: Engine) -> pd.DataFrame:
    """Locked months for people: year, month name, who locked it and when (WITA)."""
    current = read_locks(engine)
    return pd.DataFrame({
        "Tahun": current["tahun"], "Bulan": current["bulan"].map(lambda m: BULAN[int(m) - 1]),
        "Dikunci oleh": current["dikunci_oleh"], "Dikunci pada (WITA)": current["dikunci_pada"].map(wita),
    })  # fmt: skip


# --- kelengkapan laporan, as the admin reads it -------------------------------------------------
def matrix(status: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Units × months of short status labels (text, so the meaning never rests on colour), by name."""
    if status.empty:
        return pd.DataFrame(columns=["Perangkat Daerah", *BULAN_SINGKAT])
    wide = status.pivot(index="unit", columns="bulan", values="status").reindex(columns=range(1, 13))
    wide = wide.apply(lambda s: s.map(SHORT))
    wide.columns = list(BULAN_SINGKAT)
    wide.insert(0, "Perangkat Daerah", [names.get(u, u) for u in wide.index])
    wide = wide.sort_values("Perangkat Daerah", key=lambda s: s.str.casefold())
    return wide.reset_index(drop=True)


def summary(status: pd.DataFrame) -> pd.DataFrame:
    """Units per status per month (rows: status label, columns: months)."""
    counts = pd.crosstab(status["status"], status["bulan"]).reindex(
        index=list(LABEL), columns=range(1, 13), fill_value=0
    )
    counts.index = [LABEL[s] for s in counts.index]
    counts.columns = list(BULAN_SINGKAT)
    return counts


PROFILE_COLUMNS = ["Nama", "Jenis", "Kolom dipetakan", "Dibuat oleh", "Dibuat (WITA)", "Diubah (WITA)"]


def profile_list(engine: Engine) -> pd.DataFrame:
    """Saved column mapping profiles (issue 12 §3), by name, for the admin."""
    table = profile_table(engine)
    return pd.DataFrame({
        "Nama": table["nama"], "Jenis": table["jenis"].map(lambda k: KIND_LABEL.get(k, k)),
        "Kolom dipetakan": table["pemetaan"].map(lambda m: sum(1 for v in m.values() if v)),
        "Dibuat oleh": table["dibuat_oleh"], "Dibuat (WITA)": table["dibuat_pada"].map(wita),
        "Diubah (WITA)": table["diubah_pada"].map(wita),
    }, columns=PROFILE_COLUMNS)  # fmt: skip
