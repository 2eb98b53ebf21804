"""Every dashboard page renders (AppTest) on an empty and on the demo database, and reacts to input."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.demo_db import demo_db_path, url

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["ringkasan", "perangkat_daerah", "kecamatan", "pengaduan", "metodologi", "unduh"]
DATA_PAGES = [p for p in PAGES if p != "metodologi"]


def _clear() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(tmp_path / "kosong.db"))
    _clear()
    yield
    _clear()


@pytest.fixture
def demo_db(monkeypatch):
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(demo_db_path()))  # read-only: pages never write
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
def test_demo_database_renders(demo_db, page):
    at = _open(page)
    assert not at.error
    assert at.title[0].value
    if page in DATA_PAGES:
        assert len(at.dataframe) >= 1
        assert not at.info  # no empty-state note when data is there
    if page in ("ringkasan", "perangkat_daerah", "pengaduan"):
        assert all(v and "nan" not in v.lower() for v in _metrics(at).values())


def test_ringkasan_period_changes_tiles(demo_db):
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


def test_ringkasan_ranking_matches_cli(demo_db):
    from kinerja import fmt, store
    from kinerja.reports_cli import scorecard_table

    eng = store.connect(url(demo_db_path()))
    cli = scorecard_table(store.read_pk(eng, 2018), store.read_realisasi(eng, 2018),
                          store.read_pengaduan(eng, 2018), store.read_units(eng), 2018, 12)  # fmt: skip
    at = _open("ringkasan")
    table = at.dataframe[0].value
    assert table["nama"].tolist() == cli["unit"].tolist()
    assert table["nilai_teks"].iloc[0] == fmt.angka(cli["nilai"].iloc[0], 2)


def test_perangkat_daerah_unit_changes_page(demo_db):
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
    assert "Jan" in at.dataframe[0].value.columns


def test_kecamatan_choice_changes_detail(demo_db):
    at = _open("kecamatan")
    assert len(at.dataframe[0].value) == 6
    first = _metrics(at)["Pengaduan"]
    at.pills(key="kec_pilih").set_value("Kelapa Lima").run()
    assert not at.exception
    assert _metrics(at)["Pengaduan"] != first
    assert any(s.value == "Kecamatan Kelapa Lima" for s in at.subheader)


def test_pengaduan_filters_and_period(demo_db):
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
    assert at.dataframe[0].value["kelompok"].iloc[0]


def test_unduh_month_changes_workbook(demo_db):
    at = _open("unduh")
    december = at.dataframe[0].value
    at.sidebar.selectbox(key="unduh_bulan").set_value(3).run()
    assert not at.exception
    assert not at.dataframe[0].value.equals(december)
