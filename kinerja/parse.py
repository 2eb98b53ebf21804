"""Vectorised cell parsers for messy Indonesian workbooks: numbers, dates, months, choices (DOMAIN §4)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja import schema

# DOMAIN §4: "-", "–" and empty text are blank (missing), never an error.
BLANK_TEXT = ("", "-", "–", "—", "--")

_MONTH_WORDS = (
    "januari jan january",
    "februari feb peb pebruari february",
    "maret mar march",
    "april apr",
    "mei may",
    "juni jun june",
    "juli jul july",
    "agustus agu agt ags aug august",
    "september sep sept",
    "oktober okt oct october",
    "november nov nop nopember",
    "desember des dec december",
)
MONTH_BY_NAME: dict[str, int] = {w: m for m, words in enumerate(_MONTH_WORDS, start=1) for w in words.split()}
_MONTH_NAMES = pa.array(list(MONTH_BY_NAME), pa.large_string())
_MONTH_NUMBERS = np.array([*MONTH_BY_NAME.values(), 0], dtype=np.int64)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Patterns run on lower-cased text with RE2 (pyarrow compute): no look-arounds here.
_NUM_NOISE = r"^rp\.?|,-+$|%|[\s\x{00a0}]+"  # "Rp 1.250.000,-", "85,5 %" (DOMAIN §4)
_NUM_COMMA = r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)?,\d+$"  # comma = decimal mark
_NUM_THOUSANDS = r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$"  # dot + 3 digits, not "0." = thousands
_NUM_PLAIN = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"  # any other dot is a decimal point
# PermenPANRB 8/2021 range targets: 80-90, 80 – 90, 80 s.d. 90, 80 s/d 90
_RANGE = r"^(?P<a>.+?)\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai\s+dengan|sampai|hingga)\s*(?P<b>.+)$"
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
_QUARTER = r"^(?:tw|triwulan|trw|q|kuartal)\s*[-.]?\s*(?:ke\s*-?\s*)?(?P<q>iv|iii|ii|i|[1-4])$"
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "ns")


@dataclass
class _Cells:
    """A column split into non-blank text (stripped, as arrow) and non-blank other values."""

    n: int
    text_pos: np.ndarray
    text: pa.Array
    other_pos: np.ndarray
    other: pd.Series  # non-string, non-missing values
    kind: np.ndarray  # per `other`: num, bool, datetime, date, time, other


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


def _np(a: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    return a.to_numpy(zero_copy_only=False)


def _split(s: pd.Series) -> _Cells:
    n = len(s)
    none = np.array([], dtype=np.int64)
    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
        pos = np.flatnonzero(s.notna().to_numpy())
        kind = "bool" if pd.api.types.is_bool_dtype(s.dtype) else "num"
        other = s.iloc[pos].reset_index(drop=True)
        empty = pa.array([], pa.large_string())
        return _Cells(n, none, empty, pos, other, np.full(len(pos), kind, dtype=object))
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        pos = np.flatnonzero(s.notna().to_numpy())
        other = s.iloc[pos].reset_index(drop=True)
        empty = pa.array([], pa.large_string())
        return _Cells(n, none, empty, pos, other, np.full(len(pos), "datetime", dtype=object))
    present = s.notna().to_numpy()
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
        is_str = s.map(type).eq(str).to_numpy() & present
        spos = np.flatnonzero(is_str)
        raw = pa.array(s.to_numpy(dtype=object)[spos], pa.large_string())
    text = pc.utf8_trim_whitespace(raw)
    keep = _np(pc.invert(pc.is_in(text, pa.array(BLANK_TEXT, pa.large_string()))))
    opos = np.flatnonzero(present & ~is_str)
    other = s.iloc[opos].reset_index(drop=True).astype(object)
    types = other.map(type)
    kinds = {t: _kind_of(t) for t in types.unique()}
    kind = types.map(kinds).to_numpy(dtype=object)
    return _Cells(n, spos[keep], pc.filter(text, pa.array(keep)), opos, other, kind)


def _lower(text: pa.Array) -> pa.Array:
    # patterns below allow \s+ wherever a space may be; a no-break space counts as a space
    return pc.replace_substring(pc.utf8_lower(text), "\u00a0", " ")


def _series(values: Any, s: pd.Series, dtype: str | None = None) -> pd.Series:
    return pd.Series(values, index=s.index, dtype=dtype)


def is_blank(s: pd.Series) -> pd.Series:
    """True where a cell is missing: None, NaN, empty or whitespace text, or a lone dash."""
    cells = _split(s)
    blank = np.ones(cells.n, dtype=bool)
    blank[cells.text_pos] = False
    blank[cells.other_pos] = False
    return _series(blank, s, "bool")


# --- numbers ---------------------------------------------------------------------------------
def _text_numbers(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Indonesian number text → (float values, ok) using the dot rule of DOMAIN §4."""
    dic = pc.dictionary_encode(text)
    raw = pc.replace_substring(pc.utf8_lower(dic.dictionary), "−", "-")
    x = pc.replace_substring_regex(raw, _NUM_NOISE, "")
    comma = pc.match_substring_regex(x, _NUM_COMMA)
    grouped = pc.or_(comma, pc.match_substring_regex(x, _NUM_THOUSANDS))
    ok = pc.or_(grouped, pc.match_substring_regex(x, _NUM_PLAIN))
    y = pc.if_else(grouped, pc.replace_substring(x, ".", ""), x)
    y = pc.if_else(ok, pc.replace_substring(y, ",", "."), pa.scalar(None, pa.large_string()))
    values = _np(pc.cast(y, pa.float64())).astype(np.float64)
    idx = _np(dic.indices).astype(np.int64)
    return values[idx], _np(ok).astype(bool)[idx]


