"""Dates as files write them: Excel serials, 27/2/2018, 2018-02-27, 27 Februari 2018, with a time (DOMAIN §4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.clock import WITA
from kinerja.domain.vocabulary import MONTH_BY_NAME
from kinerja.ingest.cells.arrow import Cells, Column, as_series, lower_text, split_cells, to_numpy

# Every month wording (vocabulary.MONTH_WORDS) and its month number; 0 for "not a month".
MONTH_NAME_ARRAY = pa.array(list(MONTH_BY_NAME), pa.large_string())
MONTH_NUMBER_ARRAY = np.array([*MONTH_BY_NAME.values(), 0], dtype=np.int64)
_TIME = (
    r"(?:(?:\s*t\s*|\s*,\s*|\s+)(?:(?:pukul|pkl\.?|jam)\s*)?"
    r"(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<ss>\d{2})(?:[.,]\d+)?)?(?:\s*wita)?)?"
)
_WEEKDAY = r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?\s*)?"
_DATE = (
    r"^(?:(?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})"  # 2018-02-27
    r"|(?P<dd>\d{1,2})[-/.](?P<dm>\d{1,2})[-/.](?P<dy>\d{4}|\d{2})"  # 27/2/2018, day first
    r"|" + _WEEKDAY + r"(?P<nd>\d{1,2})[\s.-]*(?P<nm>[a-z]+)\.?[\s.-]*(?P<ny>\d{4}))" + _TIME + r"$"
)
_DATE_ONLY = _DATE.replace(_TIME, "")
_DATE_PARTS = r"^(?:[a-z']+,?\s*)?(?P<a>\d{1,4})[\s/.-]*(?P<b>\d{1,2}|[a-z]+)\.?[\s/.-]*(?P<c>\d{1,4})"
_TIME_PARTS = r"(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<ss>\d{2})(?:[.,]\d+)?)?(?:\s*wita)?$"
_FAST_FORMATS = (
    "%d/%m/%Y", "%d/%m/%Y %H/%M", "%d/%m/%Y %H/%M/%S",
    "%Y/%m/%d", "%Y/%m/%d %H/%M", "%Y/%m/%d %H/%M/%S",
)  # fmt: skip
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "ns")


# --- dates -----------------------------------------------------------------------------------
def digits_value(digits: pa.Array) -> np.ndarray:
    """Digit text → float; empty text → 0 (an absent part), null → NaN."""
    zero, empty = pa.scalar("0", digits.type), pa.scalar("", digits.type)
    joined = pc.binary_join_element_wise(zero, digits, empty)
    return to_numpy(pc.cast(joined, pa.float64())).astype(np.float64)


def group_value(m: pa.Array, name: str) -> np.ndarray:
    return digits_value(pc.struct_field(m, [m.type.get_field_index(name)]))


def _assemble(y: np.ndarray, mo: np.ndarray, d: np.ndarray, hms: np.ndarray) -> np.ndarray:
    """Calendar parts → datetime64[ns]; NaT where the date or time does not exist (31/2)."""
    ok = (y >= 1900) & (y <= 2200) & (mo >= 1) & (mo <= 12) & (d >= 1) & (hms >= 0)
    ok &= hms < 86400
    yi = np.where(ok, y, 1970).astype(np.int64)
    mi = np.where(ok, mo, 1).astype(np.int64)
    di = np.where(ok, d, 1).astype(np.int64)
    month = ((yi - 1970) * 12 + mi - 1).astype("datetime64[M]")
    start = month.astype("datetime64[D]")
    ok &= di <= ((month + 1).astype("datetime64[D]") - start).astype(np.int64)
    out = start.astype("datetime64[ns]") + (di - 1).astype("timedelta64[D]")
    out = out + (np.where(ok, hms, 0) * 1e9).astype(np.int64).astype("timedelta64[ns]")
    return np.where(ok, out, np.datetime64("NaT", "ns"))


_ZONED = r"^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:z|utc|[+-]\d{2}(?::?\d{2})?)$"


def _zoned_dates(low: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """ISO times with a zone (`2024-05-02T09:30:00.000Z`, web exports): the moment, in WITA (issue 12)."""
    zoned = to_numpy(pc.fill_null(pc.match_substring_regex(low, _ZONED), False)).astype(bool)
    out = np.full(len(low), np.datetime64("NaT", "ns"))
    if zoned.any():
        texts = pd.Series(to_numpy(pc.filter(low, pa.array(zoned))), dtype=object).str.replace("utc", "z")
        stamps = pd.to_datetime(texts.str.upper(), utc=True, format="ISO8601", errors="coerce")
        out[zoned] = stamps.dt.tz_convert(WITA).dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    return out, zoned


def _text_dates(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    # Fast path: numeric dates via arrow's strptime (C++), one format per row chosen by its
    # shape (year first? how many parts?); whatever it cannot read goes to the regex path.
    low = lower_text(text)
    zoned_values, zoned = _zoned_dates(low)
    canon = low
    for sep in "-.:":
        canon = pc.replace_substring(canon, sep, "/")
    shape = to_numpy(pc.count_substring(canon, "/")).astype(np.int64) - 2  # 0 date, 1 h:m, 2 h:m:s
    shape += 3 * to_numpy(pc.match_substring_regex(canon, r"^\d{4}/")).astype(np.int64)
    secs = np.zeros(len(low), dtype=np.int64)
    fast = np.zeros(len(low), dtype=bool)
    for i, fmt in enumerate(_FAST_FORMATS):
        rows = np.flatnonzero(shape == i)
        if len(rows):
            found = pc.strptime(pc.take(canon, rows), format=fmt, unit="s", error_is_null=True)
            secs[rows] = to_numpy(pc.fill_null(pc.cast(found, pa.int64()), 0))
            fast[rows] = to_numpy(pc.is_valid(found))
    values = secs.astype("datetime64[s]").astype("datetime64[ns]")
    years = values.astype("datetime64[Y]").astype(np.int64) + 1970
    fast &= (years >= 1900) & (years <= 2200)
    # strptime rolls 31/2 over to 3 March: where the day came out ≤ 3, the month must be the
    # one written (the 2nd part in both d/m/Y and Y/m/d)
    days = (values - values.astype("datetime64[M]")).astype("timedelta64[D]").astype(np.int64)
    check = np.flatnonzero(fast & (days < 3))
    if len(check):
        part = pc.extract_regex(pc.take(canon, check), r"^\d+/(?P<m>\d+)")
        months = values[check].astype("datetime64[M]").astype(np.int64) % 12 + 1
        fast[check] = digits_value(pc.struct_field(part, [0])) == months
    values[~fast] = np.datetime64("NaT", "ns")
    fast |= zoned
    values[zoned] = zoned_values[zoned]
    if not fast.all():
        slow = ~fast
        values[slow] = _slow_dates(pc.filter(low, pa.array(slow)))
    return values, ~np.isnat(values)


def _slow_dates(low: pa.Array) -> np.ndarray:
    # DFA passes check the exact shape; loose 3-group splits then read the parts (RE2
    # capture groups are the slow part, so the full pattern is never used to extract).
    shaped = to_numpy(pc.match_substring_regex(low, _DATE)).astype(bool)
    m = pc.extract_regex(pc.if_else(pa.array(shaped), low, pa.scalar(None, low.type)), _DATE_PARTS)
    a, b, c = (pc.struct_field(m, [i]) for i in range(3))
    nm = MONTH_NUMBER_ARRAY[to_numpy(pc.fill_null(pc.index_in(b, MONTH_NAME_ARRAY), -1)).astype(int)]
    iso = to_numpy(pc.fill_null(pc.equal(pc.utf8_length(a), 4), False)).astype(bool)
    two_digit = to_numpy(pc.fill_null(pc.equal(pc.utf8_length(c), 2), False)).astype(bool) & ~iso
    a, c = digits_value(a), digits_value(c)
    b = np.where(nm > 0, nm, digits_value(pc.if_else(pc.utf8_is_digit(b), b, pa.scalar("", b.type))))
    y, d = np.where(iso, a, c), np.where(iso, c, a)
    y = np.where(two_digit, y + 2000, y)  # `27/02/18`; `05/03/0018` is the year 18, refused
    hms = np.zeros(len(y))
    timed = shaped & ~to_numpy(pc.match_substring_regex(low, _DATE_ONLY)).astype(bool)
    if timed.any():
        tm = pc.extract_regex(pc.filter(low, pa.array(timed)), _TIME_PARTS)
        hh, mi, ss = (digits_value(pc.struct_field(tm, [i])) for i in range(3))
        hms[timed] = np.where((mi < 60) & (ss < 60), hh * 3600 + mi * 60 + ss, -1)
    return _assemble(y, b, d, hms)


def _serial_dates(v: np.ndarray) -> np.ndarray:
    """Excel serial day numbers (1900 system, 43158 → 2018-02-27) to the nearest second."""
    ok = np.isfinite(v) & (v >= 1) & (v < 109575)  # up to 2199-12-31
    secs = np.round(np.where(ok, v, 0) * 86400).astype(np.int64)
    out = _EXCEL_EPOCH + secs.astype("timedelta64[s]").astype("timedelta64[ns]")
    return np.where(ok, out, np.datetime64("NaT", "ns"))


def cell_dates(cells: Cells) -> np.ndarray:
    out = np.full(cells.n, np.datetime64("NaT", "ns"))
    dic = pc.dictionary_encode(cells.text)  # each distinct text once (dates repeat a lot)
    out[cells.text_pos] = _text_dates(dic.dictionary)[0][to_numpy(dic.indices).astype(np.int64)]
    k = cells.kind
    isnum = k == "num"
    out[cells.other_pos[isnum]] = _serial_dates(cells.other[isnum].to_numpy(dtype=np.float64))
    isdt = (k == "datetime") | (k == "date")
    if isdt.any():
        stamps = pd.to_datetime(cells.other[isdt], errors="coerce")
        if getattr(stamps.dt, "tz", None) is not None:  # a moment with a zone: its time in WITA
            stamps = stamps.dt.tz_convert(WITA).dt.tz_localize(None)
        out[cells.other_pos[isdt]] = stamps.to_numpy(dtype="datetime64[ns]")
    return out


def parse_dates(s: Column) -> tuple[pd.Series, pd.Series]:
    """Excel dates/serials or `27/2/2018`, `2018-02-27`, `27 Februari 2018` (+ time) → datetime."""
    cells = split_cells(s)
    out = cell_dates(cells)
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= np.isnat(out)
    return as_series(out, s, "datetime64[ns]"), as_series(bad, s, "bool")
