"""Every SLA of DOMAIN §3 on its day and one day later, and each setting changed, on the real HK calendar.

The dates (2018; holidays from `holidays`, categories public + government, as kinerja uses them):
- Tue 27 Mar 2018 → Wed 4 Apr is 5 HK, Thu 5 Apr is 6 HK: 28 Mar (1), 29 Mar (2), Fri 30 Mar is
  Good Friday, 2 Apr (3), 3 Apr (4), 4 Apr (5), 5 Apr (6). Counting weekdays alone would put
  5 HK on 3 Apr, so these rows pin the holiday as well as the ≤.
- Thu 29 Mar 2018 → Wed 4 Apr is 3 HK, Thu 5 Apr is 4 HK (30 Mar Good Friday, then 2, 3, 4 Apr).
- Mon 26 Mar 2018 → Wed 4 Apr is 6 HK (one more than from the 27th): the disposisi clock rows.
- Thu 1 Feb 2018 → Mon 2 Apr is 60 calendar days (28 to 1 Mar, 31 more to 1 Apr, 1 more),
  Tue 3 Apr is 61.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kinerja.domain.schema import COMPLAINT_DATES, PENGADUAN_FRAME
from kinerja.domain.settings import Settings
from kinerja.metrics.kelompok import complaint_metrics
from kinerja.metrics.pengaduan import complaint_state, complaint_status_as_of
from kinerja.metrics.workdays import WorkCalendar

NAN = float("nan")
EASTER = (date(2018, 4, 2),)  # an admin's extra holiday: Monday after Good Friday


def frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for c in PENGADUAN_FRAME:
        if c not in out:
            out[c] = None
    for c in COMPLAINT_DATES:
        out[c] = pd.to_datetime(out[c])
    out["unit"] = "DINKES"
    return out[PENGADUAN_FRAME]


def c(masuk: str, **dates: str) -> dict:
    """One complaint: tanggal_masuk and any of verifikasi/disposisi/tanggapan/selesai."""
    return {"tanggal_masuk": masuk, **{f"tanggal_{k}": v for k, v in dates.items()}}


@pytest.mark.parametrize(
    ("start", "end", "hk"),
    [
        ("2018-03-27", "2018-04-04", 5),
        ("2018-03-27", "2018-04-05", 6),
        ("2018-03-29", "2018-04-04", 3),
        ("2018-03-29", "2018-04-05", 4),
        ("2018-03-26", "2018-04-04", 6),
        ("2018-03-29", "2018-04-02", 1),  # Good Friday 30 Mar does not count
    ],
)
def test_the_chosen_dates_on_the_calendar(start: str, end: str, hk: int) -> None:
    assert WorkCalendar([2018]).hk_between(start, end).tolist() == [hk]


def test_the_chosen_sixty_days() -> None:
    assert (date(2018, 4, 2) - date(2018, 2, 1)).days == 60


ANSWERED_5 = c("2018-03-27", tanggapan="2018-04-04")
ANSWERED_6 = c("2018-03-27", tanggapan="2018-04-05")
DONE_60 = c("2018-02-01", tanggapan="2018-02-02", selesai="2018-04-02")
DONE_61 = c("2018-02-01", tanggapan="2018-02-02", selesai="2018-04-03")
OPEN_FEB = c("2018-02-01", tanggapan="2018-02-02")  # answered next day, never finished
LATER = "2018-04-30"

METRIC_ROWS = [
    # response within sla_respon_hk (5): ≤ is on time
    ("answered on HK 5", ANSWERED_5, LATER, {}, "respon_tepat_waktu_pct", 100.0),
    ("answered on HK 6", ANSWERED_6, LATER, {}, "respon_tepat_waktu_pct", 0.0),
    ("HK 5 is the median", ANSWERED_5, LATER, {}, "respon_hk_median", 5.0),
    ("HK 6 is the median", ANSWERED_6, LATER, {}, "respon_hk_median", 6.0),
    ("HK 6 with sla_respon_hk 6", ANSWERED_6, LATER, {"sla_respon_hk": 6}, "respon_tepat_waktu_pct", 100.0),
    ("HK 5 with sla_respon_hk 4", ANSWERED_5, LATER, {"sla_respon_hk": 4}, "respon_tepat_waktu_pct", 0.0),
    ("2 Apr an extra holiday", ANSWERED_6, LATER, {"libur_tambahan": EASTER}, "respon_tepat_waktu_pct", 100.0),
    # the clock starts at disposisi: 26 Mar masuk, 27 Mar disposisi, 4 Apr is HK 5 (6 from masuk)
    ("clock from disposisi", c("2018-03-26", disposisi="2018-03-27", tanggapan="2018-04-04"), LATER, {},
     "respon_tepat_waktu_pct", 100.0),
    ("clock from masuk", c("2018-03-26", tanggapan="2018-04-04"), LATER, {}, "respon_tepat_waktu_pct", 0.0),
    # an open complaint counts against only once past the deadline
    ("open on HK 5", c("2018-03-27"), "2018-04-04", {}, "respon_tepat_waktu_pct", NAN),
    ("open on HK 5: not overdue", c("2018-03-27"), "2018-04-04", {}, "lewat_batas", 0),
    ("open on HK 6", c("2018-03-27"), "2018-04-05", {}, "respon_tepat_waktu_pct", 0.0),
    ("open on HK 6: overdue", c("2018-03-27"), "2018-04-05", {}, "lewat_batas", 1),
    ("open on HK 6, sla 6", c("2018-03-27"), "2018-04-05", {"sla_respon_hk": 6}, "lewat_batas", 0),
    # finished within sla_selesai_hari (60 calendar days): ≤ is on time
    ("selesai after 60 days", DONE_60, LATER, {}, "selesai_tepat_waktu_pct", 100.0),
    ("selesai after 61 days", DONE_61, LATER, {}, "selesai_tepat_waktu_pct", 0.0),
    ("61 days, sla_selesai_hari 61", DONE_61, LATER, {"sla_selesai_hari": 61}, "selesai_tepat_waktu_pct", 100.0),
    ("60 days, sla_selesai_hari 59", DONE_60, LATER, {"sla_selesai_hari": 59}, "selesai_tepat_waktu_pct", 0.0),
    ("60 days is the median", DONE_60, LATER, {}, "selesai_hari_median", 60.0),
    # open for exactly 60 days is not yet late; 61 is
    ("open 60 days", OPEN_FEB, "2018-04-02", {}, "selesai_tepat_waktu_pct", NAN),
    ("open 60 days: not overdue", OPEN_FEB, "2018-04-02", {}, "lewat_batas", 0),
    ("open 61 days", OPEN_FEB, "2018-04-03", {}, "selesai_tepat_waktu_pct", 0.0),
    ("open 61 days: overdue", OPEN_FEB, "2018-04-03", {}, "lewat_batas", 1),
    ("open 61 days, sla 61", OPEN_FEB, "2018-04-03", {"sla_selesai_hari": 61}, "lewat_batas", 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "row", "as_of", "changed", "column", "expected"), METRIC_ROWS, ids=[r[0] for r in METRIC_ROWS]
)
def test_metric_at_the_deadline(case, row, as_of, changed, column, expected) -> None:
    got = complaint_metrics(frame(row), 2018, as_of=as_of, settings=Settings(**changed)).iloc[0]
    assert got["masuk"] == 1
    assert got[column] == pytest.approx(expected, nan_ok=True)


UNVERIFIED = c("2018-03-29")
OPEN_MARCH = c("2018-03-27")

FLAG_ROWS = [
    # verification within sla_verifikasi_hk (3 HK): the admin's list of unverified complaints
    ("unverified on HK 3", UNVERIFIED, "2018-04-04", {}, "lewat_verifikasi", False),
    ("unverified on HK 4", UNVERIFIED, "2018-04-05", {}, "lewat_verifikasi", True),
    ("HK 4 with sla_verifikasi_hk 4", UNVERIFIED, "2018-04-05", {"sla_verifikasi_hk": 4}, "lewat_verifikasi", False),
    ("HK 3 with sla_verifikasi_hk 2", UNVERIFIED, "2018-04-04", {"sla_verifikasi_hk": 2}, "lewat_verifikasi", True),
    ("verified the same day", c("2018-03-29", verifikasi="2018-03-29"), "2018-04-05", {}, "lewat_verifikasi", False),
    ("disposed the same day", c("2018-03-29", disposisi="2018-03-29"), "2018-04-05", {}, "lewat_verifikasi", False),
    ("HK 4 but 2 Apr a holiday", UNVERIFIED, "2018-04-05", {"libur_tambahan": EASTER}, "lewat_verifikasi", False),
    # unanswered past sla_respon_hk
    ("open on HK 5", OPEN_MARCH, "2018-04-04", {}, "lewat_respon", False),
    ("open on HK 6", OPEN_MARCH, "2018-04-05", {}, "lewat_respon", True),
    ("open on HK 6, sla 6", OPEN_MARCH, "2018-04-05", {"sla_respon_hk": 6}, "lewat_respon", False),
    ("HK so far on 4 Apr", OPEN_MARCH, "2018-04-04", {}, "hk_berjalan", 5.0),
    # not finished after sla_selesai_hari
    ("open 60 days", OPEN_FEB, "2018-04-02", {}, "lewat_60_hari", False),
    ("open 61 days", OPEN_FEB, "2018-04-03", {}, "lewat_60_hari", True),
    ("open 61 days, sla 61", OPEN_FEB, "2018-04-03", {"sla_selesai_hari": 61}, "lewat_60_hari", False),
    ("days open on 3 Apr", OPEN_FEB, "2018-04-03", {}, "hari_terbuka", 61.0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "row", "as_of", "changed", "column", "expected"), FLAG_ROWS, ids=[r[0] for r in FLAG_ROWS]
)
def test_flag_at_the_deadline(case, row, as_of, changed, column, expected) -> None:
    got = complaint_status_as_of(frame(row), pd.Timestamp(as_of).date(), Settings(**changed))
    assert got[column].tolist() == [expected]


def test_the_typed_state_carries_the_same_deadlines() -> None:
    rows = frame(ANSWERED_5, ANSWERED_6, c("2018-03-27"), UNVERIFIED)
    state = complaint_state(rows, np.datetime64("2018-04-05"), Settings())
    assert state.respon_hk[:2].tolist() == [5.0, 6.0]
    assert state.respon_tepat.tolist() == [True, False, False, False]
    assert state.lewat_respon.tolist() == [False, False, True, False]  # 6 HK open; the 29th only 4
    assert state.lewat_verifikasi.tolist() == [False, False, True, True]  # 6 and 4 HK unverified
    assert state.hk_berjalan[2:].tolist() == [6.0, 4.0]


# --- minimal_pengaduan: a group with fewer complaints is shown, not ranked -------------------
def on_time(kategori: str, n: int) -> list[dict]:
    return [{**c("2018-04-02", tanggapan="2018-04-03"), "kategori": kategori}] * n


@pytest.mark.parametrize(
    ("minimal", "ranks"),
    [
        (None, {"Lima": 1, "Empat": None}),  # default 5: exactly 5 is ranked, 4 is not
        (4, {"Lima": 1, "Empat": 1}),  # both 100 %: a shared rank
        (6, {"Lima": None, "Empat": None}),
    ],
)
def test_minimal_pengaduan_boundary(minimal: int | None, ranks: dict) -> None:
    settings = Settings() if minimal is None else Settings(minimal_pengaduan=minimal)
    rows = frame(*on_time("Lima", 5), *on_time("Empat", 4))
    got = complaint_metrics(rows, 2018, by="kategori", as_of=LATER, settings=settings).set_index("kelompok")
    assert got["respon_tepat_waktu_pct"].tolist() == [100.0, 100.0]  # shown either way
    assert {k: (None if pd.isna(v) else int(v)) for k, v in got["peringkat"].items()} == ranks
