"""Role × page × action matrix through the app (AppTest, login by the form): issue 6."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from kinerja.domain import vocabulary
from kinerja.domain.access import admin_scope
from kinerja.domain.accounts import PESAN_GAGAL, SESI_DIAM
from kinerja.domain.vocabulary import AUDIT_LABEL, LOGIN
from kinerja.domain.vocabulary import XLSX_MIME as XLSX
from kinerja.services import accounts as auth
from kinerja.services.settings import save_settings
from kinerja.store.audit import read_audit
from kinerja.store.engine import connect
from kinerja.store.readers import list_uploads, read_pengaduan, read_pk, read_realisasi
from kinerja.store.tables import sesi
from tests.conftest import ADMIN
from tests.helpers.accounts import ACCOUNTS, SANDI, cheap_hashes, create_accounts, login
from tests.helpers.apptest import clear_caches as _clear
from tests.helpers.databases import copy_of, url
from tests.helpers.markup import plain_frame
from tests.helpers.xlsx import REAL_HEADER, Sheet, make_xlsx

ROOT = Path(__file__).resolve().parents[3]
APP = str(ROOT / "app.py")
KECAMATAN = {"Alak", "Maulafa", "Oebobo", "Kota Raja", "Kelapa Lima", "Kota Lama"}
ROLES = list(ACCOUNTS)  # admin, walikota, kadis.kesehatan (opd), camat.alak (camat)
N_UNITS_2018 = 26  # units with a 2018 PK in the demo data


@pytest.fixture(scope="module")
def demo_file(demo_db, tmp_path_factory) -> Path:
    """One copy of the demo database with an account per role (pages only read it)."""
    path = copy_of(demo_db, tmp_path_factory.mktemp("roles"))
    engine = connect(url(path))
    with cheap_hashes():
        create_accounts(engine)
    engine.dispose()
    return path


@pytest.fixture
def app_db(demo_file, monkeypatch):
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(demo_file))
    _clear()
    with cheap_hashes():
        yield connect(url(demo_file))
    _clear()


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _signed_in(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    _ok(at.run())
    _ok(login(at, name))
    assert not [t for t in at.text_input if t.key == "login_username"], "still on the login form"
    return at


def _open(at: AppTest, page: str) -> AppTest:
    return _ok(at.switch_page(f"pages/{page}.py").run())


def _run_app(at: AppTest) -> AppTest:
    """Rerun app.py from its root URL (a reload): the app-level parts (logout, session expiry)."""
    at._page_hash = ""
    at._finished_page_script_hash = ""
    return _ok(at.run())


def _direct(page: str, signed_in: AppTest | None = None) -> AppTest:
    """The page file run on its own (a stale link, a typed URL), with `signed_in`'s login if given:
    the page's own gate (ui.session.scope, fail-closed) is all that stands in front of it."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=180)
    if signed_in is not None:
        at.session_state["_sesi"] = signed_in.session_state["_sesi"]
    return _ok(at.run())


def _offered(at: AppTest, page: str) -> bool:
    """Open `page` when the navigation offers it to the signed-in role; False when it does not."""
    try:
        _open(at, page)
    except ValueError as exc:  # AppTest: the page is not among st.navigation's pages
        assert "Could not find a navigation page" in str(exc)
        return False
    return True


