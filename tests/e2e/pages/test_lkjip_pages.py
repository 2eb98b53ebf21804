"""Issue 11 on the pages (AppTest): office kategori labels set in Pengaturan, the unit page's Rumus column,
earlier years, Renstra target and serapan anggaran, and Metodologi's rules, from three years of uploads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.services.settings import load_settings
from kinerja.store.engine import connect
from tests.helpers import databases, lkjip_data
from tests.helpers.accounts import cheap_hashes, create_accounts, login

ROOT = Path(__file__).resolve().parents[3]
APP = str(ROOT / "app.py")
LABELS = "Sangat Memuaskan, Memuaskan, Baik, Kurang, Sangat Kurang"


@pytest.fixture
def engine(tmp_path, tmp_path_factory, monkeypatch):
    """A copy of the three-year store (tests/helpers/lkjip_data.py) with accounts; the app reads it."""
    engine = connect(databases.url(databases.copy_of(lkjip_data.snapshot(tmp_path_factory), tmp_path)))
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", str(engine.url))
    st.cache_data.clear()
    st.cache_resource.clear()
    with cheap_hashes():
        create_accounts(engine)
        yield engine
    engine.dispose()
    st.cache_data.clear()
    st.cache_resource.clear()


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_labels_rumus_and_earlier_years_on_the_unit_page(engine) -> None:
    at = _ok(AppTest.from_file(APP, default_timeout=120).run())
    _ok(login(at, "admin"))
    _ok(at.switch_page("pages/pengaturan.py").run())
    at.text_input(key="set_label_kategori").set_value(LABELS)
    at.button(key="simpan_pengaturan").click()
    _ok(at.run())
    assert load_settings(engine).label_kategori[1] == "Memuaskan"
    _ok(at.switch_page("pages/perangkat_daerah.py").run())
    at.selectbox(key="pd_unit").set_value("DINKES")
    _ok(at.run())
    frames = [df.value for df in at.dataframe]
    # PK tables are st.table (a wide copy with every column, a phone copy with four): the wide ones
    wide = [t.value for t in at.table if "Rumus" in t.value.columns]
    pk = pd.concat(wide, ignore_index=True)
    pk = pk.set_index("Indikator")
    assert pk.at[lkjip_data.AKB, "Rumus"] == "kebalikan" and pk.at[lkjip_data.DBD, "Rumus"] == "standar"
    assert pk.at[lkjip_data.DBD, "Kategori"] == "Memuaskan"  # 85,24: the Tinggi band, the office's name
    (riwayat,) = (f.set_index("Indikator") for f in frames if "Target akhir Renstra" in f.columns)
    assert riwayat.at[lkjip_data.GIZI_2018, "Capaian 2016"] == "94,44 %"  # renamed, matched by its Kode
    assert riwayat.at[lkjip_data.AKB, "Target akhir Renstra"] == "9 (2021)"
    assert riwayat.at[lkjip_data.DBD, "Capaian thd Renstra"] == "77,76 %"
    # The unit's budget as LKjIPs write it (hand-computed in tests/helpers/lkjip_data.py).
    budget = (
        "Anggaran 2018: pagu Rp 93.831.550.075 terealisasi Rp 82.911.081.765 atau 88,36 %; capaian kinerja"
    )
    assert f"{budget} rata-rata 94,29 %." in "\n".join(m.value for m in at.markdown)
    # Metodologi explains the three rules with their published rows, and names the office's labels.
    _ok(at.switch_page("pages/metodologi.py").run())
    text = "\n".join(m.value for m in at.markdown)
    assert "**Rumus Capaian per indikator**" in text
    for rule in ("`standar`", "`kebalikan`", "`maks 100`"):
        assert rule in text
    assert "`9,20 ÷ 9,53 × 100 = 96,54`" in text and "`(2 − 56,23 ÷ 49) × 100 = 85,24`" in text
    assert "≥ 76 *Memuaskan*" in text
