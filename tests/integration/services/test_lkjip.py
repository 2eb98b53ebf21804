"""The LKjIP tables from three years of uploads (2016–2018), checked against hand-computed values.

The fixture and its hand computation: tests/helpers/lkjip_data.py.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from kinerja.domain.settings import Settings
from kinerja.exports.export import write_export
from kinerja.services.importer import import_file
from kinerja.store import readers as store
from kinerja.store.engine import connect
from kinerja.views.lkjip import build_lkjip, read_frames
from tests.conftest import ADMIN
from tests.helpers import databases, lkjip_data
from tests.helpers.lkjip_data import AKB, DBD, GIZI_2018, S1, S2, TODAY


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    """The stored frames each year's tables are built from (read once: these tests only read)."""
    engine = connect(databases.url(lkjip_data.snapshot(tmp_path_factory)))
    try:
        return {year: read_frames(engine, year) for year in (2016, 2017, 2018)}
    finally:
        engine.dispose()


def test_pengukuran_has_earlier_years_and_renstra(frames) -> None:
    report = build_lkjip(frames[2018], "Dinas Kesehatan", 2018)
    assert report.sebelumnya == [2016, 2017]
    p = report.pengukuran.set_index("Indikator Kinerja")
    assert list(p.index) == [AKB, DBD, GIZI_2018]  # PK order; the dropped indicator is not in 2018
    hand = {
        # indicator: capaian 2018, realisasi/capaian 2016, 2017, capaian vs Renstra
        AKB: (96.54, (9.8, 96.94), (9.4, 98.94), 94.44),
        GIZI_2018: (101.09, (85.0, 94.44), (88.0, 96.70), 97.89),  # renamed, same Kode
        DBD: (85.24, None, None, 77.76),  # added in 2018
    }
    for name, (cap, y16, y17, renstra) in hand.items():
        row = p.loc[name]
        assert round(row["Capaian (%)"], 2) == cap, name
        assert round(row["Capaian thd Renstra (%)"], 2) == renstra, name
        for year, expected in ((2016, y16), (2017, y17)):
            if expected is None:
                assert pd.isna(row[f"Realisasi {year}"]) and pd.isna(row[f"Capaian {year} (%)"])
            else:
                assert row[f"Realisasi {year}"] == expected[0]
                assert round(row[f"Capaian {year} (%)"], 2) == expected[1], (name, year)
    assert p.loc[AKB, "Rumus"].startswith("kebalikan") and p.loc[DBD, "Rumus"].startswith("standar")
    assert (p.loc[AKB, "Target Akhir Renstra"], p.loc[AKB, "Tahun Akhir Renstra"]) == (9.0, "2021")
    assert "9,2 ÷ 9,53 × 100 = 96,54" in report.catatan[0]
    assert "(2 − 56,23 ÷ 49) × 100 = 85,24" in report.catatan[1]


def test_sasaran_means_tercapai_and_serapan(frames) -> None:
    report = build_lkjip(frames[2018], "DINKES", 2018)
    s = report.sasaran.set_index("Sasaran Strategis")
    assert round(s.at[S1, "Rata-rata Capaian (%)"], 2) == 90.89 and s.at[S1, "Kategori"] == "Tinggi"
    assert round(s.at[S2, "Rata-rata Capaian (%)"], 2) == 101.09 and s.at[S2, "Kategori"] == "Sangat Tinggi"
    assert (s.at[S1, "Tercapai"], s.at[S1, "Tidak Tercapai"], s.at[S2, "Tercapai"]) == (0, 2, 1)
    assert report.tercapai == {"indikator": 3, "tercapai": 1, "tidak_tercapai": 2, "belum_lapor": 0}
    a = report.anggaran.set_index("Sasaran Strategis")
    assert a.at[S1, "Pagu Anggaran (Rp)"] == 92_831_550_075  # the merged program pagu counts once
    assert a.at[S1, "Realisasi Anggaran (Rp)"] == 82_161_081_765
    assert round(a.at[S1, "Serapan Anggaran (%)"], 2) == 88.51
    assert round(a.at[S2, "Serapan Anggaran (%)"], 2) == 75.00
    assert a.at["Jumlah", "Pagu Anggaran (Rp)"] == 93_831_550_075
    assert round(a.at["Jumlah", "Serapan Anggaran (%)"], 2) == 88.36
    assert round(a.at[S1, "Capaian Kinerja (%)"] - a.at[S1, "Serapan Anggaran (%)"], 2) == round(
        a.at[S1, "Selisih Capaian − Serapan (poin)"], 2
    )


