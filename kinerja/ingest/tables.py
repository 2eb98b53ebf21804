"""Where a table's rows end (TOTAL, footnotes, a signature block, a second table) and its section rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.domain.text import normalize_header, normalize_text
from kinerja.domain.vocabulary import MONTH_WORDS
from kinerja.ingest.cells.choices import ROMAN, month_of_label, quarter_of_label
from kinerja.ingest.workbook import blank_cell

TOTAL_WORDS = {"jumlah", "total", "jumlah total", "grand total", "sub total", "subtotal"}
_FOOTNOTE = re.compile(r"^\s*(?:\*+|catatan|keterangan\s*:|ket\s*[:.]|sumber\s*:|note\s*:|nb\s*[:.])", re.I)
_MONTHS = "|".join(w for words in MONTH_WORDS for w in words.split())
_SIGNATURE = re.compile(  # one cell alone in its row: "Kupang, 27 Februari 2018", "Kepala Dinas", "NIP. 1978…"
    rf"^\s*(?:[A-Z][A-Za-z .'-]{{2,40}},\s*(?:\d{{1,2}}\s+(?:{_MONTHS})\b|(?:{_MONTHS})\s+\d{{4}}|[._…\s]{{3,}})"
    r"|mengetahui\b|menyetujui\b|a\.\s*n\.|plt\.|plh\.|kepala\s+(?:dinas|badan|bagian|biro|kantor|bidang)\b"
    r"|camat\b|sekretaris\b|inspektur\b|wali\s*kota\b|bupati\b|nip\b\.?\s*[:.]?\s*[\d\s]*$)",
    re.I,
)
# "Perangkat Daerah : Badan Perencanaan …", "OPD : Dinas Kesehatan", "Tahun : 2025", "Triwulan : II"
_SECTION = re.compile(r"^\s*([A-Za-z][A-Za-z ./]{0,30}?)\s*[:：]\s*(\S.*?)\s*$")
SECTION_LABELS = {
    "unit": {"perangkat daerah", "opd", "skpd", "unit kerja", "nama opd", "nama skpd", "instansi",
             "nama perangkat daerah", "satuan kerja", "unit", "nama unit kerja", "nama instansi"},
    "tahun": {"tahun", "tahun anggaran", "ta"},
    "bulan": {"bulan", "triwulan", "periode", "tw", "periode laporan"},
}  # fmt: skip


def _texts(cells: Sequence[object]) -> list[str]:
    return [str(v).strip() for v in cells if not blank_cell(v)]


def section_value(cells: Sequence[object]) -> tuple[str, object, str] | None:
    """(field, value, text) of a section row that sets the unit, year or period of the rows below."""
    texts = _texts(cells)
    if not texts or len(texts) > 3 or not all(isinstance(v, str) for v in cells if not blank_cell(v)):
        return None
    joined = " ".join(texts)
    match = _SECTION.match(joined.replace(" :", ":"))
    if not match:
        return None
    label, value = normalize_text(match.group(1)), match.group(2).strip()
    for name, labels in SECTION_LABELS.items():
        if label in labels:
            parsed = parse_context(name, value)
            return (name, parsed, joined) if parsed is not None else None
    return None


def parse_context(name: str, value: str) -> object:
    """A unit name, a year or a month (a quarter → its last month) written in a title or section row."""
    if name == "unit":
        return value
    if name == "tahun":
        years = set(re.findall(r"\b((?:19|20)\d\d)\b", value))
        return int(years.pop()) if len(years) == 1 else None
    month = month_of_label(value)
    if month:
        return month
    quarter = quarter_of_label(value) or quarter_of_label(f"triwulan {value}") or ROMAN.get(value.lower())
    return 3 * quarter if quarter else None


_TITLE_YEAR = re.compile(r"\b(?:tahun(?:\s+anggaran)?|t\.?a\.?)\s*:?\s*((?:19|20)\d\d)\b", re.I)
_TITLE_QUARTER = re.compile(
    r"\b(?:triwulan|tw)\s*(?:ke\s*-?\s*)?(iv|iii|ii|i|[1-4])\b(?!\s*(?:-|–|s\.?\s*d))", re.I
)
_TITLE_MONTH = re.compile(r"\bbulan\s+([a-z]+)\b", re.I)


def title_values(rows: Sequence[Sequence[object]]) -> dict[str, tuple[object, str, int]]:
    """Year, period and unit named in the title rows above the header: field → (value, text, row)."""
    found: dict[str, list[tuple[object, str, int]]] = {}
    for r, cells in enumerate(rows):
        section = section_value(cells)
        if section:
            found.setdefault(section[0], []).append((section[1], section[2], r))
            continue
        for text in _texts(cells):
            if not isinstance(text, str):
                continue
            for year in _TITLE_YEAR.findall(text):
                found.setdefault("tahun", []).append((int(year), text, r))
            for quarter in _TITLE_QUARTER.findall(text):
                found.setdefault("bulan", []).append((3 * ROMAN[quarter.lower()], text, r))
            for word in _TITLE_MONTH.findall(text):
                if (month := month_of_label(word)) is not None:
                    found.setdefault("bulan", []).append((month, text, r))
    out = {}
    for name, values in found.items():
        if len({v for v, _, _ in values}) == 1:  # two different years in the title tell nothing
            out[name] = values[0]
    return out


def _ends(cells: Sequence[object]) -> str | None:
    """Why this row ends the table (a total, a footnote, a signature block), or None."""
    texts = _texts(cells)
    if not texts:
        return None
    first = next((t for t in texts if isinstance(t, str) and not t.replace(".", "").isdigit()), "")
    if normalize_header(first) in TOTAL_WORDS:
        return f"baris {first}"
    if len(texts) == 1 and _FOOTNOTE.match(texts[0]):
        return "catatan kaki"
    if len(texts) == 1 and isinstance(texts[0], str) and _SIGNATURE.match(texts[0]):
        return "blok tanda tangan"
    return None


@dataclass
class Extent:
    """The body rows of one table: where it ends and why, its section rows, a table below it."""

    end: int
    reason: str | None = None
    next_table: int | None = None
    sections: dict[int, tuple[str, object, str]] = field(default_factory=dict)
    dropped: int = 0  # non-blank rows between the end and the next table (or the sheet's end)


def table_extent(
    rows: Sequence[Sequence[object]],
    start: int,
    filled: np.ndarray,
    is_header: Callable[[Sequence[object]], bool],
) -> Extent:
    """Scan the body from `start` (`filled`: non-blank table cells per row): section rows, the end, a next table.

    Only rows with few cells in the table's columns, or right after a blank row, are looked at
    closely: a 100,000-row complaint export stays fast.
    """
    after_blank = np.concatenate([[False], filled[:-1] == 0]) if len(filled) else filled.astype(bool)
    extent = Extent(end=len(rows))
    for i in np.flatnonzero((filled <= 3) | after_blank):
        r = start + int(i)
        section = section_value(rows[r])
        if section:
            extent.sections[r] = section
            continue
        reason = _ends(rows[r])
        if reason is None and after_blank[i] and filled[i] >= 2 and is_header(rows[r]):
            reason = "tabel baru"
        if reason:
            extent.end, extent.reason = r, reason
            break
    if extent.reason is None:
        return extent
    if extent.reason == "tabel baru":
        extent.next_table = extent.end
        return extent
    for r in range(extent.end + 1, len(rows)):
        j = r - start
        if filled[j] >= 2 and (after_blank[j] or r == extent.end + 1) and is_header(rows[r]):
            extent.next_table = r
            break
        if _ends(rows[r]) is None and len(_texts(rows[r])) >= 3:
            extent.dropped += 1
    return extent


def drop_total_rows(body: pd.DataFrame, rows: Sequence[Sequence[object]]) -> pd.DataFrame:
    """A trailing Jumlah/Total row is ignored (DOMAIN §4), wherever its label stands."""
    while len(body):
        raw = rows[body.index[-1]]
        texts = [normalize_header(str(v)) for v in raw if isinstance(v, str) and v.strip()]
        if texts and texts[0] in TOTAL_WORDS:
            body = body.iloc[:-1]
        else:
            break
    return body


def row_context(
    rows: Sequence[Sequence[object]], top: int, header_row: int, index: pd.Index, sections: dict
) -> dict[str, tuple[pd.Series, pd.Series]]:
    """Per body row: the unit, year and period a title or section row above it names, and where."""
    out: dict[str, tuple[pd.Series, pd.Series]] = {}
    for name, (value, text, r) in title_values(rows[top : top + header_row]).items():
        out[name] = (
            pd.Series([value] * len(index), index=index, dtype=object),
            pd.Series([f"judul baris {top + r + 1}: '{text}'"] * len(index), index=index, dtype=object),
        )
    for r, (name, value, text) in sorted(sections.items()):
        if name not in out:
            none = pd.Series([None] * len(index), index=index, dtype=object)
            out[name] = (none, none.copy())
        below = index > r
        out[name][0][below], out[name][1][below] = value, f"baris {r + 1}: '{text}'"
    return out


def merged_from_left(merges: Sequence, column: int, index: pd.Index) -> np.ndarray:
    """Body rows whose cell in `column` is filled by a merge that starts in a column to its left."""
    spilled = np.zeros(len(index), dtype=bool)
    for (r1, c1), (r2, c2) in merges:
        if c1 < column <= c2:
            spilled |= (index >= r1) & (index <= r2)
    return spilled
