"""Complaint metrics per group, status as of a date, fair ranking (DOMAIN §3)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.cli.render import render
from kinerja.domain.schema import COMPLAINT_DATES, PENGADUAN_FRAME
from kinerja.domain.settings import Settings
from kinerja.metrics.kelompok import COLUMNS, TIDAK_DIISI, complaint_metrics, wilson
from kinerja.metrics.pengaduan import complaint_status_as_of, default_as_of

UNITS = pd.DataFrame(
    {
        "kode": ["DINKES", "KEC-OEBOBO"],
        "nama": ["Dinas Kesehatan", "Kecamatan Oebobo"],
        "jenis": ["Dinas", "Kecamatan"],
        "alias": [None, None],
    }
)
APRIL = date(2018, 4, 27)  # a Friday; no holiday between 2 and 27 April 2018


def frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for c in PENGADUAN_FRAME:
        if c not in out:
            out[c] = None
    for c in COMPLAINT_DATES:
        out[c] = pd.to_datetime(out[c], format="mixed")
    out["unit"] = out["unit"].fillna("DINKES")
    return out[PENGADUAN_FRAME]


def one(rows: pd.DataFrame, as_of: date = APRIL, **kw: object) -> pd.Series:
    return complaint_metrics(rows, 2018, as_of=as_of, units=UNITS, **kw).iloc[0]


# --- status as of a date ------------------------------------------------------------------
LIFE = {
    "tanggal_masuk": "2018-03-01 09:30", "tanggal_verifikasi": "2018-03-02",
    "tanggal_disposisi": "2018-03-05", "tanggal_tanggapan": "2018-03-07",
    "tanggal_selesai": "2018-03-20",
}  # fmt: skip


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2018-02-28", None),  # not received yet
        ("2018-03-01", "belum_diverifikasi"),
        ("2018-03-02", "belum_ditindaklanjuti"),
        ("2018-03-06", "belum_ditindaklanjuti"),
        ("2018-03-07", "proses"),
        ("2018-03-19", "proses"),
        ("2018-03-20", "selesai"),
    ],
)
def test_status_as_of_is_derived_from_the_dates(as_of: str, status: str | None) -> None:
    got = complaint_status_as_of(frame(LIFE), pd.Timestamp(as_of).date())["status"].iloc[0]
    assert (None if pd.isna(got) else got) == status


def test_status_as_of_flags() -> None:
    rows = frame(
        {"tanggal_masuk": "2018-04-02"},  # unanswered, unverified, 19 HK old
        {"tanggal_masuk": "2018-04-25", "status": "arsip"},
        {**LIFE},
    )
    st_ = complaint_status_as_of(rows, APRIL)
    assert st_["status"].tolist() == ["belum_diverifikasi", "arsip", "selesai"]
    assert st_["lewat_verifikasi"].tolist() == [True, False, False]
    assert st_["lewat_respon"].tolist() == [True, False, False]
    assert st_["hk_berjalan"].iloc[0] == 19 and st_["hari_terbuka"].iloc[0] == 25
    assert st_["respon_hk"].iloc[2] == 2  # disposisi 5 Mar → tanggapan 7 Mar
    assert st_["selesai_hari"].iloc[2] == 19


# --- the on-time denominator -----------------------------------------------------------------
ON_TIME_CASE = frame(
    {"no_tiket": "A", "tanggal_masuk": "2018-04-02", "tanggal_tanggapan": "2018-04-04"},
    {"no_tiket": "B", "tanggal_masuk": "2018-04-02", "tanggal_tanggapan": "2018-04-13"},
    {"no_tiket": "C", "tanggal_masuk": "2018-04-02"},  # open, 19 HK: counts against
    {"no_tiket": "D", "tanggal_masuk": "2018-04-23"},  # open, 4 HK: not counted at all
    {"no_tiket": "E", "tanggal_masuk": "2018-04-16", "tanggal_disposisi": "2018-04-23"},
    {"no_tiket": "F", "tanggal_masuk": "2018-04-02 16:00", "tanggal_selesai": "2018-04-05 08:00"},
    {"no_tiket": "G", "tanggal_masuk": "2018-04-02", "tanggal_tanggapan": "2018-05-02"},
    {"no_tiket": "X", "tanggal_masuk": "2018-04-03", "status": "arsip", "ada_bukti": True},
)  # fmt: skip
# G is answered after as_of: not yet happened, so it is open and 19 HK old (against).


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("masuk", 7), ("selesai", 1), ("proses", 2), ("belum", 4), ("arsip", 1),
        ("tindak_lanjut_pct", 300 / 7), ("selesai_pct", 100 / 7),
        ("respon_hk_median", 3.0), ("respon_hk_p90", 7.8),  # [2, 3, 9], linear interpolation
        ("respon_tepat_waktu_pct", 40.0),  # (A, F) ÷ (A, B, F + open past 5 HK: C, G)
        ("selesai_hari_median", 3.0), ("selesai_tepat_waktu_pct", 100.0),
        ("tunggakan", 6), ("lewat_batas", 2), ("bukti_pct", 0.0),
    ],
)  # fmt: skip
def test_group_metrics(column: str, expected: float) -> None:
    assert one(ON_TIME_CASE)[column] == pytest.approx(expected)


def test_open_item_inside_deadline_is_ignored_then_counts_once_past_it() -> None:
    rows = frame({"tanggal_masuk": "2018-04-23"})
    assert np.isnan(one(rows, date(2018, 4, 30))["respon_tepat_waktu_pct"])  # 5 HK: inside
    assert one(rows, date(2018, 5, 2))["respon_tepat_waktu_pct"] == 0.0  # 1 May holiday, 6 HK


def test_sixty_day_rule() -> None:
    rows = frame(
        {"tanggal_masuk": "2018-01-02", "tanggal_tanggapan": "2018-01-03"},
        {"tanggal_masuk": "2018-02-01", "tanggal_selesai": "2018-04-02"},  # 60 days: on time
        {"tanggal_masuk": "2018-02-01", "tanggal_selesai": "2018-04-03"},  # 61 days: late
    )
    got = one(rows)
    assert got["selesai_tepat_waktu_pct"] == pytest.approx(100 / 3)
    assert got["lewat_batas"] == 1 and got["selesai_hari_median"] == 60.5


def test_rate_over_nothing_is_blank() -> None:
    got = one(frame({"tanggal_masuk": "2018-04-26"}))
    blank = ["respon_hk_median", "respon_hk_p90", "respon_tepat_waktu_pct"]
    blank += ["selesai_hari_median", "selesai_tepat_waktu_pct", "respon_tepat_waktu_bawah"]
    for c in blank:
        assert np.isnan(got[c]), c
    only_archived = one(frame({"tanggal_masuk": "2018-04-26", "status": "arsip"}))
    assert (only_archived["masuk"], only_archived["arsip"]) == (0, 1)
    assert np.isnan(only_archived["tindak_lanjut_pct"]) and np.isnan(only_archived["bukti_pct"])
    csv = render(complaint_metrics(frame({"tanggal_masuk": "2018-04-26"}), 2018, as_of=APRIL), "csv")
    assert csv.splitlines()[1].startswith("DINKES,1,0,0,1,0,0.00,0.00,,,,,,1,0,0.00")


def test_claimed_status_keeps_its_stage_but_stays_out_of_rates() -> None:
    rows = frame(
        {"tanggal_masuk": "2018-04-02", "status": "selesai"},
        {"tanggal_masuk": "2018-04-02", "status": "proses"},
        {"tanggal_masuk": "2018-04-02", "status": "belum_ditindaklanjuti"},
        {"tanggal_masuk": "2018-04-02", "tanggal_tanggapan": "2018-04-03", "status": "proses"},
    )
    got = one(rows)
    assert (got["selesai"], got["proses"], got["belum"]) == (1, 2, 1)
    assert got["respon_tepat_waktu_pct"] == 50.0  # answered on time ÷ (it + the belum one)
    assert np.isnan(got["selesai_tepat_waktu_pct"]) and np.isnan(got["selesai_hari_median"])
    assert (got["tunggakan"], got["lewat_batas"]) == (3, 1)


def test_window_year_month_and_as_of() -> None:
    rows = frame(
        {"tanggal_masuk": "2017-12-29"},
        {"tanggal_masuk": "2018-03-05"},
        {"tanggal_masuk": "2018-04-05"},
        {"tanggal_masuk": "2018-04-28"},  # after as_of
    )
    assert one(rows)["masuk"] == 2
    assert one(rows, month=4)["masuk"] == 1
    assert complaint_metrics(rows, 2018, month=5, as_of=APRIL).empty


def test_default_as_of_is_latest_date_capped_by_today() -> None:
    rows = frame({"tanggal_masuk": "2018-04-02", "tanggal_selesai": "2018-05-10 10:00"})
    assert default_as_of(rows, today=date(2018, 6, 1)) == date(2018, 5, 10)
    assert default_as_of(rows, today=date(2018, 5, 1)) == date(2018, 5, 1)
    assert default_as_of(frame({"tanggal_masuk": None}), today=date(2018, 5, 1)) == date(2018, 5, 1)
    got = complaint_metrics(rows, 2018, today=date(2018, 5, 1)).iloc[0]
    assert got["selesai"] == 0  # 10 May has not happened on 1 May


def test_groups_named_and_sorted() -> None:
    rows = frame(
        {"tanggal_masuk": "2018-04-02", "unit": "KEC-OEBOBO", "kelurahan": "oebufu"},
        {"tanggal_masuk": "2018-04-02", "unit": "DINKES", "kelurahan": "Fatululi"},
        {"tanggal_masuk": "2018-04-02", "unit": "NEW", "kelurahan": "  "},
        {"tanggal_masuk": "2018-04-02", "unit": "DINKES", "kelurahan": None},
    )
    by_unit = complaint_metrics(rows, 2018, as_of=APRIL, units=UNITS)
    assert by_unit["kelompok"].tolist() == ["Dinas Kesehatan", "Kecamatan Oebobo", "NEW"]
    assert by_unit["masuk"].tolist() == [2, 1, 1]
    by_kel = complaint_metrics(rows, 2018, as_of=APRIL, by="kelurahan")
    assert by_kel["kelompok"].tolist() == [TIDAK_DIISI, "Fatululi", "oebufu"]
    assert by_kel["masuk"].tolist() == [2, 1, 1]
    assert list(by_kel.columns) == COLUMNS and by_kel["peringkat"].dtype == "Int64"


# --- fair ranking and Wilson intervals -----------------------------------------------------
@pytest.mark.parametrize(
    ("k", "n", "lo", "hi"),
    [
        (8, 10, 49.02, 94.33),  # hand-computed: centre 0.7168, half-width 0.2266
        (0, 5, 0.00, 43.45),
        (5, 5, 56.55, 100.00),
        (0, 0, np.nan, np.nan),
    ],
)
def test_wilson_bounds(k: int, n: int, lo: float, hi: float) -> None:
    got_lo, got_hi = wilson(np.array([k]), np.array([n]))
    np.testing.assert_allclose([got_lo[0], got_hi[0]], [lo, hi], atol=0.005)


def group(name: str, on_time: int, late: int, open_inside: int = 0) -> list[dict]:
    answered = [("2018-04-03", True)] * on_time + [("2018-04-20", False)] * late
    rows = [{"tanggal_masuk": "2018-04-02", "tanggal_tanggapan": t, "kategori": name} for t, _ in answered]
    return rows + [{"tanggal_masuk": "2018-04-26", "kategori": name}] * open_inside


def test_ranking_with_minimum_and_ties() -> None:
    rows = frame(
        *group("A", 5, 0), *group("B", 6, 0), *group("C", 4, 1), *group("D", 4, 0),
        *group("E", 0, 0, open_inside=5), *group("F", 3, 3),
    )  # fmt: skip
    got = complaint_metrics(rows, 2018, by="kategori", as_of=APRIL).set_index("kelompok")
    assert got["peringkat"].to_dict() == {"A": 1, "B": 1, "C": 3, "D": None, "E": None, "F": 4}
    assert got.loc["C", "respon_tepat_waktu_bawah"] == pytest.approx(37.55, abs=0.01)
    assert got.loc["D", "respon_tepat_waktu_pct"] == 100.0  # shown, not ranked
    fewer = complaint_metrics(rows, 2018, by="kategori", as_of=APRIL, settings=Settings(minimal_pengaduan=3))
    assert fewer.set_index("kelompok").loc["D", "peringkat"] == 1


# --- properties -----------------------------------------------------------------------------
def random_complaints(seed: int, n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    masuk = pd.Timestamp("2018-01-01") + pd.to_timedelta(rng.integers(0, 330, n), "D")
    resp = masuk + pd.to_timedelta(rng.integers(0, 20, n), "D")
    done = resp + pd.to_timedelta(rng.integers(0, 90, n), "D")
    out = frame(*({"tanggal_masuk": m} for m in masuk))
    out["tanggal_tanggapan"] = resp.where(rng.random(n) < 0.8)
    out["tanggal_selesai"] = done.where(rng.random(n) < 0.5).where(out["tanggal_tanggapan"].notna())
    out["unit"] = rng.choice(["DINKES", "KEC-OEBOBO", "PUPR"], n)
    out["status"] = pd.Series(rng.choice(["arsip", None, "proses"], n, p=[0.05, 0.9, 0.05]))
    out["ada_bukti"] = pd.array(rng.choice([True, False, None], n), dtype="boolean")
    out["no_tiket"] = [f"T{i}" for i in range(n)]
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["unit", "kategori"]), st.sampled_from([None, 6]))
def test_metrics_independent_of_row_order_and_split(seed: int, by: str, month: int | None) -> None:
    data = random_complaints(seed)
    as_of = date(2018, 11, 30)
    base = complaint_metrics(data, 2018, month, by=by, as_of=as_of, units=UNITS)
    shuffled = data.sample(frac=1, random_state=seed)
    split = pd.concat([shuffled.iloc[100:], shuffled.iloc[:100]], ignore_index=True)
    again = complaint_metrics(split, 2018, month, by=by, as_of=as_of, units=UNITS)
    pd.testing.assert_frame_equal(base, again)
    assert (base["masuk"] >= base["tunggakan"]).all()
    rates = base[["tindak_lanjut_pct", "respon_tepat_waktu_pct", "selesai_tepat_waktu_pct"]]
    assert ((rates.fillna(0) >= 0) & (rates.fillna(0) <= 100)).all().all()
