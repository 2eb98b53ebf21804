"""Numbers written with their unit or a sign, as reports write them: `30 LPK`, `5,51 persen`, `≥ 95` (issue 11)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.domain.satuan import unit_key
from kinerja.domain.vocabulary import TARGET_SIGN_WORDS
from kinerja.ingest.cells.arrow import per_unique, split_cells

_NUMBER = r"[+\-−]?(?:rp\.?\s*)?(?:\d[\d.,]*|[.,]\d+)"
_IS_NUMBER = re.compile(rf"^{_NUMBER}$")
_IS_RANGE = re.compile(rf"^{_NUMBER}\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai\s+dengan|sampai|hingga)\s*{_NUMBER}$")
_RANGE_WORD = re.compile(r"^(?:s\.?\s*d\b|s/d|sampai|hingga|-|–|—)")
_SIGN = re.compile(
    "^(?P<sign>"
    + "|".join(
        re.escape(w)
        for w in sorted({w for ws in TARGET_SIGN_WORDS.values() for w in ws}, key=len, reverse=True)
    )
    + r")(?![a-z])\s*(?P<rest>.+)$"
)
_SIGN_POLARITAS = {w: pol for pol, words in TARGET_SIGN_WORDS.items() for w in words}


def _split(text: str) -> tuple[str, str | None, str | None]:
    """(number part, unit as written, polaritas of a leading sign) of one text cell."""
    t = " ".join(text.replace("\u00a0", " ").split())
    sign = None
    m = _SIGN.match(t.lower())
    if m:
        sign = _SIGN_POLARITAS[m.group("sign")]
        t = t[len(t) - len(m.group("rest")) :]
    low = t.lower()
    if _IS_NUMBER.match(low) or _IS_RANGE.match(low):
        return t, None, sign
    for i, ch in enumerate(low):
        if not (ch.isalpha() or ch in "%‰") or i == 0:
            continue
        head, unit = t[:i].strip(), t[i:].strip()
        if not head or not head[-1].isdigit():
            continue
        if _RANGE_WORD.match(unit.lower()):
            continue
        if _IS_NUMBER.match(head.lower()) or _IS_RANGE.match(head.lower()):
            return head, unit, sign
    return t, None, sign


def split_units(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Cells without their trailing unit word and leading sign; (cells, unit as written, sign polaritas).

    Only text cells change; numbers, dates and blanks pass through. The unit is checked later
    against the indicator's Satuan (unit_mismatch); the sign against Polaritas.
    """
    cells = split_cells(s)
    parts = per_unique(cells, lambda x: _split(x) if isinstance(x, str) and not _plain(x) else None)
    values = s.to_numpy(dtype=object).copy()
    unit = np.full(len(s), None, dtype=object)
    sign = np.full(len(s), None, dtype=object)
    for i in cells.text_pos[[parts[p] is not None for p in cells.text_pos]]:
        values[i], unit[i], sign[i] = parts[i]
    return (
        pd.Series(values, index=s.index, dtype=object),
        pd.Series(unit, index=s.index, dtype=object),
        pd.Series(sign, index=s.index, dtype=object),
    )


def _plain(x: str) -> bool:
    """A cell that is already a number (the common case): no per-cell work beyond this test."""
    return bool(_IS_NUMBER.match(x.strip().lower()))


def unit_mismatch(unit: pd.Series, satuan: pd.Series) -> pd.Series:
    """Where a cell's unit word is not the Satuan (a percentage word matches a % Satuan)."""
    a = unit.map(unit_key)
    b = satuan.map(unit_key)
    return a.notna() & (a != b)