def _frame(at: AppTest, *columns: str) -> pd.DataFrame:
    """The (first) table on the page with these columns."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert found, columns
    return found[0]


def _refusals(at: AppTest) -> list[str]:
    return [e.value for e in at.error if "hanya" in e.value]


ADMIN_PAGES = ("unggah", "audit", "pengaturan")  # never offered in mode demo
REFUSAL = {  # what the page file shows a role it is not for
    "unggah": "Unggah data hanya untuk admin dan kepala unit (realisasi unit sendiri).",
    "audit": "Membaca log audit hanya dapat dilakukan oleh admin Bagian Organisasi",
    "pengaturan": "Pengaturan hanya dapat diubah oleh admin Bagian Organisasi.",
}


def _keys(at: AppTest) -> set[str]:
    widgets = [*at.button, *at.selectbox, *at.text_input, *at.multiselect, *at.checkbox]
    return {w.key for w in widgets if w.key} | {
        u.key for u in at.get("file_uploader") if getattr(u, "key", None)
    }


def _uploader(at: AppTest) -> bool:
    return any(getattr(u, "key", None) == "unggah_berkas" for u in at.get("file_uploader"))


# --- first run and the login ---------------------------------------------------------------------
def test_without_accounts_the_app_is_read_only_mode_demo(demo_copy, monkeypatch) -> None:
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(demo_copy))
    _clear()
    at = _ok(AppTest.from_file(APP, default_timeout=180).run())
    banner = " ".join(w.value for w in at.warning)
    assert "Mode demo" in banner and "hanya baca" in banner
    assert "python -m kinerja user add NAMA --role admin" in banner
    assert "login_username" not in _keys(at) and at.title[0].value == "Ringkasan Kota Kupang"
    for page in ADMIN_PAGES:  # not offered; the file reached directly refuses mode demo
        assert not _offered(at, page), page
        assert _refusals(_direct(page)) == [REFUSAL[page]], page
    assert not _uploader(at)
    _clear()


def test_with_one_account_a_login_is_required(demo_copy, monkeypatch) -> None:
    path = demo_copy
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(path))
    with cheap_hashes():
        create_accounts(connect(url(path)), ("walikota",))
        _clear()
        at = _ok(AppTest.from_file(APP, default_timeout=180).run())
        assert {"login_username", "login_password", "login_submit"} <= _keys(at)
        assert not at.warning and not at.dataframe and [t.value for t in at.title] == ["Kinerja Kota Kupang"]
        for page in ("ringkasan", "pengaduan", "unduh", "unggah", "audit"):
            # even a page run on its own (without app.py's gate) shows the login form and nothing else
            direct = _direct(page)
            assert "login_username" in _keys(direct) and not direct.dataframe and not direct.metric, page
        _ok(login(at, "walikota", "salah-sandi-99"))
        assert [e.value for e in at.error] == [PESAN_GAGAL]
        # the typed name stays for the next try, the password does not (issue 13 § 6)
        assert at.text_input(key="login_username").value == "walikota"
        assert at.text_input(key="login_password").value == ""
        _ok(login(at, "tidak.ada", SANDI))
        assert [e.value for e in at.error] == [PESAN_GAGAL]
        _ok(login(at, "walikota"))
        assert at.title[0].value == "Ringkasan Kota Kupang" and "logout" in _keys(at)
        at.button(key="logout").click()
        _run_app(at)
        assert "login_username" in _keys(at)
    events = read_audit(connect(url(path)))
    assert list(events["aksi"][:4]) == [
        vocabulary.LOGOUT,
        vocabulary.LOGIN,
        vocabulary.LOGIN_GAGAL,
        vocabulary.LOGIN_GAGAL,
    ]
    _clear()


def test_session_expires(app_db) -> None:
    at = _signed_in("walikota")
    # the session's stored activity is older than the idle limit (the row, not the tab, is the truth)
    with app_db.begin() as conn:
        (last,) = conn.execute(sa.select(sesi.c.terakhir)).one()
        conn.execute(sesi.update().values(terakhir=last - SESI_DIAM - timedelta(seconds=61)))
    _run_app(at)
    assert "login_username" in _keys(at)
    assert any("Sesi Anda berakhir" in i.value for i in at.info)
    assert read_audit(app_db).iloc[0]["detail"]["alasan"] == "sesi kedaluwarsa"


def test_account_disabled_while_signed_in_is_signed_out(demo_copy, monkeypatch) -> None:
    path = demo_copy
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(path))
    _clear()
    with cheap_hashes():
        engine = connect(url(path))
        create_accounts(engine, ("admin", "kadis.kesehatan"))
        at = _signed_in("kadis.kesehatan")
        auth.disable_user(engine, "kadis.kesehatan", scope=admin_scope("admin"))
        _run_app(at)
        assert "login_username" in _keys(at)
    _clear()


# --- the matrix ----------------------------------------------------------------------------------
# page → roles whose navigation offers it and who see its content; for every other role the page
# is not offered, and its file, reached anyway, shows the refusal REFUSAL[page] and nothing else
PAGES = {
    "ringkasan": set(ROLES),
    "perangkat_daerah": set(ROLES),
    "kecamatan": set(ROLES),
    "pengaduan": set(ROLES),
    "unduh": set(ROLES),
    "metodologi": set(ROLES),
    "unggah": {"admin", "kadis.kesehatan", "camat.alak"},
    "audit": {"admin"},
    "pengaturan": {"admin"},
}
ADMIN_CONTROLS = {"batalkan_pilih", "batalkan_unggahan", "kunci_periode", "buka_kunci", "lengkap_tahun"}


@pytest.mark.parametrize("name", ROLES)
def test_role_page_matrix(app_db, name) -> None:
    at = _signed_in(name)
    role, _ = ACCOUNTS[name]
    for page, allowed in PAGES.items():
        offered = _offered(at, page)
        assert offered == (name in allowed), page
        shown = at if offered else _direct(page, signed_in=at)
        assert _refusals(shown) == ([] if name in allowed else [REFUSAL[page]]), page
    # the city ranking is the same for everybody
    _open(at, "ringkasan")
    assert len(_frame(at, "peringkat", "nama", "nilai")) == N_UNITS_2018
    # upload controls: the uploader for admin and unit heads, rollback/locks/completeness for admin only
    if name in PAGES["unggah"]:
        _open(at, "unggah")
        assert _uploader(at)
        assert (ADMIN_CONTROLS <= _keys(at)) if role == "admin" else not (ADMIN_CONTROLS & _keys(at))
    if role == "admin":
        _open(at, "audit")
        log = _frame(at, "Kejadian", "Pelaku")
        assert (
            AUDIT_LABEL[LOGIN] in set(log["Kejadian"])  # in words, not the code (issue 13)
            and not log.astype(str).apply(lambda c: c.str.contains(SANDI)).any().any()
        )


EXPECTED_UNITS = {
    "admin": N_UNITS_2018,
    "walikota": N_UNITS_2018,
    "kadis.kesehatan": ["Dinas Kesehatan"],
    "camat.alak": ["Kecamatan Alak"],
}


@pytest.mark.parametrize("name", ROLES)
def test_unit_page_offers_only_what_the_role_may_open(app_db, name) -> None:
    at = _open(_signed_in(name), "perangkat_daerah")
    options = at.selectbox(key="pd_unit").options
    expected = EXPECTED_UNITS[name]
    assert len(options) == expected if isinstance(expected, int) else options == expected


def test_setting_lets_unit_heads_open_other_units(demo_copy, monkeypatch) -> None:
    path = demo_copy
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(path))
    engine = connect(url(path))
    save_settings(engine, {"unit_lihat_unit_lain": True}, scope=ADMIN)
    _clear()
    with cheap_hashes():
        create_accounts(engine, ("kadis.kesehatan",))
        at = _open(_signed_in("kadis.kesehatan"), "perangkat_daerah")
    assert len(at.selectbox(key="pd_unit").options) == N_UNITS_2018
    _clear()


@pytest.mark.parametrize("name", ROLES)
def test_complaints_page_shows_only_the_complaints_the_role_may_read(app_db, name) -> None:
    at = _open(_signed_in(name), "pengaduan")
    shown = _frame(at, "No Tiket", "Kecamatan", "Perangkat daerah tujuan")
    scope = auth.get_account(app_db, name).scope()
    year = int(at.selectbox(key="aduan_tahun").value)
    stored = read_pengaduan(app_db, year, scope=scope)
    assert set(shown["No Tiket"]) <= set(stored["no_tiket"]) and len(shown) > 0
    if name == "camat.alak":
        outside = shown[
            (shown["Kecamatan"] != "Alak") & (shown["Perangkat daerah tujuan"] != "Kecamatan Alak")
        ]
        assert outside.empty and "Alak" in set(shown["Kecamatan"])
        assert set(shown["Perangkat daerah tujuan"]) - {
            "Kecamatan Alak"
        }  # other units' complaints located in Alak
    if name == "kadis.kesehatan":
        assert set(shown["Perangkat daerah tujuan"]) == {"Dinas Kesehatan"}
    if ACCOUNTS[name][0] in ("admin", "walikota"):
        assert set(shown["Kecamatan"]) >= {
            "Alak",
            "Maulafa",
            "Oebobo",
            "Kota Raja",
            "Kelapa Lima",
            "Kota Lama",
        }


def test_camat_kecamatan_page_and_download_stay_in_the_kecamatan(app_db) -> None:
    at = _open(_signed_in("camat.alak"), "kecamatan")
    pills = [p for p in at.get("button_group") if getattr(p, "key", None) == "kec_pilih"]
    assert [str(o) for o in pills[0].options] == ["Alak"]
    # other kecamatan: their complaint counts are unknown to a camat, shown as such — not None, not 0
    cards = {m.label: m.value for m in at.metric if m.label in KECAMATAN}
    assert cards.pop("Alak").endswith("aduan") and set(cards) == KECAMATAN - {"Alak"}
    assert set(cards.values()) == {"tidak tersedia untuk peran Anda"}
    (table,) = [d.value.set_index("kecamatan") for d in at.dataframe if "tunggakan" in d.value.columns]
    assert set(table.loc[sorted(KECAMATAN - {"Alak"}), "masuk"]) == {"tidak tersedia untuk peran Anda"}
    assert int(table.at["Alak", "masuk"].replace(".", "")) > 0
    scope = auth.get_account(app_db, "camat.alak").scope()
    readable = read_pengaduan(app_db, 2018, scope=scope)
    _open(at, "unduh")
    sheets = {e.label.split(" (")[0]: e for e in at.expander}
    per_kec = sheets["Pengaduan per Kecamatan"].dataframe[0].value
    assert set(per_kec["Kecamatan"]) <= set(readable["kecamatan"])
    per_unit = sheets["Pengaduan per Unit"].dataframe[0].value
    assert len(per_unit) == readable["unit"].nunique(dropna=False)  # blank unit: "(tidak diisi)"


def test_unit_head_upload_of_another_unit_is_refused_in_the_page(demo_copy, monkeypatch) -> None:
    path = demo_copy
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(path))
    engine = connect(url(path))
    _clear()
    with cheap_hashes():
        create_accounts(engine, ("kadis.kesehatan",))
        before = read_realisasi(engine)
        n_uploads = len(list_uploads(engine))
        pk = read_pk(engine, 2018, "DISDIK")
        data = make_xlsx(
            Sheet(
                "Realisasi", [REAL_HEADER, ["Dinas Pendidikan", 2018, 12, None, pk["indikator"].iloc[0], 1]]
            )
        )
        at = _open(_signed_in("kadis.kesehatan"), "unggah")
        at.file_uploader(key="unggah_berkas").upload("realisasi_disdik.xlsx", data, XLSX)
        _ok(at.run())
        # the preview checks the scope (services.preview): refused whole before anything stored is shown
        assert [box.label for box in at.status if " — " in box.label] == [
            "realisasi_disdik.xlsx — 1 masalah, belum disimpan"
        ]
        (report,) = [plain_frame(t.value) for t in at.table if "Masalah" in plain_frame(t.value).columns]
        problems = " ".join(report["Masalah"])
        # since issue 12 a unit head's file is for the own unit (file-level choice): the row naming
        # another unit is refused as such, with nothing stored shown and nothing to save
        assert (
            problems
            == "Perangkat Daerah 'Dinas Pendidikan' berbeda dengan unit berkas 'DINKES' (pilihan unggah --unit)"
        )
        assert at.button(key="simpan_unggahan").disabled  # nothing to save
        assert not at.checkbox  # no partial save of a refused file either
    pd.testing.assert_frame_equal(read_realisasi(engine), before)
    assert len(list_uploads(engine)) == n_uploads
    _clear()


def test_an_opd_head_is_told_each_tiles_scope_and_sees_the_own_unit_marked(app_db) -> None:
    """Issue 13 § 4: city-wide PK tiles and Dinkes-only complaint tiles say so; the ranking marks Dinkes;
    the Kecamatan caption tells the head's reach and says the camat PK exists though hidden."""
    at = _signed_in("kadis.kesehatan")
    captions = [c.value for c in at.caption]
    assert any("Cakupan kartu: **seluruh kota**" in c and "PK" in c for c in captions)
    assert any(
        "hanya pengaduan yang ditujukan ke Dinas Kesehatan" in c and "bukan seluruh kota" in c
        for c in captions
    )
    ranking = _frame(at, "peringkat", "nama", "nilai")
    marked = ranking[ranking["nama"].str.endswith("◀ unit Anda")]
    assert marked["nama"].tolist() == ["Dinas Kesehatan ◀ unit Anda"]
    mayor = _frame(_signed_in("walikota"), "peringkat", "nama", "nilai")
    assert not mayor["nama"].str.contains("unit Anda").any()  # nobody's own unit in the mayor's view

    kec = _open(at, "kecamatan")
    caption = kec.caption[0].value
    assert "hanya yang ditujukan ke Dinas Kesehatan" in caption and "ke unit mana pun" not in caption
    notes = " ".join(i.value for i in kec.info)
    assert "Perjanjian Kinerja Camat Alak 2018 ada" in notes
    assert not any("Belum ada Perjanjian Kinerja camat" in c.value for c in kec.caption)
