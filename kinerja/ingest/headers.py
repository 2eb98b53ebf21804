"""The header block as real forms print it: groups over sub-headers, split names, column-number rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from kinerja.ingest.workbook import blank_cell

MAX_DEPTH = 5  # header rows below the first one (group → TW I … IV → K / % / Rp. is 3)
_NUMBER_CELL = re.compile(r"^\(?(\d{1,3})\)?(?:\s*=\s*(.+))?$")
_DATA_TEXT = re.compile(r"^(?=.*\d)[\d\s.,%()+\-/:]+$")
_FORMULA_SUM = re.compile(r"^\(?\s*\d{1,3}(?:\s*\+\s*\d{1,3})+\s*\)?$")

Merges = Sequence[tuple[tuple[int, int], tuple[int, int]]]


@dataclass
class HeaderBlock:
    """Rows `row` … `start - 1` hold the header; per column its header texts, top to bottom."""

    row: int
    start: int
    parts: list[list[str]]
    numbers: dict[int, int] = field(default_factory=dict)  # column → its number in the number row
    formulas: dict[int, str] = field(default_factory=dict)  # column → `9 + 10 + 11 + 12`

    @property
    def names(self) -> list[str]:
        return [" ".join(p) for p in self.parts]

    def sums(self) -> list[set[int]]:
        """Columns that the number row defines as the sum of other columns (`13 = 9 + 10 + 11 + 12`)."""
        by_number: dict[int, int] = {}
        for c, n in self.numbers.items():
            by_number.setdefault(n, c)
        out = []
        for text in self.formulas.values():
            if _FORMULA_SUM.match(text):
                cols = {by_number.get(int(n)) for n in re.findall(r"\d+", text)}
                if None not in cols:
                    out.append({c for c in cols if c is not None})
        return out


def cell_text(value: object) -> str:
    return "" if blank_cell(value) else str(value).strip()


def number_cells(cells: Sequence[object]) -> tuple[dict[int, int], dict[int, str]] | None:
    """A row of column numbers (`(1) (2) …`, `1 2 3`, `13 = 9 + 10 + 11 + 12`, `8=(7/6)`), or None."""
    values = [(c, cell_text(v)) for c, v in enumerate(cells) if not blank_cell(v)]
    if len(values) < 2:
        return None
    numbers: dict[int, int] = {}
    formulas: dict[int, str] = {}
    for c, text in values:
        match = _NUMBER_CELL.match(text[:-2] if text.endswith(".0") else text)
        if not match:
            return None
        if numbers and numbers.get(c - 1) == int(match.group(1)):
            numbers[c] = numbers[c - 1]  # a number merged across its sub-columns
            continue
        numbers[c] = int(match.group(1))
        if match.group(2):
            formulas[c] = match.group(2).strip()
    seq = list(dict.fromkeys(numbers.values()))
    return (numbers, formulas) if seq == list(range(seq[0], seq[0] + len(seq))) else None


def _bottom(merges: Merges, r: int) -> int:
    """The last row a merge starting in row r reaches down to (r when none)."""
    return max([r2 for (r1, _), (r2, _) in merges if r1 == r and r2 > r], default=r)


def _text_only(cells: Sequence[object]) -> bool:
    texts = [v for v in cells if not blank_cell(v)]
    return bool(texts) and all(isinstance(v, str) and not _DATA_TEXT.match(v.strip()) for v in texts)


def _under_groups(grid: pd.DataFrame, r: int, merges: Merges, top: int) -> bool:
    """Every cell of row r sits under a group cell merged across columns in the header above."""
    cells = list(grid.iloc[r])
    if not _text_only(cells):
        return False
    spans = [(c1, c2) for (r1, c1), (r2, c2) in merges if top <= r1 and r2 < r and c2 > c1]
    return all(any(c1 <= c <= c2 for c1, c2 in spans) for c, v in enumerate(cells) if not blank_cell(v))


def _parts(grid: pd.DataFrame, rows: Sequence[int], numbers: Sequence[str] = ()) -> list[list[str]]:
    """Per column, the texts of the header rows; a number-row value merged down into them is not a name."""
    out = []
    for c in range(grid.shape[1]):
        parts: list[str] = []
        number = numbers[c] if c < len(numbers) else ""
        for r in rows:
            text = cell_text(grid.iat[r, c])
            if text and number and text == number:
                continue
            if text and (not parts or parts[-1].casefold() != text.casefold()):
                parts.append(text)
        out.append(parts)
    return out


def header_block(
    grid: pd.DataFrame, h: int, merges: Merges, score: Callable[[list[str]], int]
) -> HeaderBlock:
    """The header starting at row h: merged groups, sub-header rows and a number row, to the body."""
    rows = [h]
    if h > 0 and any(r1 == h - 1 and c2 > c1 for (r1, c1), (_, c2) in merges):  # groups one row up
        up = [" ".join(p) for p in _parts(grid, [h - 1, h])]
        if score(up) >= score([cell_text(v) for v in grid.iloc[h]]):
            rows = [h - 1, h]
    end = max(_bottom(merges, r) for r in rows)
    numbers: dict[int, int] = {}
    formulas: dict[int, str] = {}
    number_texts: list[str] = []
    r = h + 1
    while r < len(grid) and r <= rows[0] + MAX_DEPTH:
        found = number_cells(list(grid.iloc[r]))
        if found:  # column numbers under the header are skipped; their formulas are kept
            numbers, formulas = found
            number_texts = [cell_text(v) for v in grid.iloc[r]]
            end = max(end, _bottom(merges, r))
        elif r <= end or _under_groups(grid, r, merges, rows[0]):
            rows.append(r)
            end = max(end, _bottom(merges, r))
        else:
            break
        r += 1
    if r < len(grid) and not numbers and _text_only(list(grid.iloc[r])):
        # names split over two rows (`Perangkat` / `Daerah`): kept when the pair names more fields
        joined = [" ".join(p) for p in _parts(grid, [*rows, r])]
        if score(joined) > score([" ".join(p) for p in _parts(grid, rows)]):
            rows.append(r)
            r += 1
            found = number_cells(list(grid.iloc[r])) if r < len(grid) else None
            if found:
                numbers, formulas = found
                r += 1
    return HeaderBlock(rows[0], r, _parts(grid, rows, number_texts), numbers, formulas)