def test_office_labels_replace_the_kategori_names(frames) -> None:
    labels = ("Sangat Memuaskan", "Memuaskan", "Baik", "Kurang", "Sangat Kurang")
    report = build_lkjip(frames[2018], "DINKES", 2018, Settings(label_kategori=labels))
    assert report.sasaran["Kategori"].tolist() == ["Memuaskan", "Sangat Memuaskan"]  # bands unchanged
    assert report.pengukuran["Kategori"].tolist() == ["Sangat Memuaskan", "Memuaskan", "Sangat Memuaskan"]


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)  # and into a fresh SQLite store
def test_the_new_columns_survive_export_and_import(engine, tmp_path, tmp_path_factory) -> None:
    """Rumus, Renstra, Pembilang/Penyebut and the budget written by the export read back unchanged."""
    for name, data in lkjip_data.workbooks()[-2:]:  # 2018's PK and realisasi: every new column
        report = import_file(engine, data, name, scope=ADMIN, today=TODAY)
        assert report.stored, [p.line() for p in report.errors]
    snap = {"units": store.read_units(engine), "pk": store.read_pk(engine),
            "realisasi": store.read_realisasi(engine), "pengaduan": store.read_pengaduan(engine)}  # fmt: skip
    pk = snap["pk"].set_index("kode_indikator")
    assert pk["rumus_capaian"].to_dict() == {"DINKES-AKB": "kebalikan", "DINKES-DBD": "standar",
                                             "DINKES-GIZI": "standar"}  # fmt: skip
    assert pk["tahun_renstra"].tolist() == [2021, 2021, 2021]
    assert (
        pk.at["DINKES-AKB", "target_renstra_min"] == 9 and pk.at["DINKES-DBD", "anggaran"] == 92_831_550_075
    )
    real = snap["realisasi"].merge(snap["pk"][["kunci", "kode_indikator"]], on="kunci")
    gizi = real[(real["kode_indikator"] == "DINKES-GIZI") & (real["bulan"] == 12)].iloc[0]
    assert (gizi["pembilang"], gizi["penyebut"], gizi["realisasi"]) == (186, 200, 93)
    buf = io.BytesIO()
    write_export(buf, **snap)
    report = import_file(engine, buf.getvalue(), "ekspor.xlsx", scope=ADMIN, today=TODAY)
    assert report.stored and all(c.added == c.updated == 0 for c in report.counts), report.counts
    fresh = connect(databases.url(databases.copy_of(databases.blank_sqlite(tmp_path_factory), tmp_path)))
    try:
        again = import_file(fresh, buf.getvalue(), "ekspor.xlsx", scope=ADMIN, today=TODAY)
        assert again.stored, [p.line() for p in again.errors]
        pd.testing.assert_frame_equal(store.read_pk(fresh), snap["pk"])
        pd.testing.assert_frame_equal(store.read_realisasi(fresh), snap["realisasi"])
    finally:
        fresh.dispose()


@pytest.mark.parametrize("year", [2016, 2017])
def test_an_earlier_year_has_its_own_table(frames, year: int) -> None:
    report = build_lkjip(frames[year], "DINKES", year)
    assert len(report.pengukuran) == 3  # AKB, GIZI and the imunisasi indicator dropped later
    assert report.sebelumnya == ([2016] if year == 2017 else [])
