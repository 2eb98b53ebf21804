"""Reading sheets as they really look: find the header, classify the sheet, fill merges (DOMAIN §4)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from kinerja.domain import schema
from kinerja.domain.text import normalize_header
from kinerja.ingest.cells.arrow import is_blank
from kinerja.ingest.cells.choices import month_of_label, quarter_of_label
from kinerja.ingest.report import column_letter
from kinerja.ingest.workbook import blank_cell, load_sheets, percent_mask

HEADER_SCAN_ROWS = 15  # DOMAIN §4: the header row may be anywhere in the first 15 rows

PERCENT_SCAN_MAX_ROWS = 20_000  # openpyxl only on the small sheets (PK, realisasi, unit)

_TOTAL_WORDS = {"jumlah", "total", "jumlah total", "grand total"}

_QUIET_SHEETS = {"petunjuk", "laporan kesalahan"}  # our own templates' help and error sheets

_NUMBER_ROW = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass
class RawSheet:
    """One recognised sheet: raw cell values under canonical field names, with Excel positions."""

    name: str
    kind: str
    frame: pd.DataFrame  # canonical field columns (raw values) + `_baris` (Excel row number)
    labels: dict[str, str]  # field → `D (Tanggal Masuk)`
    percent: pd.DataFrame | None = None  # field → bool: cell formatted as a percentage
    wide: dict[str, int] = field(default_factory=dict)  # wide realisasi: label → month
    dropped_identity: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    excel_errors: dict[tuple[int, str], str] = field(default_factory=dict)  # (Excel row, field) → #DIV/0!


def _field_lookup(kind: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for col in schema.COLUMNS[kind]:
        for name in col.names:
            lookup.setdefault(normalize_header(name), col.field)
    return lookup


LOOKUPS = {kind: _field_lookup(kind) for kind in schema.COLUMNS}

IDENTITY = {normalize_header(n) for n in schema.IDENTITY_COLUMNS}


def _fill_merges(grid: pd.DataFrame, merges: list) -> None:
    """A merged cell's value fills every cell of the merge (DOMAIN §4)."""
    for (r1, c1), (r2, c2) in merges:
        if r1 >= len(grid) or c1 >= grid.shape[1]:
            continue
        grid.iloc[r1 : r2 + 1, c1 : c2 + 1] = grid.iat[r1, c1]


def _header_score(cells: Sequence[object], kind: str | None = None) -> int:
    kinds = [kind] if kind else list(LOOKUPS)
    names = {normalize_header(str(v)) for v in cells if isinstance(v, str) and v.strip()}
    best = 0
    for k in kinds:
        lookup = LOOKUPS[k]
        hits = sum(1 for n in names if n in lookup)
        hits += (
            sum(1 for n in names if month_of_label(n) or quarter_of_label(n)) if k == schema.REALISASI else 0
        )
        best = max(best, hits)
    return best


def _classify_by_name(name: str) -> str | None:
    norm = normalize_header(name)
    for kind in schema.KIND_PRIORITY:
        for prefix in schema.SHEET_NAMES[kind]:
            if norm == prefix or norm.startswith(prefix + " "):
                return kind
    return None


def _classify_by_header(fields: set[str], has_periods: bool) -> str | None:
    matches = []
    if {"kode", "nama", "jenis"} <= fields:
        matches.append(schema.UNIT)
    if "tanggal_masuk" in fields:
        matches.append(schema.PENGADUAN)
    if "sasaran" in fields or "target" in fields:
        matches.append(schema.PK)
    if ("realisasi" in fields or "bulan" in fields or has_periods) and "target" not in fields:
        matches.append(schema.REALISASI)
    for kind in schema.KIND_PRIORITY:
        if kind in matches:
            return kind
    return None


def _header_names(grid: pd.DataFrame, h: int, merges: list) -> tuple[list[str], int]:
    """Column names from row h, combined with a sub-header row when h holds merged group cells."""
    width = grid.shape[1]
    top = [str(v).strip() if not blank_cell(v) else "" for v in grid.iloc[h]]
    group_cols = {
        c for (r1, c1), (r2, c2) in merges if r1 <= h <= r2 and c2 > c1 and r2 == h for c in range(c1, c2 + 1)
    }
    if not group_cols or h + 1 >= len(grid):
        return top, h + 1
    sub = [str(v).strip() if not blank_cell(v) else "" for v in grid.iloc[h + 1]]
    if not any(sub[c] for c in group_cols):
        return top, h + 1
    names = []
    for c in range(width):
        if c in group_cols and sub[c] and sub[c] != top[c]:
            names.append(f"{top[c]} {sub[c]}".strip())
        else:
            names.append(top[c] or sub[c])
    return names, h + 2


