"""Hari kerja (working days): Mon–Fri minus public holidays, cuti bersama and admin dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from kinerja.clock import WITA, today_wita

DAY = np.timedelta64(1, "D")


def to_days(values: Any) -> Any:
    """Dates only (datetime64[D]) from a Series/array/scalar of dates or datetimes; NaT kept.

    A scalar gives a datetime64[D] scalar. Times of day are dropped (DOMAIN §3: HK counts
    dates only); tz-aware values are read in WITA.
    """
    if isinstance(values, pd.Series | pd.Index):
        s = pd.Series(values)
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            s = s.dt.tz_convert(WITA).dt.tz_localize(None)
        elif not pd.api.types.is_datetime64_dtype(s.dtype):
            s = pd.to_datetime(s, format="mixed")
        arr = s.to_numpy()
        return arr.astype("datetime64[D]") if arr.dtype.kind == "M" else to_days(arr)
    if values is None or isinstance(values, str | date | np.datetime64 | pd.Timestamp):
        ts = pd.Timestamp(values) if values is not None else pd.NaT
        if ts is pd.NaT:
            return np.datetime64("NaT", "D")
        if ts.tzinfo is not None:
            ts = ts.tz_convert(WITA).tz_localize(None)
        return np.datetime64(ts.date(), "D")
    arr = np.asarray(values)
    if arr.dtype.kind != "M":
        return to_days(pd.Series(arr.ravel())).reshape(arr.shape)
    return arr.astype("datetime64[D]")


@lru_cache(maxsize=32)
def _holiday_array(years: tuple[int, ...], extra: tuple[date, ...]) -> np.ndarray:
    import holidays  # ~0.1 s to import: only when working days are counted (not for an import)

    # categories public + government: cuti bersama (joint leave) is a non-working day for ASN.
    hol = holidays.country_holidays("ID", years=list(years), categories=("public", "government"))
    days = {np.datetime64(d, "D") for d in hol} | {np.datetime64(d, "D") for d in extra}
    return np.array(sorted(days), dtype="datetime64[D]")


class WorkCalendar:
    """Working days of Pemkot Kupang for the given years (DOMAIN §3)."""

    def __init__(self, years: Iterable[int], extra_holidays: Iterable[date] = ()) -> None:
        self.years = tuple(sorted({int(y) for y in years}))
        self.extra = tuple(sorted({pd.Timestamp(d).date() for d in extra_holidays}))
        self.holidays = _holiday_array(self.years, self.extra)
        self._cal = np.busdaycalendar(weekmask="1111100", holidays=self.holidays)
        # Running count of working days from 1 Jan of the first year: HK becomes two look-ups.
        self._origin = np.datetime64(f"{self.years[0]:04d}-01-01", "D")
        span = np.datetime64(f"{self.years[-1] + 1:04d}-01-02", "D") - self._origin
        days = self._origin + np.arange(span.astype(int) + 1)
        self._cum = np.busday_count(self._origin, days, busdaycal=self._cal)

    @classmethod
    def covering(cls, *dates: Any, extra_holidays: Iterable[date] = ()) -> WorkCalendar:
        """Calendar whose years span every non-missing date given (arrays or scalars)."""
        years: set[int] = set()
        for d in dates:
            arr = np.atleast_1d(to_days(d))
            arr = arr[~np.isnat(arr)]
            if len(arr):
                lo = int(arr.min().astype("datetime64[Y]").astype(int)) + 1970
                hi = int(arr.max().astype("datetime64[Y]").astype(int)) + 1970
                years.update(range(lo, hi + 1))
        if not years:
            years = {today_wita().year}
        return cls(years, extra_holidays)

    def is_workday(self, d: Any) -> np.ndarray:
        """True where the date is a working day."""
        days = np.atleast_1d(to_days(d))
        out = np.zeros(days.shape, dtype=bool)
        ok = ~np.isnat(days)
        out[ok] = np.is_busday(days[ok], busdaycal=self._cal)
        return out

    def hk_between(self, start: Any, end: Any) -> np.ndarray:
        """HK(a, b): working days d with a < d ≤ b (dates only); NaN where either is missing.

        numpy.busday_count counts [a, b), so both ends shift one day: (a, b] = [a+1, b+1).
        Reversed dates (b < a) give −HK(b, a).
        """
        a = np.atleast_1d(to_days(start))
        b = np.atleast_1d(to_days(end))
        a, b = np.broadcast_arrays(a, b)
        ok = ~(np.isnat(a) | np.isnat(b))
        # Day numbers relative to the table origin; [a+1, b+1) is (a, b].
        origin = self._origin.astype("int64")
        ia = a.astype("int64") - origin + 1
        ib = b.astype("int64") - origin + 1
        last = len(self._cum) - 1
        inside = (ia >= 0) & (ia <= last) & (ib >= 0) & (ib <= last)
        count = self._cum[np.clip(ib, 0, last)] - self._cum[np.clip(ia, 0, last)]
        out = np.where(ok, count, np.nan)  # reversed dates give −HK(b, a)
        outside = ok & ~inside
        if outside.any():  # dates outside the calendar's years: count directly
            aa, bb = a[outside], b[outside]
            lo, hi = np.minimum(aa, bb) + DAY, np.maximum(aa, bb) + DAY
            n = np.busday_count(lo, hi, busdaycal=self._cal)
            out[outside] = np.where(bb < aa, -n, n)
        return out

    def add_workdays(self, start: Any, n: int | np.ndarray) -> np.ndarray:
        """Deadline: the n-th working day after start (so HK(start, deadline) = n); NaT kept.

        A start on a holiday rolls back to the previous working day first, which leaves the
        count of working days after it unchanged.
        """
        a = np.atleast_1d(to_days(start))
        ok = ~np.isnat(a)
        out = np.full(a.shape, np.datetime64("NaT"), dtype="datetime64[D]")
        if ok.any():
            nn = np.broadcast_to(np.asarray(n), a.shape)[ok]
            shifted = np.busday_offset(a[ok], nn, roll="backward", busdaycal=self._cal)
            out[ok] = np.where(nn == 0, a[ok], shifted)  # 0 HK: the same day
        return out
