"""Opening an upload: .xlsx or .csv bytes → sheets of cell values, refusing what is not a workbook."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pandas as pd
import python_calamine

from kinerja.errors import WorkbookError
from kinerja.ingest.grid import Grid
from kinerja.ingest.report import column_letter

# Zip-bomb guard. A full sheet (1.048.575 rows × ~15 columns, issue 15) unpacks to ~0,8 GB of XML;
# calamine streams the XML out of the zip, so this bounds the work, not the memory.
MAX_UNCOMPRESSED_BYTES = 1536 * 1024 * 1024


def load_sheets(data: bytes, file_name: str) -> list[tuple[str, Grid, list[Any]]]:
    """All sheets of a file as (name, cells, merged ranges); refuse what is not a readable .xlsx."""
    lower = file_name.lower()
    if not data:
        raise WorkbookError(f"{file_name}: berkas kosong (0 byte); unggah berkas .xlsx yang berisi data")
    if lower.endswith(".csv"):
        return [(_csv_sheet_name(file_name), Grid.from_rows(_read_csv(data, file_name)), [])]
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k" in data or not lower.endswith(
            ".xls"
        ):
            raise WorkbookError(
                f"{file_name}: berkas dilindungi kata sandi; buka di Excel, hapus kata sandinya, "
                "lalu simpan ulang sebagai .xlsx"
            )
        raise WorkbookError(
            f"{file_name}: format .xls (Excel 97-2003) tidak diterima; buka di Excel dan simpan "
            "sebagai 'Excel Workbook (.xlsx)'"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(
            f"{file_name}: bukan berkas Excel .xlsx yang dapat dibaca (diharapkan: berkas .xlsx "
            "dari Excel/LibreOffice, atau .csv untuk pengaduan)"
        )
    _guard_zip(data, file_name)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            sheets.append((name, _grid(sheet), list(sheet.merged_cell_ranges or [])))
            del sheet  # calamine's copy of the cells goes before the next sheet is read
    except Exception as exc:  # calamine raises many kinds on corrupt files
        raise WorkbookError(f"{file_name}: berkas .xlsx rusak atau tidak dapat dibaca ({exc})") from exc
    if not any(grid.any_filled(blank_cell) for _, grid, _ in sheets):
        raise WorkbookError(f"{file_name}: semua sheet kosong; tidak ada data untuk dimuat")
    return sheets


def _grid(sheet: Any) -> Grid:
    """The sheet's cells from A1 (as `to_python(skip_empty_area=False)`), built chunk by chunk."""
    # iter_rows starts at the first used column: put the empty columns before it back
    lead = [""] * (sheet.start[1] if sheet.start else 0)
    rows = sheet.iter_rows()
    return Grid.from_rows((lead + row for row in rows) if lead else rows)


def _guard_zip(data: bytes, file_name: str) -> None:
    try:
        total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile as exc:
        raise WorkbookError(f"{file_name}: berkas .xlsx rusak ({exc})") from exc
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookError(
            f"{file_name}: isi berkas terlalu besar setelah diekstrak ({total // 2**20} MB); "
            "bagi datanya menjadi beberapa berkas"
        )


def _csv_sheet_name(file_name: str) -> str:
    return "Pengaduan"


def _read_csv(data: bytes, file_name: str) -> list[list[object]]:
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise WorkbookError(f"{file_name}: CSV tidak dapat dibaca (diharapkan: teks UTF-8)")
    first = text.splitlines()[0] if text else ""
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False)
    except Exception as exc:
        raise WorkbookError(f"{file_name}: CSV tidak dapat dibaca ({exc})") from exc
    return frame.to_numpy(dtype=object).tolist()


def blank_cell(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in ("", "-", "–", "—")
    return isinstance(value, float) and value != value


def percent_mask(
    data: bytes,
    sheet: str,
    rows: pd.Index,
    cols: list[int],
    fields: dict[int, str],
    periods: dict[int, int],
    names: list[str],
) -> pd.DataFrame:
    """Which cells are formatted as a percentage (openpyxl, small sheets only)."""
    import openpyxl

    wanted = {r + 1 for r in rows}
    flags: dict[int, dict[int, bool]] = {}
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = book[sheet]
        for row in ws.iter_rows():
            for cell in row:
                r = getattr(cell, "row", None)
                if isinstance(r, int) and r in wanted and "%" in str(getattr(cell, "number_format", "")):
                    flags.setdefault(r, {})[cell.column - 1] = True
        book.close()
    except Exception:  # formats are a refinement; values were already read by calamine
        flags = {}
    out = pd.DataFrame(False, index=range(len(rows)), columns=[])
    excel_rows = [r + 1 for r in rows]
    for c in cols:
        out[fields[c]] = [flags.get(r, {}).get(c, False) for r in excel_rows]
    for c in periods:
        out[f"{column_letter(c)} ({names[c]})"] = [flags.get(r, {}).get(c, False) for r in excel_rows]
    return out
