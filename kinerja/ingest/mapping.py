"""The mapping step (issue 12 §3): each sheet's header cells, Kinerja's guess per column, the fields to pick."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.domain import schema
from kinerja.domain.profiles import IGNORE, signature
from kinerja.domain.text import normalize_header
from kinerja.ingest import columns
from kinerja.ingest.headers import cell_text, header_block
from kinerja.ingest.layout import HEADER_SCAN_ROWS, classify, classify_by_name, lookup_kinds, top_grid
from kinerja.ingest.report import column_letter
from kinerja.ingest.workbook import blank_cell, load_sheets

IGNORE_LABEL = "(abaikan kolom ini)"


@dataclass
class MappingTable:
    """One sheet's header as printed, with the field Kinerja guesses for each column."""

    sheet: str
    row: int  # Excel row of the (first) header row
    letters: list[str]
    labels: list[str]  # the header as printed, per column
    guesses: list[str]  # a field, or "" (not recognised / ignored)
    samples: list[str]  # the first value under each header
    kind: str | None
    signature: str
    missing: list[str] = field(default_factory=list)  # required columns not recognised


def field_choices(kind: str) -> list[tuple[str, str]]:
    """(field, label) a column of a `kind` sheet may be mapped to; ignoring it comes first."""
    cols = [*schema.COLUMNS[kind], *schema.READ_ONLY_COLUMNS.get(kind, ())]
    if kind == schema.PK:  # a PK sheet may carry its realisasi too (combined sheets)
        cols += [c for c in schema.REALISASI_COLUMNS if c.field in ("realisasi", "keterangan", "bukti")]
        cols += list(schema.READ_ONLY_COLUMNS[schema.REALISASI])
    seen: dict[str, str] = {IGNORE: IGNORE_LABEL}
    for col in cols:
        seen.setdefault(col.field, col.name)
    return list(seen.items())


def _header_row(grid, score) -> int | None:
    """The row naming most fields; failing that, the first row of several short texts (a header nobody knows)."""
    best_row, best = None, 1
    for r in range(min(HEADER_SCAN_ROWS, len(grid))):
        found = score([cell_text(v) for v in grid.iloc[r]])
        if found > best:
            best_row, best = r, found
    if best_row is not None:
        return best_row
    for r in range(min(HEADER_SCAN_ROWS, len(grid))):
        cells = [v for v in grid.iloc[r] if not blank_cell(v)]
        if len(cells) >= 2 and all(isinstance(v, str) and len(v) <= 80 for v in cells):
            return r
    return None


def mapping_tables(data: bytes, file_name: str) -> list[MappingTable]:
    """Every visible sheet with a header row: its cells and Kinerja's guesses, for the mapping step."""
    out = []
    for sheet in load_sheets(data, file_name):
        if (
            sheet.hidden
            or normalize_header(sheet.name) in ("petunjuk", "laporan kesalahan")
            or not sheet.rows
        ):
            continue
        width = max(len(r) for r in sheet.rows[: HEADER_SCAN_ROWS + 8])
        grid = top_grid(sheet.rows, width, sheet.merges)
        by_name = classify_by_name(sheet.name)
        kinds, secondary = lookup_kinds(by_name)

        def score(names: list[str], k=kinds, s=secondary) -> int:
            return columns.header_score(names, [*k, *s])

        h = _header_row(grid, score)
        if h is None:
            continue
        block = header_block(grid, h, sheet.merges, score)
        matched = columns.match_columns(block.parts, kinds, secondary)
        kind, _ = classify(by_name, set(matched.fields.values()), bool(matched.periods))
        used = [c for c, name in enumerate(block.names) if name]
        body = sheet.rows[block.start : block.start + 1]
        samples = [cell_text(body[0][c]) if body and c < len(body[0]) else "" for c in used]
        guesses = [matched.fields.get(c, IGNORE) for c in used]
        table = MappingTable(sheet.name, block.row + 1, [column_letter(c) for c in used],
                             [block.names[c] for c in used], guesses, samples, kind, signature(block.names))  # fmt: skip
        if kind is not None:
            table.missing = missing_fields(kind, set(guesses))
        table.guesses = word_guesses(
            table.labels, kind or schema.PK, guesses
        )  # after `missing`: only a guess
        out.append(table)
    return out


def missing_fields(kind: str, fields: set[str]) -> list[str]:
    """Required columns (DOMAIN §4) that a mapping leaves out; unit and year may come from the upload's choices."""
    needed = {
        schema.PK: ["indikator", "target"],
        schema.REALISASI: ["realisasi"],
        schema.PENGADUAN: ["tanggal_masuk"],
        schema.UNIT: ["kode", "nama"],
    }[kind]
    if kind == schema.REALISASI and not fields & {"indikator", "kode_indikator"}:
        needed = ["indikator", *needed]
    labels = dict(field_choices(kind))
    return [labels[f] for f in needed if f not in fields]


# Short forms offices write in headers; only for guessing a column in the mapping step.
ABBREVIATIONS = {"thn": "tahun", "tgl": "tanggal", "ket": "keterangan", "satker": "unit", "skpd": "unit",
                 "opd": "unit", "kec": "kecamatan", "kel": "kelurahan", "ind": "indikator"}  # fmt: skip


def _words(text: str) -> list[str]:
    return [ABBREVIATIONS.get(w, w) for w in normalize_header(text).split()]


def word_guesses(labels: list[str], kind: str, guesses: list[str]) -> list[str]:
    """Kinerja's guess for columns no name matched: a field whose name's words all stand in the header.

    `Uraian Indikator` → Indikator Kinerja, `Thn` → Tahun; each field once, the columns matched by
    name keep theirs. The admin sees the guess pre-selected and may change it.
    """
    names = [(f, _words(n)) for f, _ in field_choices(kind) if f != IGNORE for n in _names(kind, f)]
    taken = {g for g in guesses if g != IGNORE}
    out = list(guesses)
    for c, label in enumerate(labels):
        if out[c] != IGNORE:
            continue
        words = _words(label)
        fits = [(-len(need), words.index(need[0]), f) for f, need in names
                if f not in taken and need and set(need) <= set(words)]  # fmt: skip
        if fits:  # the longest name, then the one the header starts with (`Target Tahun Ini` → Target)
            out[c] = min(fits)[2]
            taken.add(out[c])
    return out


def _names(kind: str, field_name: str) -> tuple[str, ...]:
    cols = [*schema.COLUMNS[kind], *schema.REALISASI_COLUMNS, *sum(schema.READ_ONLY_COLUMNS.values(), ())]
    return next(c.names for c in cols if c.field == field_name)
