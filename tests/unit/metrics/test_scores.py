"""Unit scores (nilai), the score cap and the scorecard order (DOMAIN §2.1)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.cli.render import render
from kinerja.domain.settings import Settings
from kinerja.metrics.capaian import indicator_results, score_units
from kinerja.views.reports import indicators_table, scorecard_table
from tests.unit.metrics.pk_frames import UNITS, pk_frame, pk_row, real_frame, scorecard_data


def test_score_units() -> None:
    pk, real = scorecard_data()
    scores = score_units(indicator_results(pk, real, 2018, 12), UNITS, Settings())
    assert scores["unit"].tolist() == ["DINKES", "DISDIK", "KEC-OEBOBO"]  # PDAM: Luar Pemkot
    dinkes = scores.iloc[0]
    assert (dinkes["indikator"], dinkes["dilaporkan"], dinkes["nilai"]) == (2, 1, 120.0)
    assert dinkes["kelengkapan_pct"] == 50.0 and dinkes["kategori"] == "Sangat Tinggi"
    assert np.isnan(scores.iloc[2]["nilai"]) and pd.isna(scores.iloc[2]["kategori"])
    capped = score_units(indicator_results(pk, real, 2018, 12), UNITS, Settings(batas_nilai=110))
    assert capped.iloc[0]["nilai"] == 110.0


def test_scorecard_ties_by_name_and_empty_last() -> None:
    pk = pk_frame(pk_row("DISDIK", "c", 100), pk_row("DINKES", "a", 100), pk_row("X", "z", 1))
    real = real_frame(("DISDIK", "c", 1, 80.0), ("DINKES", "a", 1, 80.0))
    table = scorecard_table(pk, real, None, UNITS, 2018, 12)
    assert table["unit"].tolist() == ["Dinas Kesehatan", "Dinas Pendidikan", "X"]
    assert list(table.columns) == [
        "unit", "jenis", "indikator", "dilaporkan", "kelengkapan_pct", "nilai", "kategori"
    ]  # fmt: skip
    assert render(table, "csv").splitlines()[1] == "Dinas Kesehatan,Dinas,1,1,100.00,80.00,Tinggi"
    assert render(table, "csv").splitlines()[3] == "X,,1,0,0.00,,"
    records = json.loads(render(table, "json"))
    assert records[2]["nilai"] is None and records[0]["indikator"] == 1
    assert "80,00" in render(table, "table")


# --- properties ---------------------------------------------------------------------------
indicator_st = st.tuples(
    st.sampled_from(["DINKES", "DISDIK", "KEC-OEBOBO"]),
    st.sampled_from(["positif", "negatif"]),
    st.sampled_from(["kumulatif", "akhir", "rata_rata"]),
    st.floats(min_value=0, max_value=500, allow_nan=False),
    st.lists(
        st.one_of(st.none(), st.floats(min_value=-50, max_value=1000, allow_nan=False)),
        min_size=12, max_size=12,
    ),
)  # fmt: skip


def build(indicators: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, reals = [], []
    for i, (unit, pol, akum, tgt, months) in enumerate(indicators):
        rows.append(pk_row(unit, f"k{i}", tgt, polaritas=pol, akumulasi=akum, urutan=i))
        reals += [(unit, f"k{i}", m + 1, v) for m, v in enumerate(months) if v is not None]
    return pk_frame(*rows), real_frame(*reals)


@settings(max_examples=40, deadline=None)
@given(st.lists(indicator_st, min_size=1, max_size=8), st.integers(1, 12), st.randoms())
def test_scores_bounded_and_independent_of_row_order(
    indicators: list[tuple], month: int, rnd: object
) -> None:
    pk, real = build(indicators)
    cap = Settings().batas_nilai
    base = score_units(indicator_results(pk, real, 2018, month), UNITS)
    assert ((base["nilai"].dropna() >= 0) & (base["nilai"].dropna() <= cap)).all()
    # shuffled rows, and the realisasi split over two "uploads" and concatenated
    seed = rnd.randint(0, 2**31)  # type: ignore[attr-defined]
    pk2 = pk.sample(frac=1, random_state=seed)
    real_s = real.sample(frac=1, random_state=seed)
    half = len(real_s) // 2
    real2 = pd.concat([real_s.iloc[half:], real_s.iloc[:half]], ignore_index=True)
    again = score_units(indicator_results(pk2, real2, 2018, month), UNITS)
    pd.testing.assert_frame_equal(base, again)
    pd.testing.assert_frame_equal(
        indicator_results(pk, real, 2018, month), indicator_results(pk2, real2, 2018, month)
    )


# --- the score cap (setting batas_nilai) and the kategori of a nilai ------------------------------
def one_indicator(realisasi: float, settings: Settings | None = None) -> tuple[pd.Series, pd.Series]:
    """DINKES with one positif, akhir indicator (target 100) reported in January: capaian = realisasi."""
    pk = pk_frame(pk_row("DINKES", "a", 100))
    res = indicator_results(pk, real_frame(("DINKES", "a", 1, realisasi)), 2018, 1)
    return res.iloc[0], score_units(res, UNITS, settings).iloc[0]


@pytest.mark.parametrize(
    ("realisasi", "batas", "nilai"),
    [
        (120.0, 120.0, 120.0),  # exactly the default cap: kept
        (120.01, 120.0, 120.0),  # just above: min(120.01, 120) = 120
        (119.99, 120.0, 119.99),  # just under: as is
        (139.74, 120.0, 120.0),
        (115.0, 120.0, 115.0),  # under the default cap ...
        (115.0, 110.0, 110.0),  # ... but over a cap of 110 (the setting changes the nilai)
        (110.0, 110.0, 110.0),
        (110.01, 110.0, 110.0),
        (139.74, 150.0, 139.74),
    ],
)
def test_nilai_is_capped_at_batas_nilai_and_capaian_is_not(
    realisasi: float, batas: float, nilai: float
) -> None:
    row, score = one_indicator(realisasi, Settings(batas_nilai=batas))
    assert row["capaian_periode"] == pytest.approx(realisasi)  # shown as is, whatever the cap
    assert score["nilai"] == pytest.approx(nilai)


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [
        (91.0, "Sangat Tinggi"), (90.99, "Tinggi"), (76.0, "Tinggi"), (75.99, "Sedang"),
        (66.0, "Sedang"), (65.99, "Rendah"), (51.0, "Rendah"), (50.99, "Sangat Rendah"),
    ],
)  # fmt: skip
def test_kategori_of_indicator_and_unit_at_the_band_edges(nilai: float, expected: str) -> None:
    # Permendagri 86/2017 cut-offs are lower bounds: 91 is Sangat Tinggi, 90.99 is not.
    row, score = one_indicator(nilai)
    assert (row["kategori"], score["kategori"]) == (expected, expected)


def test_polda_jateng_2018_is_shown_uncapped_and_scored_at_the_cap() -> None:
    # LKjIP Polda Jawa Tengah 2018: target 65 %, realisasi 90,83 % → capaian 90.83 / 65 × 100
    # = 139.7384… (139,74 % as published); the unit's nilai takes min(139.74, 120) = 120.
    pk = pk_frame(pk_row("DINKES", "a", 65))
    real = real_frame(("DINKES", "a", 12, 90.83))
    row = indicator_results(pk, real, 2018, 12).iloc[0]
    assert round(row["capaian_periode"], 2) == 139.74 and round(row["capaian_tahunan"], 2) == 139.74
    assert row["kategori"] == "Sangat Tinggi"
    assert score_units(indicator_results(pk, real, 2018, 12), UNITS).iloc[0]["nilai"] == 120.0
    table = scorecard_table(pk, real, None, UNITS, 2018, 12)
    assert render(table, "csv").splitlines()[1] == "Dinas Kesehatan,Dinas,1,1,100.00,120.00,Sangat Tinggi"
    shown = render(indicators_table(pk, real, None, UNITS, 2018, 12), "csv").splitlines()[1].split(",")
    assert shown[-3:] == ["139.74", "139.74", "Sangat Tinggi"]  # capaian periode, tahunan: not capped
