"""What is stored, for the pickers of the pages: PK years, units with a PK, unit names, locked months."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.store.periods import locked_periods
from kinerja.store.readers import active_upload_ids, read_pk, read_pk_years, read_realisasi, read_units


def pk_years(engine: Engine) -> list[int]:
    """Years with a stored PK, newest first."""
    return read_pk_years(engine)


def unit_names(engine: Engine) -> dict[str, str]:
    """Unit kode → display name."""
    units = read_units(engine)
    return dict(zip(units["kode"].astype(str), units["nama"].astype(str), strict=True))


def pk_units(engine: Engine, tahun: int) -> list[str]:
    """Kodes of the units with a PK in `tahun`, sorted."""
    return sorted(set(read_pk(engine, tahun=tahun)["unit"].astype(str)))


def unit_pk(engine: Engine, tahun: int, unit: str) -> pd.DataFrame:
    """One unit's PK of a year (for the prefilled realisasi template)."""
    return read_pk(engine, tahun=tahun, unit=unit)


def unit_realisasi(engine: Engine, tahun: int, unit: str) -> pd.DataFrame:
    """One unit's stored realisasi of a year (the template shows what is stored already)."""
    real = read_realisasi(engine, tahun=tahun)
    return real[real["unit"].astype(str) == unit]


def locked_months(engine: Engine) -> set[tuple[int, int]]:
    """Locked (tahun, bulan) pairs."""
    return locked_periods(engine)


def active_uploads(engine: Engine) -> set[int]:
    """Ids of the uploads still in force."""
    return active_upload_ids(engine)
