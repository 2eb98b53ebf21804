"""Frames as people and scripts read them: aligned Indonesian tables, CSV with dot decimals, JSON."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TextIO

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.exports.xlsx import neutralise
from kinerja.ingest.report import ImportReport
from kinerja.views import fmt
from kinerja.views.reports import Rentang

FORMATS = ("table", "csv", "json")


# --- rendering -----------------------------------------------------------------------------
def _kind(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s.dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(s.dtype):
        return "int"
    if pd.api.types.is_float_dtype(s.dtype):
        return "float"
    return "object"


def _cell(v: Any, kind: str, mode: str) -> Any:
    """One value as csv text, json value or table text."""
    blank = {"csv": "", "json": None, "table": fmt.STRIP}[mode]
    if isinstance(v, Rentang):
        return v.text(dot=mode != "table")
    if fmt.kosong(v):
        return blank
    if isinstance(v, bool | np.bool_):
        return bool(v) if mode == "json" else ("ya" if v else "tidak")
    if kind == "int" or isinstance(v, int | np.integer):
        return int(v) if mode == "json" else (fmt.bilangan(v) if mode == "table" else str(int(v)))
    if isinstance(v, float | np.floating):
        if mode == "json":
            return float(fmt.titik(v, 2))
        return fmt.titik(v, 2) if mode == "csv" else fmt.angka(v, 2)
    if isinstance(v, date):
        return v.isoformat() if mode != "table" else fmt.tanggal(v)
    if mode == "csv":  # a text cell a spreadsheet would run as a formula gets a leading ' (OWASP)
        return neutralise(printable(str(v)))
    return str(v) if mode == "json" else printable(str(v))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (ESC, bidi overrides …) shown as `\\x1b`."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def render(frame: pd.DataFrame, fmt_: str = "table") -> str:
    """Frame as `table` (people: Indonesian numbers, aligned), `csv` (dot decimal, 2 decimals,
    blank where undefined) or `json` (records, null where undefined, numbers rounded to 2)."""
    if fmt_ not in FORMATS:
        raise ValueError(f"format harus salah satu dari {', '.join(FORMATS)}")
    kinds = {c: _kind(frame[c]) for c in frame.columns}
    cols = {c: [_cell(v, kinds[c], fmt_) for v in frame[c].tolist()] for c in frame.columns}
    headers = {
        c: neutralise(printable(str(c))) if fmt_ == "csv" else printable(str(c)) for c in frame.columns
    }
    if fmt_ == "json":
        records = [dict(zip(cols, vals, strict=True)) for vals in zip(*cols.values(), strict=True)]
        if not len(frame):
            records = []
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt_ == "csv":
        buf = io.StringIO()
        out = pd.DataFrame(cols, columns=list(frame.columns)).set_axis(
            [headers[c] for c in frame.columns], axis=1
        )
        out.to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue().rstrip("\n")
    widths = {c: max([len(headers[c]), *(len(v) for v in cols[c])]) for c in frame.columns}

    def numeric(c: str) -> bool:
        if kinds[c] in ("int", "float"):
            return True
        return any(
            isinstance(v, Rentang) or (isinstance(v, float) and not np.isnan(v)) for v in frame[c].tolist()
        )

    align = {c: numeric(c) for c in frame.columns}

    def line(values: dict[str, str]) -> str:
        parts = [
            values[c].rjust(widths[c]) if align[c] else values[c].ljust(widths[c]) for c in frame.columns
        ]
        return "  ".join(parts).rstrip()

    header = line(headers)
    rule = "  ".join("-" * widths[c] for c in frame.columns)
    body = [line({c: cols[c][i] for c in frame.columns}) for i in range(len(frame))]
    return "\n".join([header, rule, *body])


def print_report(report: ImportReport, out: TextIO | None = None, err: TextIO | None = None) -> None:
    """Problems one per line on stderr; the summary (counts, notices) on stdout."""
    out, err = out or sys.stdout, err or sys.stderr
    for problem in report.errors:
        print(printable(problem.line()), file=err)
    state = "disimpan" if report.stored else "DITOLAK, tidak ada yang disimpan"
    if report.stored and report.skipped_rows:
        state = f"disimpan sebagian ({report.skipped_rows} baris dilewati)"
    upload = f" (unggahan #{report.upload_id})" if report.upload_id else ""
    print(printable(f"{report.file}: {state}{upload}"), file=out)
    for c in report.counts:
        removed = f", {c.removed} dihapus" if c.removed else ""
        print(
            f"  {c.sheet} [{schema.KIND_LABEL.get(c.kind, c.kind)}]: {c.added} baru, {c.updated} diperbarui, "
            f"{c.unchanged} tetap{removed}",
            file=out,
        )
    for problem in report.warnings:  # not blocking: the value is stored, the admin should look at it
        print(f"peringatan: {problem.line()}", file=err)
    for problem in report.notices:
        line = problem.line().removeprefix(report.file + " · ").removeprefix(report.file + ": ")
        print(printable(f"  catatan: {line}"), file=out)
    if report.errors:
        print(f"  {len(report.errors)} masalah (lihat stderr)", file=out)


def store_progress(name: str, out: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A one-line 'menyimpan N / M baris' counter for `import` on a terminal (None elsewhere: logs stay clean)."""
    stream = out if out is not None else sys.stderr
    if out is None and not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(
            f"\r{name}: menyimpan {fmt.bilangan(done)} / {fmt.bilangan(total)} baris",
            end=end,
            file=stream,
            flush=True,
        )

    return show
