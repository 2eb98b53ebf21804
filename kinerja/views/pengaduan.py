"""Complaint views for the dashboard: filtered rows, tiles, trends, aging, funnel, kecamatan (DOMAIN §3)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kinerja.domain.vocabulary import TANPA_BUKTI
from kinerja.metrics.kelompok import complaint_metrics, total_stats
from kinerja.metrics.pengaduan import complaint_status_as_of
from kinerja.metrics.workdays import to_days
from kinerja.views import fmt
from kinerja.views.ringkasan import scorecard
from kinerja.views.tiles import Tile
from kinerja.views.year import YearData

FILTERS = ("unit", "kecamatan", "kelurahan", "saluran", "kategori", "status")
STATUS_LABEL = {
    "belum_diverifikasi": "Belum diverifikasi",
    "belum_ditindaklanjuti": "Belum ditindaklanjuti",
    "proses": "Proses",
    "selesai": "Selesai",
    "arsip": "Arsip",
}
# Backlog aging (calendar days open): the 3 HK / 5 HK / 60-day deadlines of DOMAIN §3.
AGING = ((0, 3, "0–3 hari"), (4, 5, "4–5 hari"), (6, 14, "6–14 hari"), (15, 60, "15–60 hari"))
AGING_LAST = "> 60 hari"
FUNNEL = ("Masuk", "Diverifikasi / didisposisi", "Ditanggapi", "Selesai")
# Column headings of the DOMAIN §3.1 metrics on screen and in downloads.
METRIC_LABELS = {
    "kelompok": "Kelompok", "masuk": "Masuk", "selesai": "Selesai", "proses": "Proses", "belum": "Belum",
    "arsip": "Arsip", "tindak_lanjut_pct": "Tindak lanjut (%)", "selesai_pct": "Selesai (%)",
    "respon_hk_median": "Respon median (HK)", "respon_hk_p90": "Respon P90 (HK)",
    "respon_tepat_waktu_pct": "Respon tepat waktu (%)", "selesai_hari_median": "Selesai median (hari)",
    "selesai_tepat_waktu_pct": "Selesai ≤ 60 hari (%)", "tunggakan": "Tunggakan",
    "lewat_batas": "Lewat batas", "bukti_pct": "Dengan bukti (%)",
    "respon_tepat_waktu_bawah": "Respon tepat waktu, batas bawah 95 %",
    "respon_tepat_waktu_atas": "Respon tepat waktu, batas atas 95 %",
    "selesai_tepat_waktu_bawah": "Selesai ≤ 60 hari, batas bawah 95 %",
    "selesai_tepat_waktu_atas": "Selesai ≤ 60 hari, batas atas 95 %", "peringkat": "Peringkat",
}  # fmt: skip


def window(data: YearData, month: int, only_month: bool = False) -> tuple[pd.DataFrame, date]:
    """Complaints received in the year up to the end of m (or in month m only) and their as-of."""
    comp, as_of = data.complaints, data.month_as_of(month)
    if comp.empty:
        return comp, as_of
    masuk = pd.to_datetime(comp["tanggal_masuk"])
    keep = (masuk.dt.year == data.year) & (masuk.dt.normalize() <= pd.Timestamp(as_of))
    if only_month:
        keep &= masuk.dt.month == month
    return comp[keep], as_of


def complaint_rows(data: YearData, month: int, only_month: bool = False) -> pd.DataFrame:
    """One row per complaint of the window with its status as of the end of m (no identity)."""
    comp, as_of = window(data, month, only_month)
    cols = ["no_tiket", "tanggal_masuk", "saluran", "kategori", "kecamatan", "kelurahan", "unit", "uraian"]
    if comp.empty:
        return pd.DataFrame(columns=[*cols, "unit_nama", "status", "status_label", "respon_hk",
                                     "hari_terbuka", "lewat_batas", "tunggakan", "bulan", "bukti"])  # fmt: skip
    st = complaint_status_as_of(comp, as_of, data.settings)
    rows = comp[cols].copy()
    names = dict(zip(data.units["kode"].astype(str), data.units["nama"], strict=False))
    rows["unit_nama"] = rows["unit"].astype("string").map(names).fillna(rows["unit"]).fillna("(tidak diisi)")
    for c in ("saluran", "kategori", "kecamatan", "kelurahan"):
        rows[c] = rows[c].fillna("(tidak diisi)")
    rows["status"] = st["status"]
    rows["status_label"] = st["status"].map(STATUS_LABEL)
    for c in ("respon_hk", "hk_berjalan", "hari_terbuka", "lewat_batas", "tunggakan", "dijawab"):
        rows[c] = st[c]
    rows["bulan"] = pd.to_datetime(rows["tanggal_masuk"]).dt.month
    rows["bukti"] = bukti_label(comp["ada_bukti"])
    return rows


def bukti_label(ada_bukti: pd.Series) -> pd.Series:
    """`Ada` or `Tanpa bukti` (a blank Ada Bukti is "no", DOMAIN §3.1): shown wherever complaints are listed."""
    yes = ada_bukti.astype("boolean").fillna(False).astype(bool)
    return yes.map({True: "Ada", False: TANPA_BUKTI})


def filter_options(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Choices for each filter, sorted ignoring case (unit by display name, status in lifecycle order)."""
    opts = {
        c: sorted(rows[src].dropna().astype(str).unique(), key=str.casefold)
        for c, src in (("unit", "unit_nama"), ("kecamatan", "kecamatan"), ("kelurahan", "kelurahan"),
                       ("saluran", "saluran"), ("kategori", "kategori"))
    }  # fmt: skip
    present = set(rows["status_label"].dropna())
    opts["status"] = [s for s in STATUS_LABEL.values() if s in present]
    return opts


