"""Indicators computed from complaints (DOMAIN §2.2): their monthly realisasi from the complaint records."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from kinerja.domain.schema import REALISASI_FRAME
from kinerja.domain.settings import Settings
from kinerja.domain.vocabulary import SUMBER_PENGADUAN
from kinerja.metrics.kelompok import group_stats
from kinerja.metrics.pengaduan import complaint_state, default_as_of
from kinerja.metrics.workdays import to_days

KETERANGAN_PENGADUAN = "dihitung dari data pengaduan"


def linked_indicators(pk: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """PK indicators whose Sumber Data names a complaint metric (DOMAIN §2.2)."""
    if "sumber_data" not in pk:
        return pk.iloc[0:0]
    mask = pk["sumber_data"].isin(SUMBER_PENGADUAN)
    if year is not None:
        mask &= pd.to_numeric(pk["tahun"], errors="coerce") == year
    return pk[mask]


def _empty_realisasi() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in REALISASI_FRAME})


def complaint_realisasi(
    pk: pd.DataFrame,
    complaints: pd.DataFrame,
    year: int,
    settings: Settings | None = None,
    as_of: Any = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Monthly realisasi (REALISASI_FRAME) of complaint-linked PK indicators (DOMAIN §2.2).

    Month m: complaints sent to the unit with tanggal_masuk from 1 Jan to the end of m, as of
    min(end of m, as-of of all complaint data); no complaints or an undefined rate → no row,
    so (akumulasi `akhir`) the last value stands. Months that start after the as-of date of the
    data have no row either: they have not happened yet.
    """
    settings = settings or Settings()
    linked = linked_indicators(pk, year)
    if len(linked) == 0 or len(complaints) == 0:
        return _empty_realisasi()
    data_as_of = to_days(as_of if as_of is not None else default_as_of(complaints, today))
    c = complaints[complaints["unit"].astype(str).isin(set(linked["unit"].astype(str)))]
    masuk = to_days(c["tanggal_masuk"])
    c = c[masuk.astype("datetime64[Y]").astype("int64") + 1970 == year]
    masuk = to_days(c["tanggal_masuk"])
    codes, unit_codes = pd.factorize(c["unit"].astype(str))
    metric = linked["sumber_data"].str.split(":", n=1).str[1].to_numpy()
    rows = []
    for m in range(1, 13):
        start = np.datetime64(f"{year:04d}-{m:02d}", "M").astype("datetime64[D]")
        if start > data_as_of:
            break
        end = (np.datetime64(f"{year:04d}-{m:02d}", "M") + 1).astype("datetime64[D]") - 1
        day = min(end, data_as_of)
        window = masuk <= day
        a = complaint_state(c[window], day, settings)
        stats = group_stats(a, codes[window], len(unit_codes), settings)
        stats.index = list(unit_codes)
        for unit, kunci, name in zip(linked["unit"].astype(str), linked["kunci"], metric, strict=True):
            if unit in stats.index and stats.at[unit, "masuk"] > 0:
                value = stats.at[unit, name]
                if not np.isnan(value):
                    rows.append((unit, year, kunci, m, float(value)))
    if not rows:
        return _empty_realisasi()
    out = pd.DataFrame(rows, columns=["unit", "tahun", "kunci", "bulan", "realisasi"])
    out["realisasi_anggaran"] = np.nan
    out["pembilang"], out["penyebut"] = np.nan, np.nan
    out["keterangan"] = KETERANGAN_PENGADUAN
    out["bukti"] = None
    return out.sort_values(["unit", "kunci", "bulan"], kind="stable")[REALISASI_FRAME].reset_index(drop=True)


def combined_realisasi(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    complaints: pd.DataFrame | None,
    year: int,
    settings: Settings | None = None,
    as_of: Any = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Uploaded realisasi with complaint-linked indicators replaced by their computed values."""
    linked = linked_indicators(pk, year)
    uploaded = realisasi if realisasi is not None else _empty_realisasi()
    if len(linked):
        keys = set(zip(linked["unit"].astype(str), linked["kunci"].astype(str), strict=True))
        mine = pd.to_numeric(uploaded["tahun"], errors="coerce") == year
        pairs = pd.MultiIndex.from_arrays([uploaded["unit"].astype(str), uploaded["kunci"].astype(str)])
        is_linked = np.asarray(pairs.isin(list(keys)), dtype=bool)
        uploaded = uploaded[~(mine & is_linked)]
    if complaints is None or len(linked) == 0:
        return uploaded.reset_index(drop=True)
    computed = complaint_realisasi(pk, complaints, year, settings, as_of, today)
    parts = [f for f in (uploaded, computed) if len(f)]
    if not parts:
        return _empty_realisasi()
    return pd.concat(parts, ignore_index=True)
