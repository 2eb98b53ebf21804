"""Complaint metrics per group (unit, kecamatan, kelurahan, saluran, kategori) with Wilson intervals (DOMAIN §3.1)."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from kinerja.domain.schema import COMPLAINT_DATES, KLAIM_FIELDS
from kinerja.domain.settings import Settings
from kinerja.metrics.pengaduan import ComplaintState, col_days, complaint_state, default_as_of
from kinerja.metrics.workdays import to_days

GROUP_BY = ("unit", "kecamatan", "kelurahan", "saluran", "kategori")
TIDAK_DIISI = "(tidak diisi)"
Z95 = 1.959964  # two-sided 95 % normal quantile for the Wilson score interval
METRIC_COLUMNS = [
    "kelompok", "masuk", "selesai", "proses", "belum", "arsip", "tindak_lanjut_pct",
    "selesai_pct", "respon_hk_median", "respon_hk_p90", "respon_tepat_waktu_pct",
    "selesai_hari_median", "selesai_tepat_waktu_pct", "tunggakan", "lewat_batas", "bukti_pct",
]  # fmt: skip
WILSON_COLUMNS = [
    "respon_tepat_waktu_bawah", "respon_tepat_waktu_atas",
    "selesai_tepat_waktu_bawah", "selesai_tepat_waktu_atas",
]  # fmt: skip
COLUMNS = [*METRIC_COLUMNS, *WILSON_COLUMNS, "peringkat"]


def wilson(k: np.ndarray, n: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of k successes in n trials, in percent; NaN where n = 0."""
    k = np.asarray(k, dtype="float64")
    n = np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        z2 = z * z
        denom = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
        lo, hi = (centre - half) * 100, (centre + half) * 100
    bad = n <= 0
    return np.where(bad, np.nan, np.clip(lo, 0, 100)), np.where(bad, np.nan, np.clip(hi, 0, 100))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1) * 100.0, np.nan)


COUNTED = (
    "p", "selesai", "proses", "belum", "arsip", "respon_tepat", "lewat_respon", "answered",
    "selesai_tepat", "selesai_bertanggal", "lewat_60", "tunggakan", "lewat_batas", "bukti",
)  # fmt: skip


def _group_quantiles(
    values: np.ndarray, codes: np.ndarray, n: int, qs: tuple[float, ...]
) -> list[np.ndarray]:
    """Per-group quantiles with linear interpolation (as pandas `quantile`), sort-based.

    Groups without values get NaN.
    """
    if len(values) and np.array_equal(values, np.round(values)) and np.abs(values).max() < 2**20:
        # whole numbers (HK, days): one integer sort on code × 2^21 + value orders both at once
        key = codes.astype("int64") * 2**21 + (values.astype("int64") + 2**20)
        key.sort()
        v = ((key & (2**21 - 1)) - 2**20).astype("float64")
    else:
        v = values[np.lexsort((values, codes))]
    size = np.bincount(codes, minlength=n)
    first = np.cumsum(size) - size
    out = []
    for q in qs:
        h = (np.maximum(size, 1) - 1) * q
        lo = np.floor(h).astype("int64")
        hi = np.minimum(lo + 1, np.maximum(size - 1, 0))
        if len(v):
            a, b = v[np.minimum(first + lo, len(v) - 1)], v[np.minimum(first + hi, len(v) - 1)]
            res = a + (h - lo) * (b - a)
        else:
            res = np.zeros(n)
        out.append(np.where(size > 0, res, np.nan))
    return out


