"""Kelengkapan laporan of a year: which unit reported which month, on time or late (issue 5)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.clock import WITA_OFFSET
from kinerja.metrics.kelengkapan import reporting_units, status_lapor
from kinerja.store.readers import first_reported, read_pk


def kelengkapan(engine: Engine, tahun: int, hari_ini: date, batas_hari: int = 10) -> pd.DataFrame:
    """status_lapor for every unit with uploaded indicators in its PK of `tahun`.

    "Late" is judged on the WITA calendar: the store keeps UTC, so the first-stored times move
    by +8 hours before they are compared with the due day.
    """
    units = reporting_units(read_pk(engine, tahun=tahun))
    first = first_reported(engine, tahun)
    first = first.assign(pertama=first["pertama"] + WITA_OFFSET)
    return status_lapor(first, units, tahun, hari_ini, batas_hari)
