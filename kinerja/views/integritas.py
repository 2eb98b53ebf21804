"""Integrity flags for people: what was seen, with the counts, and the complaints behind it (issue 14)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kinerja.domain.settings import Settings
from kinerja.metrics.integritas import HARI_MENJELANG, integrity_flags
from kinerja.metrics.pengaduan import default_as_of
from kinerja.views import fmt
from kinerja.views.pengaduan import STATUS_LABEL, complaint_rows
from kinerja.views.year import YearData

UKURAN = {
    "tindak_lanjut_pct": "tindak lanjut", "selesai_pct": "selesai",
    "respon_tepat_waktu_pct": "respon tepat waktu", "selesai_tepat_waktu_pct": "selesai ≤ 60 hari",
}  # fmt: skip
REPORT_COLUMNS = ["Tanda", "Unit", "Yang terlihat", "Jumlah", "Dari", "Pengaduan (contoh)"]


def describe(row: pd.Series, settings: Settings) -> str:
    """One flag in Indonesian, with its counts."""
    j, n, k = row["jenis"], fmt.bilangan(row["dari"]), fmt.bilangan(row["jumlah"])
    if j == "swalapor":
        gap = abs(float(row["dilaporkan"]) - float(row["diukur"]))
        return (f"melaporkan {fmt.angka(row['dilaporkan'], 2)} untuk “{row['indikator']}” ({fmt.bulan_nama(row['bulan'])}); "
                f"data pengaduan memberi {fmt.persen(row['diukur'], 1)} ({UKURAN[row['ukuran']]}): selisih "
                f"{fmt.angka(gap, 2)} poin, toleransi {fmt.ringkas(settings.integritas_toleransi, 2)}; "
                f"{k} dari {n} pengaduan tidak memenuhi")  # fmt: skip
    share = fmt.persen(row["bagian_pct"], 0)
    if j == "borongan":
        return f"{k} dari {n} pengaduan selesai ({share}) ditutup pada {fmt.tanggal(row['tanggal'])}"
    if j == "akhir_bulan":
        return f"{k} dari {n} penutupan ({share}) jatuh dalam {HARI_MENJELANG} hari terakhir bulan atau menjelang rapat"
    if j == "tanpa_tanggapan":
        return (f"{k} dari {n} pengaduan selesai ({share}) tanpa Tanggal Tanggapan ({fmt.bilangan(row['tanpa_tanggal'])}) "
                f"atau dengan tanggapan pada saat yang sama dengan selesai ({fmt.bilangan(row['saat_sama'])})")  # fmt: skip
    return f"{k} dari {n} pengaduan selesai ({share}) tanpa bukti"


def _named(flags: pd.DataFrame, units: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    names = dict(zip(units["kode"].astype(str), units["nama"], strict=False))
    out = flags.assign(nama=flags["unit"].map(names).fillna(flags["unit"]))
    out["apa"] = [describe(r, settings) for _, r in out.iterrows()] if len(out) else []
    return out


def flags(data: YearData, month: int) -> pd.DataFrame:
    """The year's flags through month m, each with its unit's name and its sentence."""
    found = integrity_flags(
        data.pk, data.uploaded, data.complaints, data.year, month, data.as_of, data.settings
    )
    return _named(found, data.units, data.settings)


def flag_complaints(data: YearData, month: int, tickets: list[str]) -> pd.DataFrame:
    """The complaints behind one flag, as the complaint list shows them (Tanpa bukti included)."""
    rows = complaint_rows(data, month)
    rows = rows[rows["no_tiket"].astype(str).isin(set(tickets))]
    comp = data.complaints.loc[rows.index]
    return pd.DataFrame({
        "No Tiket": rows["no_tiket"], "Tanggal masuk": rows["tanggal_masuk"].map(fmt.tanggal),
        "Tanggal tanggapan": comp["tanggal_tanggapan"].map(fmt.tanggal),
        "Tanggal selesai": comp["tanggal_selesai"].map(fmt.tanggal), "Status": rows["status"].map(STATUS_LABEL),
        "Bukti": rows["bukti"], "Kategori": rows["kategori"], "Kelurahan": rows["kelurahan"],
    }).reset_index(drop=True)  # fmt: skip


def integrity_report(
    pk: pd.DataFrame, uploaded: pd.DataFrame, complaints: pd.DataFrame, units: pd.DataFrame, year: int, month: int,
    settings: Settings, as_of: date | None = None, sample: int = 5,
) -> pd.DataFrame:  # fmt: skip
    """The flags as one table for the command line (the first tickets behind each)."""
    day = as_of or (default_as_of(complaints) if len(complaints) else date(year, 12, 31))
    found = _named(integrity_flags(pk, uploaded, complaints, year, month, day, settings), units, settings)
    return pd.DataFrame({
        "Tanda": found["judul"], "Unit": found["nama"], "Yang terlihat": found["apa"],
        "Jumlah": found["jumlah"].astype("int64"), "Dari": found["dari"].astype("int64"),
        "Pengaduan (contoh)": [", ".join(t[:sample]) + (" …" if len(t) > sample else "") for t in found["tiket"]],
    }, columns=REPORT_COLUMNS)  # fmt: skip
