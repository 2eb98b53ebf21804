"""Units of measure (Satuan) as compared and as a fraction's scale: `%` = persen, `per 1.000 KH` = × 1.000."""

from __future__ import annotations

import re

from kinerja.domain.text import normalize_text
from kinerja.domain.vocabulary import PERSEN_WORDS

_PER = re.compile(r"(?:^|\s)(?:per|/)\s*(\d{1,3}(?:\.\d{3})+|\d+)(?!\d)")


def unit_key(text: object) -> str | None:
    """A unit as compared: lower case, punctuation-insensitive; every percentage word is `%`."""
    if not isinstance(text, str) or not text.strip():
        return None
    raw = text.strip().lower()
    if "%" in raw or set(normalize_text(raw).split()) & set(PERSEN_WORDS):
        return "%"
    return normalize_text(raw).replace(" ", "")


def fraction_scale(satuan: object) -> float:
    """Pembilang ÷ Penyebut × this is the realisasi: `per 1.000 KH` → 1.000, `‰` → 1.000, else 100 (persen)."""
    if isinstance(satuan, str):
        m = _PER.search(satuan.lower().replace("/", " / "))
        if m:
            return float(m.group(1).replace(".", ""))
        if "‰" in satuan or "permil" in satuan.lower():
            return 1000.0
    return 100.0
