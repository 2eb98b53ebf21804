"""A year's data for the pages, computed once per upload: PK, realisasi, complaints, results, scores."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.domain.access import Scope, filter_pengaduan_frame, mask_other_units
from kinerja.domain.settings import Settings
from kinerja.metrics.bulanan import results_by_month, scores_by_month
from kinerja.metrics.linked import combined_realisasi
from kinerja.metrics.pengaduan import default_as_of
from kinerja.store.readers import read_pengaduan, read_pk, read_realisasi, read_units


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


def restrict_year(
    data: Any,
    scope: Scope | None,
    *,
    complaints: pd.DataFrame | None = None,
    pk: pd.DataFrame | None = None,
    uploaded: pd.DataFrame | None = None,
) -> Any:
    """A year's dashboard data (kinerja.dashboard.YearData) as `scope` may see it.

    The unit scores stay the city's (every role reads the ranking, computed once from all data);
    complaint records are the scope's (`complaints`: store.read_pengaduan(..., scope=scope));
    PK, realisasi and indicator results of other units lose their DETAIL_COLUMNS.
    """
    if scope is None or scope.reads_all:
        return data
    if complaints is None:
        complaints = filter_pengaduan_frame(data.complaints, scope)
    return dataclasses.replace(
        data,
        complaints=complaints.reset_index(drop=True),
        pk=pk if pk is not None else mask_other_units(data.pk, scope),
        uploaded=uploaded if uploaded is not None else mask_other_units(data.uploaded, scope),
        realisasi=mask_other_units(data.realisasi, scope),
        results=mask_other_units(data.results, scope),
        memo={},
    )


def load_year(engine: Engine, year: int, settings: Settings) -> YearData:
    """A year's data read from the store and computed (the CLI's way; the app caches per upload)."""
    frames = {
        "units": read_units(engine),
        "pk": read_pk(engine, tahun=year),
        "realisasi": read_realisasi(engine, tahun=year),
        "pengaduan": read_pengaduan(engine, tahun=year),
    }
    return build_year(frames, year, settings)


def whole_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The indicator rows shown whole: other units' rows that `restrict_year` masked (their
    Indikator blank; every PK indicator has a name) are left out, never listed half-blank (issue 10)."""
    return frame[frame["indikator"].notna()] if "indikator" in frame.columns else frame
