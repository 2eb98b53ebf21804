"""Reading sheets as they really look: find the header, classify the sheet, fill merges (DOMAIN §4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.domain.profiles import Profile, signature
from kinerja.domain.text import normalize_header
from kinerja.ingest import columns, tables
from kinerja.ingest.cells.arrow import is_blank, without_nul
from kinerja.ingest.headers import MAX_DEPTH, cell_text, header_block
from kinerja.ingest.profile import forced_score, profile_fields
from kinerja.ingest.report import column_letter
from kinerja.ingest.workbook import blank_cell, load_sheets, percent_mask

HEADER_SCAN_ROWS = 15  # DOMAIN §4: the header row may be anywhere in the first 15 rows

PERCENT_SCAN_MAX_ROWS = 20_000  # openpyxl only on the small sheets (PK, realisasi, unit)

_QUIET_SHEETS = {"petunjuk", "laporan kesalahan"}  # our own templates' help and error sheets

COMBINED_FIELDS = {"realisasi", "realisasi_anggaran", "capaian", "keterangan", "bukti", "bulan"}
LOOKUPS = columns.LOOKUPS


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
    wide_budget: dict[str, int] = field(default_factory=dict)  # wide realisasi anggaran: label → month
    combined: bool = False  # a PK sheet whose rows also carry realisasi (SIKAP "Laporan Pencapaian", E.81)
    notices: list[str] = field(default_factory=list)
    from_file: set[str] = field(default_factory=set)  # fields whose column is the file-level value
    akumulasi: str | None = None  # the sheet's default when its number row sums the quarters
    header: list[str] = field(default_factory=list)  # `A (No)`, `B (Kode)` … as the file prints them
    signature: str = ""  # the header's layout (issue 12 §3: mapping profiles)
    profile: str | None = None  # the mapping profile that named its columns
    excel_errors: dict[tuple[int, str], str] = field(default_factory=dict)  # (Excel row, field) → #DIV/0!


def _fill_merges(grid: pd.DataFrame, merges: list) -> None:
    """A merged cell's value fills every cell of the merge (DOMAIN §4)."""
    for (r1, c1), (r2, c2) in merges:
        if r1 >= len(grid) or c1 >= grid.shape[1] or r1 < 0:
            continue
        grid.iloc[r1 : r2 + 1, c1 : c2 + 1] = grid.iat[r1, c1]


def classify_by_name(name: str) -> str | None:
    norm = normalize_header(name)
    for kind in schema.KIND_PRIORITY:
        for prefix in schema.SHEET_NAMES[kind]:
            if norm == prefix or norm.startswith(prefix + " "):
                return kind
    return None


def lookup_kinds(by_name: str | None) -> tuple[list[str], list[str]]:
    """Lookups to match with: the named kind first; PK and realisasi see each other's columns (combined sheets)."""
    if by_name is None:
        return list(LOOKUPS), []
    return [by_name], {schema.PK: [schema.REALISASI], schema.REALISASI: [schema.PK]}.get(by_name, [])


def classify(by_name: str | None, fields: set[str], periods: bool) -> tuple[str | None, bool]:
    """(kind, combined): Unit > Pengaduan > PK > Realisasi; a PK with realisasi columns is combined."""
    pk_like = (
        "indikator" in fields
        and ("target" in fields or "tw4" in fields)
        and bool({"satuan", "sasaran"} & fields)
    )
    real = bool({"realisasi", "capaian"} & fields) or periods
    if by_name == schema.REALISASI and pk_like:
        return schema.PK, True
    if by_name is not None:
        return by_name, by_name == schema.PK and real
    matches = []
    if {"kode", "nama", "jenis"} <= fields:
        matches.append(schema.UNIT)
    if "tanggal_masuk" in fields:
        matches.append(schema.PENGADUAN)
    named = bool({"indikator", "kode_indikator"} & fields)  # a table without indicators is neither
    if named and ("sasaran" in fields or "target" in fields or "tw4" in fields):
        matches.append(schema.PK)
    if named and ("realisasi" in fields or "bulan" in fields or periods) and "target" not in fields:
        matches.append(schema.REALISASI)
    kind = next((k for k in schema.KIND_PRIORITY if k in matches), None)
    return kind, kind == schema.PK and real


