"""The one clock: now in UTC (how the store keeps times) and today in WITA (how people count days)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

# DOMAIN §1: Kota Kupang is in WITA (UTC+8, no daylight saving).
WITA = ZoneInfo("Asia/Makassar")
WITA_OFFSET = timedelta(hours=8)


def utcnow() -> datetime:
    """Now in UTC, naive (the store keeps every time this way)."""
    return datetime.now(UTC).replace(tzinfo=None)


def now_wita() -> datetime:
    """Now in Kota Kupang, naive."""
    return datetime.now(WITA).replace(tzinfo=None)


def today_wita() -> date:
    """Today's date in Kota Kupang (DOMAIN §4: "today" for the future-date check)."""
    return now_wita().date()


def to_wita(ts: object) -> pd.Timestamp:
    """A stored UTC time (naive) as WITA, naive; NaT when missing."""
    if ts is None or pd.isna(ts):
        return pd.NaT
    return pd.Timestamp(ts) + WITA_OFFSET


def format_wita(ts: object) -> str:
    """A stored UTC time as `27/02/2018 09:30` in WITA; blank when missing."""
    t = to_wita(ts)
    return "" if pd.isna(t) else t.strftime("%d/%m/%Y %H:%M")
