"""Plausibility warnings of an upload (issue 13): each names the cell and the reason; nothing is refused."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.ingest.files import Parsed
from kinerja.metrics.plausibility import check_values
from kinerja.store.readers import read_pk, read_realisasi


def _column(parsed: Parsed, sheet: str, month: int) -> str:
    raw = parsed.raw.get(sheet)
    if raw is None:
        return ""
    for label, m in raw.wide.items():  # a wide sheet: one column per month
        if int(m) == month:
            return label
    return raw.labels.get("realisasi", "")


def flag_implausible(engine: Engine, parsed: Parsed) -> int:
    """Add a warning to the report for every suspicious realisasi value; how many were added."""
    real = parsed.batch.realisasi
    if real.empty or "_baris" not in real:
        return 0
    years = sorted({int(t) for t in real["tahun"].dropna()})
    units = set(real["unit"].dropna().astype(str))
    stored = [read_realisasi(engine, tahun=y) for y in years]
    pks = [read_pk(engine, tahun=y) for y in years] + [parsed.batch.pk]
    stored_frame = pd.concat(stored, ignore_index=True) if stored else real.iloc[0:0]
    stored_frame = stored_frame[stored_frame["unit"].astype(str).isin(units)]
    pk = (
        pd.concat([p for p in pks if len(p)], ignore_index=True)
        if any(len(p) for p in pks)
        else parsed.batch.pk
    )
    found = check_values(real, pk, stored_frame)
    for f in found:
        parsed.report.warn(f.message, sheet=f.sheet, row=f.row, column=_column(parsed, f.sheet, f.bulan),
                           expected=f.expected)  # fmt: skip
    return len(found)
