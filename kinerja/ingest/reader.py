"""Parsing one recognised sheet's columns, recording every bad cell with sheet, row and column (DOMAIN §4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.ingest.cells.arrow import Cells, Column, is_blank, split_cells, to_numpy
from kinerja.ingest.cells.choices import choice_list, parse_choice, parse_year, parse_yes_no
from kinerja.ingest.cells.dates import parse_dates
from kinerja.ingest.cells.numbers import parse_numbers
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.report import ImportReport

REQUIRED_MESSAGE = {
    "unit": ("Perangkat Daerah kosong", "nama perangkat daerah, mis. Dinas Kesehatan"),
    "tahun": ("Tahun kosong", "tahun empat angka, mis. 2018"),
    "sasaran": ("Sasaran Strategis kosong", "teks sasaran strategis"),
    "indikator": ("Indikator Kinerja kosong", "nama indikator kinerja"),
    "satuan": ("Satuan kosong", "satuan, mis. %, orang, ton"),
    "target": ("Target kosong", "angka target ≥ 0, mis. 85 atau 80-90"),
    "tw4": (
        "Target TW IV kosong",
        "angka target akhir tahun ≥ 0 (tanpa kolom Target, TW IV = target tahunan)",
    ),
    "bulan": ("Bulan kosong", "bulan 1–12, nama bulan (Januari, Agt) atau TW I–IV"),
    "tanggal_masuk": ("Tanggal Masuk kosong", "tanggal, mis. 27/02/2018"),
    "kode": ("Kode kosong", "kode unit, mis. DINKES"),
    "nama": ("Nama kosong", "nama unit"),
}

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
NUMBER_EXPECTED = "angka, mis. 85,5 atau 1.250.000 (koma = desimal)"

DATE_EXPECTED = "tanggal, mis. 27/02/2018, 2018-02-27 atau 27 Februari 2018"


class SheetReader:
    """Parses the columns of one RawSheet, recording problems with file/sheet/row/column."""

    def __init__(self, raw: RawSheet, report: ImportReport) -> None:
        self.raw = raw
        self.report = report
        self.frame = raw.frame
        self.rows = raw.frame["_baris"]
        self._cells: dict[str, Cells] = {}
        self._flag_long_cells()

    def _flag_long_cells(self) -> None:
        """A cell longer than Excel itself allows (32,767 characters) is an error, not stored (issue 10)."""
        for name in self.frame.columns:
            col = self.frame[name]
            if name == "_baris" or not (col.dtype == object or isinstance(col.dtype, pd.StringDtype)):
                continue
            if isinstance(col.dtype, pd.StringDtype):
                lengths = col.str.len().fillna(0)
            else:
                values = col.to_numpy(dtype=object)
                if max(map(len, [v for v in values if isinstance(v, str)]), default=0) <= MAX_CELL_CHARS:
                    continue  # the common case, decided at C speed
                counted = (len(v) if isinstance(v, str) else 0 for v in values)
                lengths = pd.Series(np.fromiter(counted, np.int64, len(col)), index=col.index)
            if (lengths > MAX_CELL_CHARS).any():
                self.report_long(name, lengths > MAX_CELL_CHARS)

    def report_long(self, name: str, too_long: pd.Series) -> None:
        where = np.flatnonzero(too_long.to_numpy(dtype=bool))
        column = self.raw.labels.get(name, name)
        for i in where:
            n = len(self.frame[name].iloc[i])
            self.report.error(
                f"sel berisi {n:,} karakter".replace(",", "."), sheet=self.raw.name, row=int(self.rows.iloc[i]),
                column=column, expected=f"teks paling banyak {MAX_CELL_CHARS:,} karakter (batas sel Excel)".replace(",", "."),
            )  # fmt: skip

    def has(self, name: str) -> bool:
        return name in self.frame.columns

    def col(self, name: str) -> pd.Series:
        if name in self.frame.columns:
            return self.frame[name]
        return pd.Series([None] * len(self.frame), index=self.frame.index, dtype=object)

    def cells(self, name: str) -> Column:
        """The column split by cell kind, once: several parsers read the same column."""
        if name not in self.frame.columns:
            return self.col(name)
        if name not in self._cells:
            self._cells[name] = split_cells(self.col(name))
        return self._cells[name]

    def flag(self, name: str, bad: pd.Series, message: str, expected: str, label: str = "") -> None:
        # positions, not labels: a file with an error on every row has 200,000 of them (issue 10)
        where = np.flatnonzero(bad.reindex(self.frame.index, fill_value=False).to_numpy(dtype=bool))
        if not len(where):
            return
        values = self.frame[name].to_numpy(dtype=object)[where] if name in self.frame.columns else None
        rows = self.rows.to_numpy()[where]
        column = label or self.raw.labels.get(name, name)
        for i, row in enumerate(rows):
            shown = "" if values is None else show_value(values[i])
            self.report.error(
                message.format(v=shown), sheet=self.raw.name, row=int(row), column=column, expected=expected
            )

    def require_columns(self, names: list[str]) -> bool:
        ok = True
        for name in names:
            if not self.has(name):
                col = next(c for c in schema.COLUMNS[self.raw.kind] if c.field == name)
                also = f" (atau {', '.join(col.synonyms)})" if col.synonyms else ""
                self.report.error(
                    f"kolom {col.name} tidak ditemukan",
                    sheet=self.raw.name,
                    expected=f"judul kolom '{col.name}'{also} di baris judul",
                )
                ok = False
        return ok

    def required(self, name: str) -> pd.Series:
        """The column's blank cells are errors; returns the blank mask."""
        blank = is_blank(self.cells(name))
        message, expected = REQUIRED_MESSAGE[name]
        self.flag(name, blank, message, expected)
        return blank

    def text(self, name: str) -> pd.Series:
        return texts(self.cells(name))

    def numbers(self, name: str, expected: str = NUMBER_EXPECTED) -> pd.Series:
        percent = None
        if self.raw.percent is not None and name in self.raw.percent.columns:
            percent = self.raw.percent[name].set_axis(self.frame.index)
        values, bad = parse_numbers(self.cells(name), percent)
        self.flag(name, bad, "'{v}' bukan angka yang sah", expected)
        return values

    def dates(self, name: str) -> pd.Series:
        values, bad = parse_dates(self.cells(name))
        self.flag(name, bad, "'{v}' bukan tanggal yang sah", DATE_EXPECTED)
        return values

    def year(self) -> pd.Series:
        values, bad = parse_year(self.cells("tahun"))
        self.flag("tahun", bad, "'{v}' bukan tahun yang sah", "tahun empat angka, mis. 2018")
        return values

    def choice(self, name: str, mapping: dict[str, list[str]], default: str | None = None) -> pd.Series:
        values, bad = parse_choice(self.cells(name), mapping)
        self.flag(name, bad, "'{v}' tidak dikenal", choice_list(mapping))
        if default is not None:
            values = values.fillna(default)
        return values

    def yes_no(self, name: str) -> pd.Series:
        values, bad = parse_yes_no(self.cells(name))
        self.flag(name, bad, "'{v}' bukan Ya/Tidak", "Ya atau Tidak (juga Ada/Tidak Ada, Y/T, 1/0, ✓)")
        return values

    def base(self) -> pd.DataFrame:
        return pd.DataFrame({"_sheet": self.raw.name, "_baris": self.rows.astype("int64")})


def texts(values: Column) -> pd.Series:
    """Cell values as stripped text; whole-number floats lose their `.0`; blank → <NA>."""
    cells = split_cells(values)
    out = np.full(cells.n, pd.NA, dtype=object)
    out[cells.text_pos] = to_numpy(cells.text)  # already stripped, blanks left out
    for i, v in zip(cells.other_pos, cells.other, strict=True):  # numbers and dates in a text column: few
        out[i] = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
    return pd.Series(out, index=values.index, dtype=object)


def show_value(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()[:60]
