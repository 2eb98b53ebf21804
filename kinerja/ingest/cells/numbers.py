"""Numbers as Indonesian files write them: 85,5 · 1.250.000 · Rp 1.250.000 · percent cells · ranges (DOMAIN §4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.ingest.cells.arrow import Cells, Column, as_series, lower_text, split_cells, to_numpy

# Patterns run on lower-cased text with RE2 (pyarrow compute): no look-arounds here.
_NUM_NOISE = r"^rp\.?|,-+$|%|[\s\x{00a0}]+"  # "Rp 1.250.000,-", "85,5 %" (DOMAIN §4)
_NUM_COMMA = r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)?,\d+$"  # comma = decimal mark
_NUM_THOUSANDS = r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$"  # dot + 3 digits, not "0." = thousands
_NUM_PLAIN = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"  # any other dot is a decimal point
# PermenPANRB 8/2021 range targets: 80-90, 80 – 90, 80 s.d. 90, 80 s/d 90
_RANGE = r"^(?P<a>.+?)\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai\s+dengan|sampai|hingga)\s*(?P<b>.+)$"


# --- numbers ---------------------------------------------------------------------------------
def text_numbers(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Indonesian number text → (float values, ok) using the dot rule of DOMAIN §4."""
    dic = pc.dictionary_encode(text)
    raw = pc.replace_substring(pc.utf8_lower(dic.dictionary), "−", "-")
    x = pc.replace_substring_regex(raw, _NUM_NOISE, "")
    comma = pc.match_substring_regex(x, _NUM_COMMA)
    grouped = pc.or_(comma, pc.match_substring_regex(x, _NUM_THOUSANDS))
    ok = pc.or_(grouped, pc.match_substring_regex(x, _NUM_PLAIN))
    y = pc.if_else(grouped, pc.replace_substring(x, ".", ""), x)
    y = pc.if_else(ok, pc.replace_substring(y, ",", "."), pa.scalar(None, pa.large_string()))
    values = to_numpy(pc.cast(y, pa.float64())).astype(np.float64)
    idx = to_numpy(dic.indices).astype(np.int64)
    return values[idx], to_numpy(ok).astype(bool)[idx]


def _round_sig(v: np.ndarray, digits: int = 12) -> np.ndarray:
    """Round to `digits` significant digits: 0.855 × 100 is 85.5, not 85.49999999999999."""
    out = v.copy()
    fin = np.isfinite(v) & (v != 0)
    mag = np.floor(np.log10(np.abs(v[fin])))
    scale = 10.0 ** np.clip(digits - 1 - mag, 0, 300)
    out[fin] = np.round(v[fin] * scale) / scale
    return out


def _align(flag: pd.Series | None, s: Column) -> np.ndarray:
    if flag is None:
        return np.zeros(len(s), dtype=bool)
    if not flag.index.equals(s.index):
        flag = flag.reindex(s.index)
    return flag.fillna(False).to_numpy(dtype=bool)


def _numbers(s: Column, percent: pd.Series | None) -> tuple[np.ndarray, np.ndarray, Cells]:
    cells = split_cells(s)
    values = np.full(cells.n, np.nan)
    bad = np.zeros(cells.n, dtype=bool)
    tv, tok = text_numbers(cells.text)
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


def parse_numbers(s: Column, percent: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """Excel numbers or Indonesian number text (`85,5%`, `Rp 1.250.000`) → float64, bad."""
    values, bad, _ = _numbers(s, percent)
    return as_series(values, s, "float64"), as_series(bad, s, "bool")


def format_number(x: float) -> str:
    """Canonical text of a number as it prints: `85`, `85.5`, `1250000`."""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def parse_target(s: Column, percent: pd.Series | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """A target number or range `80-90`/`80 s.d. 90` → target text, target_min, target_max."""
    lo, bad, cells = _numbers(s, percent)
    hi = lo.copy()
    low = lower_text(cells.text)
    m = pc.extract_regex(low, _RANGE)
    is_range = to_numpy(pc.is_valid(m)).astype(bool)
    if is_range.any():
        a, a_ok = text_numbers(pc.filter(pc.struct_field(m, [0]), is_range))
        b, b_ok = text_numbers(pc.filter(pc.struct_field(m, [1]), is_range))
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
    return frame, as_series(bad, s, "bool")
