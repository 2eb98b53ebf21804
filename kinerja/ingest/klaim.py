"""Since when each status was claimed (issue 11): the file's date for its Status column, or Riwayat Status.

A Status cell claims a stage as of the date of the file it is in — the latest date found in any
date column of the file's complaints (the same rule as the default as-of date, DOMAIN §3.1). A
claim of a stage implies the earlier stages; arsip stands apart. Riwayat Status (written by the
export, `Proses 30/06/2018; Selesai 14/09/2018`) gives a row's claims and their dates instead,
so an export read back claims exactly what was stored.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from kinerja.domain import schema, vocabulary
from kinerja.domain.text import normalize_text

STAGES = vocabulary.STATUS_ORDER[1:]  # belum_ditindaklanjuti, proses, selesai: the dated stages
_ENTRY = re.compile(r"^(?P<status>.+?)\s+(?:sejak\s+)?(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})$")
_WORDS = {normalize_text(w): key for key, words in vocabulary.STATUS.items() for w in (key, *words)}
RIWAYAT_EXPECTED = "status dan tanggal dipisah titik koma, mis. Proses 30/06/2018; Selesai 14/09/2018"


def _date(text: str) -> date:
    if "/" in text:
        return datetime.strptime(text, "%d/%m/%Y").date()
    return date.fromisoformat(text)


def parse_entries(text: str) -> dict[str, date] | None:
    """`Proses 30/06/2018; Selesai 14/09/2018` → {status: date}; None when any entry is unreadable."""
    out: dict[str, date] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        m = _ENTRY.match(part)
        key = _WORDS.get(normalize_text(m.group("status"))) if m else None
        if m is None or key is None or key == "belum_diverifikasi":
            return None
        try:
            day = _date(m.group("date"))
        except ValueError:
            return None
        out[key] = min(day, out.get(key, day))
    return out


def parse_riwayat(s: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Riwayat Status cells → klaim_* dates (a stage implies the earlier ones); bad cells."""
    cols = {
        f: np.full(len(s), np.datetime64("NaT"), dtype="datetime64[D]") for f in schema.KLAIM_FIELDS.values()
    }
    bad = np.zeros(len(s), dtype=bool)
    filled = np.flatnonzero(s.notna().to_numpy())  # the column is usually absent or blank: fast
    for i, text in zip(filled, s.iloc[filled].tolist(), strict=True):
        if not isinstance(text, str) or not text.strip():
            continue
        entries = parse_entries(text)
        if entries is None:
            bad[i] = True
            continue
        for status, day in entries.items():
            implied = ["arsip"] if status == "arsip" else STAGES[: STAGES.index(status) + 1]
            for stage in implied:
                f = schema.KLAIM_FIELDS[stage]
                d = np.datetime64(day, "D")
                cols[f][i] = d if np.isnat(cols[f][i]) else min(cols[f][i], d)
    frame = pd.DataFrame({f: pd.to_datetime(v) for f, v in cols.items()}, index=s.index)
    return frame, pd.Series(bad, index=s.index)


def file_date(comp: pd.DataFrame) -> pd.Timestamp | None:
    """The date of a file's complaint data: its latest date in any date column."""
    days = [comp[c].max() for c in schema.COMPLAINT_DATES if c in comp and comp[c].notna().any()]
    return pd.Timestamp(max(days)).normalize() if days else None


def claim_dates(comp: pd.DataFrame) -> pd.DataFrame:
    """klaim_* of every row: its Riwayat Status where given, else its Status cell at the file's date."""
    out = comp.copy()
    for f in schema.KLAIM_FIELDS.values():
        if f not in out:
            out[f] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
        out[f] = pd.to_datetime(out[f]).astype("datetime64[us]")
    day = file_date(comp)
    if day is None or "status" not in comp:
        return out
    # A row with Riwayat Status has its history given: its Status is not dated by the file.
    given = out[list(schema.KLAIM_FIELDS.values())].notna().any(axis=1)
    status = comp["status"].astype(object).where(~given, None)
    rank = status.map({s: i for i, s in enumerate(STAGES)})
    for i, stage in enumerate(STAGES):
        claims = (rank >= i).fillna(False).to_numpy(dtype=bool)
        _earliest(out, schema.KLAIM_FIELDS[stage], claims, day)
    _earliest(out, schema.KLAIM_FIELDS["arsip"], (status == "arsip").fillna(False).to_numpy(dtype=bool), day)
    return out


def _earliest(out: pd.DataFrame, field: str, rows: np.ndarray, day: pd.Timestamp) -> None:
    current = out[field]
    take = rows & (current.isna() | (current > day)).to_numpy(dtype=bool)
    out.loc[take, field] = day
