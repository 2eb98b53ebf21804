"""The Unggah page's mapping step (issue 12 §3): an unknown layout is mapped once, saved as a profile, then loads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kinerja.domain.vocabulary import XLSX_MIME as XLSX
from kinerja.store import readers as store
from kinerja.store.audit import read_audit
from kinerja.store.profiles import read_profiles
from kinerja.views.history import upload_history
from tests.helpers.accounts import cheap_hashes, create_accounts, login
from tests.helpers.xlsx import Sheet, make_xlsx

APP = str(Path(__file__).resolve().parents[3] / "app.py")
# A PK export whose headers no synonym list knows ("Satker", "Uraian Indikator", "Ukuran", "Sasaran Angka").
HEADER = ["Satker", "Thn", "Tujuan Satker", "Uraian Indikator", "Ukuran", "Sasaran Angka"]
MAPPING = {"Satker": "unit", "Thn": "tahun", "Tujuan Satker": "sasaran", "Uraian Indikator": "indikator",
           "Ukuran": "satuan", "Sasaran Angka": "target"}  # fmt: skip


def _file(*rows: list[object]) -> bytes:
    return make_xlsx(Sheet("Data", [HEADER, *rows]))


JANUARY = _file(["Dinas Kesehatan", 2018, "Derajat kesehatan", "Balita ditimbang", "%", 85])
FEBRUARY = _file(["Dinas Kesehatan", 2018, "Derajat kesehatan", "Balita ditimbang", "%", 85],
                 ["Dinas Kesehatan", 2018, "Derajat kesehatan", "Ibu hamil diperiksa", "%", 90])  # fmt: skip


@pytest.fixture
def db(admin_db):
    """A fresh database with one admin account (tests/e2e/pages/conftest.py)."""
    return admin_db


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/unggah.py").run()
    _ok(login(at, "admin"))
    if not at.file_uploader:
        _ok(at.switch_page("pages/unggah.py").run())
    return at


def _labels(at: AppTest) -> list[str]:
    boxes = [s for s in at.selectbox if s.key and s.key.startswith("peta_0_0_")]
    return [s.label for s in sorted(boxes, key=lambda s: int(s.key.rsplit("_", 1)[1]))]


def test_an_unknown_layout_is_mapped_once_and_the_same_layout_loads_next_month(db) -> None:
    at = _page()
    at.file_uploader(key="unggah_berkas").upload("pk_januari.xlsx", JANUARY, XLSX)
    _ok(at.run())
    assert [b.label for b in at.status if " — " in b.label] == ["pk_januari.xlsx — 1 masalah, belum disimpan"]
    # the mapping step shows the file's header cells, one selectbox each, Kinerja's guess pre-selected
    assert _labels(at) == [f"{chr(65 + i)} · {h}" for i, h in enumerate(HEADER)]
    guesses = {
        s.label.split(" · ")[1]: s.value for s in at.selectbox if s.key and s.key.startswith("peta_0_0_")
    }
    assert guesses == {"Satker": "unit", "Thn": "tahun", "Tujuan Satker": "", "Uraian Indikator": "indikator",
                       "Ukuran": "", "Sasaran Angka": "sasaran"}  # fmt: skip  # "" = "(abaikan kolom ini)"
    for i, header in enumerate(HEADER):
        at.selectbox(key=f"peta_0_0_{i}").set_value(MAPPING[header])
    at.text_input(key="peta_nama_0_0").input("Ekspor Satker")
    _ok(at.button(key="peta_simpan_0_0").click().run())
    (profile,) = read_profiles(db)
    assert (profile.name, profile.kind, dict(profile.mapping)) == ("Ekspor Satker", "pk", MAPPING)
    assert [b.label for b in at.status if " — " in b.label] == [
        "pk_januari.xlsx — siap disimpan"
    ]  # checked again with the profile
    _ok(at.button(key="simpan_unggahan").click().run())
    assert list(store.read_pk(db, 2018)["indikator"]) == ["Balita ditimbang"]

    # next month: the same layout, more rows — it loads without asking
    at.file_uploader(key="unggah_berkas").upload("pk_februari.xlsx", FEBRUARY, XLSX)
    _ok(at.run())
    assert [b.label for b in at.status if " — " in b.label] == ["pk_februari.xlsx — siap disimpan"]
    assert not _labels(at)
    _ok(at.button(key="simpan_unggahan").click().run())
    assert list(store.read_pk(db, 2018)["indikator"]) == ["Balita ditimbang", "Ibu hamil diperiksa"]
    history = upload_history(db)
    assert list(history["Profil"]) == ["Ekspor Satker", "Ekspor Satker"]
    assert "profil_disimpan" in set(read_audit(db)["aksi"])


def test_profiles_are_listed_renamed_and_deleted_by_the_admin(db) -> None:
    at = _page()
    at.file_uploader(key="unggah_berkas").upload("pk.xlsx", JANUARY, XLSX)
    _ok(at.run())
    for i, header in enumerate(HEADER):
        at.selectbox(key=f"peta_0_0_{i}").set_value(MAPPING[header])
    at.text_input(key="peta_nama_0_0").input("Ekspor A")
    _ok(at.button(key="peta_simpan_0_0").click().run())
    listed = next(d.value for d in at.dataframe if "Kolom dipetakan" in d.value.columns)
    assert listed[["Nama", "Jenis", "Kolom dipetakan"]].to_dict("records") == [
        {"Nama": "Ekspor A", "Jenis": "PK", "Kolom dipetakan": 6}
    ]
    at.text_input(key="profil_nama_baru").input("Ekspor Satker")
    _ok(at.button(key="profil_ganti").click().run())
    assert [p.name for p in read_profiles(db)] == ["Ekspor Satker"]
    at.checkbox(key="profil_yakin").check()
    _ok(at.run())
    _ok(at.button(key="profil_hapus").click().run())
    assert read_profiles(db) == []
    events = read_audit(db)
    assert {"profil_disimpan", "profil_diganti_nama", "profil_dihapus"} <= set(events["aksi"])


def test_the_upload_page_gives_unit_year_and_period_for_a_file_without_them(db) -> None:
    from kinerja.services.importer import import_file
    from tests.conftest import ADMIN
    from tests.helpers.xlsx import pk_rows

    assert import_file(
        db, make_xlsx(Sheet("PK", pk_rows())), "pk.xlsx", scope=ADMIN, today=pd.Timestamp("2018-12-31")
    ).stored
    quarterly = make_xlsx(
        Sheet("Worksheet", [["Kode Indikator", "Realisasi TW"], ["DINKES-1", 81], ["DINKES-2", 115]])
    )
    at = _page()
    at.selectbox(key="opsi_unit").set_value("DINKES")
    at.selectbox(key="opsi_tahun").set_value(2018)
    at.selectbox(key="opsi_periode").set_value("tw2")
    _ok(at.run())
    at.file_uploader(key="unggah_berkas").upload("capaian_tw2.xlsx", quarterly, XLSX)
    _ok(at.run())
    assert [b.label for b in at.status if " — " in b.label] == ["capaian_tw2.xlsx — siap disimpan"]
    _ok(at.button(key="simpan_unggahan").click().run())
    real = store.read_realisasi(db, 2018, "DINKES")
    assert sorted(zip(real["kunci"], real["bulan"], real["realisasi"], strict=True)) == [
        ("DINKES-1", 6, 81.0), ("DINKES-2", 6, 115.0),
    ]  # fmt: skip


def test_a_unit_heads_upload_is_for_their_own_unit(db) -> None:
    """Issue 12 §1: for a unit head the unit is theirs — shown, not chosen — and fills a file without one."""
    from kinerja.services.importer import import_file
    from tests.conftest import ADMIN
    from tests.helpers.xlsx import pk_rows

    assert import_file(
        db, make_xlsx(Sheet("PK", pk_rows())), "pk.xlsx", scope=ADMIN, today=pd.Timestamp("2018-12-31")
    ).stored
    with cheap_hashes():
        create_accounts(db, ("kadis.kesehatan",))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/unggah.py").run()
    _ok(login(at, "kadis.kesehatan"))
    if not at.file_uploader:
        _ok(at.switch_page("pages/unggah.py").run())
    assert not [s for s in at.selectbox if s.key == "opsi_unit"]  # no choice of unit
    own = at.text_input(key="opsi_unit_sendiri")
    assert (own.value, own.disabled) == ("Dinas Kesehatan", True)
    at.selectbox(key="opsi_tahun").set_value(2018)
    at.selectbox(key="opsi_periode").set_value("m5")
    _ok(at.run())
    quarterly = make_xlsx(Sheet("Worksheet", [["Kode Indikator", "Realisasi"], ["DINKES-1", 77]]))
    at.file_uploader(key="unggah_berkas").upload("mei.xlsx", quarterly, XLSX)
    _ok(at.run())
    assert [b.label for b in at.status if " — " in b.label] == ["mei.xlsx — siap disimpan"]
    _ok(at.button(key="simpan_unggahan").click().run())
    real = store.read_realisasi(db, 2018, "DINKES")
    assert list(zip(real["kunci"], real["bulan"], real["realisasi"], strict=True)) == [("DINKES-1", 5, 77.0)]
