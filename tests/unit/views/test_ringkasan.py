"""City summary and page view models (kinerja.views: ringkasan, tiles, unit, pengaduan, charts): pure, table-driven.

The data is the hand-made year of tests/unit/sample_year.py (fixtures `frames` and `data` in
tests/unit/conftest.py); every expected value is worked out from its rows in a comment.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME
from kinerja.domain.settings import Settings
from kinerja.domain.vocabulary import BATAS_RESPON, BATAS_TINGGI
from kinerja.exports import downloads
from kinerja.metrics.capaian import indicator_results, score_units
from kinerja.views import charts, ringkasan, tiles, unit
from kinerja.views import pengaduan as pelayanan
from kinerja.views.year import build_year
from tests.unit.sample_year import table

NAN = float("nan")


# --- projection: the run-rate rules --------------------------------------------------------------
@pytest.mark.parametrize(
    ("values", "akumulasi", "month", "expected"),
    [
        ([10, 10, 10], "kumulatif", 3, 120.0),  # 30 in 3 months → 120 in 12
        ([10, 10, NAN], "kumulatif", 3, 120.0),  # the run-rate counts months up to the last report
        ([10, NAN, 20], "kumulatif", 3, 120.0),  # a gap adds nothing but the months still pass
        ([50, 60, 70], "akhir", 3, 160.0),  # +10 a month for 9 more months
        ([70, 60], "akhir", 2, -40.0),  # falling position keeps falling (60 − 10 × 10)
        ([55], "akhir", 1, 55.0),  # one point: stays
        ([NAN, 40, NAN, 50], "akhir", 4, 90.0),  # slope over reported months only: +5/month
        ([80, 90, 85], "rata_rata", 3, 85.0),
        ([NAN, NAN], "kumulatif", 2, NAN),  # nothing reported: no projection
        ([10, 10, 10, 99], "kumulatif", 3, 120.0),  # months after m are ignored
    ],
)
def test_projection(values, akumulasi, month, expected):
    got = unit.projection(np.array(values + [NAN] * (12 - len(values)), dtype="float64"), akumulasi, month)
    assert got == pytest.approx(expected, nan_ok=True)


# --- backlog aging buckets -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([0, 3], [2, 0, 0, 0, 0]),
        ([4, 5], [0, 2, 0, 0, 0]),
        ([6, 14], [0, 0, 2, 0, 0]),
        ([15, 60], [0, 0, 0, 2, 0]),
        ([61, 400], [0, 0, 0, 0, 2]),
        ([], [0, 0, 0, 0, 0]),
    ],
)
def test_aging_buckets(days, expected):
    rows = pd.DataFrame({"tunggakan": [True] * len(days) + [False], "hari_terbuka": [*days, 1.0]})
    got = pelayanan.aging(rows)
    assert got["umur"].tolist() == ["0–3 hari", "4–5 hari", "6–14 hari", "15–60 hari", "> 60 hari"]
    assert got["jumlah"].tolist() == expected


# --- deltas and tiles ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("now", "before", "kind", "expected"),
    [
        (95.27, 94.32, "num", "+1,0"),
        (94.32, 95.27, "num", "-1,0"),
        (65.5, 63.8, "pct", "+1,7 poin"),
        (1187, 187, "count", "+1.000"),
        (5, 5, "count", "+0"),
        (NAN, 5, "count", None),
        (5, None, "num", None),
    ],
)
def test_delta_text(now, before, kind, expected):
    assert tiles.delta_text(now, before, kind) == expected


def test_results_by_month_equal_indicator_results(frames, data):
    for m in range(1, 13):
        ref = indicator_results(frames["pk"], data.realisasi, 2018, m, Settings(), units=frames["units"])
        got = data.results[data.results["bulan"] == m].drop(columns="bulan").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, ref)
        scores = data.scores[data.scores["bulan"] == m].drop(columns="bulan").reset_index(drop=True)
        pd.testing.assert_frame_equal(
            scores, score_units(ref, frames["units"], Settings()), check_dtype=False
        )


def test_scorecard_rank_change_and_series(data):
    # Unit A: Jan A-1 10 vs 10 → 100, A-2 62 vs 80 → 77.5: nilai 88.75; Feb A-1 20 vs 20 → 100,
    # A-2 64 → 80: 90; Mar A-1 30 vs 30 → 100, A-2 still 64 (nothing in March) → 80: 90.
    # Unit B: Jan, Feb B-2 mean 85 inside 80–90 → 100 (B-1 not reported): 100; Mar B-1 negatif
    # 25 vs 10 → (2 − 2.5) × 100 floored at 0, B-2 100: nilai 50.
    sc = ringkasan.scorecard(data, 3)
    assert sc["nama"].tolist() == ["Dinas Alfa", "Badan Beta"]
    assert sc["peringkat"].tolist() == [1, 2]
    assert sc["nilai"].tolist() == pytest.approx([90.0, 50.0])
    assert sc["tren"].tolist() == [[88.75, 90.0, 90.0], [100.0, 100.0, 50.0]]
    assert sc["perubahan"].tolist() == pytest.approx([0.0, -50.0])  # March − February
    feb = ringkasan.scorecard(data, 2)  # B (100) ahead of A (90) in February
    assert feb["nama"].tolist() == ["Badan Beta", "Dinas Alfa"]
    assert feb["perubahan"].tolist() == pytest.approx([0.0, 1.25])  # A: 90 − 88.75


def test_tiles_compare_with_previous_month(data):
    first = tiles.kinerja_tiles(data, 1)
    assert all(t.delta is None for t in first)
    cards = tiles.kinerja_tiles(data, 3)
    assert [t.label for t in cards][:2] == ["Unit melapor bulan ini", "Rata-rata nilai unit"]
    assert cards[0].value == "2 dari 2"  # A and B (B-1, B-2) uploaded March
    assert cards[0].delta_description == "dibanding Feb"
    # mean nilai: Jan (88.75 + 100) / 2, Feb (90 + 100) / 2, Mar (90 + 50) / 2
    assert cards[1].series == pytest.approx([94.375, 95.0, 70.0])
    assert (cards[1].value, cards[1].delta) == ("70,0", "-25,0")
    comp = tiles.complaint_tiles(data, 3)
    assert comp[0].label == "Pengaduan masuk bulan ini"
    assert comp[0].value == "1"  # T4 (T5 is archived)
    assert comp[0].series == [2.0, 1.0, 1.0]


def test_city_complaints_as_of_end_of_each_month(data):
    city = ringkasan.city_complaints(data, 3)
    assert city.loc[1, "masuk"] == 2 and city.loc[3, "masuk"] == 4
    # End of January: T1 answered within 1 HK; T2 open 12 HK (> 5) counts against → 50 %.
    assert city.loc[1, "respon_tepat_waktu_pct"] == pytest.approx(50.0)
    assert city.loc[3, "arsip"] == 1


def test_quadrant_lines_are_the_tinggi_band_and_four_in_five() -> None:
    assert (BATAS_TINGGI, BATAS_RESPON) == (76, 80.0)


@pytest.mark.parametrize(
    ("nilai", "respon", "expected"),
    [
        (95, 90, "PK tercapai, aduan dilayani"),
        (95, 20, "PK tercapai, aduan terabaikan"),
        (60, 90, "PK tertinggal, aduan dilayani"),
        (60, 20, "PK tertinggal, aduan terabaikan"),
        (76, 80, "PK tercapai, aduan dilayani"),  # both lines are lower bounds
        (75.99, 80, "PK tertinggal, aduan dilayani"),  # just left of the vertical line
        (76, 79.99, "PK tercapai, aduan terabaikan"),  # just under the horizontal line
        (75.99, 79.99, "PK tertinggal, aduan terabaikan"),
        (139.74, 100, "PK tercapai, aduan dilayani"),
        (0, 0, "PK tertinggal, aduan terabaikan"),
    ],
)
def test_kuadran_table(nilai, respon, expected):
    assert ringkasan.kuadran(np.array([nilai]), np.array([respon])).tolist() == [expected]


def test_quadrant_places_each_unit(data):
    # March, as of 10 March: A nilai 90 (≥ 76); T1 answered in 1 HK, T2 answered 15 Feb = 23 HK
    # after 15 Jan (> 5): respon 1 of 2 = 50 %. B nilai 50; T4 answered in 1 HK, T3 open since
    # 5 Feb (> 5 HK by 10 Mar): 50 %. A is labelled by its alias, B (no alias) by its name.
    q = ringkasan.quadrant(data, 3).set_index("unit")
    assert q.loc[["A", "B"], "nilai"].tolist() == pytest.approx([90.0, 50.0])
    assert q.loc[["A", "B"], "respon_tepat_waktu_pct"].tolist() == pytest.approx([50.0, 50.0])
    assert q.loc[["A", "B"], "kuadran"].tolist() == [
        "PK tercapai, aduan terabaikan", "PK tertinggal, aduan terabaikan"
    ]  # fmt: skip
    assert q.loc[["A", "B"], "label"].tolist() == ["Alfa", "Badan Beta"]


def test_perlu_perhatian(data):
    pp = ringkasan.perlu_perhatian(data, 3)
    # B-1 negatif: 25 against 10 → (2 - 2.5) × 100 → 0: Sangat Rendah.
    assert pp["indikator"]["indikator"].tolist() == ["Indikator B-1"]
    assert pp["indikator"]["kategori"].tolist() == ["Sangat Rendah"]
    # As of 10 Mar (the latest date in the data): T3 unanswered > 5 HK; T2 answered, 54 days old.
    assert pp["pengaduan"]["nama"].tolist() == ["Badan Beta"]
    lapor = ringkasan.belum_lapor(data, 5)
    assert lapor.to_dict("records") == [
        {"nama": "Badan Beta", "indikator": 2, "terakhir": "Maret"},
    ]  # A reported A-1 in May


def test_unit_indicators_projection_flags(data):
    ind = unit.unit_indicators(data, "A", 6)
    a1 = ind.set_index("kunci").loc["A-1"]
    assert a1["proyeksi"] == pytest.approx(120.0)  # 60 in 6 months
    assert a1["status_proyeksi"] == "✓ tercapai"
    a2 = ind.set_index("kunci").loc["A-2"]
    # akhir: 68 (Apr) plus the mean change (68 − 62) / (4 − 1) = 2 a month for 8 months = 84;
    # capaian 84 / 80 = 105 %, so it is not projected to miss.
    assert a2["proyeksi"] == pytest.approx(84.0)
    assert not a2["meleset"] and a2["status_proyeksi"] == "✓ tercapai"
    assert int(ind["meleset"].sum()) == 0
    pk = unit.pk_table(ind, 6)
    assert pk.columns[:3].tolist() == ["Indikator", "Satuan", "Target"]
    assert pk.loc[0, "TW I"] == "30" and pk.loc[0, "Target s.d. Jun"] == "60"
    monthly = unit.pk_table(ind, 6, monthly=True)
    assert monthly.loc[1, "Mar"] == "–" and monthly.loc[1, "Apr"] == "68"


def test_indicator_trend_lines(data):
    t = unit.indicator_trend(data, "A", "A-1", 6)
    assert t["realisasi"].tolist()[:6] == [10, 20, 30, 40, 50, 60]
    assert t["realisasi"].iloc[6:].isna().all()
    assert t["target_min"].tolist()[:3] == pytest.approx([10, 20, 30])
    assert t["proyeksi"].iloc[5] == pytest.approx(60) and t["proyeksi"].iloc[11] == pytest.approx(120)
    assert t["bulan_label"].tolist()[4] == "Mei"


# --- complaint explorer --------------------------------------------------------------------------
def test_filters_and_views(data):
    rows = pelayanan.complaint_rows(data, 3)
    assert len(rows) == 5
    opts = pelayanan.filter_options(rows)
    assert opts["kecamatan"] == ["Alak", "Oebobo"]
    assert opts["status"][-1] == "Arsip"
    assert len(pelayanan.apply_filters(rows, {"kecamatan": [], "saluran": []})) == 5  # empty = all
    alak = pelayanan.apply_filters(rows, {"kecamatan": ["Alak"]})
    assert set(alak["no_tiket"]) == {"T1", "T2", "T3", "T5"}
    f = pelayanan.funnel(rows)
    assert f["jumlah"].tolist() == [4, 4, 3, 2]  # masuk ≥ verified ≥ answered ≥ done
    assert pelayanan.volume_by_channel(rows, 3).loc["Mar"].sum() == 1
    over = pelayanan.overdue_list(rows)
    assert "Nama Pelapor" not in over.columns and set(over["No Tiket"]) == {"T3"}
    rank = pelayanan.ranking(data, rows, 3, "unit")
    assert rank["kelompok"].tolist() == ["Badan Beta", "Dinas Alfa"]
    only_march = pelayanan.complaint_rows(data, 3, only_month=True)
    assert set(only_march["no_tiket"]) == {"T4", "T5"}


def test_kecamatan_summary_links_camat(data):
    k = pelayanan.kecamatan_summary(data, 3)
    assert k["kecamatan"].tolist() == ["Alak"]
    assert k.loc[0, "masuk"] == 3


def test_empty_year_is_empty_and_safe():
    empty = {
        "units": table(UNIT_FRAME, []), "pk": table(PK_FRAME, []),
        "realisasi": table(REALISASI_FRAME, []), "pengaduan": table(PENGADUAN_FRAME, []),
    }  # fmt: skip
    d = build_year(empty, 2018)
    assert d.empty
    assert ringkasan.scorecard(d, 6).empty
    assert ringkasan.nilai_matrix(d, 6).empty
    assert unit.unit_options(d) == []


# --- charts --------------------------------------------------------------------------------------
def test_charts_are_indonesian_figures(data):
    figs = [
        charts.heatmap(ringkasan.nilai_matrix(data, 3)),
        charts.kategori_bars(ringkasan.kategori_counts(data, 3)),
        charts.trend(unit.indicator_trend(data, "A", "A-1", 3), "A-1", "%"),
        charts.funnel(pelayanan.funnel(pelayanan.complaint_rows(data, 3))),
        charts.response_histogram(pd.Series([0, 1, 7, 30.0]), 5),
        charts.aging(pelayanan.aging(pelayanan.complaint_rows(data, 3))),
    ]
    for fig in figs:
        assert isinstance(fig, go.Figure)
        assert fig.layout.separators == ",."
    cells = figs[0].data[0].text
    assert cells[0][2] == "90,0"  # Dinas Alfa, March
    assert cells[1][0] == "100,0"  # Badan Beta, January: 85 inside the 80–90 range
    blank = charts.heatmap(pd.DataFrame({"Jan": [NAN]}, index=["Unit X"])).data[0]
    assert blank.text[0][0] == "–" and blank.customdata[0][0] == "belum lapor"


def test_heatmap_band_labels():
    values = [95, 91, 90.99, 76, 75.99, 66, 65.99, 51, 50.99, NAN]
    cells = charts.heatmap(pd.DataFrame([values], index=["Unit X"])).data[0].customdata[0]
    assert list(cells) == [
        "Sangat Tinggi", "Sangat Tinggi", "Tinggi", "Tinggi", "Sedang", "Sedang", "Rendah", "Rendah",
        "Sangat Rendah", "belum lapor",
    ]  # fmt: skip


@pytest.mark.parametrize("missing", ["pengaduan", "pk"])
def test_year_with_only_half_the_data(frames, missing):
    part = dict(frames)
    part[missing] = part[missing].iloc[0:0]
    if missing == "pk":
        part["realisasi"] = part["realisasi"].iloc[0:0]
    d = build_year(part, 2018, Settings(), today=date(2018, 12, 31))
    assert not d.empty
    pp = ringkasan.perlu_perhatian(d, 3)
    assert set(pp) == {"indikator", "pengaduan", "belum_lapor"}
    assert ringkasan.quadrant(d, 3).empty
    assert len(tiles.kinerja_tiles(d, 3)) == 4 and len(tiles.complaint_tiles(d, 3)) == 4
    assert len(downloads.scorecard_views(d, 3)) == 6
    assert len(pelayanan.kecamatan_summary(d, 3)) == 1
