"""Frames as people and scripts read them: aligned Indonesian tables, CSV with dot decimals, JSON."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TextIO

import numpy as np
import pandas as pd

from kinerja.domain import schema
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
    return str(v)


def render(frame: pd.DataFrame, fmt_: str = "table") -> str:
    """Frame as `table` (people: Indonesian numbers, aligned), `csv` (dot decimal, 2 decimals,
    blank where undefined) or `json` (records, null where undefined, numbers rounded to 2)."""
    if fmt_ not in FORMATS:
        raise ValueError(f"format harus salah satu dari {', '.join(FORMATS)}")
    kinds = {c: _kind(frame[c]) for c in frame.columns}
    cols = {c: [_cell(v, kinds[c], fmt_) for v in frame[c].tolist()] for c in frame.columns}
    if fmt_ == "json":
        records = [dict(zip(cols, vals, strict=True)) for vals in zip(*cols.values(), strict=True)]
        if not len(frame):
            records = []
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt_ == "csv":
        buf = io.StringIO()
        pd.DataFrame(cols, columns=list(frame.columns)).to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue().rstrip("\n")
    widths = {c: max([len(str(c)), *(len(v) for v in cols[c])]) for c in frame.columns}

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

    header = line({c: str(c) for c in frame.columns})
    rule = "  ".join("-" * widths[c] for c in frame.columns)
    body = [line({c: cols[c][i] for c in frame.columns}) for i in range(len(frame))]
    return "\n".join([header, rule, *body])


def print_report(report: ImportReport, out: TextIO | None = None, err: TextIO | None = None) -> None:
    """Problems one per line on stderr; the summary (counts, notices) on stdout."""
    out, err = out or sys.stdout, err or sys.stderr
    for problem in report.errors:
        print(problem.line(), file=err)
    state = "disimpan" if report.stored else "DITOLAK, tidak ada yang disimpan"
    if report.stored and report.skipped_rows:
        state = f"disimpan sebagian ({report.skipped_rows} baris dilewati)"
    upload = f" (unggahan #{report.upload_id})" if report.upload_id else ""
    print(f"{report.file}: {state}{upload}", file=out)
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
        print(
            f"  catatan: {problem.line().removeprefix(report.file + ' · ').removeprefix(report.file + ': ')}",
            file=out,
        )
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
