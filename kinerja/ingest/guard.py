"""A cheap streaming scan of an .xlsx before it is read: each sheet's used area, and its Excel error cells.

A 1,651-byte file with one cell at XFD1048576 makes the sheet reader allocate 549,755,813,888
bytes (issue 10). Before any reader materialises a sheet, each sheet part is decompressed in
chunks (never held whole) and its `<dimension>` element and the references of its last
`<row>` are read; an area beyond what a real sheet holds is refused with a precise
message. The same pass finds cells of type `e` (`#DIV/0!`, `#N/A` …), which the reader would
otherwise return as blank.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from kinerja.errors import WorkbookError

MAX_AREA = 5_000_000  # cells per sheet (rows × columns): 200,000 rows × 25 columns, far above any upload
CHUNK = 1 << 20
_OVERLAP = 4096  # bytes kept between chunks so a tag split across two chunks is still seen
_MAX_XML_PART = 8 << 20  # workbook.xml and its relationships are small; bigger is hostile
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>]")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")


@dataclass
class SheetScan:
    """What the scan saw of one sheet: its extent and its error cells (Excel row, 0-based column)."""

    name: str
    rows: int = 0
    columns: int = 0
    dimension: str = ""
    errors: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def area(self) -> int:
        return self.rows * self.columns


def column_index(letters: bytes | str) -> int:
    """1-based column number of Excel letters (A → 1, XFD → 16384)."""
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + ord(ch) - 64
    return n


def _letters(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _xml(book: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = book.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_XML_PART:
        raise WorkbookError(f"bagian {name} berukuran {info.file_size // 2**20} MB, tidak wajar untuk .xlsx")
    try:
        return ElementTree.fromstring(book.read(name))
    except ElementTree.ParseError as exc:
        raise WorkbookError(f"berkas .xlsx rusak ({name}: {exc})") from exc


def sheet_parts(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet, in workbook order."""
    wb = _xml(book, "xl/workbook.xml")
    rels = _xml(book, "xl/_rels/workbook.xml.rels")
    if wb is None or rels is None:
        return []
    targets = {r.get("Id"): str(r.get("Target", "")) for r in rels}
    out = []
    for sheet in wb.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(_REL_NS))
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        out.append((str(sheet.get("name", "")), path))
    return out


def _scan_part(book: zipfile.ZipFile, name: str, path: str) -> SheetScan:
    scan = SheetScan(name)
    tail = b""
    first = True
    try:
        handle = book.open(path)
    except KeyError:
        return scan
    with handle:
        while True:
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            buf = tail + chunk
            if first:
                _read_dimension(scan, buf)
                first = False
            _read_errors(scan, buf)
            tail = buf[-_OVERLAP:]
            last = buf.rfind(b"<row")
            if last >= 0:
                _read_last_row(scan, buf[last:])
    return scan


def _read_dimension(scan: SheetScan, head: bytes) -> None:
    m = _DIMENSION.search(head[:65536])
    if not m:
        return
    c1, r1, c2, r2 = m.groups()
    col = c2 or c1
    row = r2 or r1
    scan.dimension = m.group(0).split(b'"')[1].decode()
    if col:
        scan.columns = max(scan.columns, column_index(col))
    if row:
        scan.rows = max(scan.rows, int(row))


def _read_last_row(scan: SheetScan, row_xml: bytes) -> None:
    m = _ROW.match(row_xml)
    if m:
        scan.rows = max(scan.rows, int(m.group(1)))
    for ref in _REF.finditer(row_xml):
        scan.columns = max(scan.columns, column_index(ref.group(1)))
        scan.rows = max(scan.rows, int(ref.group(2)))


def _read_errors(scan: SheetScan, buf: bytes) -> None:
    """Cells with t="e" in `buf` (the overlap is searched again: a cell cut in two is read whole)."""
    at = buf.find(b't="e"')
    while at >= 0:
        start = -1
        for m in _CELL_START.finditer(buf, max(at - 512, 0), at):
            start = m.start()
        close = buf.find(b">", at)
        if start >= 0 and close > at and buf.find(b">", start, at) < 0:  # inside the cell's own tag
            ref = _REF.search(buf, start, close)
            end = _CELL_END.search(buf, close)
            value = _ERROR_VALUE.search(buf, close, end.end() if end else len(buf))
            if ref:
                code = value.group(1).decode(errors="replace") if value else "#ERROR"
                scan.errors[(int(ref.group(2)), column_index(ref.group(1)) - 1)] = code
        at = buf.find(b't="e"', at + 5)


def scan_workbook(data: bytes | zipfile.ZipFile) -> dict[str, SheetScan]:
    """Every worksheet's extent and error cells, by sheet name (a streaming pass, no sheet held)."""
    import io

    book = data if isinstance(data, zipfile.ZipFile) else zipfile.ZipFile(io.BytesIO(data))
    return {name: _scan_part(book, name, path) for name, path in sheet_parts(book)}


def check_areas(scans: dict[str, SheetScan], file_name: str, limit: int = MAX_AREA) -> None:
    """Refuse a sheet whose used area (rows × columns) is beyond what a real sheet holds."""
    for scan in scans.values():
        if scan.area <= limit:
            continue
        corner = f"{_letters(scan.columns)}{scan.rows}"
        raise WorkbookError(
            f"{file_name}: sheet '{scan.name}' memakai area A1:{corner} ({_number(scan.rows)} baris × "
            f"{_number(scan.columns)} kolom = {_number(scan.area)} sel), melebihi batas {_number(limit)} sel "
            f"per sheet; hapus isi dan format sel di luar tabel (di Excel, Ctrl+End menunjukkan sel "
            "terakhir yang terpakai) lalu simpan ulang"
        )
