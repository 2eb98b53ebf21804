"""Dashboard data preparation (kinerja.dashboard, unit_view, pelayanan, charts): pure, table-driven."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from kinerja import charts, dashboard, pelayanan, unit_view
from kinerja.capaian import indicator_results, score_units
from kinerja.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME
from kinerja.settings import Settings

NAN = float("nan")


def _frame(columns: list[str], rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)


def _pk(
    unit: str, kunci: str, target: float, akumulasi: str = "akhir", polaritas: str = "positif", **kw
) -> dict:
    return {"unit": unit, "tahun": 2018, "urutan": int(kunci[-1]), "kunci": kunci, "kode_indikator": kunci,
            "indikator": f"Indikator {kunci}", "sasaran": kw.get("sasaran", "Sasaran A"), "satuan": "%",
            "target": str(target), "target_min": target, "target_max": kw.get("hi", target), "polaritas": polaritas,
            "akumulasi": akumulasi, "tw1": kw.get("tw1"), "tw2": kw.get("tw2"), "tw3": kw.get("tw3"),
            "tw4": kw.get("tw4"), "sumber_data": kw.get("sumber")}  # fmt: skip


def _complaint(tiket: str, masuk: str, unit: str = "A", tanggapan: str | None = None, selesai: str | None = None,
               **kw) -> dict:  # fmt: skip
    return {"no_tiket": tiket, "tanggal_masuk": pd.Timestamp(masuk), "unit": unit,
            "tanggal_disposisi": pd.Timestamp(masuk), "tanggal_tanggapan": pd.Timestamp(tanggapan) if tanggapan else None,
            "tanggal_selesai": pd.Timestamp(selesai) if selesai else None, "saluran": kw.get("saluran", "WhatsApp"),
            "kategori": kw.get("kategori", "Sampah"), "kecamatan": kw.get("kecamatan", "Alak"),
            "kelurahan": kw.get("kelurahan", "Alak"), "status": kw.get("status"), "ada_bukti": True}  # fmt: skip


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    units = _frame(UNIT_FRAME, [
        {"kode": "A", "nama": "Dinas Alfa", "jenis": "Dinas", "alias": "Alfa"},
        {"kode": "B", "nama": "Badan Beta", "jenis": "Badan", "alias": None},
        {"kode": "KEC-ALAK", "nama": "Kecamatan Alak", "jenis": "Kecamatan", "alias": "Alak"},
    ])  # fmt: skip
    pk = _frame(PK_FRAME, [
        _pk("A", "A-1", 120, "kumulatif", tw1=30, tw2=60, tw3=90, tw4=120),
        _pk("A", "A-2", 80, "akhir"),
        _pk("B", "B-1", 10, "akhir", "negatif", sasaran="Sasaran B"),
        _pk("B", "B-2", 80, "rata_rata", hi=90, sasaran="Sasaran B"),
    ])  # fmt: skip
    real = [{"unit": "A", "tahun": 2018, "kunci": "A-1", "bulan": m, "realisasi": 10.0} for m in range(1, 7)]
    real += [
        {"unit": "A", "tahun": 2018, "kunci": "A-2", "bulan": m, "realisasi": 60.0 + 2 * m} for m in (1, 2, 4)
    ]
    real += [{"unit": "B", "tahun": 2018, "kunci": "B-1", "bulan": 3, "realisasi": 25.0}]
    real += [
        {"unit": "B", "tahun": 2018, "kunci": "B-2", "bulan": m, "realisasi": 85.0} for m in (1, 2, 3, 6)
    ]
    comp = _frame(PENGADUAN_FRAME, [
        _complaint("T1", "2018-01-08", "A", "2018-01-09", "2018-01-20"),
        _complaint("T2", "2018-01-15", "A", "2018-02-15"),
        _complaint("T3", "2018-02-05", "B"),
        _complaint("T4", "2018-03-01", "B", "2018-03-02", "2018-03-02", saluran="Posko", kecamatan="Oebobo",
                   kelurahan="Oebobo"),
        _complaint("T5", "2018-03-10", "A", status="arsip"),
    ])  # fmt: skip
    return {"units": units, "pk": pk, "realisasi": _frame(REALISASI_FRAME, real), "pengaduan": comp}


@pytest.fixture(scope="module")
def data(frames) -> dashboard.YearData:
    return dashboard.build_year(frames, 2018, Settings(), today=date(2018, 12, 31))


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
    got = unit_view.projection(
        np.array(values + [NAN] * (12 - len(values)), dtype="float64"), akumulasi, month
    )
    if np.isnan(expected):
        assert np.isnan(got)
    else:
        assert got == pytest.approx(expected)


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
    assert dashboard._delta(now, before, kind) == expected


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
    sc = dashboard.scorecard(data, 3)
    assert sc["nama"].tolist() == ["Dinas Alfa", "Badan Beta"]
    assert sc["peringkat"].tolist() == [1, 2]
    a = sc.iloc[0]
    # A-1 kumulatif 30 vs TW I 30 → 100; A-2 akhir 64 (Feb) vs 80 → 80: nilai 90.
    assert a["nilai"] == pytest.approx(90.0)
    assert len(a["tren"]) == 3
    assert a["perubahan"] == pytest.approx(a["nilai"] - a["tren"][1])


def test_tiles_compare_with_previous_month(data):
    first = dashboard.kinerja_tiles(data, 1)
    assert all(t.delta is None for t in first)
    tiles = dashboard.kinerja_tiles(data, 3)
    assert [t.label for t in tiles][:2] == ["Unit melapor bulan ini", "Rata-rata nilai unit"]
    assert tiles[0].value == "2 dari 2"
    assert tiles[0].delta_description == "dibanding Feb"
    assert len(tiles[1].series) == 3
    comp = dashboard.complaint_tiles(data, 3)
    assert comp[0].label == "Pengaduan masuk bulan ini"
    assert comp[0].value == "1"  # T4 (T5 is archived)
    assert comp[0].series == [2.0, 1.0, 1.0]


def test_city_complaints_as_of_end_of_each_month(data):
    city = dashboard.city_complaints(data, 3)
    assert city.loc[1, "masuk"] == 2 and city.loc[3, "masuk"] == 4
    # End of January: T1 answered within 1 HK; T2 open 12 HK (> 5) counts against → 50 %.
    assert city.loc[1, "respon_tepat_waktu_pct"] == pytest.approx(50.0)
    assert city.loc[3, "arsip"] == 1


@pytest.mark.parametrize(
    ("nilai", "respon", "expected"),
    [
        (95, 90, "PK tercapai, aduan dilayani"),
        (95, 20, "PK tercapai, aduan terabaikan"),
        (60, 90, "PK tertinggal, aduan dilayani"),
        (60, 20, "PK tertinggal, aduan terabaikan"),
        (76, 80, "PK tercapai, aduan dilayani"),  # both lines are lower bounds
    ],
)
def test_quadrant_labels(monkeypatch, data, nilai, respon, expected):
    sc = pd.DataFrame(
        {"unit": ["A"], "nama": ["Dinas Alfa"], "nilai": [float(nilai)], "kategori": ["Tinggi"]}
    )
    comp = pd.DataFrame(
        {"unit": ["A"], "masuk": [9], "respon_tepat_waktu_pct": [float(respon)], "lewat_batas": [0]}
    )
    monkeypatch.setattr(dashboard, "scorecard", lambda d, m: sc)
    monkeypatch.setattr(dashboard, "unit_complaints", lambda d, m: comp)
    q = dashboard.quadrant(data, 6)
    assert q["kuadran"].tolist() == [expected]
    assert q["label"].tolist() == ["Alfa"]


def test_perlu_perhatian(data):
    pp = dashboard.perlu_perhatian(data, 3)
    # B-1 negatif: 25 against 10 → (2 - 2.5) × 100 → 0: Sangat Rendah.
    assert pp["indikator"]["indikator"].tolist() == ["Indikator B-1"]
    assert pp["indikator"]["kategori"].tolist() == ["Sangat Rendah"]
    # As of 10 Mar (the latest date in the data): T3 unanswered > 5 HK; T2 answered, 54 days old.
    assert pp["pengaduan"]["nama"].tolist() == ["Badan Beta"]
    lapor = dashboard.belum_lapor(data, 5)
    assert lapor.to_dict("records") == [
        {"nama": "Badan Beta", "indikator": 2, "terakhir": "Maret"},
    ]  # A reported A-1 in May


def test_unit_indicators_projection_flags(data):
    ind = unit_view.unit_indicators(data, "A", 6)
    a1 = ind.set_index("kunci").loc["A-1"]
    assert a1["proyeksi"] == pytest.approx(120.0)  # 60 in 6 months
    assert a1["status_proyeksi"] == "✓ tercapai"
    a2 = ind.set_index("kunci").loc["A-2"]
    assert a2["meleset"] is True or a2["meleset"] == np.True_ or a2["proyeksi"] >= 80
    table = unit_view.pk_table(ind, 6)
    assert table.columns[:3].tolist() == ["Indikator", "Satuan", "Target"]
    assert table.loc[0, "TW I"] == "30" and table.loc[0, "Target s.d. Jun"] == "60"
    monthly = unit_view.pk_table(ind, 6, monthly=True)
    assert monthly.loc[1, "Mar"] == "–" and monthly.loc[1, "Apr"] == "68"


def test_indicator_trend_lines(data):
    t = unit_view.indicator_trend(data, "A", "A-1", 6)
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
        "units": _frame(UNIT_FRAME, []), "pk": _frame(PK_FRAME, []),
        "realisasi": _frame(REALISASI_FRAME, []), "pengaduan": _frame(PENGADUAN_FRAME, []),
    }  # fmt: skip
    d = dashboard.build_year(empty, 2018)
    assert d.empty
    assert dashboard.scorecard(d, 6).empty
    assert dashboard.nilai_matrix(d, 6).empty
    assert unit_view.unit_options(d) == []


# --- charts --------------------------------------------------------------------------------------
def test_charts_are_indonesian_figures(data):
    figs = [
        charts.heatmap(dashboard.nilai_matrix(data, 3)),
        charts.kategori_bars(dashboard.kategori_counts(data, 3)),
        charts.trend(unit_view.indicator_trend(data, "A", "A-1", 3), "A-1", "%"),
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
    assert [charts._band(v) for v in (95, 91, 90.99, 76, 66, 51, 50.99, NAN)] == [
        "Sangat Tinggi", "Sangat Tinggi", "Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah", "belum lapor",
    ]  # fmt: skip


@pytest.mark.parametrize("missing", ["pengaduan", "pk"])
def test_year_with_only_half_the_data(frames, missing):
    from kinerja import downloads

    part = dict(frames)
    part[missing] = part[missing].iloc[0:0]
    if missing == "pk":
        part["realisasi"] = part["realisasi"].iloc[0:0]
    d = dashboard.build_year(part, 2018, Settings(), today=date(2018, 12, 31))
    assert not d.empty
    pp = dashboard.perlu_perhatian(d, 3)
    assert set(pp) == {"indikator", "pengaduan", "belum_lapor"}
    assert dashboard.quadrant(d, 3).empty
    assert len(dashboard.kinerja_tiles(d, 3)) == 4 and len(dashboard.complaint_tiles(d, 3)) == 4
    assert len(downloads.scorecard_views(d, 3)) == 6
    assert len(pelayanan.kecamatan_summary(d, 3)) == 1