def apply_filters(rows: pd.DataFrame, chosen: dict[str, list[str]]) -> pd.DataFrame:
    """Rows matching every non-empty filter (a filter left empty means all)."""
    src = {"unit": "unit_nama", "status": "status_label"}
    mask = pd.Series(True, index=rows.index)
    for key, values in chosen.items():
        if values:
            mask &= rows[src.get(key, key)].astype(str).isin(values)
    return rows[mask]


def tiles(data: YearData, rows: pd.DataFrame, month: int, trend: pd.DataFrame | None = None) -> list[Tile]:
    """Headline cards of the filtered complaints, with each month's value as the sparkline."""
    comp = data.complaints.loc[rows.index]
    cur = total_stats(comp, data.month_as_of(month), data.settings)
    trend = ontime_trend(data, rows, month) if trend is None else trend
    sla = data.settings.sla_respon_hk
    return [
        Tile("Pengaduan", fmt.bilangan(cur["masuk"]), series=[float(x) for x in monthly_counts(rows, month)],
             help="Pengaduan masuk pada periode dan filter terpilih (tanpa arsip)."),
        Tile("Tindak lanjut", fmt.persen(cur["tindak_lanjut_pct"], blank=fmt.STRIP),
             series=_clean(trend["tindak_lanjut_pct"]), help="(Selesai + proses) ÷ masuk."),
        Tile("Respon tepat waktu", fmt.persen(cur["respon_tepat_waktu_pct"], blank=fmt.STRIP),
             series=_clean(trend["respon_tepat_waktu_pct"]), help=f"Ditanggapi ≤ {sla} hari kerja."),
        Tile("Median respon", f"{fmt.ringkas(cur['respon_hk_median'], 1, blank=fmt.STRIP)} HK",
             help="Median hari kerja dari disposisi (atau masuk) sampai tanggapan pertama."),
        Tile("Tunggakan lewat batas", fmt.bilangan(cur["lewat_batas"]), series=_clean(trend["lewat_batas"]),
             help="Belum selesai dan sudah melewati batas respon atau 60 hari.", delta_color="inverse"),
    ]  # fmt: skip


def _clean(s: pd.Series) -> list[float]:
    return [float(v) for v in s if not fmt.kosong(v)]


def monthly_counts(rows: pd.DataFrame, month: int) -> pd.Series:
    p = rows[rows["status"] != "arsip"]
    return p.groupby("bulan").size().reindex(range(1, month + 1), fill_value=0)


def ontime_trend(data: YearData, rows: pd.DataFrame, month: int) -> pd.DataFrame:
    """Rates of the filtered complaints received since 1 Jan, as of the end of each month 1..m."""
    comp = data.complaints.loc[rows.index]
    masuk = to_days(comp["tanggal_masuk"]) if len(comp) else np.array([], dtype="datetime64[D]")
    out = []
    for m in range(1, month + 1):
        day = data.month_as_of(m)
        keep = masuk <= np.datetime64(day, "D")
        s = total_stats(comp[keep], day, data.settings)
        out.append({"bulan": m, "bulan_label": fmt.BULAN_SINGKAT[m - 1], **s.to_dict()})
    return pd.DataFrame(out)


def volume_by_channel(rows: pd.DataFrame, month: int) -> pd.DataFrame:
    """Complaints received per month (rows) and saluran (columns), archived ones excluded."""
    p = rows[rows["status"] != "arsip"]
    t = pd.crosstab(p["bulan"], p["saluran"]) if len(p) else pd.DataFrame()
    t = t.reindex(range(1, month + 1), fill_value=0)
    t.index = [fmt.BULAN_SINGKAT[m - 1] for m in t.index]
    return t[t.sum().sort_values(ascending=False).index] if len(t.columns) else t


def aging(rows: pd.DataFrame) -> pd.DataFrame:
    """Open complaints by days open: 0–3, 4–5, 6–14, 15–60, > 60 (calendar days)."""
    days = rows.loc[rows["tunggakan"].astype(bool), "hari_terbuka"].astype("float64")
    labels = [b[2] for b in AGING] + [AGING_LAST]
    counts = [int(((days >= lo) & (days <= hi)).sum()) for lo, hi, _ in AGING] + [int((days > 60).sum())]
    return pd.DataFrame({"umur": labels, "jumlah": counts})


