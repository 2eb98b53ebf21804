"""The one formula-safe writer: every CSV and Excel file made for a person goes through here (OWASP CSV injection)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from kinerja.views import fmt
from kinerja.views.charts import TEKS_GELAP, WARNA_KATEGORI

# OWASP "CSV injection": a cell starting with one of these is run as a formula by spreadsheet
# programs. Tab and carriage return are on the OWASP list as well.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER_FILL = "#1f4e79"


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading `'`; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of `frame` with every text cell (and column name) neutralised; numbers stay numbers."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(neutralise)
    return out


def to_csv(frame: pd.DataFrame, *, excel_id: bool = False) -> bytes:
    """UTF-8 CSV (with BOM so Excel shows Indonesian text right), formula-safe, dates as ISO.

    `excel_id`: for Excel in an Indonesian locale, which splits on `;` and reads `85,5`: semicolons
    and decimal commas (the plain CSV, `,` and `.`, stays the one other programs read).
    """
    plain = safe_frame(_plain(frame))
    if excel_id:
        return plain.to_csv(index=False, sep=";", decimal=",", lineterminator="\n").encode("utf-8-sig")
    return plain.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists (sparkline data) become text; timestamps become dates."""
    out = frame.copy()
    for c in out.columns:
        s = out[c]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[c] = s.dt.date
        elif s.dtype == object and s.map(lambda v: isinstance(v, list | tuple | np.ndarray)).any():
            out[c] = s.map(
                lambda v: ", ".join(fmt.ringkas(x) for x in v) if isinstance(v, list | tuple) else v
            )
    return out


def to_excel(frame: pd.DataFrame, sheet: str = "Data", title: str | None = None) -> bytes:
    """One formatted sheet (see `workbook`)."""
    return workbook({sheet: frame}, title=title)


def workbook(
    sheets: Mapping[str, pd.DataFrame],
    title: str | None = None,
    bar_charts: Mapping[str, tuple[str, str]] | None = None,
) -> bytes:
    """A formatted .xlsx: one sheet per frame, bold header, frozen header row, filters, widths.

    Every sheet prints on A4 landscape, one page wide, with its header row repeated on each page
    (issue 13: the rekap took 47 pages). `bar_charts` adds a native Excel bar chart to a sheet:
    {sheet: (category column, value column)}.

    Text is written as text (never as a formula) and neutralised as well, so the file stays safe
    when it is saved again as CSV.
    """
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "nan_inf_to_errors": True})  # fmt: skip
    head = book.add_format({"bold": True, "font_color": "white", "bg_color": HEADER_FILL, "text_wrap": True,
                            "valign": "top", "border": 1})  # fmt: skip
    title_fmt = book.add_format({"bold": True, "font_size": 13})
    num = book.add_format({"num_format": "#,##0.00"})
    whole = book.add_format({"num_format": "#,##0"})
    day = book.add_format({"num_format": "d mmm yyyy"})
    kat_formats = {k: book.add_format({"bg_color": c, "font_color": "#222222" if k in TEKS_GELAP else "#FFFFFF"})
                   for k, c in WARNA_KATEGORI.items()}  # fmt: skip
    for name, frame in sheets.items():
        ws = book.add_worksheet(_sheet_name(name))
        data = safe_frame(_plain(frame))
        top = 0
        if title:
            ws.write_string(0, 0, neutralise(f"{title} — {name}"), title_fmt)
            top = 2
        for j, col in enumerate(data.columns):
            ws.write_string(top, j, str(col), head)
            s = data[col]
            width = max([len(str(col))] + [len(str(v)) for v in s.head(200)])
            ws.set_column(j, j, min(max(width + 2, 8), 60))
            for i, v in enumerate(s.tolist(), start=top + 1):
                _write(ws, i, j, v, num, whole, day)
        if "Kategori" in data.columns and len(data):
            j = list(data.columns).index("Kategori")
            for kat, f in kat_formats.items():
                ws.conditional_format(top + 1, j, top + len(data), j, {
                    "type": "cell", "criteria": "==", "value": f'"{kat}"', "format": f})  # fmt: skip
        ws.freeze_panes(top + 1, 0)
        if len(data.columns):
            ws.autofilter(top, 0, top + max(len(data), 1), len(data.columns) - 1)
        _page_setup(ws, top, f"{title} — {name}" if title else name)
        if bar_charts and name in bar_charts and len(data):
            _bar_chart(book, ws, _sheet_name(name), data, top, *bar_charts[name])
    book.close()
    return buf.getvalue()


def _page_setup(ws: Any, header_row: int, heading: str) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    ws.repeat_rows(0, header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header(f"&L&8{neutralise(heading).replace('&', '&&')}")
    ws.set_footer("&R&8Halaman &P dari &N")


def _bar_chart(
    book: Any, ws: Any, sheet: str, data: pd.DataFrame, top: int, category: str, value: str
) -> None:
    """A horizontal bar chart of one column, beside the table (Excel draws it, so it prints too)."""
    cols = list(data.columns)
    c, v, n = cols.index(category), cols.index(value), len(data)
    chart = book.add_chart({"type": "bar"})
    chart.add_series({
        "name": value, "categories": [sheet, top + 1, c, top + n, c], "values": [sheet, top + 1, v, top + n, v],
        "data_labels": {"value": True, "num_format": "#,##0.00"}, "fill": {"color": WARNA_KATEGORI["Sangat Tinggi"]},
    })  # fmt: skip
    chart.set_title({"name": f"{value} per {category.lower()}"})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_size({"width": 620, "height": max(320, 22 * n)})
    ws.insert_chart(top, len(cols) + 1, chart)


def _write(ws: Any, i: int, j: int, v: Any, num: Any, whole: Any, day: Any) -> None:
    if fmt.kosong(v):
        ws.write_blank(i, j, None)
    elif isinstance(v, bool | np.bool_):
        ws.write_string(i, j, "Ya" if v else "Tidak")
    elif isinstance(v, int | np.integer):
        ws.write_number(i, j, int(v), whole)
    elif isinstance(v, float | np.floating):
        ws.write_number(i, j, float(v), num)
    elif hasattr(v, "year") and hasattr(v, "month"):
        ws.write_datetime(i, j, pd.Timestamp(v).to_pydatetime(), day)
    else:
        ws.write_string(i, j, str(v))


def _sheet_name(name: str) -> str:
    """Excel sheet names: ≤ 31 characters, none of []:*?/\\."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in name).strip("'")
    return clean[:31] or "Data"
