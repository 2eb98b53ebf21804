"""Capaian of PK indicators through month m and unit scorecards (DOMAIN §2.1)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.settings import Settings
from kinerja.domain.vocabulary import KATEGORI_BANDS, KATEGORI_TERENDAH, LUAR_PEMKOT, SUMBER_PENGADUAN
from kinerja.metrics.pecahan import has_fractions, kumulatif_fractions

MONTHS = np.arange(1, 13)


def kategori(values: pd.Series | np.ndarray | list[float]) -> pd.Series:
    """Permendagri 86/2017 band of each capaian/nilai; missing where the value is missing."""
    s = pd.Series(values, dtype="float64") if not isinstance(values, pd.Series) else values
    x = s.to_numpy(dtype="float64", na_value=np.nan)
    out = np.full(x.shape, KATEGORI_TERENDAH, dtype=object)
    for bound, label in reversed(KATEGORI_BANDS):
        out[x >= bound] = label
    out[np.isnan(x)] = None
    return pd.Series(out, index=s.index, dtype="object")


def capaian(
    r: np.ndarray | pd.Series | float,
    lo: np.ndarray | pd.Series | float,
    hi: np.ndarray | pd.Series | float,
    polaritas: np.ndarray | pd.Series | str,
    rumus: np.ndarray | pd.Series | str | None = None,
) -> np.ndarray:
    """Capaian (%) of realisasi r against target [lo, hi] (lo = hi when not a range).

    PermenPANRB 8/2021 (`standar`, the default): positif R/T×100; negatif (2 − R/T)×100; a range
    scores 100 inside and is measured against the nearer bound outside; T = 0 per DOMAIN §2.1;
    never below 0, never capped. Rumus Capaian (issue 11): `kebalikan` — negatif T/R×100 (R = 0
    leaves it undefined unless T = 0 too), positif as standar; `maks_100` — standar capped at 100.
    NaN where r or the target is missing.
    """
    r_, lo_, hi_ = (np.asarray(v, dtype="float64") for v in (r, lo, hi))
    pol = np.asarray(polaritas, dtype=object)
    rum = np.asarray("standar" if rumus is None else rumus, dtype=object)
    r_, lo_, hi_, pol, rum = np.broadcast_arrays(r_, lo_, hi_, pol, rum)
    negatif = pol == "negatif"
    t = np.where(r_ > hi_, hi_, lo_)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # T = 0 is handled below
        ratio = r_ / t
        pos = np.where(t == 0, np.where(r_ >= 0, 100.0, 0.0), ratio * 100.0)
        neg = np.where(t == 0, np.where(r_ == 0, 100.0, 0.0), (2.0 - ratio) * 100.0)
        inverse = np.where(r_ == 0, np.where(t == 0, 100.0, np.nan), t / r_ * 100.0)
    neg = np.where(rum == "kebalikan", inverse, neg)
    out = np.where(negatif, neg, pos)
    out = np.where((r_ >= lo_) & (r_ <= hi_), 100.0, out)
    out = np.where(np.isnan(out), np.nan, np.maximum(out, 0.0))
    out = np.where(rum == "maks_100", np.minimum(out, 100.0), out)
    return np.where(np.isnan(r_) | np.isnan(lo_) | np.isnan(hi_), np.nan, out)


def prepare_pk(pk: pd.DataFrame, year: int) -> pd.DataFrame:
    p = pk[pd.to_numeric(pk["tahun"], errors="coerce") == year].copy()
    p["polaritas"] = p["polaritas"].where(p["polaritas"].notna() & (p["polaritas"] != ""), "positif")
    p["akumulasi"] = p["akumulasi"].where(p["akumulasi"].notna() & (p["akumulasi"] != ""), "akhir")
    rumus = p["rumus_capaian"] if "rumus_capaian" in p else pd.Series(None, index=p.index, dtype=object)
    p["rumus_capaian"] = rumus.where(rumus.notna() & (rumus != ""), "standar")
    # DOMAIN §2.2: complaint-linked indicators are positions (akhir) whatever the PK says.
    linked = p["sumber_data"].isin(SUMBER_PENGADUAN) if "sumber_data" in p else False
    p.loc[linked, "akumulasi"] = "akhir"
    for c in ("target_min", "target_max", "tw1", "tw2", "tw3", "tw4"):
        p[c] = pd.to_numeric(p[c], errors="coerce").astype("float64")
    return p.reset_index(drop=True)


def monthly_matrix(
    p: pd.DataFrame, realisasi: pd.DataFrame, year: int, column: str = "realisasi"
) -> np.ndarray:
    """(indicators × 12) matrix of reported values; NaN = not reported (blank is not zero)."""
    m = np.full((len(p), 12), np.nan)
    if realisasi is None or len(realisasi) == 0 or len(p) == 0 or column not in realisasi:
        return m
    r = realisasi[pd.to_numeric(realisasi["tahun"], errors="coerce") == year]
    r = r.assign(
        bulan=pd.to_numeric(r["bulan"], errors="coerce"),
        realisasi=pd.to_numeric(r[column], errors="coerce"),
    ).dropna(subset=["bulan", "realisasi"])
    r = r[r["bulan"].between(1, 12)]
    # Realisasi is keyed by (indicator, month); should a key repeat, take the largest value so
    # the result never depends on row order.
    r = r.groupby(["unit", "kunci", "bulan"], sort=False)["realisasi"].max().reset_index()
    # One row per distinct (unit, kunci); PK rows sharing a key share its values.
    key = pd.MultiIndex.from_frame(p[["unit", "kunci"]].astype(str))
    inverse, uniq = pd.factorize(key)
    uniq_index = pd.MultiIndex.from_tuples(list(uniq), names=["unit", "kunci"])
    rows = uniq_index.get_indexer(pd.MultiIndex.from_frame(r[["unit", "kunci"]].astype(str)))
    ok = rows >= 0
    mu = np.full((len(uniq_index), 12), np.nan)
    mu[rows[ok], r["bulan"].to_numpy()[ok].astype(int) - 1] = r["realisasi"].to_numpy()[ok]
    m = mu[inverse]
    return m


def realisasi_to_date(m: np.ndarray, akumulasi: np.ndarray, month: int) -> tuple[np.ndarray, ...]:
    upto = m[:, :month]
    reported = ~np.isnan(upto)
    any_rep = reported.any(axis=1)
    last = np.where(any_rep, month - 1 - np.argmax(reported[:, ::-1], axis=1), -1)
    with np.errstate(invalid="ignore"):
        total = np.where(any_rep, np.nansum(upto, axis=1), np.nan)
        count = reported.sum(axis=1)
        mean = np.where(any_rep, total / np.maximum(count, 1), np.nan)
    latest = np.where(any_rep, upto[np.arange(len(m)), np.maximum(last, 0)], np.nan)
    r = np.where(
        akumulasi == "kumulatif",
        total,
        np.where(akumulasi == "rata_rata", mean, latest),
    )
    return r, any_rep, np.where(any_rep, last + 1, 0)


def target_to_date(p: pd.DataFrame, month: int) -> tuple[np.ndarray, np.ndarray]:
    """T(m) bounds: kumulatif interpolates between TW targets (tw[0] = 0), else tw[q]."""
    q = (month + 2) // 3
    kum = (p["akumulasi"] == "kumulatif").to_numpy()
    out = []
    for bound in ("target_min", "target_max"):
        annual = p[bound].to_numpy()
        tw = np.column_stack([np.zeros(len(p))] + [p[f"tw{i}"].to_numpy() for i in range(1, 5)])
        # Missing TW: kumulatif → annual × q/4; akhir/rata_rata → annual (DOMAIN §2).
        fill_kum = annual[:, None] * (np.arange(5)[None, :] / 4)
        fill_pos = np.repeat(annual[:, None], 5, axis=1)
        tw = np.where(np.isnan(tw), np.where(kum[:, None], fill_kum, fill_pos), tw)
        tw[:, 0] = 0.0
        interp = tw[:, q - 1] + (tw[:, q] - tw[:, q - 1]) * (month - 3 * (q - 1)) / 3
        out.append(np.where(kum, interp, tw[:, q]))
    return out[0], out[1]


def _unit_names(codes: pd.Series, units: pd.DataFrame | None) -> pd.Series:
    if units is None or len(units) == 0:
        return codes.astype(str)
    names = dict(zip(units["kode"].astype(str), units["nama"].astype(str), strict=False))
    return codes.astype(str).map(names).fillna(codes.astype(str))


def indicator_results(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    year: int,
    month: int = 12,
    settings: Settings | None = None,
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per PK indicator of `year`: R(m), T(m), capaian periode/tahunan, kategori.

    Rows: units by name, indicators in PK order. Nothing is rounded here.
    """
    if not 1 <= int(month) <= 12:
        raise ValueError(f"bulan harus 1–12, bukan {month}")
    month = int(month)
    p = prepare_pk(pk, year)
    p["nama"] = _unit_names(p["unit"], units)
    p["_key"] = p["nama"].str.casefold()
    p["_urut"] = pd.to_numeric(p["urutan"], errors="coerce")
    p = p.sort_values(["_key", "unit", "_urut", "kunci"], kind="stable").reset_index(drop=True)
    akumulasi = p["akumulasi"].to_numpy(dtype=object)
    values = monthly_matrix(p, realisasi, year)
    r, dilaporkan, last = realisasi_to_date(values, akumulasi, month)
    if has_fractions(realisasi):
        num, den = (monthly_matrix(p, realisasi, year, c) for c in ("pembilang", "penyebut"))
        r = kumulatif_fractions(r, values, num, den, akumulasi, p["satuan"], month)
    t_lo, t_hi = target_to_date(p, month)
    pol, rumus = p["polaritas"].to_numpy(dtype=object), p["rumus_capaian"].to_numpy(dtype=object)
    cap_p = capaian(r, t_lo, t_hi, pol, rumus)
    cap_t = capaian(r, p["target_min"].to_numpy(), p["target_max"].to_numpy(), pol, rumus)
    out = pd.DataFrame(
        {
            "unit": p["unit"].astype(str),
            "nama": p["nama"],
            "kunci": p["kunci"],
            "kode_indikator": p["kode_indikator"],
            "indikator": p["indikator"],
            "sasaran": p["sasaran"],
            "satuan": p["satuan"],
            "polaritas": p["polaritas"],
            "akumulasi": p["akumulasi"],
            "rumus_capaian": p["rumus_capaian"],
            "sumber_data": p["sumber_data"] if "sumber_data" in p else None,
            "target": p["target"],
            "target_min": p["target_min"],
            "target_max": p["target_max"],
            "target_tahunan": p["target"].astype(str),
            "target_periode": np.where(t_lo == t_hi, t_lo, np.nan),
            "target_periode_min": t_lo,
            "target_periode_max": t_hi,
            "realisasi": r,
            "capaian_periode": cap_p,
            "capaian_tahunan": cap_t,
            "kategori": kategori(cap_p).to_numpy(),
            "dilaporkan": dilaporkan,
            "bulan_terakhir": pd.array(np.where(dilaporkan, last, 0), dtype="Int64"),
        }
    )
    out.loc[~out["dilaporkan"], "bulan_terakhir"] = pd.NA
    return out


