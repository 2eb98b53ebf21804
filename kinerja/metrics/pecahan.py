"""Realisasi as a fraction (Pembilang ÷ Penyebut): a kumulatif percentage sums the counts (issue 11)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.satuan import fraction_scale


def has_fractions(realisasi: pd.DataFrame | None) -> bool:
    """Whether any realisasi row carries both Pembilang and Penyebut."""
    if realisasi is None or not len(realisasi) or "pembilang" not in realisasi or "penyebut" not in realisasi:
        return False
    num = pd.to_numeric(realisasi["pembilang"], errors="coerce")
    den = pd.to_numeric(realisasi["penyebut"], errors="coerce")
    return bool((num.notna() & den.notna()).any())


def kumulatif_fractions(
    r: np.ndarray,
    values: np.ndarray,
    num: np.ndarray,
    den: np.ndarray,
    akumulasi: np.ndarray,
    satuan: pd.Series,
    month: int,
) -> np.ndarray:
    """R(m) of kumulatif indicators whose every reported month ≤ m has Pembilang and Penyebut:
    Σ pembilang ÷ Σ penyebut × scale (AKI: Σ kasus ÷ Σ kelahiran × 100.000), not Σ of percentages."""
    reported = ~np.isnan(values[:, :month])
    both = ~np.isnan(num[:, :month]) & ~np.isnan(den[:, :month])
    whole = reported.any(axis=1) & (both | ~reported).all(axis=1) & (akumulasi == "kumulatif")
    if not whole.any():
        return r
    scale = np.array([fraction_scale(s) for s in satuan], dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.nansum(np.where(both, num[:, :month], 0.0), axis=1)
        base = np.nansum(np.where(both, den[:, :month], 0.0), axis=1)
        ratio = np.where(base > 0, total / np.where(base > 0, base, 1.0) * scale, np.nan)
    return np.where(whole, ratio, r)
