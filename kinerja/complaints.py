"""Complaint service metrics on a working-day clock, per group and per complaint (DOMAIN §3)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from kinerja.schema import COMPLAINT_DATES, STATUS_ORDER
from kinerja.settings import Settings
from kinerja.workdays import WorkCalendar, to_days

GROUP_BY = ("unit", "kecamatan", "kelurahan", "saluran", "kategori")
TIDAK_DIISI = "(tidak diisi)"
Z95 = 1.959964  # two-sided 95 % normal quantile for the Wilson score interval
NAT = np.datetime64("NaT", "D")
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
_STAGE = {s: i for i, s in enumerate(STATUS_ORDER)}
BELUM_TINDAK, PROSES, SELESAI = 1, 2, 3


def today_wita() -> date:
    """Today's date in Kota Kupang (WITA, UTC+8)."""
    return datetime.now(ZoneInfo("Asia/Makassar")).date()


def default_as_of(complaints: pd.DataFrame, today: date | None = None) -> date:
    """Latest date in any date column of the complaint data, never later than today (WITA)."""
    today = today or today_wita()
    latest = NAT
    for col in COMPLAINT_DATES:
        if col in complaints and len(complaints):
            d = to_days(complaints[col])
            d = d[~np.isnat(d)]
            if len(d) and (np.isnat(latest) or d.max() > latest):
                latest = d.max()
    if np.isnat(latest):
        return today
    return min(pd.Timestamp(latest).date(), today)


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


def _col_days(c: pd.DataFrame, col: str) -> np.ndarray:
    if col not in c:
        return np.full(len(c), NAT)
    return to_days(c[col])


_YA = {"true", "ya", "y", "yes", "1", "1.0", "ada", "✓"}


def _truthy(s: pd.Series) -> np.ndarray:
    """Ada Bukti as bool; blank (and anything not a yes) is "no" (DOMAIN §3.1)."""
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.fillna(False).to_numpy(dtype=bool)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    yes = [u is True or str(u).strip().casefold() in _YA for u in uniques] + [False]
    return np.array(yes, dtype=bool)[codes]


def _status_arrays(c: pd.DataFrame, as_of: np.datetime64, settings: Settings) -> dict[str, Any]:
    """Per-complaint state as of `as_of` (dates only); a date after as_of has not happened yet."""
    masuk = _col_days(c, "tanggal_masuk")

    def happened(col: str) -> np.ndarray:
        d = _col_days(c, col)
        return np.where(d <= as_of, d, NAT)

    ver, dis = happened("tanggal_verifikasi"), happened("tanggal_disposisi")
    tang, sel = happened("tanggal_tanggapan"), happened("tanggal_selesai")
    claimed_raw = c["status"] if "status" in c else pd.Series(pd.NA, index=c.index)
    codes, uniques = pd.factorize(claimed_raw, use_na_sentinel=True)
    stage_of = np.array([_STAGE.get(str(u), -1) for u in uniques] + [-1], dtype="int64")
    claimed = stage_of[codes]  # code -1 (blank) picks the trailing −1
    arsip = np.array([str(u) == "arsip" for u in uniques] + [False], dtype=bool)[codes]
    # Status derived from the dates (DOMAIN §3) ...
    derived = np.where(
        ~np.isnat(sel),
        SELESAI,
        np.where(~np.isnat(tang), PROSES, np.where(~(np.isnat(ver) & np.isnat(dis)), 1, 0)),
    )
    # ... but a later claimed Status stands (DOMAIN §4); it only lacks the dates rates need.
    stage = np.maximum(derived, claimed)
    ada = ~np.isnat(masuk) & (masuk <= as_of)
    clock = np.where(np.isnat(dis), masuk, dis)  # response clock: disposisi, else masuk
    response = np.where(np.isnat(tang), sel, tang)  # first response: tanggapan, else selesai
    answered = ~np.isnat(response)
    # Every date used lies between the earliest tanggal_masuk and as_of.
    cal = WorkCalendar.covering(masuk, as_of, extra_holidays=settings.libur_tambahan)
    respon_hk = np.full(len(c), np.nan)
    respon_hk[answered] = cal.hk_between(clock[answered], response[answered])
    hk_berjalan = np.full(len(c), np.nan)  # HK open so far, for unanswered complaints only
    hk_berjalan[~answered] = cal.hk_between(clock[~answered], as_of)
    unverified = (np.isnat(ver) & np.isnat(dis)) & (claimed <= 0)
    hk_masuk = np.full(len(c), np.nan)
    hk_masuk[unverified] = cal.hk_between(masuk[unverified], as_of)
    # Claimed proses/selesai with no response date: neither answered nor overdue (out of rate).
    respon_luar = ~answered & (stage >= PROSES)
    lewat_respon = ~answered & ~respon_luar & (hk_berjalan > settings.sla_respon_hk)
    selesai = stage == SELESAI
    selesai_bertanggal = ~np.isnat(sel)
    selesai_hari = np.where(selesai_bertanggal, (sel - masuk).astype("float64"), np.nan)
    umur = (as_of - masuk).astype("float64")
    # Perpres 76/2013: finished within 60 (calendar) days.
    lewat_60 = ~selesai & (umur > settings.sla_selesai_hari)
    lewat_verifikasi = (stage == 0) & (hk_masuk > settings.sla_verifikasi_hk)
    bukti = _truthy(c["ada_bukti"]) if "ada_bukti" in c else np.zeros(len(c), dtype=bool)
    p = ada & ~arsip
    return {
        "ada": ada,
        "p": p,
        "arsip": ada & arsip,
        "stage": stage,
        "derived": derived,
        "answered": p & answered,
        "respon_hk": np.where(p & answered, respon_hk, np.nan),
        "tanggal_respon": response,
        "hk_berjalan": np.where(p, hk_berjalan, np.nan),
        "respon_tepat": p & answered & (respon_hk <= settings.sla_respon_hk),
        "lewat_respon": p & lewat_respon,
        "selesai": p & selesai,
        "proses": p & (stage == PROSES),
        "belum": p & (stage <= BELUM_TINDAK),
        "selesai_bertanggal": p & selesai_bertanggal,
        "selesai_hari": np.where(p, selesai_hari, np.nan),
        "selesai_tepat": p & selesai_bertanggal & (selesai_hari <= settings.sla_selesai_hari),
        "lewat_60": p & lewat_60,
        "umur": np.where(ada, umur, np.nan),
        "lewat_verifikasi": p & lewat_verifikasi,
        "tunggakan": p & ~selesai,
        "lewat_batas": p & ~selesai & (lewat_respon | lewat_60),
        "bukti": p & bukti,
    }


