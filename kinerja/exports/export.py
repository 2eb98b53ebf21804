"""The full data export: one canonical workbook that the importer reads back unchanged (a fixed point)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kinerja.clock import WITA
from kinerja.domain import schema, vocabulary
from kinerja.domain.schema import Column
from kinerja.exports.columns import (
    DATE_COLUMNS,
    NUMBER_COLUMNS,
    STATUS_WORDING,
    exact_number,
    header_row,
    open_workbook,
)


def _texts(values: pd.Series) -> list[str | None]:
    blank = values.isna().tolist()
    return [None if b or v == "" else str(v) for b, v in zip(blank, values.tolist(), strict=True)]


def _numbers(values: pd.Series) -> list[float | None]:
    floats = pd.to_numeric(values, errors="coerce").astype("float64").tolist()
    return [None if x != x else exact_number(x) for x in floats]


def _serials(values: pd.Series) -> list[float | None]:
    """Excel serial day numbers of dates (tz-aware dates are shown in WITA)."""
    stamps = pd.to_datetime(values, errors="coerce")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_convert(WITA).dt.tz_localize(None)
    delta = stamps - pd.Timestamp("1899-12-30")  # Excel's epoch incl. its 1900 leap-year quirk
    days = delta.dt.days
    serial = days + (delta - pd.to_timedelta(days, unit="D")).dt.total_seconds() / 86400
    return [None if x != x else exact_number(x) for x in serial.astype("float64").tolist()]


def _yes_no(values: pd.Series) -> list[str | None]:
    blank = values.isna().tolist()
    return [
        None if b else (v or None) if isinstance(v, str) else "Ya" if v else "Tidak"
        for b, v in zip(blank, values.tolist(), strict=True)
    ]


def column_of(frame: pd.DataFrame, field: str) -> pd.Series:
    if field in frame:
        return frame[field]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def cells_of(frame: pd.DataFrame, field: str) -> list[Any]:
    values = column_of(frame, field)
    if field in DATE_COLUMNS:
        return _serials(values)
    if field in NUMBER_COLUMNS:
        return _numbers(values)
    if field in ("ada_bukti", "tinjau_lapangan"):
        return _yes_no(values)
    return _texts(values)


def write_rows(
    ws: Worksheet, columns: Sequence[Column], cells: dict[str, list[Any]], formats: dict[str, Format]
) -> int:
    """Write the cells below the header, row by row (constant_memory needs rows in order)."""
    present = [(i, col.field) for i, col in enumerate(columns) if col.field in cells]
    places = [(i, formats.get(field)) for i, field in present]
    write_string, write_number = ws.write_string, ws.write_number
    n = 0
    for n, values in enumerate(zip(*(cells[f] for _, f in present), strict=True), start=1):
        for (i, fmt), value in zip(places, values, strict=True):
            if value is None:
                continue
            if value.__class__ is str:
                write_string(n, i, value)
            else:
                write_number(n, i, value, fmt)
    return n


def _write_sheet(wb: Workbook, kind: str, cells: dict[str, list[Any]]) -> None:
    columns = schema.COLUMNS[kind]
    ws = wb.add_worksheet(schema.KIND_LABEL[kind])
    n = write_rows(ws, columns, cells, header_row(wb, ws, columns))
    ws.autofilter(0, 0, max(n, 1), len(columns) - 1)


def _target_cell(text: Any, lo: Any, hi: Any) -> float | str | None:
    """A range target as its text (`80-90`), a single target as a number."""
    has_text = isinstance(text, str) and bool(text.strip())
    if pd.notna(lo) and pd.notna(hi):
        if float(lo) == float(hi):
            return exact_number(float(lo))
        if has_text:
            return text.strip()
        # Comma decimals: a text "1.125" would read back as 1125 (DOMAIN §4, thousands dots).
        return "-".join(repr(float(x)).removesuffix(".0").replace(".", ",") for x in (lo, hi))
    if has_text:
        return text.strip()  # not parsed yet: the importer parses it as it did the first time
    return None if text is None or pd.isna(text) else exact_number(float(text))


def _unit_cells(units: pd.DataFrame) -> dict[str, list[Any]]:
    def join(v: Any) -> Any:
        iterable = not isinstance(v, str) and hasattr(v, "__iter__")
        return "|".join(str(a) for a in v if a) if iterable else v

    alias = column_of(units, "alias").map(join)
    return {
        "kode": _texts(column_of(units, "kode")),
        "nama": _texts(column_of(units, "nama")),
        "jenis": _texts(column_of(units, "jenis")),
        "alias": _texts(alias),
    }


def _pk_cells(pk: pd.DataFrame) -> dict[str, list[Any]]:
    frame = pk.sort_values(["unit", "tahun", "urutan"], kind="stable") if len(pk) else pk
    cells = {c.field: cells_of(frame, c.field) for c in schema.PK_COLUMNS}
    parts = [column_of(frame, f).tolist() for f in ("target", "target_min", "target_max")]
    cells["target"] = [_target_cell(*t) for t in zip(*parts, strict=True)]
    return cells


def _realisasi_cells(realisasi: pd.DataFrame, pk: pd.DataFrame) -> dict[str, list[Any]]:
    keys = ["unit", "tahun", "kunci"]
    info = pd.DataFrame(
        {f: column_of(pk, f) for f in [*keys, "urutan", "kode_indikator", "indikator", "sumber_data"]}
    )
    info = info.drop_duplicates(keys, keep="last")
    if info.empty:  # merging an empty object column on an int column raises
        info = info.astype({k: realisasi[k].dtype for k in keys if k in realisasi})
    frame = realisasi.drop(columns=["kode_indikator", "indikator"], errors="ignore")
    frame = frame.merge(info, on=keys, how="left", validate="many_to_one")
    # Complaint-linked indicators are computed; an uploaded value would be refused (DOMAIN §2.2).
    linked = frame["sumber_data"].fillna("").astype(str).str.lower().str.startswith("pengaduan:")
    frame = frame.loc[~linked]
    frame = frame.sort_values(["unit", "tahun", "bulan", "urutan", "kunci"], kind="stable")
    frame["indikator"] = frame["indikator"].where(frame["indikator"].notna(), frame["kunci"])
    return {c.field: cells_of(frame, c.field) for c in schema.REALISASI_COLUMNS}


def _pengaduan_cells(pengaduan: pd.DataFrame) -> dict[str, list[Any]]:
    frame = pengaduan
    cells = {c.field: cells_of(frame, c.field) for c in schema.PENGADUAN_COLUMNS}
    # Derived ids stay blank so the importer derives the same id again (DOMAIN §4).
    derived = column_of(frame, "tiket_turunan").fillna(False).astype(bool).tolist()
    cells["no_tiket"] = [None if d else t for d, t in zip(derived, cells["no_tiket"], strict=True)]
    notes = _texts(column_of(frame, "saluran_catatan"))
    cells["saluran"] = [
        n if s == vocabulary.SALURAN_LAINNYA and n else s
        for s, n in zip(cells["saluran"], notes, strict=True)
    ]
    cells["status"] = [STATUS_WORDING.get(s, s) if s else None for s in cells["status"]]
    return cells


def write_export(
    fp: BinaryIO | Path | str,
    *,
    units: pd.DataFrame | None,
    pk: pd.DataFrame | None,
    realisasi: pd.DataFrame | None,
    pengaduan: pd.DataFrame | None,
) -> None:
    """Write the stored data as one canonical workbook (Unit, PK, Realisasi, Pengaduan).

    A fixed point of the importer: importing the export changes nothing. Units are written by
    kode; derived complaint ids are left blank; numbers and dates are Excel values. A frame
    given as None leaves its sheet out (the WhatsApp triage writes complaints only).
    """
    wb = open_workbook(fp, constant_memory=True)
    if units is not None:
        _write_sheet(wb, schema.UNIT, _unit_cells(units))
    if pk is not None:
        _write_sheet(wb, schema.PK, _pk_cells(pk))
    if realisasi is not None:
        plan = pk if pk is not None else pd.DataFrame()
        _write_sheet(wb, schema.REALISASI, _realisasi_cells(realisasi, plan))
    if pengaduan is not None:
        _write_sheet(wb, schema.PENGADUAN, _pengaduan_cells(pengaduan))
    wb.close()
