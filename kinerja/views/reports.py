"""The CLI's report tables (scorecard, indicators, complaints): frames in, frames out."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.domain.settings import Settings
from kinerja.errors import KinerjaError
from kinerja.metrics.capaian import indicator_results, score_units
from kinerja.metrics.kelompok import complaint_metrics
from kinerja.metrics.linked import combined_realisasi
from kinerja.store.readers import read_pengaduan, read_pk, read_realisasi, read_units
from kinerja.views import fmt

SCORECARD_COLUMNS = [
    "unit",
    "jenis",
    "indikator",
    "dilaporkan",
    "kelengkapan_pct",
    "nilai",
    "kategori",
]

INDICATOR_COLUMNS = [
    "unit", "kode", "indikator", "satuan", "polaritas", "akumulasi", "target_tahunan",
    "target_periode", "realisasi", "capaian_periode", "capaian_tahunan", "kategori",
]  # fmt: skip


class Rentang(NamedTuple):
    """A range target [lo, hi]; printed as `80-90` (DOMAIN §2.1)."""

    lo: float
    hi: float

    def text(self, dot: bool = True) -> str:
        return f"{fmt.ringkas(self.lo, dot=dot)}-{fmt.ringkas(self.hi, dot=dot)}"


def _target(lo: np.ndarray, hi: np.ndarray) -> list[Any]:
    return [
        np.nan if np.isnan(a) else (float(a) if a == b else Rentang(float(a), float(b)))
        for a, b in zip(lo, hi, strict=True)
    ]


def _results(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    complaints: pd.DataFrame | None,
    units: pd.DataFrame,
    year: int,
    month: int,
    settings: Settings,
) -> pd.DataFrame:
    real = combined_realisasi(pk, realisasi, complaints, year, settings)
    return indicator_results(pk, real, year, month, settings, units=units)


def scorecard_table(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    complaints: pd.DataFrame | None,
    units: pd.DataFrame,
    year: int,
    month: int = 12,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """`scorecard` output: units best first, units without realisasi last."""
    settings = settings or Settings()
    res = _results(pk, realisasi, complaints, units, year, month, settings)
    scores = score_units(res, units, settings)
    return scores.assign(unit=scores["nama"])[SCORECARD_COLUMNS]


def _pick_unit(res: pd.DataFrame, unit: str) -> pd.DataFrame:
    want = unit.strip().casefold()
    mask = (res["unit"].astype(str).str.casefold() == want) | (res["nama"].str.casefold() == want)
    if not mask.any():
        known = ", ".join(sorted(res["nama"].unique(), key=str.casefold)) or "(tidak ada)"
        raise KinerjaError(f"unit '{unit}' tidak punya PK tahun ini; unit yang ada: {known}")
    return res[mask]


def indicators_table(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    complaints: pd.DataFrame | None,
    units: pd.DataFrame,
    year: int,
    month: int = 12,
    settings: Settings | None = None,
    unit: str | None = None,
) -> pd.DataFrame:
    """`indicators` output: units by name, indicators in PK order; ranges print as `lo-hi`."""
    settings = settings or Settings()
    res = _results(pk, realisasi, complaints, units, year, month, settings)
    if unit:
        res = _pick_unit(res, unit)
    kode = res["kode_indikator"].where(
        res["kode_indikator"].notna() & (res["kode_indikator"].astype(str).str.strip() != ""),
        res["kunci"],
    )
    out = pd.DataFrame(
        {
            "unit": res["nama"],
            "kode": kode.astype(str),
            "indikator": res["indikator"],
            "satuan": res["satuan"],
            "polaritas": res["polaritas"],
            "akumulasi": res["akumulasi"],
            "target_tahunan": _target(res["target_min"].to_numpy(), res["target_max"].to_numpy()),
            "target_periode": _target(
                res["target_periode_min"].to_numpy(), res["target_periode_max"].to_numpy()
            ),
            "realisasi": res["realisasi"],
            "capaian_periode": res["capaian_periode"],
            "capaian_tahunan": res["capaian_tahunan"],
            "kategori": res["kategori"],
        }
    )
    return out[INDICATOR_COLUMNS].reset_index(drop=True)


def complaints_table(
    complaints: pd.DataFrame,
    units: pd.DataFrame | None,
    year: int,
    month: int | None = None,
    by: str = "unit",
    as_of: Any = None,
    settings: Settings | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """`complaints` output: the DOMAIN §3.1 frame (no total row)."""
    return complaint_metrics(
        complaints, year, month, by=by, as_of=as_of, settings=settings, units=units, today=today
    )


# --- CLI wiring ----------------------------------------------------------------------------
def read_year(engine: Engine, year: int) -> tuple[pd.DataFrame, ...]:
    """PK, realisasi and complaints of a year, and the units (what the report tables take)."""
    return (
        read_pk(engine, year),
        read_realisasi(engine, year),
        read_pengaduan(engine, year),
        read_units(engine),
    )
