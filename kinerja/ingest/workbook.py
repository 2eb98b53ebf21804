"""Opening an upload: .xlsx, .xls, HTML-table .xls or .csv bytes → sheets of cell values, or a refusal."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import python_calamine

from kinerja.errors import WorkbookError
from kinerja.ingest.guard import check_areas, scan_workbook
from kinerja.ingest.html_xls import is_html_table, read_html_tables
from kinerja.ingest.report import column_letter

# Zip-bomb guard. A full sheet (1.048.575 rows × ~15 columns, issue 15) unpacks to ~0,8 GB of XML;
# calamine streams the XML out of the zip, so this bounds the work, not the memory.
MAX_UNCOMPRESSED_BYTES = 1536 * 1024 * 1024


@dataclass
class LoadedSheet:
    """One sheet as read: cell values, merged ranges, and whether Excel hides it."""

    name: str
    rows: list[list[Any]]
    merges: list[Any]
    hidden: bool = False
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → `#DIV/0!` (issue 10)


def load_sheets(data: bytes, file_name: str) -> list[LoadedSheet]:
    """All sheets of a file; refuse what is not a readable .xlsx, .xls, HTML-table .xls or .csv."""
    lower = file_name.lower()
    if not data:
        raise WorkbookError(f"{file_name}: berkas kosong (0 byte); unggah berkas .xlsx yang berisi data")
    if lower.endswith(".csv"):
        return [LoadedSheet(_csv_sheet_name(file_name), _read_csv(data, file_name), [])]
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k" in data:
            raise WorkbookError(
                f"{file_name}: berkas dilindungi kata sandi; buka di Excel, hapus kata sandinya, "
                "lalu simpan ulang sebagai .xlsx"
            )
        return _calamine_sheets(data, file_name, ".xls (Excel 97-2003)")  # issue 12 §4: BIFF is read
    if is_html_table(data):  # a web app's "Excel" export: an HTML <table> named .xls
        return _non_empty(
            [LoadedSheet(n, rows, merges) for n, rows, merges in read_html_tables(data)], file_name
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(
            f"{file_name}: bukan berkas Excel .xlsx yang dapat dibaca (diharapkan: berkas .xlsx "
            "dari Excel/LibreOffice, atau .csv untuk pengaduan)"
        )
    _guard_zip(data, file_name)
    return _calamine_sheets(data, file_name, ".xlsx")


def _calamine_sheets(data: bytes, file_name: str, kind: str) -> list[LoadedSheet]:
    scans: dict[str, Any] = {}
    if kind == ".xlsx":  # the used area of every sheet, before calamine materialises it (issue 10)
        try:
            scans = scan_workbook(data)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise WorkbookError(f"{file_name}: berkas .xlsx rusak ({exc})") from exc
        check_areas(scans, file_name)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
            errors = scans[meta.name].errors if meta.name in scans else {}
            sheets.append(LoadedSheet(meta.name, rows, list(sheet.merged_cell_ranges or []), hidden, errors))
    except Exception as exc:  # calamine raises many kinds on corrupt files
        advice = "; buka di Excel dan simpan sebagai 'Excel Workbook (.xlsx)'" if kind != ".xlsx" else ""
        raise WorkbookError(
            f"{file_name}: berkas {kind} rusak atau tidak dapat dibaca ({exc}){advice}"
        ) from exc
    return _non_empty(sheets, file_name)


def _non_empty(sheets: list[LoadedSheet], file_name: str) -> list[LoadedSheet]:
    if not any(any(not blank_cell(v) for v in row) for sheet in sheets for row in sheet.rows):
        raise WorkbookError(f"{file_name}: semua sheet kosong; tidak ada data untuk dimuat")
    return sheets


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
    text = _decode_csv(data)
    if text is None:
        raise WorkbookError(f"{file_name}: CSV tidak dapat dibaca (diharapkan: teks UTF-8)")
    first = text.splitlines()[0] if text else ""
    sep = max((";", ",", "\t"), key=lambda c: (first.count(c), c == ","))  # Excel's "Unicode text" uses tabs
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False)
    except Exception as exc:
        found = re.search(r"(line|row) (\d+)", str(exc))  # pandas: `line` counts from 1, `row` from 0
        where = f" mulai baris {int(found.group(2)) + (found.group(1) == 'row')}" if found else ""
        what = 'tanda kutip (") yang tidak ditutup' if "EOF" in str(exc) else "jumlah kolom yang tidak sama"
        raise WorkbookError(
            f"{file_name}: CSV tidak dapat dibaca: {what}{where} (diharapkan: setiap tanda kutip "
            "berpasangan dan setiap baris memakai pemisah kolom yang sama — koma, titik koma atau tab)"
        ) from exc
    return frame.to_numpy(dtype=object).tolist()


def _decode_csv(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text", BOM or not) or Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings: tuple[str, ...] = ("utf-16",)
    elif len(data) >= 4 and data[1:4:2] == b"\x00\x00":
        encodings = ("utf-16-le",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


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
