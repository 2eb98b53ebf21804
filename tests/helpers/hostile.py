"""Hostile .xlsx files written as raw XML: cells far outside the table, lying dimensions, error cells, NULs.

openpyxl refuses to write most of these (it checks what it writes); a real attacker does not use
openpyxl, so the tests build the parts of the zip by hand.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def text(ref: str, value: str) -> str:
    """An inline-string cell; `value` is put in as written (so `_x0000_` escapes stay escapes)."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def number(ref: str, value: float) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def error(ref: str, code: str) -> str:
    """A formula cell whose cached result is an Excel error (`#DIV/0!`, `#N/A` …), as Excel writes it."""
    return f'<c r="{ref}" t="e"><f>1/0</f><v>{escape(code)}</v></c>'


def raw_xlsx(sheets: dict[str, list[tuple[int, list[str]]]], dimension: str | None = None) -> bytes:
    """A workbook whose sheets are (row number, cells XML) lists, with an optional <dimension>."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        parts = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_CT}"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_BOOK_CT}"/>{parts}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        names = "".join(
            f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(sheets, start=1)
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f"<sheets>{names}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">{rels}</Relationships>',
        )
        for i, rows in enumerate(sheets.values(), start=1):
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            body = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in rows)
            z.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">{dim}'
                f"<sheetData>{body}</sheetData></worksheet>",
            )
    return buf.getvalue()


def complaint_sheet() -> list[tuple[int, list[str]]]:
    """A normal, valid Pengaduan sheet of two complaints (rows 1–3)."""
    header = ["No Tiket", "Tanggal Masuk", "Kecamatan", "Kelurahan", "Perangkat Daerah Tujuan", "Status"]
    cols = "ABCDEF"
    rows = [(1, [text(f"{c}1", h) for c, h in zip(cols, header, strict=True)])]
    for r, tiket in ((2, "KPG-1"), (3, "KPG-2")):
        values = [tiket, "05/03/2018", "Oebobo", "Oebufu", "Dinas Kesehatan", "Baru"]
        rows.append((r, [text(f"{c}{r}", v) for c, v in zip(cols, values, strict=True)]))
    return rows


def far_corner() -> bytes:
    """Issue 10's 1.6 kB killer: a normal Pengaduan sheet plus one cell at XFD1048576."""
    return raw_xlsx({"Pengaduan": [*complaint_sheet(), (1048576, [text("XFD1048576", "x")])]})


def hidden_far_cell() -> bytes:
    """A file the area scan cannot see through: no <dimension>, a far cell (ZZ1000000) in the
    middle and a last row that is narrow. Only the reader's memory limit stops this one."""
    tail = [(1000000, [text("ZZ1000000", "x")]), (1000001, [text("A1000001", "x")])]
    return raw_xlsx({"Pengaduan": [*complaint_sheet(), *tail]})
