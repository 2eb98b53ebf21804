"""Kelengkapan laporan: which unit reported which month, on time or late (issue 5).

A unit-month is *reported* when realisasi for it is stored; it was *first reported* when the
earliest still-active upload added a realisasi row of that unit and month (`perubahan` rows of
table realisasi without a before-image; row ids are `unit|tahun|kunci|bulan`). It is *late* when
that day (in WITA) is after the due day of the following month (setting `tanggal_batas_lapor`,
default the 10th).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

import pandas as pd

TEPAT, TERLAMBAT, BELUM, BELUM_WAKTUNYA = "tepat_waktu", "terlambat", "belum_lapor", "belum_waktunya"
LABEL = {
    TEPAT: "✓ tepat waktu",
    TERLAMBAT: "⚠ terlambat",
    BELUM: "✗ belum lapor",
    BELUM_WAKTUNYA: "· belum jatuh tempo",
}
SHORT = {TEPAT: "✓ tepat", TERLAMBAT: "⚠ telat", BELUM: "✗ belum", BELUM_WAKTUNYA: "· nanti"}  # matrix cells
STATUS_COLUMNS = ["unit", "bulan", "status", "pertama", "batas"]


def due_date(tahun: int, bulan: int, batas_hari: int = 10) -> date:
    """Last on-time day for month `bulan`: day `batas_hari` of the following month (clamped)."""
    y, m = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return date(y, m, max(1, min(int(batas_hari), calendar.monthrange(y, m)[1])))


def status_lapor(
    reported: pd.DataFrame,
    units: Iterable[str],
    tahun: int,
    hari_ini: date,
    batas_hari: int = 10,
) -> pd.DataFrame:
    """Every (unit, month 1–12) with its status under the late rule — pure, no I/O.

    `reported` has columns unit, bulan, pertama (first stored, WITA, naive; NaT when unknown,
    counted as on time). Status: tepat_waktu, terlambat, belum_lapor (due date passed, nothing
    stored) or belum_waktunya (not stored, due date not yet passed). `batas` is the due date.
    The Ringkasan's "belum melapor bulan ini" list is the rows of one month whose status is
    belum_lapor or belum_waktunya.
    """
    first: dict[tuple[str, int], pd.Timestamp] = {}
    for u, b, p in zip(reported["unit"].astype(str), reported["bulan"], reported["pertama"], strict=True):
        key = (u, int(b))
        p = pd.Timestamp(p) if pd.notna(p) else pd.NaT
        if key not in first or (pd.notna(p) and (pd.isna(first[key]) or p < first[key])):
            first[key] = p
    rows = []
    for u in units:
        for b in range(1, 13):
            due = due_date(tahun, b, batas_hari)
            if (str(u), b) in first:
                p = first[(str(u), b)]
                status = TERLAMBAT if pd.notna(p) and p.date() > due else TEPAT
            else:
                p = pd.NaT
                status = BELUM if hari_ini > due else BELUM_WAKTUNYA
            rows.append([str(u), b, status, p, pd.Timestamp(due)])
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    frame["bulan"] = frame["bulan"].astype("int64")
    for c in ("pertama", "batas"):
        frame[c] = pd.to_datetime(frame[c]).astype("datetime64[us]")
    return frame


def reporting_units(pk: pd.DataFrame) -> list[str]:
    """Units of a PK frame with at least one indicator whose realisasi is uploaded (not linked)."""
    if pk.empty:
        return []
    source = pk["sumber_data"].astype("str").fillna("")
    own = pk[~source.str.strip().str.lower().str.startswith("pengaduan:")]
    return sorted(set(own["unit"].astype(str)))