def _find_header(grid: pd.DataFrame, kind_hint: str | None) -> int | None:
    best_row, best = None, 1
    for r in range(min(HEADER_SCAN_ROWS, len(grid))):
        score = _header_score(list(grid.iloc[r]), kind_hint)
        if score > best:
            best_row, best = r, score
    return best_row


def _is_number_row(cells: list[object]) -> bool:
    values = [str(v).strip() for v in cells if not blank_cell(v)]
    if len(values) < 2:
        return False
    if not all(_NUMBER_ROW.match(v.replace(".0", "")) for v in values):
        return False
    numbers = [int(re.sub(r"\D", "", v.replace(".0", ""))) for v in values]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _grid(rows: list[list[object]], width: int, merges: list) -> pd.DataFrame:
    """The top rows as a frame, merged cells filled (header detection works on these only)."""
    top = [list(r) + [""] * (width - len(r)) for r in rows[: HEADER_SCAN_ROWS + 2]]
    grid = pd.DataFrame(top, dtype=object)
    _fill_merges(grid, merges)
    return grid


def _body_columns(rows: list[list[object]], start: int, cols: list[int], merges: list) -> pd.DataFrame:
    """Only the used columns below the header, built column by column (fast on 100,000 rows)."""
    below = rows[start:]
    width = max((len(r) for r in below), default=0)
    if any(len(r) != width for r in below):
        below = [list(r) + [""] * (width - len(r)) for r in below]
    grid = np.array(below, dtype=object).reshape(len(below), width)  # C-speed transpose source
    data = {}
    for c in cols:
        values = grid[:, c] if c < width else np.full(len(below), "", dtype=object)
        # an all-text column becomes arrow-backed text: the parsers' fast path
        all_text = set(map(type, values)) <= {str}
        data[c] = pd.array(values, dtype="str") if all_text else pd.array(values, dtype=object)
        data[c] = without_nul(data[c])
    body = pd.DataFrame(data, index=pd.RangeIndex(start, start + len(rows) - start))
    for (r1, c1), (r2, c2) in merges:  # a merged cell's value fills every cell (DOMAIN §4)
        if r2 < start:
            continue
        for c in cols:
            if c1 <= c <= c2 and r1 < len(rows):
                value = rows[r1][c1] if c1 < len(rows[r1]) else ""
                if not isinstance(value, str) and isinstance(body[c].dtype, pd.StringDtype):
                    body[c] = body[c].astype(object)  # a merged number over text cells
                body.loc[max(r1, start) : r2, c] = value
    return body


def without_nul(values: ExtensionArray) -> ExtensionArray:
    """NUL characters (also written `_x0000_` in xlsx) removed: PostgreSQL cannot store them (issue 10)."""
    texts = pd.Series(values, copy=False)
    if isinstance(texts.dtype, pd.StringDtype):
        if not texts.str.contains("\x00", regex=False).any():
            return values
        return texts.str.replace("\x00", "", regex=False).array
    if not texts.map(lambda v: isinstance(v, str) and "\x00" in v).any():
        return values
    return pd.array(texts.map(lambda v: v.replace("\x00", "") if isinstance(v, str) else v), dtype=object)


