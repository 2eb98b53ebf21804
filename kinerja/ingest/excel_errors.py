"""Excel error cells (#DIV/0!, #N/A, #VALUE!, #REF! …): an error of their own, never read as blank."""

from __future__ import annotations

from kinerja.ingest.layout import RawSheet
from kinerja.ingest.report import ImportReport

EXPECTED = "nilai, bukan rumus yang gagal; perbaiki rumusnya atau ketik nilainya di Excel"


def report_excel_errors(raw: RawSheet, report: ImportReport, first: int = 0) -> None:
    """One error per error cell in a column the sheet uses (issue 10).

    The reader sees such a cell as blank, so the parsers may already have said "Tanggal Masuk
    kosong" about it; those problems (added since index `first`) are replaced by the real cause.
    """
    if not raw.excel_errors:
        return
    found = {(row, raw.labels.get(name, name)): code for (row, name), code in raw.excel_errors.items()}
    report.problems[first:] = [
        p for p in report.problems[first:] if not (p.sheet == raw.name and (p.row, p.column) in found)
    ]
    for (row, column), code in sorted(found.items()):
        report.error(
            f"sel berisi galat Excel {code}", sheet=raw.name, row=row, column=column, expected=EXPECTED
        )
