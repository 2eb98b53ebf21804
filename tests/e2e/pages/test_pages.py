"""Every dashboard page renders (AppTest) on an empty and on the demo database, and reacts to input."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kinerja.domain.vocabulary import KATEGORI
from kinerja.paths import WILAYAH_CSV
from kinerja.services.settings import load_settings
from kinerja.store.engine import connect
from kinerja.views import fmt
from kinerja.views.reports import read_year, scorecard_table
from tests.helpers import databases
from tests.helpers.apptest import clear_caches as _clear
from tests.helpers.databases import url

APP = str(Path(__file__).resolve().parents[3] / "app.py")
PAGES = ["ringkasan", "perangkat_daerah", "kecamatan", "pengaduan", "metodologi", "unduh"]
DATA_PAGES = [p for p in PAGES if p != "metodologi"]
TITLES = {
    "ringkasan": "Ringkasan Kota Kupang",
    "perangkat_daerah": "Perangkat Daerah",
    "kecamatan": "Kecamatan",
    "pengaduan": "Pengaduan Masyarakat",
    "metodologi": "Metodologi",
    "unduh": "Unduh Rekap Kinerja",
}
TILES = {  # the metric tiles of a page, in order
    "ringkasan": ["Unit melapor bulan ini", "Rata-rata nilai unit", "Indikator Tinggi ke atas",
                  "Indikator Rendah ke bawah", "Pengaduan masuk bulan ini", "Tindak lanjut",
                  "Respon tepat waktu", "Tunggakan lewat batas"],
    "perangkat_daerah": ["Nilai", "Kategori", "Peringkat", "Kelengkapan", "Proyeksi meleset"],
    "pengaduan": ["Pengaduan", "Tindak lanjut", "Respon tepat waktu", "Median respon", "Tunggakan lewat batas"],
}  # fmt: skip


@pytest.fixture
def empty_db(tmp_path, tmp_path_factory, monkeypatch):
    """A new database: the schema and the reference units, nothing uploaded."""
    path = databases.copy_of(databases.blank_sqlite(tmp_path_factory), tmp_path, "kosong.db")
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(path))
    _clear()
    yield
    _clear()


@pytest.fixture
def demo_app(demo_db, monkeypatch):
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(demo_db))  # read-only: pages never write
    _clear()
    yield
    _clear()


def _open(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page != "ringkasan":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_empty_database_explains_what_to_upload(empty_db, page):
    at = _open(page)
    assert not at.error
    if page in DATA_PAGES:
        text = " ".join(i.value for i in at.info)
        assert "Unggah" in text and "PK" in text
        assert len(at.get("download_button")) == 3  # the three templates


@pytest.mark.parametrize("page", PAGES)
def test_demo_database_renders(demo_app, page):
    at = _open(page)
    assert not at.error
    assert [t.value for t in at.title] == [TITLES[page]]
    if page in DATA_PAGES:
        assert len(at.dataframe) + len(at.table) >= 1
        assert not at.info  # no empty-state note when data is there
    if page in TILES:
        metrics = _metrics(at)
        assert list(metrics) == TILES[page]
        # every tile shows a figure (or, Kategori, a band): never blank, "–" or "nan"
        shown = {label: v for label, v in metrics.items() if re.search(r"\d", v) or v in KATEGORI}
        assert shown == metrics and not [v for v in metrics.values() if "nan" in v.lower()]


def test_ringkasan_period_changes_tiles(demo_app):
    at = _open("ringkasan")
    december = _metrics(at)
    assert december["Unit melapor bulan ini"].endswith("dari 26")
    at.sidebar.selectbox(key="ringkasan_bulan").set_value(6).run()
    assert not at.exception
    june = _metrics(at)
    assert june["Rata-rata nilai unit"] != december["Rata-rata nilai unit"]
    assert june["Pengaduan masuk bulan ini"] != december["Pengaduan masuk bulan ini"]
    assert "Juni" in at.caption[0].value
    at.segmented_control(key="ringkasan_tampilan").set_value("Sebaran kategori").run()
    assert not at.exception


def test_ringkasan_ranking_matches_cli(demo_app, demo_db):
    eng = connect(url(demo_db))
    cli = scorecard_table(*read_year(eng, 2018), 2018, 12, load_settings(eng))
    eng.dispose()
    at = _open("ringkasan")
    table = at.dataframe[0].value
    assert table["nama"].tolist() == cli["unit"].tolist()
    assert table["nilai_teks"].iloc[0] == fmt.angka(cli["nilai"].iloc[0], 2)


def test_perangkat_daerah_unit_changes_page(demo_app):
    at = _open("perangkat_daerah")
    before = _metrics(at)
    box = at.selectbox(key="pd_unit")
    assert box.value == "BKAD"  # units by name: Badan Keuangan dan Aset Daerah first
    box.set_value("DINKES").run()
    assert not at.exception
    after = _metrics(at)
    assert (after["Nilai"], after["Peringkat"]) != (before["Nilai"], before["Peringkat"])
    at.segmented_control(key="pd_tampilan").set_value("Realisasi bulanan").run()
    assert not at.exception
    assert any("Jan" in t.value.columns for t in at.table)  # the PK tables wrap (st.table), issue 13


def test_kecamatan_choice_changes_detail(demo_app):
    at = _open("kecamatan")
    assert len(at.dataframe[0].value) == 6
    first = _metrics(at)["Pengaduan"]
    at.pills(key="kec_pilih").set_value("Kelapa Lima").run()
    assert not at.exception
    assert _metrics(at)["Pengaduan"] != first
    assert any(s.value == "Kecamatan Kelapa Lima" for s in at.subheader)


def test_pengaduan_filters_and_period(demo_app):
    at = _open("pengaduan")
    total = _metrics(at)["Pengaduan"]
    at.multiselect(key="aduan_f_kecamatan").set_value(["Alak"]).run()
    assert not at.exception
    alak = _metrics(at)["Pengaduan"]
    assert alak != total
    assert "Kecamatan: Alak" in at.caption[0].value
    at.segmented_control(key="aduan_cakupan").set_value("Bulan ini saja").run()
    assert not at.exception
    assert _metrics(at)["Pengaduan"] != alak
    at.segmented_control(key="aduan_by").set_value("kelurahan").run()
    assert not at.exception
    wilayah = pd.read_csv(WILAYAH_CSV, dtype=str)
    alak = set(wilayah.loc[wilayah["kecamatan"] == "Alak", "kelurahan"])
    (ranking,) = [t.value for t in at.table if "Kelurahan" in t.value.columns]  # a wrapping table (issue 13)
    assert set(ranking["Kelurahan"]) == alak  # Alak's twelve kelurahan, and only those


def test_unduh_month_changes_workbook(demo_app):
    at = _open("unduh")
    december = at.dataframe[0].value
    at.sidebar.selectbox(key="unduh_bulan").set_value(3).run()
    assert not at.exception
    assert not at.dataframe[0].value.equals(december)