def funnel(rows: pd.DataFrame) -> pd.DataFrame:
    """How far the complaints (not archived) got: masuk → verified/disposed → answered → done."""
    p = rows[rows["status"] != "arsip"]
    stage = p["status"].map({"belum_diverifikasi": 0, "belum_ditindaklanjuti": 1, "proses": 2, "selesai": 3})
    counts = [int((stage >= k).sum()) for k in range(4)]
    return pd.DataFrame({"tahap": list(FUNNEL), "jumlah": counts})


def overdue_list(rows: pd.DataFrame) -> pd.DataFrame:
    """Complaints past a deadline, oldest first: ticket, date received, days open — never identity."""
    o = rows[rows["lewat_batas"].astype(bool)].sort_values("hari_terbuka", ascending=False)
    return pd.DataFrame({
        "No Tiket": o["no_tiket"].fillna(fmt.STRIP), "Tanggal masuk": o["tanggal_masuk"].map(fmt.tanggal),
        "Kategori": o["kategori"], "Kelurahan": o["kelurahan"], "Unit tujuan": o["unit_nama"],
        "Hari terbuka": o["hari_terbuka"].astype("Int64"), "Status": o["status_label"], "Bukti": o["bukti"],
    })  # fmt: skip


def ranking(
    data: YearData, rows: pd.DataFrame, month: int, by: str, only_month: bool = False
) -> pd.DataFrame:
    """DOMAIN §3.1 metrics of the filtered complaints per group, with Wilson intervals and rank."""
    comp = data.complaints.loc[rows.index]
    return complaint_metrics(
        comp, data.year, month if only_month else None, by, data.month_as_of(month), data.settings, data.units
    )


def counts_by(rows: pd.DataFrame, col: str) -> pd.DataFrame:
    """Complaints (not archived) per value of col, most first."""
    p = rows[rows["status"] != "arsip"]
    c = p.groupby(col).agg(jumlah=("status", "size"), lewat_batas=("lewat_batas", "sum"))
    return c.sort_values(["jumlah"], ascending=False).reset_index()


def kecamatan_summary(data: YearData, month: int) -> pd.DataFrame:
    """The six kecamatan side by side: complaints located there (any unit) and the camat's nilai."""
    m = complaint_metrics(data.complaints, data.year, None, "kecamatan", data.month_as_of(month),
                          data.settings, data.units) if len(data.complaints) else pd.DataFrame(
        columns=["kelompok", "masuk", "tindak_lanjut_pct", "respon_tepat_waktu_pct", "lewat_batas"])  # fmt: skip
    kec = data.units[data.units["jenis"] == "Kecamatan"][["kode", "nama"]]
    kec = kec.assign(kecamatan=kec["nama"].str.replace(r"^Kecamatan\s+", "", regex=True))
    sc = scorecard(data, month).set_index("unit")
    kec["nilai"] = kec["kode"].map(sc["nilai"])
    kec["kategori"] = kec["kode"].map(sc["kategori"])
    out = kec.merge(m.rename(columns={"kelompok": "kecamatan"}), on="kecamatan", how="left")
    cols = ["kode", "nama", "kecamatan", "nilai", "kategori", "masuk", "tindak_lanjut_pct",
            "respon_tepat_waktu_pct", "lewat_batas", "tunggakan"]  # fmt: skip
    out = out.reindex(columns=cols)
    return out.sort_values("kecamatan", key=lambda s: s.str.casefold()).reset_index(drop=True)


def complaint_list(rows: pd.DataFrame, for_screen: bool = True) -> pd.DataFrame:
    """The filtered complaints as a table (Uraian was masked on import; no identity is stored).

    On screen dates read `27 Feb 2018`; in downloads they stay dates.
    """
    tanggal = pd.to_datetime(rows["tanggal_masuk"]).dt.date
    return pd.DataFrame({
        "No Tiket": rows["no_tiket"], "Tanggal masuk": tanggal.map(fmt.tanggal) if for_screen else tanggal,
        "Saluran": rows["saluran"], "Kategori": rows["kategori"], "Kecamatan": rows["kecamatan"],
        "Kelurahan": rows["kelurahan"], "Perangkat daerah tujuan": rows["unit_nama"],
        "Status": rows["status_label"], "Respon (HK)": rows["respon_hk"].astype("Int64"),
        "Hari terbuka": rows["hari_terbuka"].astype("Int64"),
        "Lewat batas": rows["lewat_batas"].map({True: "Ya", False: "Tidak"}), "Bukti": rows["bukti"],
        "Uraian": rows["uraian"],
    }).reset_index(drop=True)  # fmt: skip
