"""Why a file Kinerja cannot read is refused: what it is not (a diagram, a reference list …), per sheet."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from kinerja.domain import schema
from kinerja.domain.text import normalize_header
from kinerja.ingest import columns
from kinerja.ingest.headers import cell_text
from kinerja.ingest.report import ImportReport
from kinerja.ingest.workbook import LoadedSheet, blank_cell, load_sheets

SCAN_ROWS = 15
_SHAPE = re.compile(rb"<xdr:(?:sp|cxnSp)[ >]")
_YEAR = re.compile(r"^(?:19|20)\d\d(?:\.0)?$")
_BOX_LABELS = {"sasaran", "indikator", "tujuan", "program", "kegiatan", "sub kegiatan"}
ALL_KINDS = list(columns.LOOKUPS)
_NOT = "bukan PK, Realisasi, Pengaduan atau Unit"


def _shapes(data: bytes) -> int:
    """Drawn shapes and connectors in an .xlsx (a pohon kinerja drawn with boxes and lines)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return 0
    book = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in book.namelist() if n.startswith("xl/drawings/drawing") and n.endswith(".xml")]
    return sum(len(_SHAPE.findall(book.read(n))) for n in names[:50])


def _best_row(sheet: LoadedSheet) -> tuple[set[str], list[str], int]:
    """Fields of the first-15 row that names most of them, that row's texts, and the most month columns a row has."""
    best: tuple[set[str], list[str]] = (set(), [])
    months = 0
    for cells in sheet.rows[:SCAN_ROWS]:
        texts = [cell_text(v) for v in cells]
        matched = columns.match_columns([[t] if t else [] for t in texts], ALL_KINDS)
        fields = set(matched.fields.values())
        months = max(months, len(matched.periods))
        if len(fields) > len(best[0]):
            best = (fields, texts)
    return (*best, months)


def _boxes(sheet: LoadedSheet) -> bool:
    """Labels such as `Sasaran 1` / `Indikator :` repeated side by side: boxes drawn in cells."""
    for cells in sheet.rows[: SCAN_ROWS * 4]:
        words = Counter(
            re.sub(r"\s*\d+$", "", normalize_header(str(v)))
            for v in cells
            if isinstance(v, str) and not blank_cell(v)
        )
        if any(n >= 2 for w, n in words.items() if w in _BOX_LABELS):
            return True
    return False


def describe_sheet(sheet: LoadedSheet, shapes: int) -> str:
    """What one unreadable sheet is, as the admin would say it."""
    fields, texts, months = _best_row(sheet)
    years = [t for t in texts if _YEAR.match(t)]
    if not any(any(not blank_cell(v) for v in r) for r in sheet.rows):
        return "kosong"
    if len(years) >= 3 or any(
        len([t for t in (cell_text(v) for v in r) if _YEAR.match(t)]) >= 3 for r in sheet.rows[:SCAN_ROWS]
    ):
        return "tabel beberapa tahun (mis. target Renstra per tahun), bukan PK atau realisasi satu tahun"
    if _boxes(sheet):
        return "bagan kotak-kotak (cascading), bukan tabel dengan baris judul kolom"
    if "indikator" in fields and not ({"target", "realisasi", "tw4"} & fields):
        return "daftar rujukan indikator (nomenklatur) tanpa target maupun realisasi"
    if "sasaran" in fields and "indikator" not in fields:
        return "daftar sasaran tanpa indikator"
    if "uraian" in fields and "tanggal_masuk" not in fields:
        return "daftar teks pengaduan tanpa Tanggal Masuk (bukan ekspor pengaduan)"
    if months >= 3 and not {"indikator", "kode_indikator"} & fields:
        return "tabel per bulan tanpa kolom Indikator Kinerja (mis. progres keluaran), bukan realisasi indikator PK"
    if shapes >= 5:
        return "bagan (gambar bentuk dan garis, mis. pohon kinerja), bukan tabel"
    if fields:
        named = ", ".join(sorted(_column_names().get(f, f) for f in fields))
        return (
            f"tabel tanpa kolom Indikator dan Target/Realisasi, atau Tanggal Masuk (dikenali hanya: {named})"
        )
    return "tidak ada baris judul kolom yang dikenali (bukan tabel PK, realisasi, pengaduan atau unit)"


def refuse_unrecognised(data: bytes, file_name: str, report: ImportReport) -> None:
    """The FILE error of a file with no readable table, saying per sheet what it is not."""
    try:
        sheets = [s for s in load_sheets(data, file_name) if not s.hidden]
    except Exception:  # already read once; a second read failing changes nothing
        sheets = []
    shapes = _shapes(data)
    parts = [f"sheet '{s.name}': {describe_sheet(s, shapes)}" for s in sheets[:8]]
    if len(sheets) > 8:
        parts.append(f"dan {len(sheets) - 8} sheet lain")
    report.error(
        f"tidak ada sheet PK, Realisasi, Pengaduan atau Unit yang dikenali — berkas ini {_NOT}: "
        + ("; ".join(parts) if parts else "semua sheet tersembunyi"),
        expected="sheet bernama PK, Realisasi, Pengaduan atau Unit, atau baris judul kolom sesuai templat",
    )


def _column_names() -> dict[str, str]:
    """field → the column name templates use (`kode_indikator` → Kode Indikator), for messages."""
    names: dict[str, str] = {}
    for cols in (*schema.COLUMNS.values(), *schema.READ_ONLY_COLUMNS.values()):
        for col in cols:
            names.setdefault(col.field, col.name)
    return names
