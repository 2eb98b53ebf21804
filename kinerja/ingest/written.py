"""Numbers written the way reports write them (issue 11): `30 LPK`, `≥ 95`, `5,51 persen` in PK and realisasi."""

from __future__ import annotations

import pandas as pd

from kinerja.ingest.cells.numbers import parse_target
from kinerja.ingest.cells.units import split_units, unit_mismatch
from kinerja.ingest.reader import SheetReader, show_value


def percent_of(r: SheetReader, name: str) -> pd.Series | None:
    """Which cells of column `name` Excel formats as a percentage (None when unknown)."""
    if r.raw.percent is None or name not in r.raw.percent.columns:
        return None
    return r.raw.percent[name].set_axis(r.frame.index)


def targets(r: SheetReader, name: str, satuan: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """A target column written as reports write it (`30 LPK`, `≥ 95`, `80 s.d. 90 %`); its signs."""
    values, unit, sign = split_units(r.col(name))
    target, bad = parse_target(values, percent_of(r, name))
    r.flag(name, bad, "'{v}' bukan target yang sah", "angka ≥ 0 atau rentang, mis. 85 atau 80-90")
    flag_units(r, name, unit, satuan, bad)
    return target, sign.where(~bad)


def flag_units(
    r: SheetReader, name: str, unit: pd.Series, satuan: pd.Series, bad: pd.Series, label: str = ""
) -> None:
    """A number written with another unit than the indicator's Satuan is refused, naming both."""
    wrong = unit_mismatch(unit, satuan) & ~bad & satuan.notna()
    values = r.col(name) if not label else r.frame[label]
    for idx in wrong[wrong].index:
        r.report.error(
            f"'{show_value(values.at[idx])}' memakai satuan '{unit.at[idx]}', padahal Satuan indikator "
            f"ini '{satuan.at[idx]}'",
            sheet=r.raw.name, row=int(r.rows.at[idx]), column=label or r.raw.labels.get(name, name),
            expected=f"angka saja, atau angka dengan satuan '{satuan.at[idx]}'",
        )  # fmt: skip


def sign_notices(r: SheetReader, sign: pd.Series, polaritas: pd.Series) -> None:
    """`≥ 95` on a negatif indicator (or `≤ 5` on a positif one): a warning, the number is used."""
    words = {"positif": "semakin tinggi semakin baik", "negatif": "semakin rendah semakin baik"}
    clash = sign.notna() & (sign != polaritas)
    for idx in clash[clash].index:
        r.report.notice(
            f"Target '{show_value(r.col('target').at[idx])}' berarti {words[sign.at[idx]]}, tetapi "
            f"Polaritas indikator ini {polaritas.at[idx]}; angkanya dipakai, periksa Polaritas",
            sheet=r.raw.name, row=int(r.rows.at[idx]), column=r.raw.labels.get("target", "Target"),
        )  # fmt: skip
