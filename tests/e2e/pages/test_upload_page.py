"""The Unggah Data page driven by AppTest: preview → Simpan, refusal, partial save, rollback, locks, matrix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kinerja.domain.vocabulary import XLSX_MIME as XLSX
from kinerja.services.importer import import_file
from kinerja.services.settings import save_settings
from kinerja.store import readers as store
from tests.conftest import ADMIN
from tests.helpers.accounts import cheap_hashes, create_accounts, login
from tests.helpers.apptest import clear_caches as _clear
from tests.helpers.markup import plain, plain_frame
from tests.helpers.xlsx import REAL_HEADER, Sheet, make_xlsx, pk_rows

APP = str(Path(__file__).resolve().parents[3] / "app.py")
TODAY = pd.Timestamp("2018-12-31")


def _real(*rows: list[object]) -> bytes:
    return make_xlsx(Sheet("Realisasi", [REAL_HEADER, *rows]))


GOOD = _real(
    ["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80], ["Dinas Kesehatan", 2018, 2, "DINKES-2", None, 110]
)
BAD = _real(
    ["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80],
    ["Dinas Kesehatan", 2018, 2, "DINKES-1", None, "delapan puluh"],  # row 3, column F
    ["Dinas Kesehatan", 2018, 3, "INDIKATOR-X", None, 81],  # row 4, column D
)


@pytest.fixture
def db(sqlite_engine, monkeypatch):
    """A fresh database with the PKs of two units (Dinas Kesehatan and Dinas Pendidikan) for 2018."""
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", str(sqlite_engine.url))
    _clear()
    engine = sqlite_engine
    pk = make_xlsx(Sheet("PK", pk_rows() + pk_rows("Dinas Pendidikan")[1:]))
    assert import_file(engine, pk, "pk.xlsx", scope=ADMIN, today=TODAY).stored
    with cheap_hashes():
        create_accounts(engine, ("admin",))  # the page is the admin's (issue 6)
        yield engine
    engine.dispose()
    _clear()


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/unggah.py").run()  # the login form first; the default page never runs
    _ok(login(at, "admin"))
    if not at.file_uploader:  # some Streamlit versions land on the default page after the login
        _ok(at.switch_page("pages/unggah.py").run())
    return at


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="unggah_berkas").upload(name, data, XLSX)
    at.run()
    _ok(at)
    return at


def _frames_with(at: AppTest, *columns: str) -> list[pd.DataFrame]:
    """Every table or dataframe on the page that has these columns."""
    frames = [d.value for d in at.dataframe] + [plain_frame(t.value) for t in at.table]  # tables: escaped
    return [f for f in frames if set(columns) <= set(f.columns)]


def test_good_workbook_preview_then_simpan_stores_it(db):
    at = _upload(_page(), "realisasi_jan_feb.xlsx", GOOD)
    assert [s.label for s in at.status if " — " in s.label] == ["realisasi_jan_feb.xlsx — siap disimpan"]
    (counts,) = _frames_with(at, "Jenis")
    assert counts.set_index("Jenis").loc["Realisasi", ["Baru", "Diubah", "Tetap"]].tolist() == ["2", "0", "0"]
    assert store.read_realisasi(db).empty  # the preview stored nothing
    at.button(key="simpan_unggahan").click().run()
    _ok(at)
    stored = store.read_realisasi(db)
    assert sorted(zip(stored["kunci"], stored["bulan"], stored["realisasi"], strict=True)) == [
        ("DINKES-1", 1, 80.0),
        ("DINKES-2", 2, 110.0),
    ]
    assert any("tersimpan sebagai unggahan #2" in s.value for s in at.success)
    links = at.get("page_link")
    assert [plain(link.proto.label) for link in links] == ["Dinas Kesehatan (2018)"]
    assert "perangkat_daerah" in links[0].proto.page
    assert at.session_state["pd_unit"] == "DINKES" and at.session_state["pd_tahun"] == 2018
    history = store.list_uploads(db)
    assert (
        history.iloc[0]["nama_file"] == "realisasi_jan_feb.xlsx" and history.iloc[0]["pengguna"] == "admin"
    )  # the signed-in account


def test_restatement_is_highlighted_old_to_new(db):
    assert import_file(db, GOOD, "jan.xlsx", scope=ADMIN, today=TODAY).stored
    at = _upload(_page(), "ralat.xlsx", _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 85]))
    (changes,) = _frames_with(at, "Lama")
    assert changes[["Indikator", "Bulan", "Lama", "Baru"]].values.tolist() == [
        ["Persentase balita ditimbang", 1, 80.0, 85.0]
    ]
    assert any("menggantikan nilai yang sudah tersimpan" in w.value for w in at.warning)


def test_bad_workbook_report_names_row_and_column_and_stores_nothing(db):
    at = _upload(_page(), "salah.xlsx", BAD)
    assert [s.label for s in at.status if " — " in s.label][0] == "salah.xlsx — 2 masalah, belum disimpan"
    (report,) = _frames_with(at, "Masalah")
    where = set(zip(report["Baris"], report["Kolom"], strict=True))
    assert ("3", "F (Realisasi)") in where and ("4", "D (Kode Indikator)") in where
    assert at.button(key="simpan_unggahan").disabled
    (marked,) = [b for b in at.get("download_button") if b.proto.label.startswith("Unduh berkas dengan sel")]
    # issue 13: the marked-up copy is built only when its button is clicked — a deferred download
    # (Streamlit calls the builder on the click), no bytes sent with the page
    assert marked.proto.HasField("deferred_file_id") and marked.proto.url == ""
    assert store.read_realisasi(db).empty and len(store.list_uploads(db)) == 1


def test_partial_save_only_after_explicit_choice_keeps_skipped_rows(db):
    at = _upload(_page(), "salah.xlsx", BAD)
    box = at.checkbox(key="sebagian_0")
    assert "2 baris bermasalah dilewati" in box.label
    box.check().run()
    _ok(at)
    assert not at.button(key="simpan_unggahan").disabled
    at.button(key="simpan_unggahan").click().run()
    _ok(at)
    stored = store.read_realisasi(db)
    assert stored[["kunci", "bulan"]].values.tolist() == [["DINKES-1", 1]]
    upload_id = int(store.list_uploads(db).iloc[0]["id"])
    skipped = store.read_skipped_rows(db, upload_id)
    assert sorted(skipped["baris"]) == [3, 4]  # both bad rows stay with the upload record
    (hist,) = _frames_with(at, "SHA-256")
    assert hist.set_index("No").at[upload_id, "Dilewati"] == str(len(skipped))
    assert any(b.proto.label == "Unduh baris dilewati" for b in at.get("download_button"))


def test_rollback_behind_confirmation_restores_earlier_state(db):
    assert import_file(db, GOOD, "jan.xlsx", scope=ADMIN, today=TODAY).stored
    ralat = import_file(db, _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 99]), "ralat.xlsx", scope=ADMIN,
                        today=TODAY)  # fmt: skip
    assert store.read_realisasi(db).set_index("kunci").at["DINKES-1", "realisasi"] == 99.0
    at = _page()
    pick = at.selectbox(key="batalkan_pilih")
    assert pick.value is None and at.button(key="batalkan_unggahan").disabled  # nothing preselected
    assert pick.options[0].startswith(f"#{ralat.upload_id} · ralat.xlsx")  # newest first
    pick.set_value(ralat.upload_id).run()
    at.button(key="batalkan_unggahan").click().run()
    _ok(at)
    assert store.read_realisasi(db).set_index("kunci").at["DINKES-1", "realisasi"] == 99.0  # only asked
    at.button(key="batalkan_ya").click().run()
    _ok(at)
    assert store.read_realisasi(db).set_index("kunci").at["DINKES-1", "realisasi"] == 80.0
    assert any(f"Unggahan #{ralat.upload_id} dibatalkan" in s.value for s in at.success)
    (hist,) = _frames_with(at, "SHA-256")
    assert hist.set_index("No").at[ralat.upload_id, "Status"].startswith("dibatalkan")


def test_locked_month_refuses_realisasi_on_the_page(db):
    at = _page()
    at.selectbox(key="kunci_tahun").set_value(2018)
    at.selectbox(key="kunci_bulan").set_value(1).run()
    at.button(key="kunci_periode").click().run()
    _ok(at)
    assert any("Periode Januari 2018 dikunci" in s.value for s in at.success)
    _upload(at, "jan.xlsx", GOOD)
    (report,) = _frames_with(at, "Masalah")
    assert any("periode Januari 2018 sudah dikunci" in m for m in report["Masalah"])
    assert at.button(key="simpan_unggahan").disabled
    (log,) = _frames_with(at, "Kejadian")
    assert "Kunci periode" in set(log["Kejadian"])
    at.button(key="buka_kunci").click().run()
    _ok(at)
    assert [s.label for s in at.status if " — " in s.label] == [
        "jan.xlsx — siap disimpan"
    ]  # checked again once unlocked
    (log,) = _frames_with(at, "Kejadian")
    assert {"Kunci periode", "Buka kunci periode"} <= set(log["Kejadian"])


def test_matrix_marks_a_missing_unit(db):
    assert import_file(db, GOOD, "jan.xlsx", scope=ADMIN, today=TODAY).stored
    at = _page()
    (grid,) = _frames_with(at, "Perangkat Daerah", "Jan")
    rows = grid.set_index("Perangkat Daerah").apply(lambda c: c.str.replace("\u00a0", " "))
    assert rows.loc["Dinas Pendidikan", "Jan"] == "✗ belum"
    assert rows.loc["Dinas Kesehatan", "Jan"] == "⚠ telat"  # stored today, long after 10 Feb 2018
    assert rows.loc["Dinas Kesehatan", "Mar"] == "✗ belum"


def test_templates_download_including_prefilled_realisasi(db):
    at = _page()
    labels = {b.proto.label for b in at.get("download_button")}
    assert {
        "Templat PK",
        "Templat Pengaduan",
        "Templat Unit",
        "Templat realisasi Dinas Kesehatan 2018",
    } <= labels


def test_xls_and_oversized_files_get_clear_messages(db):
    save_settings(db, {"batas_unggah_mb": 1}, scope=ADMIN)  # the setting, not a constant
    at = _page()
    uploader = at.file_uploader(key="unggah_berkas")
    uploader.upload("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    uploader.upload("besar.xlsx", b"x" * (1024 * 1024 + 10), XLSX)
    at.run()
    _ok(at)
    problems = {r["Masalah"] for frame in _frames_with(at, "Masalah") for _, r in frame.iterrows()}
    assert any("simpan sebagai 'Excel Workbook (.xlsx)'" in m for m in problems)
    assert any("melebihi batas unggah 1 MB" in m for m in problems)
    assert at.button(key="simpan_unggahan").disabled
