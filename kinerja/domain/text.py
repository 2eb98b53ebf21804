"""Names as people write them: normalised for matching, and the closest known name for a typo."""

from __future__ import annotations

import difflib
import hashlib
import hmac
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

# DOMAIN §4: "-", "–" and empty text are blank (missing), never an error.
BLANK_TEXT = ("", "-", "–", "—", "--")
# --- yes/no, choices, channels -----------------------------------------------------------------
_PUNCT = re.compile(r"[\W_]+")
_KOTA_KUPANG = re.compile(r"(?<=\S) kota kupang$")  # DOMAIN §4: unit names ignore it


def as_text(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


# --- names -------------------------------------------------------------------------------------
def normalize_text(x: str) -> str:
    """Lower case, punctuation → space, spaces collapsed, trailing `kota kupang` dropped."""
    t = _PUNCT.sub(" ", as_text(x).lower()).strip()
    return _KOTA_KUPANG.sub("", t)


def normalize_key(s: pd.Series) -> pd.Series:
    """`normalize_text` of every cell (once per distinct value); blank cells → <NA>."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    keys = [None if _blank(u) else normalize_text(u) for u in uniques]
    mapped = pd.array([*keys, None], dtype="str")
    return pd.Series(mapped[codes], index=s.index, dtype="str")


def _blank(value: object) -> bool:
    return isinstance(value, str) and value.strip() in BLANK_TEXT


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TRAILING_YEAR = re.compile(r"(?<=\S) (?:19|20)\d\d$")


def normalize_header(text: str) -> str:
    """Header form: brackets and a trailing year dropped (`Target (%)`, `Target 2018` → target)."""
    return _TRAILING_YEAR.sub("", normalize_text(_BRACKETS.sub(" ", as_text(text))))


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


def keyed_hash(secret: bytes, text: str, length: int = 16) -> str:
    """HMAC-SHA256 of the normalised text under the installation's secret, as `length` hex digits.

    UU 27/2022: a phone number, a contact name or a ticket holding one is never stored; its keyed
    hash still recognises the same value in next month's file (same secret, same digest) while
    nobody without the secret can test a guess against it.
    """
    key = " ".join(str(text).split()).casefold()
    return hmac.new(secret, key.encode("utf-8"), hashlib.sha256).hexdigest()[:length]