def tw_mismatch(pk: pd.DataFrame) -> pd.DataFrame:
    """Kumulatif indicators whose TW IV target differs from the annual target (a warning)."""
    p = pk.copy()
    tw4 = pd.to_numeric(p["tw4"], errors="coerce")
    lo = pd.to_numeric(p["target_min"], errors="coerce")
    hi = pd.to_numeric(p["target_max"], errors="coerce")
    bad = (p["akumulasi"] == "kumulatif") & tw4.notna() & ~np.isclose(tw4, lo) & ~np.isclose(tw4, hi)
    cols = [c for c in ("unit", "tahun", "kunci", "indikator", "target", "tw4") if c in p]
    return p.loc[bad, cols].reset_index(drop=True)


def score_units(
    results: pd.DataFrame, units: pd.DataFrame | None, settings: Settings | None = None
) -> pd.DataFrame:
    """Scorecard: one row per unit with a PK; best nilai first, units without realisasi last.

    nilai = mean over reported indicators of min(capaian_periode, cap) (PermenPANRB 8/2021
    ">110 % → 120"); indicators without data are counted in kelengkapan, never averaged as 0.
    """
    settings = settings or Settings()
    res = results.copy()
    res["unit"] = res["unit"].astype(str)
    info = pd.DataFrame(columns=["kode", "nama", "jenis"])
    if units is not None and len(units):
        info = units[["kode", "nama", "jenis"]].astype({"kode": str}).drop_duplicates("kode")
    jenis = dict(zip(info["kode"], info["jenis"], strict=False))
    names = dict(zip(info["kode"], info["nama"], strict=False))
    res = res[res["unit"].map(jenis).fillna("") != LUAR_PEMKOT]
    capped = np.minimum(res["capaian_periode"].to_numpy(dtype="float64"), settings.batas_nilai)
    res = res.assign(
        _capped=np.where(res["dilaporkan"].to_numpy(dtype=bool), capped, np.nan),
        _rep=res["dilaporkan"].astype(bool).astype(int),
    )
    g = res.groupby("unit", sort=False)
    out = pd.DataFrame(
        {
            "indikator": g.size(),
            "dilaporkan": g["_rep"].sum(),
            "nilai": g["_capped"].mean(),
        }
    ).reset_index()
    out["indikator"] = out["indikator"].astype("int64")
    out["dilaporkan"] = out["dilaporkan"].astype("int64")
    out["kelengkapan_pct"] = out["dilaporkan"] / out["indikator"] * 100.0
    out["nama"] = out["unit"].map(names).fillna(out["unit"])
    out["jenis"] = out["unit"].map(jenis)
    out["kategori"] = kategori(out["nilai"]).to_numpy()
    out["_none"] = out["nilai"].isna()
    out["_key"] = out["nama"].str.casefold()
    out = out.sort_values(["_none", "nilai", "_key", "unit"], ascending=[True, False, True, True])
    cols = [
        "unit",
        "nama",
        "jenis",
        "indikator",
        "dilaporkan",
        "kelengkapan_pct",
        "nilai",
        "kategori",
    ]
    return out[cols].reset_index(drop=True)
