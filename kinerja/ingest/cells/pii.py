"""Personal data in free-text columns (UU 27/2022): phone numbers, NIKs and e-mail addresses masked.

The patterns are kinerja.domain.privacy's; here a column is filtered first with Arrow (RE2, in
C++): only texts holding an `@`-like sign or at least `MIN_DIGITS` digits of any script reach the
Python patterns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.domain.privacy import KINDS, MAY_HOLD_EMAIL, MIN_DIGITS, holds_personal_data, mask_text
from kinerja.domain.text import keyed_hash
from kinerja.ingest.cells.arrow import to_numpy


def mask_pii(s: pd.Series) -> tuple[pd.Series, dict[str, int]]:
    """Mask phone numbers, 16-digit NIKs and e-mails in free text; counts per kind (idempotent)."""
    counts = dict.fromkeys(KINDS, 0)
    if isinstance(s.dtype, pd.StringDtype):
        pos = np.flatnonzero(s.notna().to_numpy())
    else:
        pos = np.flatnonzero(s.map(type).eq(str).to_numpy())
    if len(pos) == 0:
        return s.copy(), counts
    values = s.iloc[pos].to_numpy(dtype=object, copy=True)
    arr = pa.array(values, pa.large_string())
    digits = to_numpy(pc.count_substring_regex(arr, r"\p{Nd}")) >= MIN_DIGITS
    mail = to_numpy(pc.match_substring_regex(arr, MAY_HOLD_EMAIL)).astype(bool)
    for i in np.flatnonzero(digits | mail):  # few texts reach the (slower) Python patterns
        values[i], found = mask_text(values[i])
        for kind, n in found.items():
            counts[kind] += n
    out = s.copy()
    if any(counts.values()):
        out.iloc[pos] = values
    return out, counts


def masked_notice(what: str, counts: dict[str, int]) -> str | None:
    """`data pribadi dalam Uraian disamarkan: 2 telepon, 1 email` (None when nothing was masked)."""
    parts = [f"{n} {kind}" for kind, n in counts.items() if n]
    return f"data pribadi dalam {what} disamarkan: " + ", ".join(parts) if parts else None


# A necessary condition, in RE2, for privacy's patterns to find something in an ASCII text: an
# e-mail needs `@` or a bracket; `+` and a digit may start a phone number; otherwise a phone
# number or NIK starts (not after a letter, digit, `@`, `+`, nor after a digit and one separator)
# with 0 or 6 and 8 more digits, or with 1–9 and 15 more, each after at most one separator.
_WS = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"
_SEP_DIGIT = rf"(?:[ .\-]|\){_WS}?|{_WS}?\()?\d"
_STARTS = r"(?:^|[^\w@+ .\-]|(?:^|\D)[ .\-])"
MAY_BE_PERSONAL = rf"[@\[({{<]|\+{_WS}?\d|{_STARTS}(?:\(?0(?:{_SEP_DIGIT}){{8}}|6(?:{_SEP_DIGIT}){{8}}|[1-9](?:[ .\-]?\d){{15}})"


def candidates(values: np.ndarray) -> np.ndarray:
    """Positions of the texts that may hold personal data (all others surely do not): Arrow first."""
    texts = np.flatnonzero([isinstance(v, str) and len(v) >= MIN_DIGITS for v in values])
    if len(texts) == 0:
        return texts
    arr = pa.array(values[texts], pa.large_string())
    maybe = to_numpy(pc.match_substring_regex(arr, MAY_BE_PERSONAL)).astype(bool)
    maybe |= ~to_numpy(pc.string_is_ascii(arr)).astype(bool)  # prepared (NFKC …) in Python
    return texts[maybe]


def hash_personal_tickets(tickets: pd.Series, secret: bytes) -> tuple[pd.Series, int]:
    """A No Tiket holding a phone number, NIK or e-mail becomes `H-` + its keyed hash (UU 27/2022).

    The hash is keyed by the installation's secret, so the same ticket in next month's file maps
    to the same stored complaint, while nobody without the secret can test a guessed number.
    """
    values = tickets.to_numpy(dtype=object, copy=True)
    n = 0
    for i in candidates(values):
        v = values[i]
        if holds_personal_data(v):
            values[i] = "H-" + keyed_hash(secret, v).upper()
            n += 1
    return (pd.Series(values, index=tickets.index, dtype=object) if n else tickets), n