def _round_sig(v: np.ndarray, digits: int = 12) -> np.ndarray:
    """Round to `digits` significant digits: 0.855 × 100 is 85.5, not 85.49999999999999."""
    out = v.copy()
    fin = np.isfinite(v) & (v != 0)
    mag = np.floor(np.log10(np.abs(v[fin])))
    scale = 10.0 ** np.clip(digits - 1 - mag, 0, 300)
    out[fin] = np.round(v[fin] * scale) / scale
    return out


def _align(flag: pd.Series | None, s: pd.Series) -> np.ndarray:
    if flag is None:
        return np.zeros(len(s), dtype=bool)
    if not flag.index.equals(s.index):
        flag = flag.reindex(s.index)
    return flag.fillna(False).to_numpy(dtype=bool)


def _numbers(s: pd.Series, percent: pd.Series | None) -> tuple[np.ndarray, np.ndarray, _Cells]:
    cells = _split(s)
    values = np.full(cells.n, np.nan)
    bad = np.zeros(cells.n, dtype=bool)
    tv, tok = _text_numbers(cells.text)
    values[cells.text_pos] = tv
    bad[cells.text_pos] = ~tok
    isnum = cells.kind == "num"
    nv = cells.other[isnum].to_numpy(dtype=np.float64)
    pct = _align(percent, s)[cells.other_pos[isnum]]
    # DOMAIN §4: a percentage-formatted cell is read as the percentage shown (× 100).
    nv = np.where(pct, _round_sig(nv * 100), nv)
    values[cells.other_pos[isnum]] = nv
    bad[cells.other_pos[~isnum]] = True
    bad |= np.isinf(values)
    values[bad] = np.nan
    return values, bad, cells


