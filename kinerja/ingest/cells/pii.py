"""Personal data in free text (UU 27/2022): phone numbers, NIKs and e-mail addresses masked."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.ingest.cells.arrow import to_numpy

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
    rows = np.flatnonzero(to_numpy(pc.match_substring_regex(masked, _MANY_DIGITS)))
    for i in rows:  # only texts holding ≥ 9 digits reach the (slower) Python patterns
        text = values[i]
        for kind, pattern, token in PII_MASKS[1:]:
            text, n = pattern.subn(token, text)
            counts[kind] += n
        values[i] = text
    out = s.copy()
    out.iloc[pos] = values
    return out, counts