def top_grid(rows: Sequence[Sequence[object]], width: int, merges: list) -> pd.DataFrame:
    """The top rows as a frame, merged cells filled (header detection works on these only)."""
    top = [list(r) + [""] * (width - len(r)) for r in rows[: HEADER_SCAN_ROWS + MAX_DEPTH + 2]]
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
    body = pd.DataFrame(data, index=pd.RangeIndex(start, start + len(below)))
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


def _find_header(grid: pd.DataFrame, score, profiles: Mapping[str, Profile], merges: list):
    """(row, profile): the first-15 row naming most fields, or one whose layout a profile knows."""
    forced = next((p for p in profiles.values() if p.forced), None)
    if forced is not None:
        found = [
            forced_score([cell_text(v) for v in grid.iloc[r]], forced)
            for r in range(min(HEADER_SCAN_ROWS, len(grid)))
        ]
        if found and max(found) >= 2:
            return found.index(max(found)), forced
    if profiles:
        for r in range(min(HEADER_SCAN_ROWS, len(grid))):
            if any(not blank_cell(v) for v in grid.iloc[r]):
                sig = signature(header_block(grid, r, merges, score).names)
                if sig in profiles:
                    return r, profiles[sig]
    best_row, best = None, 1
    for r in range(min(HEADER_SCAN_ROWS, len(grid))):
        found = score([cell_text(v) for v in grid.iloc[r]])
        if found > best:
            best_row, best = r, found
    return best_row, None


