"""A year's capaian and unit scores for every month at once (what the dashboard caches per upload)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.settings import Settings
from kinerja.metrics.capaian import (
    capaian,
    indicator_results,
    kategori,
    monthly_matrix,
    prepare_pk,
    realisasi_to_date,
    score_units,
    target_to_date,
)
from kinerja.metrics.pecahan import has_fractions, kumulatif_fractions

_MONTHLY = ["target_periode", "target_periode_min", "target_periode_max", "realisasi", "capaian_periode",
            "capaian_tahunan", "kategori", "dilaporkan", "bulan_terakhir"]  # fmt: skip


def results_by_month(
    pk: pd.DataFrame, realisasi: pd.DataFrame, year: int, settings: Settings, units: pd.DataFrame
) -> pd.DataFrame:
    """indicator_results for months 1..12 stacked (column `bulan`), preparing the PK only once.

    Same rows and values as twelve indicator_results calls (tests compare them); only the
    month-dependent columns are recomputed with capaian's own helpers.
    """
    base = indicator_results(pk, realisasi, year, 12, settings, units=units)
    if base.empty:
        return base.assign(bulan=pd.Series(dtype="int64"))
    tw = prepare_pk(pk, year)[["unit", "kunci", "tw1", "tw2", "tw3", "tw4"]].astype({"unit": str})
    cols = ["unit", "kunci", "akumulasi", "polaritas", "rumus_capaian", "satuan", "target_min", "target_max"]
    p = base[cols].merge(tw, on=["unit", "kunci"], how="left", validate="one_to_one")
    matrix = monthly_matrix(p, realisasi, year)
    fractions = has_fractions(realisasi)
    if fractions:
        num, den = (monthly_matrix(p, realisasi, year, c) for c in ("pembilang", "penyebut"))
    akum, pol = p["akumulasi"].to_numpy(dtype=object), p["polaritas"].to_numpy(dtype=object)
    rumus = p["rumus_capaian"].to_numpy(dtype=object)
    out = []
    for m in range(1, 13):
        r, rep, last = realisasi_to_date(matrix, akum, m)
        if fractions:
            r = kumulatif_fractions(r, matrix, num, den, akum, p["satuan"], m)
        lo, hi = target_to_date(p, m)
        cap_p = capaian(r, lo, hi, pol, rumus)
        month = base.copy()
        month["target_periode"] = np.where(lo == hi, lo, np.nan)
        month["target_periode_min"], month["target_periode_max"], month["realisasi"] = lo, hi, r
        month["capaian_periode"] = cap_p
        month["capaian_tahunan"] = capaian(
            r, p["target_min"].to_numpy(), p["target_max"].to_numpy(), pol, rumus
        )
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
