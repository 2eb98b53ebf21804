"""Indonesian number and date formatting for screens and the CLI, in one place."""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from kinerja.domain.vocabulary import BULAN, BULAN_SINGKAT

__all__ = [
    "BULAN",
    "BULAN_SINGKAT",
    "STRIP",
    "angka",
    "bilangan",
    "bulan_nama",
    "kosong",
    "persen",
    "ringkas",
    "tanggal",
    "titik",
]

STRIP = "–"  # what screens show for an undefined value


def kosong(x: Any) -> bool:
    """True for None, NaN, NaT and pandas NA."""
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def titik(x: Any, desimal: int = 2) -> str:
    """Fixed decimals with a dot, rounded half away from zero as people do (85.125 → 85.13).

    The shortest repr of the float is rounded, so 85.125 is not taken as 85.12499999….
    """
    q = Decimal(1).scaleb(-desimal)
    text = str(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))
    return text[1:] if text.startswith("-") and Decimal(text) == 0 else text


def angka(x: Any, desimal: int = 2, blank: str = "") -> str:
    """Indonesian number: thousands dot, decimal comma, fixed decimals (`1.234,50`)."""
    if kosong(x):
        return blank
    v = float(x)
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    _, sign, body = titik(v, desimal).rpartition("-")
    whole, _, frac = body.partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{whole},{frac}" if frac else f"{sign}{whole}"


def bilangan(n: Any, blank: str = "") -> str:
    """Whole number with a thousands dot (`1.234`)."""
    if kosong(n):
        return blank
    return angka(round(float(n)), 0)


def persen(x: Any, desimal: int = 1, blank: str = "") -> str:
    """Percentage in Indonesian form (`85,3 %`)."""
    if kosong(x):
        return blank
    return f"{angka(x, desimal)} %"


def ringkas(x: Any, desimal: int = 2, blank: str = "", dot: bool = False) -> str:
    """Number with at most `desimal` decimals, trailing zeros trimmed (`80`, `6,67`).

    `dot=True` keeps a dot decimal without thousands separators (for CSV/JSON).
    """
    if kosong(x):
        return blank
    text = titik(x, desimal)
    text = text.rstrip("0").rstrip(".") if "." in text else text
    text = "0" if text == "-0" else text
    if dot:
        return text
    _, sign, body = text.rpartition("-")
    whole, _, frac = body.partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{whole},{frac}" if frac else f"{sign}{whole}"


def tanggal(d: Any, blank: str = "") -> str:
    """Date as `27 Feb 2018` (Indonesian month abbreviations)."""
    if kosong(d):
        return blank
    if not isinstance(d, date | datetime):
        d = pd.Timestamp(d)
    return f"{d.day} {BULAN_SINGKAT[d.month - 1]} {d.year}"


def bulan_nama(m: Any, blank: str = "") -> str:
    """Month name (`1` → `Januari`)."""
    if kosong(m):
        return blank
    return BULAN[int(m) - 1]
