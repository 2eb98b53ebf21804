"""Charts of the meeting pack drawn as PDF vectors (fpdf2): the heatmap and a unit's monthly trend.

Drawn straight into the page, their numbers stay text (searchable, crisp in print) and cost
milliseconds; only the quadrant, with its bubbles and pushed-apart labels, is a matplotlib picture.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from kinerja.domain.vocabulary import BATAS_TINGGI, KATEGORI_BANDS
from kinerja.views import fmt
from kinerja.views.charts import BANDS, TEKS_GELAP, WARNA_KATEGORI


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def kategori_of(v: float) -> str:
    """The kategori band of a nilai (Permendagri 86/2017 lower bounds), `Belum lapor` for none."""
    if v is None or math.isnan(v):
        return "Belum lapor"
    for lo, hi, name in BANDS:
        if lo <= v < hi:
            return name
    return BANDS[-1][2]


def heatmap(pdf: Any, matrix: pd.DataFrame, x: float, y: float, w: float, h: float, font: str) -> None:
    """Units × months: each cell filled by its kategori and printed with its nilai."""
    n_rows, n_cols = matrix.shape
    label_w = min(28.0, w * 0.2)
    cell_w = (w - label_w) / max(n_cols, 1)
    cell_h = min(4.2, (h - 4) / max(n_rows, 1))
    size = max(4.5, min(6.5, cell_h * 1.9))
    pdf.set_font(font, "B", size)
    for j, name in enumerate(matrix.columns):
        pdf.set_xy(x + label_w + j * cell_w, y)
        pdf.cell(cell_w, 3.5, str(name), align="C")
    pdf.set_draw_color(255)
    for i, (unit, row) in enumerate(matrix.iterrows()):
        top = y + 4 + i * cell_h
        pdf.set_font(font, "", size)
        pdf.set_text_color(0)
        pdf.set_xy(x, top)
        pdf.cell(label_w - 1, cell_h, str(unit)[:22], align="R")
        for j, v in enumerate(row.to_numpy(dtype="float64")):
            name = kategori_of(v)
            pdf.set_fill_color(*_rgb(WARNA_KATEGORI[name]))
            pdf.set_text_color(*((34, 34, 34) if name in TEKS_GELAP else (255, 255, 255)))
            pdf.set_xy(x + label_w + j * cell_w, top)
            pdf.cell(cell_w, cell_h, fmt.angka(v, 1, blank="–"), border=1, align="C", fill=True)
    pdf.set_text_color(0)
    pdf.set_fill_color(255)
    pdf.set_draw_color(0)


def trend(pdf: Any, values: pd.Series, x: float, y: float, w: float, h: float, font: str) -> None:
    """A unit's nilai per month (Jan..m) on 0–120, with the Tinggi and Sangat Tinggi lines labelled."""
    months = list(values.index)
    top = max(120.0, float(values.max()) + 8 if values.notna().any() else 120.0)
    left, bottom = x + 8, y + h - 5
    plot_w, plot_h = w - 10, h - 8

    def px(i: int) -> float:
        return left + (i + 0.5) * plot_w / max(len(months), 1)

    def py(v: float) -> float:
        return bottom - v / top * plot_h

    pdf.set_font(font, "", 5.5)
    pdf.set_draw_color(215)
    for tick in range(0, int(top) + 1, 20):
        pdf.line(left, py(tick), left + plot_w, py(tick))
        pdf.set_xy(x, py(tick) - 1.5)
        pdf.cell(7, 3, str(tick), align="R")
    pdf.set_draw_color(120)
    pdf.set_dash_pattern(dash=1, gap=1)
    for bound, name in ((KATEGORI_BANDS[0][0], KATEGORI_BANDS[0][1]), (BATAS_TINGGI, KATEGORI_BANDS[1][1])):
        pdf.line(left, py(bound), left + plot_w, py(bound))
        pdf.set_xy(left + plot_w - 30, py(bound) - 3)
        pdf.cell(30, 3, f"{name} ({fmt.angka(bound, 0)})", align="R")
    pdf.set_dash_pattern()
    for i, m in enumerate(months):
        pdf.set_xy(px(i) - 5, bottom + 0.5)
        pdf.cell(10, 3, fmt.BULAN_SINGKAT[int(m) - 1], align="C")
    pdf.set_draw_color(44, 123, 182)
    pdf.set_fill_color(44, 123, 182)
    pdf.set_line_width(0.5)
    points = [(px(i), py(float(v)), float(v)) for i, v in enumerate(values) if not pd.isna(v)]
    for (x0, y0, _), (x1, y1, _) in zip(points, points[1:], strict=False):
        pdf.line(x0, y0, x1, y1)
    for xi, yi, v in points:
        pdf.circle(x=xi, y=yi, radius=0.7, style="F")
        pdf.set_xy(xi - 6, yi - 4)
        pdf.cell(12, 3, fmt.angka(v, 1), align="C")
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0)
    pdf.set_fill_color(255)


def table(
    pdf: Any,
    header: list[str],
    widths: list[float],
    rows: list[list[Any]],
    *,
    x: float,
    line: float,
    font: str,
    size: float,
    right: tuple[int, ...] = (),
) -> float:
    """A bordered table; a cell is text or (text, (fill rgb), (text rgb)). Long text wraps; returns the end y.

    fpdf2's own table measures every cell twice with multi_cell; here only text that does not fit
    its column is measured, which keeps a 28-page pack to a second or two.
    """
    pad = 1.0

    def lines(text: str, w: float) -> list[str]:
        if pdf.get_string_width(text) <= w - 2 * pad:
            return [text]
        return pdf.multi_cell(w - 2 * pad, line, text, dry_run=True, output="LINES")

    def draw(cells: list[Any], bold: bool, head_fill: tuple[int, int, int] | None) -> None:
        pdf.set_font(font, "B" if bold else "", size)
        parts = [(c if isinstance(c, tuple) else (str(c), head_fill, None)) for c in cells]
        wrapped = [lines(text, w) for (text, _, _), w in zip(parts, widths, strict=True)]
        height = max(len(w) for w in wrapped) * line + 0.6
        y, left = pdf.get_y(), x
        for i, ((_, fill, colour), text_lines, w) in enumerate(zip(parts, wrapped, widths, strict=True)):
            if fill is not None:
                pdf.set_fill_color(*fill)
            pdf.set_draw_color(190)
            pdf.rect(left, y, w, height, style="DF" if fill is not None else "D")
            pdf.set_text_color(*(colour or (0, 0, 0)))
            for k, t in enumerate(text_lines):
                pdf.set_xy(left + pad, y + 0.3 + k * line)
                pdf.cell(w - 2 * pad, line, t, align="R" if i in right and not bold else "L")
            left += w
        pdf.set_text_color(0)
        pdf.set_fill_color(255)
        pdf.set_xy(x, y + height)

    draw(header, True, (225, 233, 242))
    for row in rows:
        draw(row, False, None)
    return float(pdf.get_y())
