"""Hari kerja calendar: holidays, cuti bersama, admin dates, HK(a, b] and deadlines."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.metrics.workdays import WorkCalendar, to_days

CAL = WorkCalendar(range(2017, 2021))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2018-03-02", "2018-03-05", 1),  # Friday → Monday is 1 HK
        ("2018-03-02", "2018-03-02", 0),  # same-day answer
        ("2018-03-05", "2018-03-09", 4),  # Mon → Fri
        ("2018-03-02 23:59", "2018-03-05 00:01", 1),  # times of day are dropped
        ("2018-06-08", "2018-06-21", 1),  # Idul Fitri 1439 H + cuti bersama 2018
        ("2018-08-16", "2018-08-20", 1),  # over 17 August (a Friday in 2018)
        ("2018-08-15", "2018-08-17", 1),  # ends on 17 August: it does not count
        ("2018-12-21", "2018-12-27", 2),  # cuti bersama 24 Dec, Christmas 25 Dec
        ("2018-03-05", "2018-03-02", -1),  # reversed order: −HK(b, a)
    ],
)
def test_hk_between(start: str, end: str, expected: int) -> None:
    got = CAL.hk_between(pd.Series([pd.Timestamp(start)]), pd.Series([pd.Timestamp(end)]))
    assert got.tolist() == [expected]


def test_cuti_bersama_counts_as_holiday() -> None:
    days = ["2018-06-11", "2018-06-14", "2018-06-15", "2018-06-20", "2018-06-21"]
    assert CAL.is_workday(np.array(days, dtype="datetime64[D]")).tolist() == [
        False, False, False, False, True
    ]  # fmt: skip


def test_missing_dates_give_nan() -> None:
    start = pd.Series(pd.to_datetime(["2018-03-02", None, "2018-03-02"]))
    end = pd.Series(pd.to_datetime(["2018-03-05", "2018-03-05", None]))
    got = CAL.hk_between(start, end)
    assert got[0] == 1 and np.isnan(got[1]) and np.isnan(got[2])


def test_extra_admin_holidays_change_the_count() -> None:
    plain = WorkCalendar([2018])
    extra = WorkCalendar([2018], extra_holidays=[date(2018, 3, 5)])
    assert plain.hk_between("2018-03-02", "2018-03-06").tolist() == [2]
    assert extra.hk_between("2018-03-02", "2018-03-06").tolist() == [1]


@pytest.mark.parametrize(
    ("start", "n", "deadline"),
    [
        ("2018-06-08", 1, "2018-06-21"),
        ("2018-03-02", 1, "2018-03-05"),
        ("2018-03-03", 1, "2018-03-05"),  # from a Saturday
        ("2018-08-13", 5, "2018-08-21"),  # 17 August inside
        ("2018-03-02", 0, "2018-03-02"),
    ],
)
def test_add_workdays(start: str, n: int, deadline: str) -> None:
    assert CAL.add_workdays(pd.Series([pd.Timestamp(start)]), n)[0] == np.datetime64(deadline)


def test_add_workdays_keeps_missing() -> None:
    assert np.isnat(CAL.add_workdays(pd.Series([pd.NaT], dtype="datetime64[ns]"), 3)[0])


def test_covering_spans_the_years_of_the_data() -> None:
    cal = WorkCalendar.covering(pd.Series(pd.to_datetime(["2018-12-30", "2020-01-02"])))
    assert cal.years == (2018, 2019, 2020)


def test_tz_aware_dates_are_read_in_wita() -> None:
    utc = pd.Series(pd.to_datetime(["2018-03-01 17:00"]).tz_localize("UTC"))
    assert to_days(utc)[0] == np.datetime64("2018-03-02")  # 01:00 WITA next day


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2017, 1, 1), max_value=date(2020, 6, 30)),
    st.integers(min_value=0, max_value=40),
)
def test_deadline_is_n_working_days_later(start: date, n: int) -> None:
    deadline = CAL.add_workdays(np.array([start], dtype="datetime64[D]"), n)
    assert CAL.hk_between(np.array([start], dtype="datetime64[D]"), deadline)[0] == n


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=date(2017, 1, 1), max_value=date(2020, 12, 31)),
    st.dates(min_value=date(2017, 1, 1), max_value=date(2020, 12, 31)),
)
def test_hk_matches_a_day_by_day_count(a: date, b: date) -> None:
    if b < a:
        a, b = b, a
    days = pd.date_range(a, b)[1:]
    expected = int(CAL.is_workday(days.to_numpy()).sum()) if len(days) else 0
    assert CAL.hk_between(a, b)[0] == expected
