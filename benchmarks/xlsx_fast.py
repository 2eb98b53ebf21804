"""A fast writer of big one-sheet benchmark workbooks (inline strings, as XlsxWriter's constant_memory).

XlsxWriter needs ~20 µs per cell in Python; a full sheet (1,048,575 rows × 14 columns) would take
minutes to generate. Here every column is turned into cell XML with numpy's string ufuncs and the
rows are streamed into the zip in chunks, so a million rows take seconds and little memory.
A column is a `Column`: text (object array, None = empty), numbers, or datetimes (datetime64,
NaT = empty) shown with the date format; a `mask` mixes two columns (text dates among Excel dates).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

S = np.dtypes.StringDType(na_object=None)
EPOCH = np.datetime64("1899-12-30T00:00:00", "us")
CHUNK = 100_000

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


@dataclass
class Column:
    """One column of the body: `kind` text | number | date, values of the body's length."""

    kind: str
    values: np.ndarray
    mask: np.ndarray | None = None  # where `other` is used instead (mixed columns)
    other: Column | None = None
    shared: np.ndarray | None = None  # index into the shared strings (-1 = empty), set by write_sheet


def text(values: Sequence[object] | np.ndarray) -> Column:
    return Column("text", np.asarray(values, dtype=object))


def number(values: np.ndarray) -> Column:
    return Column("number", np.asarray(values))


def date(values: np.ndarray) -> Column:
    return Column("date", np.asarray(values, dtype="datetime64[us]"))


def mixed(base: Column, other: Column, mask: np.ndarray) -> Column:
    """`other` where mask, else `base`."""
    return Column(base.kind, base.values, np.asarray(mask, dtype=bool), other)


def letter(c: int) -> str:
    name = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        name = chr(65 + r) + name
    return name


def _escape(values: np.ndarray) -> np.ndarray:
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        values = np.strings.replace(values, a, b)
    return values


def _cells(col: Column, ref: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Cell XML of rows lo:hi ("" where empty)."""
    v = col.values[lo:hi]
    if col.kind == "text" and col.shared is not None:
        present = col.shared[lo:hi] >= 0
        xml = np.strings.add(np.strings.add('<c r="', ref), '" t="s"><v>')
        xml = np.strings.add(np.strings.add(xml, col.shared[lo:hi].astype(S)), "</v></c>")
    elif col.kind == "text":
        present = np.array([x is not None for x in v], dtype=bool)
        body = _escape(np.where(present, v, "").astype(S))
        xml = np.strings.add(np.strings.add('<c r="', ref), '" t="inlineStr"><is><t>')
        xml = np.strings.add(np.strings.add(xml, body), "</t></is></c>")
    else:
        if col.kind == "date":
            present = ~np.isnat(v)
            serial = (v - EPOCH).astype("timedelta64[us]").astype(np.int64) / 86_400e6
            shown, style = np.where(present, serial, 0).astype(S), '" s="1"><v>'
        else:
            present = np.isfinite(v)
            whole = present & (v == np.floor(v))
            shown = np.where(whole, np.where(present, v, 0).astype(np.int64).astype(S), v.astype(S))
            style = '"><v>'
        xml = np.strings.add(np.strings.add('<c r="', ref), style)
        xml = np.strings.add(np.strings.add(xml, shown), "</v></c>")
    xml = np.where(present, xml, "").astype(S)
    if col.mask is not None and col.other is not None:
        xml = np.where(col.mask[lo:hi], _cells(col.other, ref, lo, hi), xml).astype(S)
    return xml


def _share(columns: Sequence[Column]) -> np.ndarray:
    """Give every text column its shared-string indices; the table of distinct strings."""
    texts = []
    for col in columns:
        for part in (col, col.other):
            if part is not None and part.kind == "text":
                texts.append(part)
    codes, table = pd.factorize(np.concatenate([t.values for t in texts]), use_na_sentinel=True)
    at = 0
    for t in texts:
        t.shared = codes[at : at + len(t.values)]
        at += len(t.values)
    return np.asarray(table, dtype=object)


def _top_row(r: int, values: Sequence[object]) -> str:
    cells = []
    for c, v in enumerate(values):
        if v is None or v == "":
            continue
        ref = f"{letter(c)}{r}"
        if isinstance(v, str):
            s = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{s}</t></is></c>')
        else:
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
    return f'<row r="{r}">{"".join(cells)}</row>'


def write_sheet(
    path: Path,
    sheet: str,
    top: Sequence[Sequence[object]],
    columns: Sequence[Column],
    *,
    shared: bool = False,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write `top` rows (title, header, as Python values) then the body columns, one sheet.

    With `shared`, body text goes to a shared-strings table, as Excel itself saves it (smaller
    sheet XML); otherwise inline, as XlsxWriter's constant_memory mode writes it.
    """
    n = len(columns[0].values)
    table = _share(columns) if shared else np.array([], dtype=object)
    first = len(top) + 1
    last = first + n - 1
    width = max(len(columns), *(len(r) for r in top))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        z.writestr("xl/styles.xml", _STYLES)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
                f'openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{len(table)}">'.encode()
            )
            for lo in range(0, len(table), CHUNK):
                items = _escape(table[lo : lo + CHUNK].astype(S))
                out.write(
                    "".join(np.strings.add(np.strings.add("<si><t>", items), "</t></si>").tolist()).encode()
                )
            out.write(b"</sst>")
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                    f'<dimension ref="A1:{letter(width - 1)}{last}"/><sheetData>'
                ).encode()
            )
            out.write("".join(_top_row(r + 1, row) for r, row in enumerate(top) if any(row)).encode())
            for lo in range(0, n, CHUNK):
                hi = min(n, lo + CHUNK)
                rownum = np.arange(first + lo, first + hi).astype(S)
                rows = np.strings.add(np.strings.add('<row r="', rownum), '">')
                for c, col in enumerate(columns):
                    rows = np.strings.add(rows, _cells(col, np.strings.add(letter(c), rownum), lo, hi))
                rows = np.strings.add(rows, "</row>")
                out.write("".join(rows.tolist()).encode())
                if progress is not None:
                    progress(hi)
            out.write(b"</sheetData></worksheet>")
