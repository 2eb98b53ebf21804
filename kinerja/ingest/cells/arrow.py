"""Column splitting for the cell parsers: text as Arrow, other values by kind, blanks (DOMAIN §4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.extensions import ExtensionArray

from kinerja.domain.text import BLANK_TEXT, as_text


@dataclass
class Cells:
    """A column split into non-blank text (stripped, as arrow) and non-blank other values."""

    n: int
    text_pos: np.ndarray
    text: pa.Array
    other_pos: np.ndarray
    other: pd.Series  # non-string, non-missing values
    kind: np.ndarray  # per `other`: num, bool, datetime, date, time, other
    index: pd.Index  # of the column it was split from (results are aligned to it)

    def __len__(self) -> int:
        return self.n


def _kind_of(t: type) -> str:
    if issubclass(t, (bool, np.bool_)):
        return "bool"
    if issubclass(t, (int, float, np.integer, np.floating)):
        return "num"
    if issubclass(t, (dt.datetime, np.datetime64)):
        return "datetime"
    if issubclass(t, dt.date):
        return "date"
    return "time" if issubclass(t, dt.time) else "other"


_KINDS: dict[type, str] = {str: "str"}

_TYPE_OF = np.frompyfunc(type, 1, 1)

_KIND_OF_TYPE = np.frompyfunc(_KINDS.__getitem__, 1, 1)


def cell_kinds(values: np.ndarray) -> np.ndarray:
    """Per cell: str, num, bool, datetime, date, time or other (two C-level passes, no Python call)."""
    types = _TYPE_OF(values)
    for t in set(types):
        if t not in _KINDS:
            _KINDS[t] = _kind_of(t)
    return _KIND_OF_TYPE(types)


def to_numpy(a: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    return a.to_numpy(zero_copy_only=False)


Column: TypeAlias = pd.Series | Cells  # what the cell parsers accept: a column, or one already split


def split_cells(s: Column) -> Cells:
    """A column's non-blank cells by kind (a column already split is returned as it is)."""
    if isinstance(s, Cells):
        return s
    n = len(s)
    none = np.array([], dtype=np.int64)
    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
        pos = np.flatnonzero(s.notna().to_numpy())
        name = "bool" if pd.api.types.is_bool_dtype(s.dtype) else "num"
        other = s.iloc[pos].reset_index(drop=True)
        empty = pa.array([], pa.large_string())
        return Cells(n, none, empty, pos, other, np.full(len(pos), name, dtype=object), s.index)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        pos = np.flatnonzero(s.notna().to_numpy())
        other = s.iloc[pos].reset_index(drop=True)
        empty = pa.array([], pa.large_string())
        return Cells(n, none, empty, pos, other, np.full(len(pos), "datetime", dtype=object), s.index)
    present = s.notna().to_numpy()
    types = None
    if isinstance(s.dtype, pd.StringDtype):
        is_str = present
        raw = pa.array(s.array)  # zero-copy for arrow-backed strings
        raw = raw.cast(pa.large_string()) if raw.type != pa.large_string() else raw
        raw = pc.fill_null(raw, "")
        spos = np.arange(n)
    elif pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):  # text and blanks only
        is_str = present
        raw = pa.array(s.to_numpy(dtype=object), pa.large_string(), from_pandas=True)
        raw = pc.fill_null(raw, "")
        spos = np.arange(n)
    else:
        values = s.to_numpy(dtype=object)
        types = cell_kinds(values)
        is_str = (types == "str") & present
        spos = np.flatnonzero(is_str)
        raw = pa.array(values[spos], pa.large_string())
    text = pc.utf8_trim_whitespace(raw)
    keep = to_numpy(pc.invert(pc.is_in(text, pa.array(BLANK_TEXT, pa.large_string()))))
    opos = np.flatnonzero(present & ~is_str)
    other = s.iloc[opos].reset_index(drop=True).astype(object)
    kinds = types[opos] if types is not None else cell_kinds(other.to_numpy(dtype=object))
    return Cells(n, spos[keep], pc.filter(text, pa.array(keep)), opos, other, kinds, s.index)


def lower_text(text: pa.Array) -> pa.Array:
    # patterns below allow \s+ wherever a space may be; a no-break space counts as a space
    return pc.replace_substring(pc.utf8_lower(text), "\u00a0", " ")


def as_series(values: Any, s: Column, dtype: str | None = None) -> pd.Series:
    return pd.Series(values, index=s.index, dtype=dtype)


def is_blank(s: Column) -> pd.Series:
    """True where a cell is missing: None, NaN, empty or whitespace text, or a lone dash."""
    cells = split_cells(s)
    blank = np.ones(cells.n, dtype=bool)
    blank[cells.text_pos] = False
    blank[cells.other_pos] = False
    return as_series(blank, s, "bool")


def per_unique(cells: Cells, func: Any) -> np.ndarray:
    """Apply a Python function once per distinct cell value (text and other) → object array."""
    out = np.full(cells.n, None, dtype=object)
    dic = pc.dictionary_encode(cells.text)
    uniq = dic.dictionary.to_pylist()
    mapped = np.empty(len(uniq), dtype=object)
    for i, x in enumerate(uniq):  # element-wise: results may be tuples
        mapped[i] = func(x)
    out[cells.text_pos] = mapped[to_numpy(dic.indices).astype(np.int64)]
    other = cells.other.map(as_text)
    done = {x: func(x) for x in other.unique()}
    for p, x in zip(cells.other_pos, other, strict=True):
        out[p] = done[x]
    return out


def without_nul(values: ExtensionArray) -> ExtensionArray:
    """NUL characters (also written `_x0000_` in xlsx) removed: PostgreSQL cannot store them (issue 10)."""
    texts = pd.Series(values, copy=False)
    if isinstance(texts.dtype, pd.StringDtype):
        if not texts.str.contains("\x00", regex=False).any():
            return values
        return texts.str.replace("\x00", "", regex=False).array
    if "\x00" not in "".join(
        [v for v in texts.to_numpy(dtype=object) if isinstance(v, str)]
    ):  # one C-level scan
        return values
    return pd.array(texts.map(lambda v: v.replace("\x00", "") if isinstance(v, str) else v), dtype=object)