def parse_numbers(s: pd.Series, percent: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """Excel numbers or Indonesian number text (`85,5%`, `Rp 1.250.000`) → float64, bad."""
    values, bad, _ = _numbers(s, percent)
    return _series(values, s, "float64"), _series(bad, s, "bool")


def format_number(x: float) -> str:
    """Canonical text of a number as it prints: `85`, `85.5`, `1250000`."""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def parse_target(s: pd.Series, percent: pd.Series | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """A target number or range `80-90`/`80 s.d. 90` → target text, target_min, target_max."""
    lo, bad, cells = _numbers(s, percent)
    hi = lo.copy()
    low = _lower(cells.text)
    m = pc.extract_regex(low, _RANGE)
    is_range = _np(pc.is_valid(m)).astype(bool)
    if is_range.any():
        a, a_ok = _text_numbers(pc.filter(pc.struct_field(m, [0]), is_range))
        b, b_ok = _text_numbers(pc.filter(pc.struct_field(m, [1]), is_range))
        pos = cells.text_pos[is_range]
        lo[pos], hi[pos] = a, b
        # a bad end of a range (`80-9x`) is bad, whatever the whole text parsed to
        bad[pos] = ~(a_ok & b_ok) | (a > b)
    bad |= (lo < 0) | (hi < 0)  # DOMAIN §4: targets are ≥ 0
    lo[bad], hi[bad] = np.nan, np.nan
    text = np.full(len(lo), None, dtype=object)
    ok = ~np.isnan(lo)
    single = ok & (lo == hi)
    text[single] = [format_number(x) for x in lo[single]]
    pair = ok & ~single
    text[pair] = [f"{format_number(a)}-{format_number(b)}" for a, b in zip(lo[pair], hi[pair], strict=True)]
    frame = pd.DataFrame(
        {"target": pd.array(text, dtype="str"), "target_min": lo, "target_max": hi},
        index=s.index,
    )
    return frame, _series(bad, s, "bool")


# --- dates -----------------------------------------------------------------------------------
def _number(digits: pa.Array) -> np.ndarray:
    """Digit text → float; empty text → 0 (an absent part), null → NaN."""
    zero, empty = pa.scalar("0", digits.type), pa.scalar("", digits.type)
    joined = pc.binary_join_element_wise(zero, digits, empty)
    return _np(pc.cast(joined, pa.float64())).astype(np.float64)


def _field(m: pa.Array, name: str) -> np.ndarray:
    return _number(pc.struct_field(m, [m.type.get_field_index(name)]))


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


def _text_dates(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    # Fast path: numeric dates via arrow's strptime (C++), one format per row chosen by its
    # shape (year first? how many parts?); whatever it cannot read goes to the regex path.
    low = _lower(text)
    canon = low
    for sep in "-.:":
        canon = pc.replace_substring(canon, sep, "/")
    shape = _np(pc.count_substring(canon, "/")).astype(np.int64) - 2  # 0 date, 1 h:m, 2 h:m:s
    shape += 3 * _np(pc.match_substring_regex(canon, r"^\d{4}/")).astype(np.int64)
    secs = np.zeros(len(low), dtype=np.int64)
    fast = np.zeros(len(low), dtype=bool)
    for i, fmt in enumerate(_FAST_FORMATS):
        rows = np.flatnonzero(shape == i)
        if len(rows):
            found = pc.strptime(pc.take(canon, rows), format=fmt, unit="s", error_is_null=True)
            secs[rows] = _np(pc.fill_null(pc.cast(found, pa.int64()), 0))
            fast[rows] = _np(pc.is_valid(found))
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
        fast[check] = _number(pc.struct_field(part, [0])) == months
    values[~fast] = np.datetime64("NaT", "ns")
    if not fast.all():
        slow = ~fast
        values[slow] = _slow_dates(pc.filter(low, pa.array(slow)))
    return values, ~np.isnat(values)


def _slow_dates(low: pa.Array) -> np.ndarray:
    # DFA passes check the exact shape; loose 3-group splits then read the parts (RE2
    # capture groups are the slow part, so the full pattern is never used to extract).
    shaped = _np(pc.match_substring_regex(low, _DATE)).astype(bool)
    m = pc.extract_regex(pc.if_else(pa.array(shaped), low, pa.scalar(None, low.type)), _DATE_PARTS)
    a, b, c = (pc.struct_field(m, [i]) for i in range(3))
    nm = _MONTH_NUMBERS[_np(pc.fill_null(pc.index_in(b, _MONTH_NAMES), -1)).astype(int)]
    iso = _np(pc.fill_null(pc.equal(pc.utf8_length(a), 4), False)).astype(bool)
    a, c = _number(a), _number(c)
    b = np.where(nm > 0, nm, _number(pc.if_else(pc.utf8_is_digit(b), b, pa.scalar("", b.type))))
    y, d = np.where(iso, a, c), np.where(iso, c, a)
    y = np.where(y < 100, y + 2000, y)  # `27/02/18`
    hms = np.zeros(len(y))
    timed = shaped & ~_np(pc.match_substring_regex(low, _DATE_ONLY)).astype(bool)
    if timed.any():
        tm = pc.extract_regex(pc.filter(low, pa.array(timed)), _TIME_PARTS)
        hh, mi, ss = (_number(pc.struct_field(tm, [i])) for i in range(3))
        hms[timed] = np.where((mi < 60) & (ss < 60), hh * 3600 + mi * 60 + ss, -1)
    return _assemble(y, b, d, hms)


def _serial_dates(v: np.ndarray) -> np.ndarray:
    """Excel serial day numbers (1900 system, 43158 → 2018-02-27) to the nearest second."""
    ok = np.isfinite(v) & (v >= 1) & (v < 109575)  # up to 2199-12-31
    secs = np.round(np.where(ok, v, 0) * 86400).astype(np.int64)
    out = _EXCEL_EPOCH + secs.astype("timedelta64[s]").astype("timedelta64[ns]")
    return np.where(ok, out, np.datetime64("NaT", "ns"))


def _dates(cells: _Cells) -> np.ndarray:
    out = np.full(cells.n, np.datetime64("NaT", "ns"))
    dic = pc.dictionary_encode(cells.text)  # each distinct text once (dates repeat a lot)
    out[cells.text_pos] = _text_dates(dic.dictionary)[0][_np(dic.indices).astype(np.int64)]
    k = cells.kind
    isnum = k == "num"
    out[cells.other_pos[isnum]] = _serial_dates(cells.other[isnum].to_numpy(dtype=np.float64))
    isdt = (k == "datetime") | (k == "date")
    if isdt.any():
        stamps = pd.to_datetime(cells.other[isdt], errors="coerce")
        if getattr(stamps.dt, "tz", None) is not None:
            stamps = stamps.dt.tz_localize(None)
        out[cells.other_pos[isdt]] = stamps.to_numpy(dtype="datetime64[ns]")
    return out


def parse_dates(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Excel dates/serials or `27/2/2018`, `2018-02-27`, `27 Februari 2018` (+ time) → datetime."""
    cells = _split(s)
    out = _dates(cells)
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= np.isnat(out)
    return _series(out, s, "datetime64[ns]"), _series(bad, s, "bool")


# --- months, years ---------------------------------------------------------------------------
def parse_months(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Month 1–12 from a number, a month name, a date, or a quarter (`TW II` → 6, DOMAIN §4)."""
    cells = _split(s)
    out = np.full(cells.n, np.nan)
    k = cells.kind
    isnum = k == "num"
    out[cells.other_pos[isnum]] = cells.other[isnum].to_numpy(dtype=np.float64)
    dates = _dates(cells)
    isdt = np.isin(k, ("datetime", "date"))
    out[cells.other_pos[isdt]] = pd.DatetimeIndex(dates[cells.other_pos[isdt]]).month
    low = _lower(cells.text)
    w = pc.replace_substring_regex(low, r"^bulan\s+|[\s,-]+\d{4}$|\.$", "")
    name = _np(pc.fill_null(pc.index_in(w, _MONTH_NAMES), -1)).astype(int)
    tv = np.where(name >= 0, _MONTH_NUMBERS[name], np.nan)
    q = pc.struct_field(pc.extract_regex(w, _QUARTER), [0])
    qi = _np(pc.fill_null(pc.index_in(q, pa.array(list(_ROMAN), pa.large_string())), -1))
    qv = np.where(qi >= 0, np.array([*_ROMAN.values(), 0])[qi] * 3, np.nan)
    tv = np.where(np.isnan(tv), qv, tv)
    my = pc.extract_regex(low, r"^(?:(?P<a>\d{1,2})[/-]\d{4}|\d{4}[/-](?P<b>\d{1,2}))$")
    mm = _field(my, "a") + _field(my, "b")  # `02/2018`, `2018-02`
    mm = np.where(mm > 0, mm, np.nan)
    tv = np.where(np.isnan(tv), mm, tv)
    nums, nok = _text_numbers(cells.text)
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
    return _series(pd.array(out, dtype="Int64"), s), _series(bad, s, "bool")


def parse_year(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Tahun 2000–2100 from a number or text (`2018`, `TA 2018`)."""
    cells = _split(s)
    text = pc.replace_substring_regex(_lower(cells.text), r"^(?:tahun\s+anggaran|tahun|ta)\s*\.?\s*", "")
    values = np.full(cells.n, np.nan)
    tv, _ = _text_numbers(text)
    values[cells.text_pos] = tv
    isnum = cells.kind == "num"
    values[cells.other_pos[isnum]] = cells.other[isnum].to_numpy(dtype=np.float64)
    good = (values >= 2000) & (values <= 2100) & (values == np.floor(values))
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= ~good
    values[~good] = np.nan
    return _series(pd.array(values, dtype="Int64"), s), _series(bad, s, "bool")


def month_of_label(text: str) -> int | None:
    """Month of a header cell that is only a month name (`Januari`, `Agt`, `Nop 2018`)."""
    key = re.sub(r" (?:19|20)\d\d$", "", normalize_text(str(text)))
    return MONTH_BY_NAME.get(key.replace(" ", ""))


_QUARTER_LABEL = re.compile(r"(?:^| )(?:tw|triwulan|trw|q|kuartal) ?(?:ke )?(iv|iii|ii|i|[1-4])(?: |$)")


def quarter_of_label(text: str) -> int | None:
    """Quarter named in a header (`TW II`, `Triwulan 2`, `Target TW III`, `Q1`)."""
    m = _QUARTER_LABEL.search(normalize_text(str(text)))
    return _ROMAN[m.group(1)] if m else None


# --- yes/no, choices, channels -----------------------------------------------------------------
_PUNCT = re.compile(r"[\W_]+")
_KOTA_KUPANG = re.compile(r"(?<=\S) kota kupang$")  # DOMAIN §4: unit names ignore it
_YES = "ya|y|yes|ada|iya|1|1.0|true|benar|sudah|ok|✓|✔|√|☑|v".split("|")
_NO = "tidak|t|n|no|tidak ada|tdk|tdk ada|tak|0|0.0|false|salah|belum|belum ada|✗|✘".split("|")
YES_NO: dict[str, bool] = {**dict.fromkeys(_YES, True), **dict.fromkeys(_NO, False)}


def _as_text(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _per_unique(cells: _Cells, func: Any) -> np.ndarray:
    """Apply a Python function once per distinct cell value (text and other) → object array."""
    out = np.full(cells.n, None, dtype=object)
    dic = pc.dictionary_encode(cells.text)
    uniq = dic.dictionary.to_pylist()
    mapped = np.empty(len(uniq), dtype=object)
    for i, x in enumerate(uniq):  # element-wise: results may be tuples
        mapped[i] = func(x)
    out[cells.text_pos] = mapped[_np(dic.indices).astype(np.int64)]
    other = cells.other.map(_as_text)
    done = {x: func(x) for x in other.unique()}
    for p, x in zip(cells.other_pos, other, strict=True):
        out[p] = done[x]
    return out


def _yes_no(x: str) -> bool | None:
    t = " ".join(x.lower().split()).rstrip(".")
    return YES_NO.get(t, YES_NO.get(normalize_text(t)))


def parse_yes_no(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Ya/Tidak, Ada/Tidak Ada, Y/T, Y/N, Yes/No, 1/0, True/False, ✓ → boolean (DOMAIN §4)."""
    cells = _split(s)
    isbool = cells.kind == "bool"
    cells.other[isbool] = cells.other[isbool].astype(int)
    out = _per_unique(cells, _yes_no)
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= pd.isna(out)
    out[bad] = None
    return _series(pd.array(out, dtype="boolean"), s), _series(bad, s, "bool")


def _choice_key(x: str) -> str:
    return normalize_text(x).replace(" ", "")


def _choice_lookup(mapping: dict[str, list[str]]) -> dict[str, str]:
    return {_choice_key(w): key for key, words in mapping.items() for w in (key, *words)}


def parse_choice(s: pd.Series, mapping: dict[str, list[str]]) -> tuple[pd.Series, pd.Series]:
    """Canonical key of a wording (case/space/punctuation-insensitive); unknown wording is bad."""
    cells = _split(s)
    lookup = _choice_lookup(mapping)
    out = _per_unique(cells, lambda x: lookup.get(_choice_key(x)))
    bad = np.zeros(cells.n, dtype=bool)
    bad[cells.text_pos] = True
    bad[cells.other_pos] = True
    bad &= pd.isna(out)
    return _series(pd.array(out, dtype="str"), s), _series(bad, s, "bool")


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
    lookup = _choice_lookup(schema.SALURAN)
    if (hit := lookup.get(_choice_key(x))) is not None:
        return hit, None
    # A recognisable channel word inside a longer text (`via WA`, `Twitter/X`): take it, keep text.
    words = f" {normalize_text(x)} "
    found = {
        key for key, syns in schema.SALURAN.items() for w in (key, *syns) if f" {normalize_text(w)} " in words
    }
    if len(found) == 1:
        return found.pop(), x.strip()
    return schema.SALURAN_LAINNYA, x.strip()  # DOMAIN §3: anything else, kept as written


def parse_saluran(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(canonical channel, catatan); unknown text → `Lainnya` with the text kept; never bad."""
    pairs = _per_unique(_split(s), _saluran)
    channel = [p[0] if p else None for p in pairs]
    note = [p[1] if p else None for p in pairs]
    return _series(pd.array(channel, dtype="str"), s), _series(pd.array(note, dtype="str"), s)


# --- names -------------------------------------------------------------------------------------
def normalize_text(x: str) -> str:
    """Lower case, punctuation → space, spaces collapsed, trailing `kota kupang` dropped."""
    t = _PUNCT.sub(" ", _as_text(x).lower()).strip()
    return _KOTA_KUPANG.sub("", t)


def normalize_key(s: pd.Series) -> pd.Series:
    """`normalize_text` of every cell (per distinct value); blank cells → <NA>."""
    return _series(pd.array(_per_unique(_split(s), normalize_text), dtype="str"), s)


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TRAILING_YEAR = re.compile(r"(?<=\S) (?:19|20)\d\d$")


def normalize_header(text: str) -> str:
    """Header form: brackets and a trailing year dropped (`Target (%)`, `Target 2018` → target)."""
    return _TRAILING_YEAR.sub("", normalize_text(_BRACKETS.sub(" ", _as_text(text))))


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """Closest known name (as spelled in `choices`) to a misspelt one, or None."""
    forms: dict[str, str] = {}
    for c in choices:
        forms.setdefault(normalize_text(c), c)
    key = normalize_text(name)
    if not key:
        return None
    if key in forms:
        return forms[key]
    best = difflib.get_close_matches(key, list(forms), n=1, cutoff=0.6)
    return forms[best[0]] if best else None


# --- personal data in free text (UU 27/2022) ----------------------------------------------------
# Python `re` (look-arounds); each pattern starts with a literal so the scanner skips fast. The
# look-behinds sit after that first character: "not the middle of a longer number".
_SEP = r"(?:[ .\-]|\s-\s)?"
_END = r"(?![ .\-]?\d)"
_NOT_AMOUNT = r"(?!\d{0,2}(?:\.\d{3})+(?!\d))"  # Rp 628.000.000 is money, not a phone
_NIK = re.compile(rf"[1-9](?<![\d@+][1-9])(?<!\d[ .\-][1-9]){_NOT_AMOUNT}(?:{_SEP}\d){{15}}{_END}")
_PHONE = re.compile(
    rf"(?:\+(?<![\d@+]\+)\s?62\)?(?:{_SEP}\d){{7,13}}"  # +62 …
    rf"|6(?<![\d@+]6)(?<!\d[ .\-]6){_NOT_AMOUNT}2{_SEP}8(?:{_SEP}\d){{6,12}}"  # 62 8…
    rf"|0(?<![\d@+]0)(?<!\d[ .\-]0)(?!\d[-/.]\d{{1,2}}[-/.]\d{{2,4}}(?!\d))"  # not 08-02-2018
    rf"{_SEP}8(?:{_SEP}\d){{7,13}}){_END}"  # 08… (9–15 digits in all)
)
# RE2 (arrow, fast): e-mail addresses, and rows that hold at least 9 digits in a row at all.
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
_MANY_DIGITS = r"\d(?:(?:[ .\-]|\s-\s)?\d){8}"
PII_MASKS = (
    ("email", _EMAIL, "[email disamarkan]"),
    ("nik", _NIK, "[NIK disamarkan]"),
    ("telepon", _PHONE, "[telepon disamarkan]"),
)


def mask_pii(s: pd.Series) -> tuple[pd.Series, dict[str, int]]:
    """Mask phone numbers, 16-digit NIKs and e-mails in free text; counts per kind (idempotent)."""
    counts = {"telepon": 0, "nik": 0, "email": 0}
    if isinstance(s.dtype, pd.StringDtype):
        pos = np.flatnonzero(s.notna().to_numpy())
    else:
        pos = np.flatnonzero(s.map(type).eq(str).to_numpy())
    values = s.iloc[pos].to_numpy(dtype=object, copy=True)
    if len(pos) == 0:
        return s.copy(), counts
    arr = pa.array(values, pa.large_string())
    _, email, email_token = PII_MASKS[0]
    masked = pc.replace_substring_regex(arr, email, email_token)
    before = pc.sum(pc.count_substring(arr, email_token)).as_py() or 0
    counts["email"] = (pc.sum(pc.count_substring(masked, email_token)).as_py() or 0) - before
    values = np.asarray(masked.to_pylist(), dtype=object) if counts["email"] else values
    rows = np.flatnonzero(_np(pc.match_substring_regex(masked, _MANY_DIGITS)))
    for i in rows:  # only texts holding ≥ 9 digits reach the (slower) Python patterns
        text = values[i]
        for kind, pattern, token in PII_MASKS[1:]:
            text, n = pattern.subn(token, text)
            counts[kind] += n
        values[i] = text
    out = s.copy()
    out.iloc[pos] = values
    return out, counts


def __getattr__(name: str) -> Any:
    # Wilayah lives in its own module (it needs normalize_text); re-exported here lazily.
    if name in ("Wilayah", "WilayahResult", "kelurahan_office"):
        from kinerja import wilayah

        return getattr(wilayah, name)
    raise AttributeError(name)
