"""Capaian, targets to date and realisasi to date (DOMAIN §2.1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.cli.render import render
from kinerja.metrics.capaian import capaian, indicator_results, kategori, tw_mismatch
from kinerja.views.reports import indicators_table
from tests.unit.metrics.pk_frames import UNITS, pk_frame, pk_row, real_frame, result_of


# --- capaian: PermenPANRB 8/2021 worked examples and the edge rules ---------------------------
@pytest.mark.parametrize(
    ("r", "lo", "hi", "polaritas", "expected"),
    [
        (92, 80, 90, "positif", 102.22),  # range, above hi (regulation prints 113 %: misprint)
        (70, 80, 90, "positif", 87.50),  # range, below lo
        (85, 80, 90, "positif", 100.00),  # range, inside
        (6.5, 7, 8, "negatif", 107.14),  # lower-is-better range 7–8 months
        (9, 7, 8, "negatif", 87.50),
        (7.5, 7, 8, "negatif", 100.00),
        (85, 85, 85, "positif", 100.00),
        (93, 95, 95, "positif", 97.89),
        (139.74, 100, 100, "positif", 139.74),  # never capped where shown
        # Polda Jateng LKjIP 2018 (published): target 65 %, realisasi 90,83 % →
        # 90.83 / 65 × 100 = 139.7384… → 139.74, reported as is (not capped at 100 or 120).
        (90.83, 65, 65, "positif", 139.74),
        (90, 80, 90, "positif", 100.00),  # on the upper bound of a range: inside (not 90 / 80)
        (80, 80, 90, "positif", 100.00),  # on the lower bound: inside
        (8, 7, 8, "negatif", 100.00),  # on the upper bound, lower-is-better (not (2 − 8/7) × 100)
        (20, 10, 10, "negatif", 0.00),  # R = 2T exactly: (2 − 2) × 100 = 0
        (5, 10, 10, "negatif", 150.00),
        (25, 10, 10, "negatif", 0.00),  # negatif with R > 2T → 0, not negative
        (-5, 10, 10, "positif", 0.00),  # never below 0
        (0, 0, 0, "positif", 100.00),  # T = 0, positif: 100 if R ≥ 0
        (3, 0, 0, "positif", 100.00),
        (-1, 0, 0, "positif", 0.00),
        (0, 0, 0, "negatif", 100.00),  # T = 0, negatif: 100 only if R = 0
        (2, 0, 0, "negatif", 0.00),
    ],
)
def test_capaian_table(r: float, lo: float, hi: float, polaritas: str, expected: float) -> None:
    assert round(float(capaian(r, lo, hi, polaritas)), 2) == expected


def test_capaian_missing_realisasi_is_blank() -> None:
    assert np.isnan(capaian(np.nan, 10, 10, "positif"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (139.74, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.99, "Tinggi"), (76, "Tinggi"),
        (75.999, "Sedang"), (75.99, "Sedang"), (66, "Sedang"), (65.99, "Rendah"), (65.5, "Rendah"),
        (51, "Rendah"), (50.99, "Sangat Rendah"), (0, "Sangat Rendah"), (np.nan, None),
    ],
)  # fmt: skip
def test_kategori_lower_bounds(value: float, expected: str | None) -> None:
    assert kategori([value]).iloc[0] == expected


# --- target to date -----------------------------------------------------------------------
TW = {"tw1": 30.0, "tw2": 50.0, "tw3": 90.0, "tw4": 120.0}


@pytest.mark.parametrize(
    ("tw", "month", "expected"),
    [
        ({}, 1, 10.0), ({}, 2, 20.0), ({}, 3, 30.0), ({}, 4, 40.0), ({}, 12, 120.0),
        (TW, 1, 10.0), (TW, 2, 20.0), (TW, 3, 30.0), (TW, 4, 30 + 20 / 3), (TW, 6, 50.0),
        (TW, 8, 50 + 40 * 2 / 3), (TW, 12, 120.0),
        ({"tw2": 70.0}, 5, 30 + 40 * 2 / 3),  # missing TW I → annual × 1/4
    ],
)  # fmt: skip
def test_kumulatif_target_interpolates(tw: dict, month: int, expected: float) -> None:
    pk = pk_frame(pk_row("DINKES", "a", 120, akumulasi="kumulatif", **tw))
    assert result_of(pk, real_frame(), month)["target_periode"] == pytest.approx(expected)


@pytest.mark.parametrize(("month", "expected"), [(1, 60.0), (3, 60.0), (4, 70.0), (9, 100.0)])
def test_akhir_target_is_tw_of_the_quarter(month: int, expected: float) -> None:
    pk = pk_frame(pk_row("DINKES", "a", 100, tw1=60.0, tw2=70.0))
    assert result_of(pk, real_frame(), month)["target_periode"] == expected


def test_kumulatif_range_interpolates_both_bounds() -> None:
    pk = pk_frame(pk_row("DINKES", "a", (80, 90), akumulasi="kumulatif"))
    row = result_of(pk, real_frame(("DINKES", "a", 1, 21.0)), 3)
    assert (row["target_periode_min"], row["target_periode_max"]) == (20.0, 22.5)
    assert np.isnan(row["target_periode"]) and row["capaian_periode"] == 100.0
    table = indicators_table(pk, real_frame(), None, UNITS, 2018, 3)
    assert render(table, "csv").splitlines()[1].split(",")[6:8] == ["80-90", "20-22.5"]


# --- realisasi to date --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("akumulasi", "month", "expected"),
    [
        ("kumulatif", 1, 10.0), ("kumulatif", 2, 10.0), ("kumulatif", 4, 15.0),
        ("akhir", 2, 10.0),  # a blank month is not zero: the last value stands
        ("akhir", 4, 5.0), ("akhir", 12, 5.0),
        ("rata_rata", 3, 10.0), ("rata_rata", 4, 7.5),  # gaps: mean of reported months only
    ],
)  # fmt: skip
def test_realisasi_to_date(akumulasi: str, month: int, expected: float) -> None:
    pk = pk_frame(pk_row("DINKES", "a", 100, akumulasi=akumulasi))
    real = real_frame(("DINKES", "a", 1, 10.0), ("DINKES", "a", 3, np.nan), ("DINKES", "a", 4, 5.0))
    row = result_of(pk, real, month)
    assert row["realisasi"] == expected and row["dilaporkan"]


def test_no_reported_month_is_belum_lapor() -> None:
    pk = pk_frame(pk_row("DINKES", "a", 100, akumulasi="kumulatif"))
    row = result_of(pk, real_frame(("DINKES", "a", 5, 0.0)), 4)
    assert np.isnan(row["realisasi"]) and not row["dilaporkan"]
    assert np.isnan(row["capaian_periode"]) and row["kategori"] is None
    assert pd.isna(row["bulan_terakhir"])
    later = result_of(pk, real_frame(("DINKES", "a", 5, 0.0)), 5)  # a reported zero is a value
    assert later["realisasi"] == 0.0 and later["capaian_periode"] == 0.0


def test_capaian_periode_and_tahunan() -> None:
    pk = pk_frame(pk_row("DINKES", "a", 120, akumulasi="kumulatif"))
    row = result_of(pk, real_frame(("DINKES", "a", 1, 12.0), ("DINKES", "a", 2, 12.0)), 3)
    assert row["capaian_periode"] == pytest.approx(80.0)  # 24 / 30
    assert row["capaian_tahunan"] == pytest.approx(20.0)  # 24 / 120
    assert row["kategori"] == "Tinggi" and row["bulan_terakhir"] == 2


def test_rows_units_by_name_then_pk_order() -> None:
    pk = pk_frame(
        pk_row("DISDIK", "x", 1, urutan=1),
        pk_row("DINKES", "b", 1, urutan=2),
        pk_row("DINKES", "a", 1, urutan=1),
    )
    res = indicator_results(pk, real_frame(), 2018, 12, units=UNITS)
    assert list(zip(res["unit"], res["kunci"], strict=True)) == [
        ("DINKES", "a"), ("DINKES", "b"), ("DISDIK", "x")
    ]  # fmt: skip
    assert res["nama"].iloc[0] == "Dinas Kesehatan"


def test_tw_mismatch_warns_for_kumulatif_only() -> None:
    pk = pk_frame(
        pk_row("DINKES", "a", 100, akumulasi="kumulatif", tw4=90.0),
        pk_row("DINKES", "b", 100, akumulasi="kumulatif", tw4=100.0),
        pk_row("DINKES", "c", 100, akumulasi="akhir", tw4=90.0),
    )
    assert tw_mismatch(pk)["kunci"].tolist() == ["a"]


# --- properties ---------------------------------------------------------------------------
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
target = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(finite, finite, target, st.floats(min_value=0, max_value=1e3, allow_nan=False))
def test_capaian_monotone_in_realisasi(r1: float, r2: float, lo: float, width: float) -> None:
    lo_r, hi_r = min(r1, r2), max(r1, r2)
    hi = lo + width
    pos = capaian(np.array([lo_r, hi_r]), lo, hi, "positif")
    # negatif over R ≥ 0: with T = 0 the rule (100 only when R = 0) gives a negative R 0.
    neg = capaian(np.maximum(np.array([lo_r, hi_r]), 0), lo, hi, "negatif")
    assert pos[0] <= pos[1] + 1e-9 and neg[0] >= neg[1] - 1e-9
    assert (pos >= 0).all() and (neg >= 0).all()
