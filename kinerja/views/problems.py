"""A long import report as people read it: the first 1,000 problems, and counts per column and kind."""

from __future__ import annotations

import re

import pandas as pd

from kinerja.ingest.report import REPORT_COLUMNS, ImportReport

SHOWN = 1000  # problems listed on screen and in the CLI; the report CSV has them all
_QUOTED = re.compile(r"'[^']*'")
_NUMBER = re.compile(r"\d+")
SUMMARY_COLUMNS = ["Sheet", "Kolom", "Masalah", "Jumlah"]


def kind_of(message: str) -> str:
    """A message without its quoted value and numbers: `'31/02/2018' bukan tanggal` → `'…' bukan tanggal`."""
    return _NUMBER.sub("…", _QUOTED.sub("'…'", message))


def first_problems(report: ImportReport, n: int = SHOWN) -> pd.DataFrame:
    """The report's first `n` problems as its table (errors before notices, in file order)."""
    ordered = [*report.errors, *report.notices][:n]
    rows = [[p.file, p.sheet, p.row, p.column, p.message, p.expected, p.level] for p in ordered]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame["baris"] = frame["baris"].astype("Int64")
    return frame


def problem_counts(report: ImportReport) -> pd.DataFrame:
    """Errors per sheet, column and kind, most frequent first (what to fix first in a bad file)."""
    counts: dict[tuple[str, str, str], int] = {}
    for p in report.errors:
        key = (p.sheet, p.column, kind_of(p.message))
        counts[key] = counts.get(key, 0) + 1
    rows = [[*k, n] for k, n in counts.items()]
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return frame.sort_values(["Jumlah", "Sheet", "Kolom"], ascending=[False, True, True]).reset_index(
        drop=True
    )
