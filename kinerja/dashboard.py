"""Data for the dashboard pages: a year's monthly scorecards, tiles, heatmap, quadrant, watch lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from kinerja import fmt
from kinerja.capaian import indicator_results, kategori, score_units
from kinerja.complaints import _status_arrays, default_as_of, group_stats
from kinerja.metrics import combined_realisasi, linked_indicators
from kinerja.schema import LUAR_PEMKOT
from kinerja.settings import Settings
from kinerja.workdays import to_days

KATEGORI = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
KATEGORI_RENDAH = ("Rendah", "Sangat Rendah")
KATEGORI_TINGGI = ("Sangat Tinggi", "Tinggi")
BATAS_TINGGI = 76.0  # Permendagri 86/2017: "Tinggi" starts here (quadrant x line)
BATAS_RESPON = 80.0  # quadrant y line: 4 of 5 complaints answered within the SLA


@dataclass(frozen=True)
class Tile:
    """One headline card: formatted value, change from the previous month, monthly series."""

    label: str
    value: str
    delta: str | None = None
    delta_description: str | None = None
    series: list[float] = field(default_factory=list)
    help: str = ""
    delta_color: str = "normal"


@dataclass(frozen=True)
class YearData:
    """Everything the pages need for one year, computed once per upload (cached by the shell)."""

    year: int
    settings: Settings
    units: pd.DataFrame
    pk: pd.DataFrame
    uploaded: pd.DataFrame  # realisasi as uploaded
    realisasi: pd.DataFrame  # uploaded + computed from complaints (DOMAIN §2.2)
    complaints: pd.DataFrame
    as_of: date  # as-of date of all complaint data
    results: pd.DataFrame  # indicator_results for bulan 1..12 (column `bulan`)
    scores: pd.DataFrame  # score_units for bulan 1..12 (column `bulan`)
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # results shared by views

    @property
    def empty(self) -> bool:
        return self.pk.empty and self.complaints.empty

    def month_as_of(self, month: int) -> date:
        """End of the month, or the as-of date of the complaint data when that is earlier."""
        end = (pd.Timestamp(self.year, month, 1) + pd.offsets.MonthEnd(0)).date()
        return min(end, self.as_of)


def build_year(
    frames: dict[str, pd.DataFrame], year: int, settings: Settings | None = None, today: date | None = None
) -> YearData:
    """Compute a year's indicator results and unit scores for every month (DOMAIN §2)."""
    settings = settings or Settings()
    units, pk = frames["units"], frames["pk"]
    comp = frames["pengaduan"]
    pk = pk[pd.to_numeric(pk["tahun"], errors="coerce") == year]
    uploaded = frames["realisasi"]
    as_of = default_as_of(comp, today) if len(comp) else date(year, 12, 31)
    as_of = min(as_of, date(year, 12, 31)) if len(comp) else as_of
    real = combined_realisasi(pk, uploaded, comp, year, settings, as_of=as_of)
    results = results_by_month(pk, real, year, settings, units)
    return YearData(
        year, settings, units, pk, uploaded, real, comp, as_of, results,
        scores_by_month(results, units, settings),
    )  # fmt: skip


_MONTHLY = ["target_periode", "target_periode_min", "target_periode_max", "realisasi", "capaian_periode",
            "capaian_tahunan", "kategori", "dilaporkan", "bulan_terakhir"]  # fmt: skip


def results_by_month(
    pk: pd.DataFrame, realisasi: pd.DataFrame, year: int, settings: Settings, units: pd.DataFrame
) -> pd.DataFrame:
    """indicator_results for months 1..12 stacked (column `bulan`), preparing the PK only once.

    Same rows and values as twelve indicator_results calls (tests compare them); only the
    month-dependent columns are recomputed with capaian's own helpers.
    """
    from kinerja import capaian as cp

    base = indicator_results(pk, realisasi, year, 12, settings, units=units)
    if base.empty:
        return base.assign(bulan=pd.Series(dtype="int64"))
    tw = cp._prepare_pk(pk, year)[["unit", "kunci", "tw1", "tw2", "tw3", "tw4"]].astype({"unit": str})
    p = base[["unit", "kunci", "akumulasi", "polaritas", "target_min", "target_max"]].merge(
        tw, on=["unit", "kunci"], how="left", validate="one_to_one"
    )
    matrix = cp._monthly_matrix(p, realisasi, year)
    akum, pol = p["akumulasi"].to_numpy(dtype=object), p["polaritas"].to_numpy(dtype=object)
    out = []
    for m in range(1, 13):
        r, rep, last = cp._realisasi_to_date(matrix, akum, m)
        lo, hi = cp._target_to_date(p, m)
        cap_p = cp.capaian(r, lo, hi, pol)
        month = base.copy()
        month["target_periode"] = np.where(lo == hi, lo, np.nan)
        month["target_periode_min"], month["target_periode_max"], month["realisasi"] = lo, hi, r
        month["capaian_periode"] = cap_p
        month["capaian_tahunan"] = cp.capaian(r, p["target_min"].to_numpy(), p["target_max"].to_numpy(), pol)
        month["kategori"] = kategori(cap_p).to_numpy()
        month["dilaporkan"] = rep
        month["bulan_terakhir"] = pd.array(np.where(rep, last, 0), dtype="Int64")
        month.loc[~month["dilaporkan"], "bulan_terakhir"] = pd.NA
        out.append(month.assign(bulan=m))
    return pd.concat(out, ignore_index=True)


