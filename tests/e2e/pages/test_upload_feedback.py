"""Unggah Data feedback (issue 13): progress with counts, plausibility warnings that ask to confirm."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kinerja.domain.vocabulary import XLSX_MIME as XLSX
from kinerja.services.importer import import_file
from kinerja.services.preview import preview_file
from kinerja.store import readers as store
from tests.conftest import ADMIN
from tests.helpers.accounts import cheap_hashes, create_accounts, login
from tests.helpers.apptest import clear_caches as _clear
from tests.helpers.markup import plain_frame
from tests.helpers.xlsx import REAL_HEADER, Sheet, make_xlsx, pk_rows

APP = str(Path(__file__).resolve().parents[3] / "app.py")
TODAY = pd.Timestamp("2018-12-31")


def _real(*rows: list[object]) -> bytes:
    return make_xlsx(Sheet("Realisasi", [REAL_HEADER, *rows]))


@pytest.fixture
def db(sqlite_engine, monkeypatch):
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", str(sqlite_engine.url))
    _clear()
    engine = sqlite_engine
    assert import_file(engine, make_xlsx(Sheet("PK", pk_rows())), "pk.xlsx", scope=ADMIN, today=TODAY).stored
    months = [["Dinas Kesehatan", 2018, m, "DINKES-1", None, v] for m, v in ((1, 84), (2, 85.5), (3, 86))]
    months += [["Dinas Kesehatan", 2018, m, "DINKES-2", None, v] for m, v in ((1, 118), (2, 121), (3, 119))]
    assert import_file(engine, _real(*months), "jan_mar.xlsx", scope=ADMIN, today=TODAY).stored
    with cheap_hashes():
        create_accounts(engine, ("admin", "kadis.kesehatan"))
        yield engine
    engine.dispose()
    _clear()


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/unggah.py").run()
    login(at, "admin")
    if not at.file_uploader:
        at.switch_page("pages/unggah.py").run()
    assert not at.exception
    return at


def test_the_check_reports_its_steps_with_counts_as_it_goes(db) -> None:
    data = _real(
        ["Dinas Kesehatan", 2018, 4, "DINKES-1", None, 86.5],
        ["Dinas Kesehatan", 2018, 4, "DINKES-2", None, 117],
    )
    seen: list[
        tuple[str, int]
    ] = []  # (step, realisasi stored at that moment): the steps come during the work
    preview_file(
        db, data, "apr.xlsx", scope=ADMIN, progress=lambda t: seen.append((t, len(store.read_realisasi(db))))
    )
    texts = [t for t, _ in seen]
    assert {n for _, n in seen} == {6}  # a preview stores nothing
    assert texts[0].startswith("Membaca apr.xlsx (") and texts[0].endswith("KB)…")
    assert texts[1] == "Terbaca dan diperiksa: 2 baris dari 1 sheet; 0 masalah, 0 peringatan"
    assert texts[2] == "Membandingkan dengan data tersimpan…"
    assert texts[3] == "Pratinjau siap: 2 baris baru, 0 diubah, 0 tetap"
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/unggah.py").run()
    login(at, "admin")
    at.file_uploader(key="unggah_berkas").upload("apr.xlsx", data, XLSX)
    at.run()
    assert not at.exception
    (box,) = [s for s in at.status if s.label.startswith("apr.xlsx: ")]
    assert box.label == "apr.xlsx: Pratinjau siap: 2 baris baru, 0 diubah, 0 tetap"
    shown = [m.value for m in box.markdown]
    assert shown[1:] == texts[1:] and shown[0].startswith("Membaca apr.xlsx")


def test_plausibility_warnings_name_the_cell_and_ask_to_confirm(db) -> None:
    data = _real(
        ["Dinas Kesehatan", 2018, 4, "DINKES-1", None, 850],  # row 2: ~85 % so far → a lost comma
        ["Dinas Kesehatan", 2018, 4, "DINKES-2", None, -5],  # row 3: a negative count
    )
    at = _page()
    at.file_uploader(key="unggah_berkas").upload("apr.xlsx", data, XLSX)
    at.run()
    assert not at.exception
    assert any("2 nilai tampak tidak wajar" in w.value for w in at.warning)
    (table,) = [plain_frame(t.value) for t in at.table if "Alasan" in t.value.columns]
    rows = table.set_index("Baris")
    assert (
        rows.loc["2", "Kolom"] == "F (Realisasi)"
        and "850 jauh di atas bulan-bulan sebelumnya" in rows.loc["2", "Alasan"]
    )
    assert "sekitar 85,5" in rows.loc["2", "Alasan"] and "85" in rows.loc["2", "Diharapkan"]
    assert rows.loc["3", "Kolom"] == "F (Realisasi)" and "nilai negatif (-5)" in rows.loc["3", "Alasan"]
    assert at.button(key="simpan_unggahan").disabled  # Simpan waits for the confirmation
    at.checkbox(key="yakin_0").check().run()
    assert not at.button(key="simpan_unggahan").disabled
    at.button(key="simpan_unggahan").click().run()
    assert not at.exception
    stored = store.read_realisasi(db)
    assert sorted(stored.loc[stored["bulan"] == 4, "realisasi"]) == [-5.0, 850.0]  # stored as confirmed


def test_an_opd_head_undoes_an_own_upload_unless_a_later_one_depends_on_it(db) -> None:
    from kinerja.errors import AccessDenied, RollbackError
    from kinerja.services import accounts
    from kinerja.services.uploads import rollback_upload

    kadis = accounts.get_account(db, "kadis.kesehatan").scope()
    own = import_file(
        db, _real(["Dinas Kesehatan", 2018, 4, "DINKES-1", None, 86.5]), "apr.xlsx", scope=kadis
    )
    assert own.stored
    with pytest.raises(AccessDenied, match="hanya dapat membatalkan unggahan Anda sendiri"):
        rollback_upload(db, 2, scope=kadis)  # the admin's Jan–Mar upload is not the head's
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/unggah.py").run()
    login(at, "kadis.kesehatan")
    assert not at.exception
    pick = at.selectbox(key="batalkan_pilih")
    assert [o.split(" · ")[0] for o in pick.options] == [f"#{own.upload_id}"]  # only the head's own uploads
    pick.set_value(own.upload_id).run()
    at.button(key="batalkan_unggahan").click().run()
    at.button(key="batalkan_ya").click().run()
    assert not at.exception
    assert any(f"Unggahan #{own.upload_id} dibatalkan" in s.value for s in at.success)
    stored = store.read_realisasi(db)
    assert 4 not in set(stored["bulan"])  # April is gone again
    again = import_file(
        db, _real(["Dinas Kesehatan", 2018, 4, "DINKES-1", None, 87]), "apr2.xlsx", scope=kadis
    )
    later = import_file(
        db, _real(["Dinas Kesehatan", 2018, 4, "DINKES-1", None, 88]), "ralat.xlsx", scope=ADMIN
    )
    assert again.stored and later.stored
    with pytest.raises(RollbackError, match=f"batalkan dulu unggahan #{later.upload_id}"):
        rollback_upload(db, again.upload_id, scope=kadis)