def group_stats(a: ComplaintState, codes: np.ndarray, n: int, settings: Settings) -> pd.DataFrame:
    """Metrics of DOMAIN §3.1 per group code 0..n-1 (codes < 0 are ignored), vectorised."""
    keep = codes >= 0
    # One bincount per fact (as fast as packing the 14 flags into one histogram, and readable).
    kept = codes[keep]
    tally = {k: np.bincount(kept, weights=a.flag(k)[keep], minlength=n).astype("int64") for k in COUNTED}

    def count(key: str) -> np.ndarray:
        return tally[key]

    masuk, selesai, proses, belum = count("p"), count("selesai"), count("proses"), count("belum")
    r_num, r_late = count("respon_tepat"), count("lewat_respon")
    r_den = count("answered") + r_late
    s_num, s_den = count("selesai_tepat"), count("selesai_bertanggal") + count("lewat_60")
    answered, dated = keep & a.answered, keep & a.selesai_bertanggal
    respon_med, respon_p90 = _group_quantiles(a.respon_hk[answered], codes[answered], n, (0.5, 0.9))
    (selesai_med,) = _group_quantiles(a.selesai_hari[dated], codes[dated], n, (0.5,))

    out = pd.DataFrame(
        {
            "masuk": masuk,
            "selesai": selesai,
            "proses": proses,
            "belum": belum,
            "arsip": count("arsip"),
            # KemenPANRB LAPOR! review: tindak lanjut = (selesai + proses) ÷ masuk.
            "tindak_lanjut_pct": _ratio(selesai + proses, masuk),
            "selesai_pct": _ratio(selesai, masuk),
            "respon_hk_median": respon_med,
            "respon_hk_p90": respon_p90,
            "respon_tepat_waktu_pct": _ratio(r_num, r_den),
            "selesai_hari_median": selesai_med,
            "selesai_tepat_waktu_pct": _ratio(s_num, s_den),
            "tunggakan": count("tunggakan"),
            "lewat_batas": count("lewat_batas"),
            "bukti_pct": _ratio(count("bukti"), masuk),
        }
    )
    out["respon_tepat_waktu_bawah"], out["respon_tepat_waktu_atas"] = wilson(r_num, r_den)
    out["selesai_tepat_waktu_bawah"], out["selesai_tepat_waktu_atas"] = wilson(s_num, s_den)
    eligible = (out["masuk"] >= settings.minimal_pengaduan) & out["respon_tepat_waktu_pct"].notna()
    rank = out["respon_tepat_waktu_pct"].where(eligible).rank(method="min", ascending=False)
    out["peringkat"] = rank.astype("Int64")
    return out


def _labels(values: pd.Series, by: str, units: pd.DataFrame | None) -> tuple[np.ndarray, list[str]]:
    """Group code per row and the group names (display nama for units, `(tidak diisi)` blank)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    names = pd.Series(uniques, dtype="object").astype(str).str.strip()
    if by == "unit" and units is not None and len(units):
        lookup = dict(zip(units["kode"].astype(str), units["nama"].astype(str), strict=False))
        names = names.map(lambda k: lookup.get(k, k))
    names = names.where(names != "", TIDAK_DIISI)
    names = pd.concat([names, pd.Series([TIDAK_DIISI])], ignore_index=True)
    codes = np.where(codes < 0, len(names) - 1, codes)
    merged, labels = pd.factorize(names)  # two kodes with one name form one group
    return merged[codes], list(labels)


def complaint_metrics(
    complaints: pd.DataFrame,
    year: int,
    month: int | None = None,
    by: str = "unit",
    as_of: Any = None,
    settings: Settings | None = None,
    units: pd.DataFrame | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """DOMAIN §3.1 metrics per group for complaints received in year (and month) up to as_of."""
    if by not in GROUP_BY:
        raise ValueError(f"by harus salah satu dari {', '.join(GROUP_BY)}")
    settings = settings or Settings()
    if as_of is None:
        as_of = default_as_of(complaints, today)
    day = to_days(as_of)
    if len(complaints) == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    masuk = col_days(complaints, "tanggal_masuk")
    inwin = (masuk.astype("datetime64[Y]").astype("int64") + 1970 == year) & (masuk <= day)
    if month is not None:
        inwin &= masuk.astype("datetime64[M]").astype("int64") % 12 + 1 == month
    wanted = (by, "status", "ada_bukti", *COMPLAINT_DATES, *KLAIM_FIELDS.values())
    needed = [col for col in wanted if col in complaints]
    c = complaints[needed] if inwin.all() else complaints[needed][inwin]
    codes, labels = _labels(c[by] if by in c else pd.Series(pd.NA, index=c.index), by, units)
    a = complaint_state(c, day, settings)
    out = group_stats(a, codes, len(labels), settings)
    out.insert(0, "kelompok", labels)
    out = out[(out["masuk"] + out["arsip"]) > 0]
    out = out.iloc[np.argsort(out["kelompok"].str.casefold().to_numpy(), kind="stable")]
    return out[COLUMNS].reset_index(drop=True)


def total_stats(comp: pd.DataFrame, as_of: date, settings: Settings) -> pd.Series:
    """DOMAIN §3.1 metrics of all the given complaints taken as one group, as of a date."""
    a = complaint_state(comp, np.datetime64(as_of, "D"), settings)
    return group_stats(a, np.zeros(len(comp), dtype="int64"), 1, settings).iloc[0]
