"""Storing only the valid rows, when asked for (DOMAIN §4): which rows go, kept with the upload record."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd

from kinerja.domain import schema
from kinerja.domain.privacy import mask_text, mask_value
from kinerja.ingest.report import ImportReport


def drop_error_rows(
    frames: dict[str, pd.DataFrame | None], report: ImportReport
) -> tuple[dict[str, pd.DataFrame | None], list[dict]]:
    """--sebagian: keep the valid rows; a PK unit-year with any bad row is skipped whole.

    Returns the kept frames and the skipped rows (sheet, Excel row, problems, the row's canonical
    fields). What is kept is what the store would keep: canonical fields only, free text masked,
    a ticket holding a phone number hashed — never the cells as written (UU 27/2022).
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
        fields = [c for c in CANONICAL[kind] if c in frame.columns]
        gone = frame.loc[drop].drop_duplicates(["_sheet", "_baris"]).sort_values(["_sheet", "_baris"])
        for values in gone.to_dict("records"):
            sheet, baris = values["_sheet"], int(values["_baris"])
            skipped.append(
                {
                    "sheet": sheet,
                    "baris": baris,
                    "masalah": [
                        mask_text(m)[0] for m in bad_rows.get((sheet, baris), ["sheet tidak lengkap"])
                    ],
                    "nilai": {c: _jsonable(values[c]) for c in fields},
                }
            )
        out[kind] = frame.loc[~drop]
    return out, skipped


CANONICAL = {
    schema.UNIT: schema.UNIT_FRAME, schema.PK: schema.PK_FRAME,
    schema.REALISASI: schema.REALISASI_FRAME, schema.PENGADUAN: schema.PENGADUAN_FRAME,
}  # fmt: skip


def _jsonable(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()  # type: ignore[union-attr]
    try:
        json.dumps(value)
        return mask_value(value)
    except TypeError:
        return mask_value(str(value))


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
                "masalah": [mask_text(m)[0] for m in problems],
                "nilai": {"no_tiket": row["no_tiket"]},
            }
        )
    return pengaduan.loc[~drop].reset_index(drop=True), skipped
