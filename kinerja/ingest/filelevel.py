"""Unit, year and period for a whole file: from title and section rows, or chosen at upload (issue 12 §1).

A value in a column wins; a file-level value fills what the columns leave blank (or the whole
column when the file has none); a column value that differs from the file-level one is an error
naming both. Section rows (`Perangkat Daerah : …`) set the value for the rows below them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kinerja.domain import schema
from kinerja.domain.units import UnitResolver, unit_key
from kinerja.domain.vocabulary import BULAN
from kinerja.ingest.cells.arrow import is_blank
from kinerja.ingest.cells.choices import parse_months, parse_year
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.reader import SheetReader, show_value
from kinerja.ingest.report import ImportReport

FIELDS = ("unit", "tahun", "bulan")
LABEL = {"unit": "Perangkat Daerah", "tahun": "Tahun", "bulan": "Bulan"}


@dataclass(frozen=True)
class FileOptions:
    """What the uploader chose for the whole file: `--unit`, `--tahun`, `--triwulan`/`--bulan`, `--profil`.

    `unit_from_account`: a unit head's own unit fills what the file leaves blank; another unit in
    the file is then refused by the scope check, not reported as a conflict here.
    """

    unit: str | None = None
    tahun: int | None = None
    bulan: int | None = None
    profil: str | None = None
    unit_from_account: bool = False

    def value(self, name: str) -> object:
        return {"unit": self.unit, "tahun": self.tahun, "bulan": self.bulan}[name]

    @staticmethod
    def source(name: str) -> str:
        flag = {"unit": "--unit", "tahun": "--tahun", "bulan": "--triwulan/--bulan"}[name]
        return f"pilihan unggah {flag}"


def period_text(month: int) -> str:
    return f"TW {('I', 'II', 'III', 'IV')[month // 3 - 1]}" if month % 3 == 0 else BULAN[month - 1]


def _show(name: str, value: object) -> str:
    return period_text(int(value)) if name == "bulan" else str(value)  # type: ignore[call-overload]


def apply_options(raw: RawSheet, options: FileOptions, report: ImportReport) -> None:
    """Fill the sheet's file-level values from the upload's choices; a different title/section value is an error."""
    if raw.kind not in (schema.PK, schema.REALISASI):
        return
    frame = raw.frame
    for name in FIELDS:
        chosen = options.value(name)
        if chosen is None:
            continue
        col, src = f"_berkas_{name}", f"_asal_{name}"
        if col not in frame:
            frame[col], frame[src] = pd.Series([None] * len(frame), dtype=object), None
        given = frame[col]
        same = given.map(lambda v, c=chosen, n=name: v is None or pd.isna(v) or _same(n, v, c))  # type: ignore[misc]
        if not (name == "unit" and options.unit_from_account):
            for idx in same[~same.astype(bool)].index[:1]:
                report.error(
                    f"{LABEL[name]} berkas '{_show(name, given.at[idx])}' ({frame.at[idx, src]}) berbeda dengan "
                    f"{FileOptions.source(name)} '{_show(name, chosen)}'",
                    sheet=raw.name, expected=f"satu {LABEL[name].lower()} untuk seluruh berkas",
                )  # fmt: skip
        blank = given.isna()
        frame.loc[blank, col] = chosen
        frame.loc[blank, src] = FileOptions.source(name)


def _same(name: str, a: object, b: object) -> bool:
    return unit_key(str(a)) == unit_key(str(b)) if name == "unit" else int(a) == int(b)  # type: ignore[call-overload]


def add_missing_columns(r: SheetReader, names: tuple[str, ...]) -> None:
    """A field the sheet has no column for takes its file-level value (title, section row, upload)."""
    for name in names:
        col = f"_berkas_{name}"
        if not r.has(name) and col in r.frame and r.frame[col].notna().any():
            r.frame[name] = r.frame[col]
            sources = r.frame[f"_asal_{name}"].dropna().unique()
            r.raw.labels[name] = f"{LABEL[name]} ({'; '.join(map(str, sources))})"
            r.raw.from_file.add(name)


def fill_blanks(r: SheetReader, names: tuple[str, ...]) -> None:
    """Blank cells take the file-level value; a Tahun or Bulan that differs from it is an error naming both."""
    for name in names:
        col = f"_berkas_{name}"
        if col not in r.frame or not r.has(name):
            continue
        file_value = r.frame[col]
        blank = is_blank(r.frame[name]).to_numpy(dtype=bool) & file_value.notna().to_numpy(dtype=bool)
        if name in r.raw.from_file:
            continue  # the column is the file-level value itself
        if name in ("tahun", "bulan"):
            parse = parse_year if name == "tahun" else parse_months
            values, _ = parse(r.frame[name])
            both = values.notna() & file_value.notna()
            other = both & (values.astype("Int64").astype(object) != file_value.astype(object))
            for idx in other[other].index:
                report_conflict(r, name, idx, show_value(r.frame.at[idx, name]), file_value.at[idx])
        column = r.frame[name].astype(object)
        column[blank] = file_value[blank]
        r.frame[name] = column


def report_conflict(r: SheetReader, name: str, idx: object, shown: str, file_value: object) -> None:
    source = r.frame.at[idx, f"_asal_{name}"]
    r.report.error(
        f"{LABEL[name]} '{shown}' berbeda dengan {LABEL[name].lower()} berkas '{_show(name, file_value)}' ({source})",
        sheet=r.raw.name, row=int(r.rows.at[idx]), column=r.raw.labels.get(name, LABEL[name]),
        expected=f"{LABEL[name].lower()} yang sama dengan judul/pilihan unggah, atau sel kosong",
    )  # fmt: skip


def keep_file_unit(r: SheetReader, out: pd.DataFrame) -> None:
    """Carry the file-level unit beside the column's unit, to compare them once both are resolved."""
    if "_berkas_unit" in r.frame and "unit" not in r.raw.from_file:
        out["_unit_berkas"] = r.frame["_berkas_unit"].to_numpy()
        out["_unit_asal"] = r.frame["_asal_unit"].to_numpy()


def unit_conflicts(
    frame: pd.DataFrame, resolver: UnitResolver, report: ImportReport, labels: dict
) -> pd.Series:
    """Rows whose unit column names another unit than the file-level one (an error naming both)."""
    if "_unit_berkas" not in frame:
        return pd.Series(False, index=frame.index)
    column, given = resolver.resolve(frame["unit"]), resolver.resolve(frame["_unit_berkas"])
    text_differs = [
        isinstance(a, str) and isinstance(b, str) and unit_key(a) != unit_key(b)
        for a, b in zip(frame["unit"], frame["_unit_berkas"], strict=True)
    ]
    codes_differ = (column.isna() | given.isna() | (column != given)).to_numpy(dtype=bool)
    bad = pd.Series(text_differs, index=frame.index) & pd.Series(codes_differ, index=frame.index)
    for idx in bad[bad].index:
        row = frame.loc[idx]
        report.error(
            f"Perangkat Daerah '{row['unit']}' berbeda dengan unit berkas '{row['_unit_berkas']}' ({row['_unit_asal']})",
            sheet=row["_sheet"], row=int(row["_baris"]),
            column=labels.get(row["_sheet"], {}).get("unit", "Perangkat Daerah"),
            expected="unit yang sama dengan judul/pilihan unggah, atau sel kosong",
        )  # fmt: skip
    return bad
