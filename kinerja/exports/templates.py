"""Blank canonical templates with a Petunjuk sheet; realisasi prefilled with a unit's indicators."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from xlsxwriter.workbook import Workbook

from kinerja.domain import schema
from kinerja.domain.schema import Column
from kinerja.exports.columns import (
    GENERAL_NOTES,
    HELP,
    REQUIRED_TEXT,
    TEMPLATE_ROWS,
    add_validation,
    header_row,
    open_workbook,
)
from kinerja.exports.export import cells_of, column_of, write_rows
from kinerja.exports.template_info import info_columns, value_validation
from kinerja.ingest.report import column_letter


def _petunjuk(wb: Workbook, kind: str, columns: Sequence[Column], extra: Sequence[str]) -> None:
    ws = wb.add_worksheet("Petunjuk")
    title = wb.add_format({"bold": True, "font_size": 14})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 28, wrap)
    ws.set_column(1, 1, 8, wrap)
    ws.set_column(2, 2, 100, wrap)
    ws.write_string(0, 0, f"Petunjuk pengisian sheet {schema.KIND_LABEL[kind]}", title)
    row = 2
    for note in (*GENERAL_NOTES, *extra):
        ws.write_string(row, 0, "• " + note)
        row += 1
    row += 1
    for i, text in enumerate(("Kolom", "Wajib", "Arti dan nilai yang diterima")):
        ws.write_string(row, i, text, bold)
    for i, col in enumerate(columns):
        row += 1
        required = REQUIRED_TEXT.get((kind, col.field), "Ya" if col.required else "Tidak")
        # "Kolom D: Tanggal Masuk", not the bare name: a bare header name in the first rows could
        # make the importer take this sheet for a data sheet.
        ws.write_string(row, 0, f"Kolom {column_letter(i)}: {col.name}", wrap)
        ws.write_string(row, 1, required, wrap)
        ws.write_string(row, 2, HELP.get((kind, col.field), HELP.get(col.field, "")), wrap)
    if any(r == "Ya*" for (k, _), r in REQUIRED_TEXT.items() if k == kind):
        ws.write_string(row + 2, 0, "* Isi Kode Indikator atau Indikator Kinerja (salah satu).")


def write_template(
    kind: str,
    fp: BinaryIO | Path | str,
    *,
    unit: str | None = None,
    year: int | None = None,
    indicators: pd.DataFrame | None = None,
    stored: pd.DataFrame | None = None,
) -> None:
    """Write the blank canonical template of one sheet kind (pk, realisasi, pengaduan, unit).

    For realisasi, `indicators` (PK_FRAME rows of one unit and year) pre-fills one row per month
    and indicator, with `unit` (display name) and `year` when given, else the frame's own values;
    complaint-linked indicators are left out (computed, never uploaded). Beside them, read-only
    grey columns say what to enter (Satuan, Target, Akumulasi) and what is stored already
    (`stored`: that unit's realisasi), and the value and month cells carry Excel data validation.
    Otherwise `unit` and `year` are ignored.
    """
    if kind not in schema.COLUMNS:
        raise ValueError(f"jenis template tidak dikenal: {kind!r}")
    columns = schema.COLUMNS[kind]
    wb = open_workbook(fp)
    ws = wb.add_worksheet(schema.KIND_LABEL[kind])
    formats = header_row(wb, ws, columns)
    extra: list[str] = []
    n = 0
    rows = None
    if indicators is not None and kind == schema.REALISASI:
        rows, skipped = _prefill(indicators, unit, year)
        n = write_rows(ws, columns, {c.field: cells_of(rows, c.field) for c in columns}, formats)
        extra.append("Baris sudah disiapkan per bulan dan indikator; cukup isi kolom Realisasi.")
        extra.extend(info_columns(wb, ws, len(columns), rows, stored))
        if skipped:
            names = "; ".join(skipped)
            extra.append(f"Indikator yang dihitung dari data pengaduan tidak dicantumkan: {names}.")
    ws.autofilter(0, 0, max(n, 1), len(columns) - 1)
    add_validation(ws, columns, max(TEMPLATE_ROWS, n + 1000))
    if rows is not None and n:
        value_validation(wb, ws, columns, rows)
    _petunjuk(wb, kind, columns, extra)
    wb.close()


def _prefill(indicators: pd.DataFrame, unit: str | None, year: int | None) -> tuple[pd.DataFrame, list[str]]:
    """Rows month by month, indicators in PK order; complaint-linked indicators left out."""
    frame = indicators.sort_values("urutan", kind="stable") if "urutan" in indicators else indicators
    linked = column_of(frame, "sumber_data").fillna("").astype(str).str.strip().str.lower()
    linked = linked.str.startswith("pengaduan:")
    skipped = [str(name) for name in frame.loc[linked, "indikator"]]
    keep = frame.loc[~linked]
    rows = pd.concat([keep.assign(bulan=month) for month in range(1, 13)], ignore_index=True)
    if unit is not None:
        rows["unit"] = unit
    if year is not None:
        rows["tahun"] = year
    info = ["satuan", "target_min", "target_max", "akumulasi", "kunci"]
    return rows.reindex(columns=[*(c.field for c in schema.REALISASI_COLUMNS), *info]), skipped
