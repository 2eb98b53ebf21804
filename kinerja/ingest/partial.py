"""Storing only the valid rows, when asked for (DOMAIN §4): which rows go, kept with the upload record."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from kinerja.domain import schema
from kinerja.domain.privacy import mask_text
from kinerja.ingest.report import ImportReport, Problem

CANONICAL = {
    schema.UNIT: schema.UNIT_FRAME, schema.PK: schema.PK_FRAME,
    schema.REALISASI: schema.REALISASI_FRAME, schema.PENGADUAN: schema.PENGADUAN_FRAME,
}  # fmt: skip


@dataclass
class SkippedRows:
    """The rows "simpan baris yang valid saja" leaves out, made into records only when stored.

    A record keeps what the store would keep (UU 27/2022): the row's canonical fields (free
    text already masked, a ticket holding a phone number already hashed) and its problems with
    any personal data in the quoted cell values masked — never the cells as written.
    """

    parts: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (kind, dropped rows)
    problems: dict[tuple[str, int], list[Problem]] = field(default_factory=dict)
    extra: list[dict] = field(default_factory=list)  # records made directly (merged-date refusals)

    def keys(self) -> set[tuple[str, int]]:
        found = {
            (str(s), int(b)) for _, f in self.parts for s, b in zip(f["_sheet"], f["_baris"], strict=True)
        }
        return found | {(r["sheet"], int(r["baris"])) for r in self.extra}

    def __len__(self) -> int:
        return sum(len(f) for _, f in self.parts) + len(self.extra)

    def records(self) -> list[dict]:
        out = []
        for kind, frame in self.parts:
            fields = [c for c in CANONICAL[kind] if c in frame.columns]
            for values in frame.to_dict("records"):
                sheet, baris = values["_sheet"], int(values["_baris"])
                found = self.problems.get((sheet, baris), [])
                out.append({
                    "sheet": sheet, "baris": baris,
                    "masalah": [masked_line(p) for p in found] or ["sheet tidak lengkap"],
                    "nilai": {c: _jsonable(values[c]) for c in fields},
                })  # fmt: skip
        return sorted([*out, *self.extra], key=lambda r: (r["sheet"], r["baris"]))


def masked_line(problem: Problem) -> str:
    """The problem's line with personal data in its quoted value masked (the expected text is ours)."""
    return dataclasses.replace(problem, message=mask_text(problem.message)[0]).line()


def drop_error_rows(
    frames: dict[str, pd.DataFrame | None], report: ImportReport
) -> tuple[dict[str, pd.DataFrame | None], SkippedRows]:
    """--sebagian: keep the valid rows; a PK unit-year with any bad row is skipped whole."""
    skipped = SkippedRows()
    bad_sheets = set()
    for p in report.errors:
        if p.sheet and p.row is None:
            bad_sheets.add(p.sheet)
        elif p.sheet and p.row is not None:
            skipped.problems.setdefault((p.sheet, p.row), []).append(p)
    out: dict[str, pd.DataFrame | None] = {}
    for kind, frame in frames.items():
        if frame is None or not len(frame):
            out[kind] = frame
            continue
        keys = list(zip(frame["_sheet"], frame["_baris"], strict=True))
        drop = pd.Series([k in skipped.problems or k[0] in bad_sheets for k in keys], index=frame.index)
        if kind == schema.PK and drop.any():
            groups = set(zip(frame.loc[drop, "unit"], frame.loc[drop, "tahun"], strict=True))
            drop |= pd.Series(
                [g in groups for g in zip(frame["unit"], frame["tahun"], strict=True)], index=frame.index
            )
        if drop.any():
            skipped.parts.append((kind, frame.loc[drop].drop_duplicates(["_sheet", "_baris"])))
        out[kind] = frame.loc[~drop]
    return out, skipped


def _jsonable(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()  # type: ignore[union-attr]
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)


def skip_complaints(
    pengaduan: pd.DataFrame, tickets: set[str], report: ImportReport, skipped: SkippedRows
) -> pd.DataFrame:
    """--sebagian after merging: the complaints whose merged dates are out of order are left out."""
    drop = pengaduan["no_tiket"].isin(tickets)
    for _, row in pengaduan.loc[drop].iterrows():
        problems = [
            masked_line(p) for p in report.errors if p.sheet == row["_sheet"] and p.row == row["_baris"]
        ]
        skipped.extra.append(
            {
                "sheet": row["_sheet"],
                "baris": int(row["_baris"]),
                "masalah": problems,
                "nilai": {"no_tiket": row["no_tiket"]},
            }
        )
    return pengaduan.loc[~drop].reset_index(drop=True)
