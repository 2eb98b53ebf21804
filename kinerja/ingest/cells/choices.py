"""Months, years, yes/no, listed choices and channels as files write them (DOMAIN §4)."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.domain.text import normalize_text
from kinerja.domain.vocabulary import MONTH_BY_NAME, NO_WORDS, SALURAN, SALURAN_LAINNYA, YES_WORDS
from kinerja.ingest.cells.arrow import Column, as_series, lower_text, per_unique, split_cells, to_numpy
from kinerja.ingest.cells.dates import MONTH_NAME_ARRAY, MONTH_NUMBER_ARRAY, cell_dates, group_value
from kinerja.ingest.cells.numbers import text_numbers

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = r"^(?:tw|triwulan|trw|q|kuartal)\s*[-.]?\s*(?:ke\s*-?\s*)?(?P<q>iv|iii|ii|i|[1-4])$"


# --- months, years ---------------------------------------------------------------------------
def parse_months(s: Column) -> tuple[pd.Series, pd.Series]:
    """Month 1–12 from a number, a month name, a date, or a quarter (`TW II` → 6, DOMAIN §4)."""
    cells = split_cells(s)
    out = np.full(cells.n, np.nan)
    k = cells.kind
    isnum = k == "num"
    out[cells.other_pos[isnum]] = cells.other[isnum].to_numpy(dtype=np.float64)
    dates = cell_dates(cells)
    isdt = np.isin(k, ("datetime", "date"))
    out[cells.other_pos[isdt]] = pd.DatetimeIndex(dates[cells.other_pos[isdt]]).month
    low = lower_text(cells.text)
    w = pc.replace_substring_regex(low, r"^bulan\s+|[\s,-]+\d{4}$|\.$", "")
    name = to_numpy(pc.fill_null(pc.index_in(w, MONTH_NAME_ARRAY), -1)).astype(int)
    tv = np.where(name >= 0, MONTH_NUMBER_ARRAY[name], np.nan)
    q = pc.struct_field(pc.extract_regex(w, _QUARTER), [0])
    qi = to_numpy(pc.fill_null(pc.index_in(q, pa.array(list(ROMAN), pa.large_string())), -1))
    qv = np.where(qi >= 0, np.array([*ROMAN.values(), 0])[qi] * 3, np.nan)
    tv = np.where(np.isnan(tv), qv, tv)
    my = pc.extract_regex(low, r"^(?:(?P<a>\d{1,2})[/-]\d{4}|\d{4}[/-](?P<b>\d{1,2}))$")
    mm = group_value(my, "a") + group_value(my, "b")  # `02/2018`, `2018-02`
    mm = np.where(mm > 0, mm, np.nan)
    tv = np.where(np.isnan(tv), mm, tv)
    nums, nok = text_numbers(cells.text)
    tv = np.where(np.isnan(tv) & nok, nums, tv)
    text_dates = dates[cells.text_pos]
    tv = np.where(np.isnan(tv) & ~np.isnat(text_dates), pd.DatetimeIndex(text_dates).month, tv)
    out[cells.text_pos] = tv
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    good = (out >= 1) & (out <= 12) & (out == np.floor(out))
    bad &= ~good
    out[~good] = np.nan
    return as_series(pd.array(out, dtype="Int64"), s), as_series(bad, s, "bool")


def parse_year(s: Column) -> tuple[pd.Series, pd.Series]:
    """Tahun 2000–2100 from a number or text (`2018`, `TA 2018`)."""
    cells = split_cells(s)
    text = pc.replace_substring_regex(lower_text(cells.text), r"^(?:tahun\s+anggaran|tahun|ta)\s*\.?\s*", "")
    values = np.full(cells.n, np.nan)
    tv, _ = text_numbers(text)
    values[cells.text_pos] = tv
    isnum = cells.kind == "num"
    values[cells.other_pos[isnum]] = cells.other[isnum].to_numpy(dtype=np.float64)
    good = (values >= 2000) & (values <= 2100) & (values == np.floor(values))
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= ~good
    values[~good] = np.nan
    return as_series(pd.array(values, dtype="Int64"), s), as_series(bad, s, "bool")


def month_of_label(text: str) -> int | None:
    """Month of a header cell that is only a month name (`Januari`, `Agt`, `Nop 2018`)."""
    key = re.sub(r" (?:19|20)\d\d$", "", normalize_text(str(text)))
    return MONTH_BY_NAME.get(key.replace(" ", ""))


_QUARTER_LABEL = re.compile(r"(?:^| )(?:tw|triwulan|trw|q|kuartal) ?(?:ke )?(iv|iii|ii|i|[1-4])(?: |$)")


def quarter_of_label(text: str) -> int | None:
    """Quarter named in a header (`TW II`, `Triwulan 2`, `Target TW III`, `Q1`)."""
    m = _QUARTER_LABEL.search(normalize_text(str(text)))
    return ROMAN[m.group(1)] if m else None


_QUARTER_CELL = re.compile(r"(?:(?:tw|triwulan|trw|q|kuartal) ?(?:ke )?)?(iv|iii|ii|i|[1-4])")


def _quarter_month(x: str) -> float:
    m = _QUARTER_CELL.fullmatch(normalize_text(x))
    return 3.0 * ROMAN[m.group(1)] if m else np.nan


def parse_quarters(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Closing month of a quarter in a column headed Triwulan/TW (`2`, `II`, `TW 2` → 6): never a month."""
    cells = split_cells(s)
    out = per_unique(cells, _quarter_month).astype(np.float64)
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= np.isnan(out)
    return as_series(pd.array(out, dtype="Int64"), s), as_series(bad, s, "bool")