def read_sheet(
    name: str,
    rows: list[list[object]],
    merges: list,
    data: bytes | None,
    *,
    top: int = 0,
    profiles: Mapping[str, Profile] | None = None,
    sheet: str | None = None,
    errors: dict | None = None,
) -> tuple[RawSheet | str, int | None]:
    """Recognise one table of a sheet (from row `top`): a RawSheet or why it was skipped, and a table below it."""
    if not any(any(not blank_cell(v) for v in row) for row in rows[top:]):
        return f"sheet '{name}' kosong dan dilewati", None
    width = max(len(r) for r in rows[top : top + HEADER_SCAN_ROWS + MAX_DEPTH + 2])
    shifted = [((r1 - top, c1), (r2 - top, c2)) for (r1, c1), (r2, c2) in merges if r2 >= top]
    grid = top_grid(rows[top:], width, shifted)
    by_name = classify_by_name(name) if top == 0 else None  # a table below another: by its header
    kinds, secondary = lookup_kinds(by_name)

    def score(names: list[str]) -> int:
        return columns.header_score(names, [*kinds, *secondary])

    h, profile = _find_header(grid, score, profiles or {}, shifted)
    if h is None:
        return f"sheet '{name}' tidak dikenali (tidak ada baris judul kolom yang cocok) dan dilewati", None
    block = header_block(grid, h, shifted, score)
    names = block.names
    matched = columns.match_columns(block.parts, kinds, secondary)
    if profile is not None:
        by_name = profile.kind
        for c, fld in profile_fields(names, profile.mapping).items():
            matched.fields = {k: v for k, v in matched.fields.items() if v != fld and k != c}
            matched.periods.pop(c, None)
            if fld:
                matched.fields[c] = fld
    kind, combined = classify(by_name, set(matched.fields.values()), bool(matched.periods))
    if kind is None:
        return f"sheet '{name}' tidak dikenali sebagai PK, Realisasi, Pengaduan atau Unit dan dilewati", None
    allowed = set(LOOKUPS[kind].values()) | (COMBINED_FIELDS if combined else set())
    header_fields = {c: f for c, f in matched.fields.items() if f in allowed}
    periods = matched.periods if kind == schema.REALISASI or combined else {}
    budget = matched.budget if periods else {}
    start = top + block.start
    cols = sorted(header_fields)
    used = sorted({*cols, *periods, *budget})
    body = _body_columns(rows, start, used, merges)
    filled = np.zeros(len(body), dtype=np.int64)
    for c in used:
        filled += ~is_blank(body[c]).to_numpy(dtype=bool)
    extent = tables.table_extent(rows, start, filled, lambda cells: score([cell_text(v) for v in cells]) >= 2)
    keep = (filled > 0) & (body.index < extent.end) & ~body.index.isin(list(extent.sections))
    body = tables.drop_total_rows(body.loc[keep], rows)
    label = {c: f"{column_letter(c)} ({names[c]})" for c in range(len(names))}
    frame = body[cols].copy()
    frame.columns = [header_fields[c] for c in cols]
    raw = RawSheet(name, kind, frame, {header_fields[c]: label[c] for c in cols}, combined=combined)
    for c, month in periods.items():
        frame[label[c]] = body[c]
        raw.wide[label[c]] = month
    for c, month in budget.items():
        frame[label[c]] = body[c]
        raw.wide_budget[label[c]] = month
    for fld, (values, sources) in tables.row_context(
        rows, top, block.row, body.index, extent.sections
    ).items():
        frame[f"_berkas_{fld}"], frame[f"_asal_{fld}"] = values, sources
    frame["_baris"] = body.index.to_numpy() + 1
    indicator = next((c for c, f in header_fields.items() if f == "indikator"), None)
    if kind == schema.PK and indicator is not None:  # an urusan heading merged across into the indicator cell
        frame["_indikator_gabungan"] = tables.merged_from_left(merges, indicator, body.index)
    raw.frame = frame.reset_index(drop=True)
    raw.dropped_identity = [label[c] for c in matched.identity] if kind == schema.PENGADUAN else []
    raw.ignored = [label[c] for c in matched.ignored if names[c]]
    raw.header = [label[c] for c in range(len(names)) if names[c]]
    raw.signature = signature(names)
    raw.profile = profile.name if profile else None
    if periods and any(set(periods) <= cols_ for cols_ in block.sums()):
        raw.akumulasi = "kumulatif"  # the form's own number row sums the quarters (`13 = 9 + 10 + 11 + 12`)
        raw.notices.append(f"sheet '{name}': baris nomor kolom menjumlahkan realisasi triwulan; indikator "
                           "tanpa kolom Akumulasi dibaca sebagai kumulatif")  # fmt: skip
    if extent.reason and extent.dropped:
        raw.notices.append(f"sheet '{name}': tabel berakhir di baris {extent.end + 1} ({extent.reason}); "
                           f"{extent.dropped} baris di bawahnya tidak dibaca")  # fmt: skip
    if kind in (schema.PK, schema.REALISASI) and data is not None and len(rows) <= PERCENT_SCAN_MAX_ROWS:
        raw.percent = percent_mask(data, sheet or name, body.index, cols, header_fields, periods, names)
    fields = {**header_fields, **{c: label[c] for c in periods}}  # Excel error cells (issue 10)
    raw.excel_errors = {
        (r, fields[c]): code for (r, c), code in (errors or {}).items() if c in fields and r > start
    }
    return raw, extent.next_table


def read_workbook_sheets(
    data: bytes, file_name: str, profiles: Sequence[Profile] = ()
) -> tuple[list[RawSheet], list[str]]:
    """Every recognised table of a file, and notices for the sheets and tables skipped."""
    by_signature = {p.signature or p.name: p for p in profiles if p.signature or p.forced}
    sheets, notices = [], []
    for loaded in load_sheets(data, file_name):
        if normalize_header(loaded.name) in _QUIET_SHEETS:
            continue
        if loaded.hidden:
            notices.append(f"sheet tersembunyi '{loaded.name}' dilewati")
            continue
        top: int | None = 0
        part = 1
        while top is not None:
            name = loaded.name if part == 1 else f"{loaded.name} (tabel {part})"
            content = None if file_name.lower().endswith(".csv") else data
            result, top = read_sheet(
                name,
                loaded.rows,
                loaded.merges,
                content,
                top=top,
                profiles=by_signature,
                sheet=loaded.name,
                errors=loaded.errors,
            )
            if isinstance(result, str):
                notices.append(result)
            else:
                sheets.append(result)
                notices.extend(result.notices)
            part += 1
    return sheets, notices