def complaint_status_as_of(
    complaints: pd.DataFrame, as_of: Any = None, settings: Settings | None = None
) -> pd.DataFrame:
    """Per complaint (same index): status as of `as_of`, response time and overdue flags.

    `status` is <NA> for a complaint received after as_of.
    """
    settings = settings or Settings()
    day = to_days(as_of if as_of is not None else default_as_of(complaints))
    a = _status_arrays(complaints, day, settings)
    status = np.array(STATUS_ORDER, dtype=object)[a["stage"].clip(0, 3)]
    status = np.where(a["arsip"], "arsip", status)
    status[~a["ada"]] = None
    keep = [c for c in ("no_tiket", "tanggal_masuk", "unit", "kecamatan", "kelurahan") if c in complaints]
    out = complaints[keep].copy()
    out["status"] = pd.array(status, dtype="string")
    out["dijawab"] = a["answered"]
    out["tanggal_respon"] = pd.to_datetime(a["tanggal_respon"])
    out["respon_hk"] = a["respon_hk"]
    out["hk_berjalan"] = a["hk_berjalan"]
    out["lewat_verifikasi"] = a["lewat_verifikasi"]
    out["lewat_respon"] = a["lewat_respon"]
    out["lewat_60_hari"] = a["lewat_60"]
    out["lewat_batas"] = a["lewat_batas"]
    out["tunggakan"] = a["tunggakan"]
    out["selesai_hari"] = a["selesai_hari"]
    out["hari_terbuka"] = np.where(a["tunggakan"], a["umur"], np.nan)
    return out


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


def group_stats(a: dict[str, Any], codes: np.ndarray, n: int, settings: Settings) -> pd.DataFrame:
    """Metrics of DOMAIN §3.1 per group code 0..n-1 (codes < 0 are ignored), vectorised."""
    keep = codes >= 0
    # One histogram over (group, 14-bit flag pattern), then per-flag sums by a small product.
    bits = np.zeros(len(codes), dtype="uint16")
    for i, k in enumerate(COUNTED):
        bits |= a[k].view("uint8").astype("uint16") << np.uint16(i)
    width = 1 << len(COUNTED)
    key = codes[keep].astype("int64") * width + bits[keep]
    hist = np.bincount(key, minlength=n * width).reshape(n, width)
    patterns = (np.arange(width)[:, None] >> np.arange(len(COUNTED))[None, :]) & 1
    sums = hist @ patterns  # (groups × flags)
    tally = {k: sums[:, i].astype("int64") for i, k in enumerate(COUNTED)}

    def count(key: str) -> np.ndarray:
        return tally[key]

    masuk, selesai, proses, belum = count("p"), count("selesai"), count("proses"), count("belum")
    r_num, r_late = count("respon_tepat"), count("lewat_respon")
    r_den = count("answered") + r_late
    s_num, s_den = count("selesai_tepat"), count("selesai_bertanggal") + count("lewat_60")
    answered, dated = keep & a["answered"], keep & a["selesai_bertanggal"]
    respon_med, respon_p90 = _group_quantiles(a["respon_hk"][answered], codes[answered], n, (0.5, 0.9))
    (selesai_med,) = _group_quantiles(a["selesai_hari"][dated], codes[dated], n, (0.5,))

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
    masuk = _col_days(complaints, "tanggal_masuk")
    inwin = (masuk.astype("datetime64[Y]").astype("int64") + 1970 == year) & (masuk <= day)
    if month is not None:
        inwin &= masuk.astype("datetime64[M]").astype("int64") % 12 + 1 == month
    needed = [col for col in (by, "status", "ada_bukti", *COMPLAINT_DATES) if col in complaints]
    c = complaints[needed] if inwin.all() else complaints[needed][inwin]
    codes, labels = _labels(c[by] if by in c else pd.Series(pd.NA, index=c.index), by, units)
    a = _status_arrays(c, day, settings)
    out = group_stats(a, codes, len(labels), settings)
    out.insert(0, "kelompok", labels)
    out = out[(out["masuk"] + out["arsip"]) > 0]
    out = out.iloc[np.argsort(out["kelompok"].str.casefold().to_numpy(), kind="stable")]
    return out[COLUMNS].reset_index(drop=True)