def read_sheet(
    name: str, rows: list[list[object]], merges: list, data: bytes | None, errors: dict | None = None
) -> RawSheet | str:
    """Recognise one sheet; returns a RawSheet or a notice text explaining why it was skipped."""
    if not rows or not any(any(not blank_cell(v) for v in row) for row in rows):
        return f"sheet '{name}' kosong dan dilewati"
    width = max(len(r) for r in rows[: HEADER_SCAN_ROWS + 2])
    grid = _grid(rows, width, merges)
    kind = _classify_by_name(name)
    h = _find_header(grid, kind)
    if h is None:
        return f"sheet '{name}' tidak dikenali (tidak ada baris judul kolom yang cocok) dan dilewati"
    # two-row header: the merged group cells may be in the row above the detected one
    if h > 0 and any(r1 == h - 1 and r2 == h - 1 and c2 > c1 for (r1, c1), (r2, c2) in merges):
        names_up, start_up = _header_names(grid, h - 1, merges)
        if start_up == h + 1 and _header_score(names_up, kind) >= _header_score(list(grid.iloc[h]), kind):
            h -= 1
    names, start = _header_names(grid, h, merges)
    if start < len(grid) and _is_number_row(list(grid.iloc[start])):
        start += 1
    header_fields: dict[int, str] = {}
    identity: list[str] = []
    ignored: list[str] = []
    periods: dict[int, int] = {}
    kinds = [kind] if kind else list(LOOKUPS)
    for c, label in enumerate(names):
        norm = normalize_header(label)
        if not norm or norm == "no":
            continue
        for k in kinds:
            f = LOOKUPS[k].get(norm)
            if f and f not in header_fields.values():
                header_fields[c] = f
                break
        else:
            sub = label.split(" ", 1)[-1] if " " in label else label
            month = month_of_label(label) or month_of_label(sub)
            quarter = quarter_of_label(label)
            if month:
                periods[c] = month
            elif quarter and not norm.startswith("target"):
                periods[c] = 3 * quarter
            elif norm in IDENTITY:
                identity.append(f"{column_letter(c)} ({label})")
            else:
                ignored.append(f"{column_letter(c)} ({label})")
    if kind is None:
        kind = _classify_by_header(set(header_fields.values()), bool(periods))
        if kind is None:
            return f"sheet '{name}' tidak dikenali sebagai PK, Realisasi, Pengaduan atau Unit dan dilewati"
        lookup = LOOKUPS[kind]
        header_fields = {c: f for c, f in header_fields.items() if f in lookup.values()}
    if kind != schema.PENGADUAN:
        identity = []
    if kind != schema.REALISASI:
        periods = {}
    cols = sorted(header_fields)
    used = sorted({*cols, *periods})
    body = _body_columns(rows, start, used, merges)
    filled = np.zeros(len(body), dtype=bool)
    for c in used:  # blank rows are ignored (DOMAIN §4)
        filled |= ~is_blank(body[c]).to_numpy(dtype=bool)
    body = _drop_total_rows(body.loc[filled], rows)
    frame = body[cols].copy()
    frame.columns = [header_fields[c] for c in cols]
    labels = {header_fields[c]: f"{column_letter(c)} ({names[c]})" for c in cols}
    wide: dict[str, int] = {}
    for c, month in periods.items():
        label = f"{column_letter(c)} ({names[c]})"
        frame[label] = body[c]
        wide[label] = month
    frame["_baris"] = body.index.to_numpy() + 1
    frame = frame.reset_index(drop=True)
    percent = None
    if kind in (schema.PK, schema.REALISASI) and data is not None and len(rows) <= PERCENT_SCAN_MAX_ROWS:
        percent = percent_mask(data, name, body.index, cols, header_fields, periods, names)
    fields = {**header_fields, **{c: f"{column_letter(c)} ({names[c]})" for c in periods}}
    found = {(r, fields[c]): code for (r, c), code in (errors or {}).items() if c in fields and r > start}
    return RawSheet(name, kind, frame, labels, percent, wide, identity, ignored, found)


def _drop_total_rows(body: pd.DataFrame, rows: list[list[object]]) -> pd.DataFrame:
    """A trailing Jumlah/Total row is ignored (DOMAIN §4), wherever its label stands."""
    while len(body):
        raw = rows[body.index[-1]]
        texts = [normalize_header(str(v)) for v in raw if isinstance(v, str) and v.strip()]
        if texts and texts[0] in _TOTAL_WORDS:
            body = body.iloc[:-1]
        else:
            break
    return body


def read_workbook_sheets(data: bytes, file_name: str) -> tuple[list[RawSheet], list[str]]:
    """Every recognised sheet of a file, and notices for the sheets skipped."""
    sheets, notices = [], []
    for name, rows, merges, errors in load_sheets(data, file_name):
        if normalize_header(name) in _QUIET_SHEETS:
            continue
        result = read_sheet(name, rows, merges, None if file_name.lower().endswith(".csv") else data, errors)
        if isinstance(result, str):
            notices.append(result)
        else:
            sheets.append(result)
    return sheets, notices