YES_NO: dict[str, bool] = {**dict.fromkeys(YES_WORDS, True), **dict.fromkeys(NO_WORDS, False)}


def _yes_no(x: str) -> bool | None:
    t = " ".join(x.lower().split()).rstrip(".")
    return YES_NO.get(t, YES_NO.get(normalize_text(t)))


def parse_yes_no(s: Column) -> tuple[pd.Series, pd.Series]:
    """Ya/Tidak, Ada/Tidak Ada, Y/T, Y/N, Yes/No, 1/0, True/False, ✓ → boolean (DOMAIN §4)."""
    cells = split_cells(s)
    isbool = cells.kind == "bool"
    if isbool.any():  # a copy: the split column may be shared with other parsers
        other = cells.other.copy()
        other[isbool] = other[isbool].astype(int)
        cells = replace(cells, other=other)
    out = per_unique(cells, _yes_no)
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= pd.isna(out)
    out[bad] = None
    return as_series(pd.array(out, dtype="boolean"), s), as_series(bad, s, "bool")


def _choice_key(x: str) -> str:
    return normalize_text(x).replace(" ", "")


def _choice_lookup(mapping: dict[str, list[str]]) -> dict[str, str]:
    return {_choice_key(w): key for key, words in mapping.items() for w in (key, *words)}


def parse_choice(s: Column, mapping: dict[str, list[str]]) -> tuple[pd.Series, pd.Series]:
    """Canonical key of a wording (case/space/punctuation-insensitive); unknown wording is bad."""
    cells = split_cells(s)
    lookup = _choice_lookup(mapping)
    out = per_unique(cells, lambda x: lookup.get(_choice_key(x)))
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= pd.isna(out)
    return as_series(pd.array(out, dtype="str"), s), as_series(bad, s, "bool")


def _display(word: str) -> str:
    word = word.replace("_", "-")
    return word[:1].upper() + word[1:] if word.islower() else word


def choice_list(mapping: dict[str, list[str]]) -> str:
    """Accepted values for an error's `diharapkan`: `Positif, Negatif (atau Maksimal, …)`."""
    main = [_display(words[0] if words else key) for key, words in mapping.items()]
    seen = {_choice_key(w) for w in main}
    alt = []
    for words in mapping.values():
        extra = [w for w in words if _choice_key(w) not in seen]
        if extra:
            alt.append(_display(extra[0]))
            seen.add(_choice_key(extra[0]))
    more = sum(len(w) + 1 for w in mapping.values()) > len(main) + len(alt)
    tail = f" (atau {', '.join(alt)}{', …' if more else ''})" if alt else ""
    return ", ".join(main) + tail


def _saluran(x: str) -> tuple[str, str | None]:
    lookup = _choice_lookup(SALURAN)
    if (hit := lookup.get(_choice_key(x))) is not None:
        return hit, None
    # A recognisable channel word inside a longer text (`via WA`, `Twitter/X`): take it, keep text.
    words = f" {normalize_text(x)} "
    found = {key for key, syns in SALURAN.items() for w in (key, *syns) if f" {normalize_text(w)} " in words}
    if len(found) == 1:
        return found.pop(), x.strip()
    return SALURAN_LAINNYA, x.strip()  # DOMAIN §3: anything else, kept as written


def parse_saluran(s: Column) -> tuple[pd.Series, pd.Series]:
    """(canonical channel, catatan); unknown text → `Lainnya` with the text kept; never bad."""
    pairs = per_unique(split_cells(s), _saluran)
    channel = [p[0] if p else None for p in pairs]
    note = [p[1] if p else None for p in pairs]
    return as_series(pd.array(channel, dtype="str"), s), as_series(pd.array(note, dtype="str"), s)
