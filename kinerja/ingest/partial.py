"""Storing only the valid rows, when asked for (DOMAIN §4): which rows go, kept with the upload record."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd

from kinerja.domain import schema
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.report import ImportReport


def drop_error_rows(
    frames: dict[str, pd.DataFrame | None], report: ImportReport, raws: dict[str, RawSheet]
) -> tuple[dict[str, pd.DataFrame | None], list[dict]]:
    """--sebagian: keep the valid rows; a PK unit-year with any bad row is skipped whole.

    Returns the kept frames and the skipped rows (sheet, Excel row, problems, the cells as read).
    """
    bad_rows: dict[tuple[str, int], list[str]] = {}
    bad_sheets = set()
    for p in report.errors:
        if p.sheet and p.row is None:
            bad_sheets.add(p.sheet)
        elif p.sheet and p.row is not None:
            bad_rows.setdefault((p.sheet, p.row), []).append(p.line())
    skipped = []
    out: dict[str, pd.DataFrame | None] = {}
    for kind, frame in frames.items():
        if frame is None or not len(frame):
            out[kind] = frame
            continue
        keys = list(zip(frame["_sheet"], frame["_baris"], strict=True))
        drop = pd.Series([k in bad_rows or k[0] in bad_sheets for k in keys], index=frame.index)
        if kind == schema.PK and drop.any():
            groups = set(zip(frame.loc[drop, "unit"], frame.loc[drop, "tahun"], strict=True))
            drop |= pd.Series(
                [g in groups for g in zip(frame["unit"], frame["tahun"], strict=True)], index=frame.index
            )
        for sheet, row in sorted(set(k for k, d in zip(keys, drop, strict=True) if d)):
            raw = raws[sheet].frame
            values = raw.loc[raw["_baris"] == row].drop(columns="_baris")
            record = {c: _jsonable(v) for c, v in values.iloc[0].items()} if len(values) else {}
            skipped.append(
                {
                    "sheet": sheet,
                    "baris": int(row),
                    "masalah": bad_rows.get((sheet, row), ["sheet tidak lengkap"]),
                    "nilai": record,
                }
            )
        out[kind] = frame.loc[~drop]
    return out, skipped


def _jsonable(value: object) -> object:
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)


def skip_complaints(
    pengaduan: pd.DataFrame, tickets: set[str], report: ImportReport
) -> tuple[pd.DataFrame, list[dict]]:
    """--sebagian after merging: the complaints whose merged dates are out of order are left out."""
    drop = pengaduan["no_tiket"].isin(tickets)
    skipped = []
    for _, row in pengaduan.loc[drop].iterrows():
        problems = [p.line() for p in report.errors if p.sheet == row["_sheet"] and p.row == row["_baris"]]
        skipped.append(
            {
                "sheet": row["_sheet"],
                "baris": int(row["_baris"]),
                "masalah": problems,
                "nilai": {"no_tiket": row["no_tiket"]},
            }
        )
    return pengaduan.loc[~drop].reset_index(drop=True), skipped