def scores_by_month(results: pd.DataFrame, units: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """score_units for every month in one call: each (unit, month) is scored as its own unit."""
    if results.empty:
        return score_units(results, units, settings).assign(bulan=pd.Series(dtype="int64"))
    key = results["unit"].astype(str) + "\x1f" + results["bulan"].astype(str)
    u = units.astype({"kode": str})
    many = pd.concat([u.assign(kode=u["kode"] + f"\x1f{m}") for m in range(1, 13)], ignore_index=True)
    s = score_units(results.assign(unit=key), many, settings)
    parts = s["unit"].str.split("\x1f", n=1, expand=True)
    s = s.assign(unit=parts[0], bulan=parts[1].astype("int64"), nama=s["nama"].str.split("\x1f").str[0])
    return s.sort_values("bulan", kind="stable").reset_index(drop=True)


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


# --- tiles -------------------------------------------------------------------------------------
def _delta(now: float, before: float, kind: str) -> str | None:
    if fmt.kosong(now) or fmt.kosong(before):
        return None
    d = float(now) - float(before)
    text = fmt.bilangan(d) if kind == "count" else fmt.angka(d, 1)
    text = text if text.startswith("-") else f"+{text}"
    return f"{text} poin" if kind == "pct" else text


def _series(values: pd.Series) -> list[float]:
    return [float(v) for v in values if not fmt.kosong(v)]


def total_stats(comp: pd.DataFrame, as_of: date, settings: Settings) -> pd.Series:
    """DOMAIN §3.1 metrics of all the given complaints taken as one group, as of a date."""
    a = _status_arrays(comp, np.datetime64(as_of, "D"), settings)
    return group_stats(a, np.zeros(len(comp), dtype="int64"), 1, settings).iloc[0]


def city_complaints(data: YearData, month: int) -> pd.DataFrame:
    """City-wide complaint metrics through each month 1..m, as of the end of that month."""
    if ("city", month) in data.memo:
        return data.memo[("city", month)]
    rows = []
    comp = data.complaints
    masuk = to_days(comp["tanggal_masuk"]) if len(comp) else np.array([], dtype="datetime64[D]")
    arsip = (comp["status"] == "arsip").fillna(False).to_numpy(dtype=bool) if len(comp) else masuk == masuk
    for m in range(1, month + 1):
        day = np.datetime64(data.month_as_of(m), "D")
        win = (masuk >= np.datetime64(f"{data.year:04d}-01-01")) & (masuk <= day)
        stats = total_stats(comp[win], data.month_as_of(m), data.settings)
        month_start = np.datetime64(f"{data.year:04d}-{m:02d}-01")
        this_month = win & (masuk >= month_start) & ~arsip
        rows.append(stats.to_dict() | {"bulan": m, "masuk_bulan": int(this_month.sum())})
    data.memo[("city", month)] = out = pd.DataFrame(rows).set_index("bulan")
    return out


def kinerja_tiles(data: YearData, month: int) -> list[Tile]:
    """Units reporting, mean nilai, indicators high/low — each against the previous month."""
    prev_name = fmt.bulan_nama(month - 1) if month > 1 else None
    desc = f"dibanding {fmt.BULAN_SINGKAT[month - 2]}" if prev_name else None
    s = data.scores[data.scores["bulan"] <= month]
    n_units = s.groupby("bulan")["unit"].size()
    reported = (
        data.uploaded.assign(bulan=pd.to_numeric(data.uploaded["bulan"], errors="coerce"))
        .groupby("bulan")["unit"].nunique()
        .reindex(range(1, month + 1), fill_value=0)
    )  # fmt: skip
    mean = s.groupby("bulan")["nilai"].mean().reindex(range(1, month + 1))
    kc = kategori_counts(data, month)
    high = kc[list(KATEGORI_TINGGI)].sum(axis=1)
    low = kc[list(KATEGORI_RENDAH)].sum(axis=1)
    total = int(n_units.get(month, 0))

    def pair(series: pd.Series, kind: str) -> tuple[str | None, str | None]:
        if month == 1:
            return None, None
        return _delta(series.get(month), series.get(month - 1), kind), desc

    n_ind = int(kc.loc[month].sum()) if month in kc.index else 0
    return [
        Tile("Unit melapor bulan ini", f"{fmt.bilangan(reported.get(month, 0))} dari {fmt.bilangan(total)}",
             *pair(reported, "count"), _series(reported),
             "Unit dengan PK yang mengunggah realisasi untuk bulan ini."),
        Tile("Rata-rata nilai unit", fmt.angka(mean.get(month), 1, blank=fmt.STRIP), *pair(mean, "num"),
             _series(mean), "Rerata nilai unit (capaian periode dibatasi 120) pada bulan terpilih."),
        Tile("Indikator Tinggi ke atas", f"{fmt.bilangan(high.get(month, 0))} dari {fmt.bilangan(n_ind)}",
             *pair(high, "count"), _series(high), "Indikator berkategori Sangat Tinggi atau Tinggi (≥ 76)."),
        Tile("Indikator Rendah ke bawah", fmt.bilangan(low.get(month, 0)), *pair(low, "count"),
             _series(low), "Indikator berkategori Rendah atau Sangat Rendah (< 66).", "inverse"),
    ]  # fmt: skip


def complaint_tiles(data: YearData, month: int) -> list[Tile]:
    """Complaints received this month, tindak lanjut %, on-time response %, overdue backlog."""
    city = city_complaints(data, month)
    desc = f"dibanding {fmt.BULAN_SINGKAT[month - 2]}" if month > 1 else None
    sla = data.settings.sla_respon_hk

    def t(label: str, col: str, kind: str, text: str, help_: str, color: str = "normal") -> Tile:
        s = city[col]
        delta = _delta(s.get(month), s.get(month - 1), kind) if month > 1 else None
        return Tile(label, text, delta, desc if delta else None, _series(s), help_, color)

    now = city.loc[month]
    return [
        t("Pengaduan masuk bulan ini", "masuk_bulan", "count", fmt.bilangan(now["masuk_bulan"]),
          "Pengaduan diterima pada bulan terpilih (tanpa arsip tidak dikurangi)."),
        t("Tindak lanjut", "tindak_lanjut_pct", "pct", fmt.persen(now["tindak_lanjut_pct"], blank=fmt.STRIP),
          "(Selesai + proses) ÷ masuk sejak 1 Januari, posisi akhir bulan (definisi KemenPANRB)."),
        t("Respon tepat waktu", "respon_tepat_waktu_pct", "pct",
          fmt.persen(now["respon_tepat_waktu_pct"], blank=fmt.STRIP),
          f"Ditanggapi ≤ {sla} hari kerja ÷ (ditanggapi + belum ditanggapi yang sudah lewat {sla} HK)."),
        t("Tunggakan lewat batas", "lewat_batas", "count", fmt.bilangan(now["lewat_batas"]),
          f"Belum selesai dan belum ditanggapi > {sla} HK atau berumur > "
          f"{data.settings.sla_selesai_hari} hari, posisi akhir bulan.", "inverse"),
    ]  # fmt: skip


# --- quadrant and watch lists --------------------------------------------------------------------
def unit_complaints(data: YearData, month: int) -> pd.DataFrame:
    """Per unit (by kode): complaint metrics through month m, as of the end of m."""
    from kinerja.complaints import complaint_metrics

    if ("unit_complaints", month) in data.memo:
        return data.memo[("unit_complaints", month)]
    comp = data.complaints
    if comp.empty:
        from kinerja.complaints import COLUMNS

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
    good_pk, good_resp = q["nilai"] >= BATAS_TINGGI, q["respon_tepat_waktu_pct"] >= BATAS_RESPON
    q["kuadran"] = np.select(
        [good_pk & good_resp, good_pk & ~good_resp, ~good_pk & good_resp],
        ["PK tercapai, aduan dilayani", "PK tercapai, aduan terabaikan", "PK tertinggal, aduan dilayani"],
        "PK tertinggal, aduan terabaikan",
    )
    return q.reset_index(drop=True)


def short_names(units: pd.DataFrame) -> dict[str, str]:
    """Kode → short label for crowded charts: the unit's first alias (Dinsos, PUPR), else its name."""
    alias = units["alias"].fillna("").astype(str).str.split("|").str[0].str.strip()
    return dict(zip(units["kode"].astype(str), alias.where(alias != "", units["nama"]), strict=False))


def perlu_perhatian(data: YearData, month: int) -> dict[str, pd.DataFrame]:
    """Rendah/Sangat Rendah indicators, units with overdue complaints, units not reporting this month."""
    r = data.results[(data.results["bulan"] == month) & data.results["kategori"].isin(KATEGORI_RENDAH)]
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
