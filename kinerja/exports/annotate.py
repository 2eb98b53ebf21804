"""Mark bad cells of an uploaded workbook (red fill, comment) and list every problem on a sheet."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.errors import WorkbookError
from kinerja.exports.xlsx import neutralise
from kinerja.ingest.report import ERROR, REPORT_COLUMNS, Problem

REPORT_SHEET = "Laporan Kesalahan"
AUTHOR = "Kinerja"
BAD_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
HEADER_ROWS = 15  # the reader looks for the header row this far down (DOMAIN §4)
MAX_MARKED = 1000  # problems marked and listed in the copy; the full list is the report CSV
# "D (Tanggal Masuk)" or "kolom AB (Target TW I)"; a bare single letter "D" is accepted too.
_COLUMN = re.compile(r"^(?:kolom\s+)?([A-Z]{1,3})\s*\((.*)\)\s*$|^(?:kolom\s+)?([A-Z])\s*$")


def _parse_column(text: str) -> tuple[int | None, str]:
    """Column index (1-based) and name of `D (Tanggal Masuk)`; (None, text) when not a letter."""
    match = _COLUMN.match(text.strip())
    if not match:
        return None, text
    letters = match.group(1) or match.group(3)
    index = column_index_from_string(letters)
    return (index, match.group(2) or "") if index <= 16384 else (None, text)


def _norm(value: object) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(value).casefold())


def _sheet(wb: Workbook, name: str) -> Worksheet | None:
    sheets = {ws.title: ws for ws in wb.worksheets}
    if name in sheets:
        return sheets[name]
    by_norm = {_norm(title): ws for title, ws in sheets.items()}
    return by_norm.get(_norm(name)) if name else None


def _anchor(ws: Worksheet, row: int, col: int) -> Cell:
    """The cell to mark: the top-left cell when (row, col) lies inside a merged range."""
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
            return ws.cell(merged.min_row, merged.min_col)
    return ws.cell(row, col)


def _locate(ws: Worksheet, problem: Problem) -> tuple[Cell, list[Cell]] | None:
    """The cell that gets the comment and the cells that get the fill, when they can be found."""
    col, name = _parse_column(problem.column) if problem.column else (None, "")
    if problem.row is not None and problem.row >= 1:
        if col is not None:
            cell = _anchor(ws, problem.row, col)
            return cell, [cell]
        # A row-level problem (no column): comment on column A, fill the whole row.
        width = max(ws.max_column, 1)
        return _anchor(ws, problem.row, 1), [ws.cell(problem.row, c) for c in range(1, width + 1)]
    if col is not None and name:
        for row in range(1, min(ws.max_row, HEADER_ROWS) + 1):
            cell = ws.cell(row, col)
            if cell.value is not None and _norm(cell.value) == _norm(name):
                return cell, [cell]
    return None


def _comment_text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        line = f"• {p.message}" if len(problems) > 1 else p.message
        lines.append(line + (f" (diharapkan: {p.expected})" if p.expected else ""))
    return "\n".join(dict.fromkeys(lines))


def _report_sheet(wb: Workbook, problems: list[Problem], cells: dict[int, str]) -> None:
    if REPORT_SHEET in wb.sheetnames:
        wb.remove(wb[REPORT_SHEET])
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    ws = wb.create_sheet(REPORT_SHEET, 0)
    header = [*REPORT_COLUMNS, "sel"]
    ws.append(header)
    for i, p in enumerate(problems):
        # the file and sheet names and the messages quote what the user wrote: never a formula
        values = [p.file, p.sheet, p.row, p.column, p.message, p.expected, p.level, cells.get(i)]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(i + 2, col)
            cell.value = neutralise(value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would write any text starting with "=" as a formula
    for col, width in enumerate((24, 16, 8, 26, 70, 40, 10, 8), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        ws.cell(1, col).font = Font(bold=True)
        ws.cell(1, col).fill = HEADER_FILL
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(problems) + 1}"
    ws.sheet_view.tabSelected = True
    wb.active = 0


def _neutralise_text(wb: Workbook) -> None:
    """Text cells of the copy that a spreadsheet would run as a formula get the leading ' (OWASP)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if (
                    cell.data_type == "s"
                    and isinstance(cell.value, str)
                    and cell.value != neutralise(cell.value)
                ):
                    cell.value = neutralise(cell.value)


def annotate_workbook(data: bytes, problems: list[Problem]) -> bytes:
    """A copy of the uploaded .xlsx with each error's cell filled red and commented.

    Only errors (`galat`) are marked; the first MAX_MARKED problems, notices included, are
    listed on a first sheet "Laporan Kesalahan" (with the marked cell, if any). Text that a
    spreadsheet would run as a formula is neutralised, the user's own cells too.
    """
    try:
        wb = load_workbook(BytesIO(data))
    except Exception as exc:  # openpyxl raises many kinds for a file that is not an .xlsx
        raise WorkbookError(f"Berkas tidak dapat dibuka sebagai .xlsx: {exc}") from exc
    _neutralise_text(wb)
    problems = problems[:MAX_MARKED]
    marks: dict[tuple[str, str], tuple[Cell, list[Cell], list[Problem]]] = {}
    cells: dict[int, str] = {}
    for i, problem in enumerate(problems):
        ws = _sheet(wb, problem.sheet) if problem.level == ERROR else None
        found = _locate(ws, problem) if ws is not None else None
        if found is None:
            continue
        cell, filled = found
        cells[i] = cell.coordinate
        key = (ws.title, cell.coordinate)  # type: ignore[union-attr]
        if key not in marks:
            marks[key] = (cell, [], [])
        marks[key][1].extend(filled)
        marks[key][2].append(problem)
    for cell, filled, found_problems in marks.values():
        for target in filled:
            if target.__class__ is Cell:  # MergedCell has no style of its own
                target.fill = BAD_FILL
        text = _comment_text(found_problems)
        old = cell.comment
        if old is not None and old.author != AUTHOR:
            text = f"{old.text}\n---\n{text}"
        lines = sum(1 + len(line) // 45 for line in text.splitlines())
        cell.comment = Comment(text, AUTHOR, height=min(40 + 18 * lines, 400), width=320)
    _report_sheet(wb, problems, cells)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
