"""The city summary: scorecard, nilai per month, kategori counts, quadrant and watch lists."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.vocabulary import BATAS_RESPON, BATAS_TINGGI, KATEGORI, KATEGORI_RENDAH, LUAR_PEMKOT
from kinerja.metrics.kelompok import COLUMNS, complaint_metrics, total_stats
from kinerja.metrics.linked import linked_indicators
from kinerja.metrics.pengaduan import claims_as_of
from kinerja.metrics.workdays import to_days
from kinerja.views import fmt
from kinerja.views.year import YearData, whole_rows


# --- scorecard, series, heatmap ----------------------------------------------------------------
def scorecard(data: YearData, month: int) -> pd.DataFrame:
    """Units of month m best first, with rank, change from m-1 and the monthly nilai series."""
    s = data.scores[data.scores["bulan"] == month].reset_index(drop=True)
    if s.empty:
        return s.assign(peringkat=pd.Series(dtype="Int64"), perubahan=pd.Series(dtype="float64"), tren=None)
    prev = data.scores[data.scores["bulan"] == month - 1].set_index("unit")["nilai"]
    series = (
        data.scores[data.scores["bulan"] <= month]
        .sort_values("bulan")
        .groupby("unit")["nilai"]
        .agg(lambda v: [round(float(x), 2) for x in v if not np.isnan(x)])  # sparkline: reported months
    )
    rank = pd.Series(np.arange(1, len(s) + 1), index=s.index, dtype="Int64")
    s["peringkat"] = rank.where(s["nilai"].notna())  # units without data are listed, not ranked
    s["perubahan"] = s["nilai"] - s["unit"].map(prev)
    s["tren"] = s["unit"].map(series)
    return s


def nilai_matrix(data: YearData, month: int) -> pd.DataFrame:
    """Units × months (Jan..m) of nilai, rows in the order of month m's scorecard."""
    order = scorecard(data, month)["nama"].tolist()
    s = data.scores[data.scores["bulan"] <= month]
    m = s.pivot_table(index="nama", columns="bulan", values="nilai", aggfunc="first", dropna=False)
    m = m.reindex(index=order, columns=range(1, month + 1))
    m.columns = [fmt.BULAN_SINGKAT[c - 1] for c in m.columns]
    return m


def kategori_counts(data: YearData, month: int) -> pd.DataFrame:
    """Indicators per kategori for months 1..m (rows: month, columns: KATEGORI + Belum lapor)."""
    r = data.results[data.results["bulan"] <= month]
    r = r[r["unit"].map(_jenis(data)).fillna("") != LUAR_PEMKOT]
    k = r["kategori"].fillna("Belum lapor")
    out = pd.crosstab(r["bulan"], k).reindex(columns=[*KATEGORI, "Belum lapor"], fill_value=0)
    return out.reindex(range(1, month + 1), fill_value=0)


def _jenis(data: YearData) -> dict[str, str]:
    return dict(zip(data.units["kode"].astype(str), data.units["jenis"].fillna(""), strict=False))


def city_complaints(data: YearData, month: int) -> pd.DataFrame:
    """City-wide complaint metrics through each month 1..m, as of the end of that month."""
    if ("city", month) in data.memo:
        return data.memo[("city", month)]
    rows = []
    comp = data.complaints
    masuk = to_days(comp["tanggal_masuk"]) if len(comp) else np.array([], dtype="datetime64[D]")
    for m in range(1, month + 1):
        day = np.datetime64(data.month_as_of(m), "D")
        win = (masuk >= np.datetime64(f"{data.year:04d}-01-01")) & (masuk <= day)
        stats = total_stats(comp[win], data.month_as_of(m), data.settings)
        month_start = np.datetime64(f"{data.year:04d}-{m:02d}-01")
        this_month = win & (masuk >= month_start)
        _, arsip = claims_as_of(comp[this_month], day)  # archived by then (issue 11)
        rows.append(stats.to_dict() | {"bulan": m, "masuk_bulan": int(this_month.sum() - arsip.sum())})
    data.memo[("city", month)] = out = pd.DataFrame(rows).set_index("bulan")
    return out


# --- quadrant and watch lists --------------------------------------------------------------------
def unit_complaints(data: YearData, month: int) -> pd.DataFrame:
    """Per unit (by kode): complaint metrics through month m, as of the end of m."""
    if ("unit_complaints", month) in data.memo:
        return data.memo[("unit_complaints", month)]
    comp = data.complaints
    if comp.empty:
        cols = ["unit" if c == "kelompok" else c for c in COLUMNS]
        return pd.DataFrame({c: pd.Series(dtype="object" if c == "unit" else "float64") for c in cols})
    c = comp.assign(unit=comp["unit"].astype("string"))
    out = complaint_metrics(c, data.year, None, "unit", data.month_as_of(month), data.settings, units=None)
    data.memo[("unit_complaints", month)] = out = out.rename(columns={"kelompok": "unit"})
    return out


