"""The demo's XlsxWriter book and how people type values into it: Indonesian numbers, dates, unit names."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kinerja.demo.seed import one
from kinerja.domain import vocabulary


# --- Writing: messy exactly within DOMAIN §4's tolerances ------------------------------------------
def id_number(x: float) -> str:
    """An Indonesian number as text: `1.250.000`, `85,5`, `1.234,56`."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    text = f"{x:,.2f}".rstrip("0")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def date_text(ts: pd.Timestamp, style: int) -> str:
    """A date as people type it: `27/2/2018`, `27 Februari 2018`, `2018-02-27`, `27-02-2018`."""
    d = pd.Timestamp(ts)
    return (
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day} {vocabulary.BULAN[d.month - 1]} {d.year}",
        d.strftime("%Y-%m-%d"),
        d.strftime("%d-%m-%Y"),
    )[style % 4]


class Book:
    """An XlsxWriter workbook with the demo's formats and a `put` that writes any value."""

    def __init__(self, path: Path) -> None:
        self.wb = xlsxwriter.Workbook(str(path))
        self.wb.set_properties({"created": datetime(2018, 12, 31), "author": "Bagian Organisasi Setda"})
        add = self.wb.add_format
        self.title = add({"bold": True, "align": "center", "font_size": 12})
        self.head = add({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True,
                         "bg_color": "#D9E1F2"})  # fmt: skip
        self.colnum = add({"italic": True, "align": "center", "border": 1, "font_size": 8})
        self.text = add({"border": 1, "valign": "top"})
        self.date = add({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy"})
        self.stamp = add({"border": 1, "valign": "top", "num_format": "dd/mm/yyyy hh:mm"})
        self.pct = add({"border": 1, "valign": "top", "num_format": "0.0%"})
        self.rp = add({"border": 1, "valign": "top", "num_format": "#,##0"})

    def put(self, ws: Worksheet, r: int, c: int, value: object, fmt: Format | None = None) -> None:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
            ws.write_blank(r, c, None, fmt or self.text)
        elif isinstance(value, pd.Timestamp | datetime):
            ts = pd.Timestamp(value)
            ws.write_datetime(
                r, c, ts.to_pydatetime(), fmt or (self.stamp if ts != ts.normalize() else self.date)
            )
        elif isinstance(value, int | float | np.integer | np.floating):
            ws.write_number(r, c, float(value), fmt or self.text)
        else:
            ws.write_string(r, c, str(value), fmt or self.text)

    def titles(self, ws: Worksheet, lines: tuple[str, ...], width: int) -> None:
        for r, line in enumerate(lines):
            ws.merge_range(r, 0, r, width - 1, line, self.title)

    def close(self, path: Path) -> Path:
        self.wb.close()
        return path


def unit_text(kode: str, nama: str, rng: np.random.Generator) -> str:
    """The unit as an export spells it (matched by name, code, alias or `Kec.`/`Camat`)."""
    if kode.startswith("KEC-"):
        base = nama.removeprefix("Kecamatan ")
        return one(rng, (nama, nama, f"Kec. {base}", f"Camat {base}", nama.upper()))
    long = nama if nama.endswith("Kupang") else f"{nama} Kota Kupang"
    return one(rng, (nama,) * 6 + (long, long, kode, nama.upper()))


def number_cell(book: Book, v: float, satuan: str, rng: np.random.Generator) -> tuple[object, Format]:
    """Mostly Excel numbers; some Indonesian text (`85,5`, `85,5%`, `1.250`) or `0.0%` cells."""
    u = rng.random()
    if satuan == "%" and u < 0.08:
        return v / 100, book.pct
    if u < 0.14:
        return id_number(v) + ("%" if satuan == "%" and u < 0.11 else ""), book.text
    if u < 0.16 and satuan.startswith("Rp"):
        return f"Rp {id_number(v)}", book.text
    return v, book.text
