"""Capaian, targets to date, unit scores and complaint-linked realisasi (DOMAIN §2)."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import fmt
from kinerja.metrics import (
    capaian,
    combined_realisasi,
    complaint_realisasi,
    indicator_results,
    kategori,
    score_units,
    tw_mismatch,
)
from kinerja.reports_cli import indicators_table, render, scorecard_table
from kinerja.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME
from kinerja.settings import Settings

UNITS = pd.DataFrame(
    {
        "kode": ["DINKES", "DISDIK", "KEC-OEBOBO", "PDAM"],
        "nama": ["Dinas Kesehatan", "Dinas Pendidikan", "Kecamatan Oebobo", "Perumda Air Minum"],
        "jenis": ["Dinas", "Dinas", "Kecamatan", "Luar Pemkot"],
        "alias": [None, None, None, None],
    }
)


def pk_row(unit: str, kunci: str, target: float | tuple[float, float], **kw: object) -> dict:
    lo, hi = target if isinstance(target, tuple) else (target, target)
    row = {c: None for c in PK_FRAME}
    row.update(
        unit=unit, tahun=2018, urutan=kw.pop("urutan", 1), kunci=kunci, kode_indikator=None,
        indikator=f"Indikator {kunci}", sasaran="Sasaran", satuan="%",
        target=f"{lo:g}-{hi:g}" if lo != hi else f"{lo:g}", target_min=float(lo),
        target_max=float(hi), tw1=np.nan, tw2=np.nan, tw3=np.nan, tw4=np.nan,
        polaritas="positif", akumulasi="akhir", sumber_data=None,
    )  # fmt: skip
    row.update(kw)
    return row


def pk_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=PK_FRAME)


def real_frame(*rows: tuple) -> pd.DataFrame:
    """Rows of (unit, kunci, bulan, realisasi)."""
    out = pd.DataFrame(rows, columns=["unit", "kunci", "bulan", "realisasi"])
    out["tahun"] = 2018
    for c in REALISASI_FRAME:
        if c not in out:
            out[c] = None
    return out[REALISASI_FRAME]


def result_of(pk: pd.DataFrame, real: pd.DataFrame, month: int) -> pd.Series:
    return indicator_results(pk, real, 2018, month).iloc[0]


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
        (75.999, "Sedang"), (66, "Sedang"), (65.5, "Rendah"), (51, "Rendah"),
        (50.99, "Sangat Rendah"), (0, "Sangat Rendah"), (np.nan, None),
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


# --- unit scores --------------------------------------------------------------------------
def scorecard_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    pk = pk_frame(
        pk_row("DINKES", "a", 100), pk_row("DINKES", "b", 100, urutan=2),
        pk_row("DISDIK", "c", 100), pk_row("KEC-OEBOBO", "d", 100),
        pk_row("PDAM", "e", 100),
    )  # fmt: skip
    real = real_frame(
        ("DINKES", "a", 1, 150.0),  # 150 % counts as 120 in the score
        ("DISDIK", "c", 2, 90.0),
        ("PDAM", "e", 1, 100.0),
    )
    return pk, real


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


# --- indicators computed from complaints (DOMAIN §2.2) -------------------------------------
def complaint_frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for c in PENGADUAN_FRAME:
        if c not in out:
            out[c] = None
    for c in ("tanggal_masuk", "tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan",
              "tanggal_selesai"):  # fmt: skip
        out[c] = pd.to_datetime(out[c], format="mixed")
    return out[PENGADUAN_FRAME]


def test_complaint_realisasi_last_value_stands() -> None:
    pk = pk_frame(
        pk_row("KEC-OEBOBO", "tl", 90, sumber_data="pengaduan:tindak_lanjut_pct",
               akumulasi="kumulatif"),
        pk_row("KEC-OEBOBO", "manual", 90, urutan=2),
    )  # fmt: skip
    comp = complaint_frame(
        {"no_tiket": "1", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-10",
         "tanggal_tanggapan": "2018-01-12"},
        {"no_tiket": "2", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-20"},
        {"no_tiket": "3", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-03-05",
         "tanggal_tanggapan": "2018-03-06", "tanggal_selesai": "2018-03-20"},
        {"no_tiket": "4", "unit": "DINKES", "tanggal_masuk": "2018-03-05"},
    )  # fmt: skip
    real = complaint_realisasi(pk, comp, 2018, as_of=date(2018, 4, 15))
    assert list(real.columns) == REALISASI_FRAME
    assert real["bulan"].tolist() == [1, 2, 3, 4]  # May … Dec have not happened yet
    assert real["realisasi"].tolist() == pytest.approx([50.0, 50.0, 200 / 3, 200 / 3])
    res = indicator_results(pk, real, 2018, 12).set_index("kunci")
    assert res.loc["tl", "akumulasi"] == "akhir"  # linked indicators are positions
    assert res.loc["tl", "realisasi"] == pytest.approx(200 / 3)
    # a month whose window holds no complaint has no row
    later = complaint_frame({"no_tiket": "9", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-03-05"})
    assert complaint_realisasi(pk, later, 2018, as_of=date(2018, 4, 1))["bulan"].tolist() == [
        3, 4
    ]  # fmt: skip


def test_combined_realisasi_replaces_uploaded_linked_values() -> None:
    pk = pk_frame(
        pk_row("KEC-OEBOBO", "tl", 90, sumber_data="pengaduan:selesai_pct"),
        pk_row("KEC-OEBOBO", "manual", 90, urutan=2),
    )
    uploaded = real_frame(("KEC-OEBOBO", "tl", 1, 99.0), ("KEC-OEBOBO", "manual", 1, 70.0))
    comp = complaint_frame(
        {"no_tiket": "1", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-10",
         "tanggal_selesai": "2018-01-12"},
        {"no_tiket": "2", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-20"},
    )  # fmt: skip
    both = combined_realisasi(pk, uploaded, comp, 2018, as_of=date(2018, 1, 31))
    got = dict(zip(both["kunci"], both["realisasi"], strict=True))
    assert got == {"manual": 70.0, "tl": 50.0}


# --- settings and formatting ----------------------------------------------------------------
def test_settings_round_trip() -> None:
    s = Settings(sla_respon_hk=4, libur_tambahan=(date(2018, 3, 2),))
    d = s.to_dict()
    assert d["libur_tambahan"] == ["2018-03-02"] and json.dumps(d)
    assert Settings.from_dict({**d, "tidak_dikenal": 1}) == s
    assert Settings.from_dict({}) == Settings()


@pytest.mark.parametrize(
    ("func", "value", "expected"),
    [
        (fmt.angka, 1234.5, "1.234,50"), (fmt.angka, 102.2222, "102,22"),
        (fmt.angka, 85.125, "85,13"), (fmt.angka, -0.001, "0,00"),
        (fmt.angka, -1234567.891, "-1.234.567,89"), (fmt.angka, np.nan, ""),
        (fmt.bilangan, 1000000, "1.000.000"), (fmt.persen, 85.25, "85,3 %"),
        (fmt.tanggal, date(2018, 2, 27), "27 Feb 2018"), (fmt.tanggal, "2018-08-17", "17 Agu 2018"),
        (fmt.tanggal, pd.NaT, ""), (fmt.bulan_nama, 1, "Januari"), (fmt.bulan_nama, 12, "Desember"),
        (fmt.ringkas, 80.0, "80"), (fmt.ringkas, 6.6667, "6,67"),
    ],
)  # fmt: skip
def test_fmt(func: object, value: object, expected: str) -> None:
    assert func(value) == expected  # type: ignore[operator]


# --- CLI wiring -----------------------------------------------------------------------------
def test_cli_arguments_and_unit_filter() -> None:
    import argparse

    from kinerja.errors import KinerjaError
    from kinerja.reports_cli import add_arguments

    parser = argparse.ArgumentParser()
    add_arguments(parser.add_subparsers(dest="cmd"))
    args = parser.parse_args(["scorecard", "--year", "2018"])
    assert (args.month, args.format, callable(args.func)) == (12, "table", True)
    args = parser.parse_args(["complaints", "--year", "2018", "--as-of", "2018-04-27"])
    assert (args.month, args.by, args.as_of) == (None, "unit", date(2018, 4, 27))
    with pytest.raises(SystemExit):
        parser.parse_args(["indicators", "--year", "2018", "--month", "13"])
    pk, real = scorecard_data()
    for name in ("dinkes", "Dinas Kesehatan"):
        table = indicators_table(pk, real, None, UNITS, 2018, 12, unit=name)
        assert table["kode"].tolist() == ["a", "b"]
    with pytest.raises(KinerjaError):
        indicators_table(pk, real, None, UNITS, 2018, 12, unit="Dinas Pariwisata")
    text = render(indicators_table(pk, real, None, UNITS, 2018, 12, unit="DINKES"), "table")
    first = text.splitlines()[2].split()
    assert first[-4:] == ["150,00", "150,00", "Sangat", "Tinggi"] and first[0] == "Dinas"
    assert text.splitlines()[3].split()[-5:] == ["100,00", "–", "–", "–", "–"]