def quadrant(data: YearData, month: int) -> pd.DataFrame:
    """Kinerja vs pelayanan: unit nilai (x) against on-time response % (y), bubble = complaints."""
    s = scorecard(data, month)[["unit", "nama", "nilai", "kategori"]]
    c = unit_complaints(data, month)[["unit", "masuk", "respon_tepat_waktu_pct", "lewat_batas"]]
    q = s.merge(c, on="unit", how="inner").dropna(subset=["nilai", "respon_tepat_waktu_pct"])
    q["label"] = q["unit"].map(short_names(data.units)).fillna(q["nama"])
    q["kuadran"] = kuadran(q["nilai"].to_numpy(), q["respon_tepat_waktu_pct"].to_numpy())
    return q.reset_index(drop=True)


def kuadran(nilai: np.ndarray, respon: np.ndarray) -> np.ndarray:
    """Quadrant label per unit: nilai against BATAS_TINGGI, on-time response % against BATAS_RESPON.

    Both lines are lower bounds (a nilai of exactly 76 is "tercapai", 80 % exactly is "dilayani").
    """
    good_pk = np.asarray(nilai, dtype="float64") >= BATAS_TINGGI
    good_resp = np.asarray(respon, dtype="float64") >= BATAS_RESPON
    return np.select(
        [good_pk & good_resp, good_pk & ~good_resp, ~good_pk & good_resp],
        ["PK tercapai, aduan dilayani", "PK tercapai, aduan terabaikan", "PK tertinggal, aduan dilayani"],
        "PK tertinggal, aduan terabaikan",
    )


def short_names(units: pd.DataFrame) -> dict[str, str]:
    """Kode → short label for crowded charts: the unit's first alias (Dinsos, PUPR), else its name."""
    alias = units["alias"].fillna("").astype(str).str.split("|").str[0].str.strip()
    return dict(zip(units["kode"].astype(str), alias.where(alias != "", units["nama"]), strict=False))


def perlu_perhatian(data: YearData, month: int) -> dict[str, pd.DataFrame]:
    """Rendah/Sangat Rendah indicators, units with overdue complaints, units not reporting this month."""
    r = whole_rows(
        data.results[(data.results["bulan"] == month) & data.results["kategori"].isin(KATEGORI_RENDAH)]
    )
    low = r.sort_values("capaian_periode")[["nama", "indikator", "capaian_periode", "kategori"]]
    c = unit_complaints(data, month)
    names = dict(zip(data.units["kode"].astype(str), data.units["nama"], strict=False))
    over = c[c["lewat_batas"] > 0].assign(nama=lambda f: f["unit"].map(names).fillna(f["unit"]))
    over = over.sort_values(["lewat_batas", "nama"], ascending=[False, True])
    over = over[["nama", "lewat_batas", "tunggakan", "masuk"]]
    return {"indikator": low.reset_index(drop=True), "pengaduan": over.reset_index(drop=True),
            "belum_lapor": belum_lapor(data, month)}  # fmt: skip


def belum_lapor(data: YearData, month: int) -> pd.DataFrame:
    """Units with a PK whose uploaded indicators have no realisasi for month m (linked ones excluded)."""
    pk = data.pk
    linked = set(linked_indicators(pk, data.year)["kunci"].astype(str))
    own = pk[~pk["kunci"].astype(str).isin(linked)]
    if own.empty:
        return pd.DataFrame(columns=["nama", "indikator", "terakhir"])
    up = data.uploaded.assign(bulan=pd.to_numeric(data.uploaded["bulan"], errors="coerce"))
    up = up[up["realisasi"].notna() & up["kunci"].astype(str).isin(set(own["kunci"].astype(str)))]
    this = set(up.loc[up["bulan"] == month, "unit"].astype(str))
    last = up[up["bulan"] <= month].groupby("unit")["bulan"].max()
    n = own.groupby("unit").size()
    names = dict(zip(data.units["kode"].astype(str), data.units["nama"], strict=False))
    rows = [
        {"nama": names.get(u, u), "indikator": int(n[u]),
         "terakhir": fmt.bulan_nama(last.get(u), blank="belum pernah")}
        for u in n.index.astype(str) if u not in this
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["nama", "indikator", "terakhir"]).sort_values(
        "nama", key=lambda s: s.str.casefold()
    )
