"""Pengaturan (AppTest): the admin changes a setting through the form, checked, stored and audited;
nobody else is offered the page, and its file, reached anyway, refuses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kinerja.domain import vocabulary
from kinerja.domain.settings import SPECS, Settings
from kinerja.services.settings import load_settings
from kinerja.store.audit import read_audit
from tests.helpers.accounts import ACCOUNTS, cheap_hashes, create_accounts, login
from tests.helpers.apptest import clear_caches as _clear

ROOT = Path(__file__).resolve().parents[3]
APP = str(ROOT / "app.py")
PAGE = "pages/pengaturan.py"
REFUSAL = "Pengaturan hanya dapat diubah oleh admin Bagian Organisasi."


@pytest.fixture
def engine(sqlite_engine, monkeypatch):
    """A new database with one account per role (the page needs no data)."""
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", str(sqlite_engine.url))
    _clear()
    with cheap_hashes():
        create_accounts(sqlite_engine)
        yield sqlite_engine
    _clear()


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _signed_in(name: str) -> AppTest:
    at = _ok(AppTest.from_file(APP, default_timeout=120).run())
    _ok(login(at, name))
    assert "login_username" not in {t.key for t in at.text_input}, "still on the login form"
    return at


def _settings_page() -> AppTest:
    at = _ok(_signed_in("admin").switch_page(PAGE).run())
    assert [t.value for t in at.title] == ["Pengaturan"]
    return at


def test_admin_changes_sla_respon_hk_through_the_form(engine) -> None:
    at = _settings_page()
    field = at.number_input(key="set_sla_respon_hk")
    assert field.value == 5 and field.label == SPECS["sla_respon_hk"].label
    field.set_value(6)
    at.button(key="simpan_pengaturan").click()
    _ok(at.run())
    assert [s.value for s in at.success] == ["1 pengaturan disimpan: Batas tanggapan pertama (hari kerja)."]
    assert not at.error
    assert load_settings(engine) == Settings(sla_respon_hk=6)  # this key, and nothing else
    log = read_audit(engine)
    changes = log[log["aksi"] == vocabulary.UBAH_PENGATURAN]
    assert len(changes) == 1
    assert changes.iloc[0]["pelaku"] == "admin"  # the signed-in account
    assert changes.iloc[0]["detail"] == {"sla_respon_hk": {"lama": "5", "baru": "6"}}
    assert at.number_input(key="set_sla_respon_hk").value == 6  # the form shows the stored value


def test_unchanged_form_stores_nothing(engine) -> None:
    at = _settings_page()
    at.button(key="simpan_pengaturan").click()
    _ok(at.run())
    assert [i.value for i in at.info] == ["Tidak ada pengaturan yang berubah."]
    assert load_settings(engine) == Settings()
    assert vocabulary.UBAH_PENGATURAN not in set(read_audit(engine)["aksi"])


def test_bad_holiday_is_refused_with_its_message_and_nothing_stored(engine) -> None:
    at = _settings_page()
    at.number_input(key="set_sla_respon_hk").set_value(7)
    at.text_input(key="set_libur_tambahan").input("2018-06-15, 31/02/2018")
    at.button(key="simpan_pengaturan").click()
    _ok(at.run())
    assert [e.value for e in at.error] == [
        "libur_tambahan: '31/02/2018' bukan tanggal yang sah (diharapkan: 2018-06-15 atau 15/06/2018, dipisah koma)"
    ]
    assert not at.success
    assert load_settings(engine) == Settings()  # all checked first: the valid change is not stored either
    assert vocabulary.UBAH_PENGATURAN not in set(read_audit(engine)["aksi"])


@pytest.mark.parametrize("name", [n for n, (role, _) in ACCOUNTS.items() if role != "admin"])
def test_other_roles_never_get_the_page(engine, name) -> None:
    at = _signed_in(name)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)  # not in the navigation
    # the page file reached anyway (a stale link): the refusal, no form
    direct = AppTest.from_file(str(ROOT / PAGE), default_timeout=120)
    direct.session_state["_sesi"] = at.session_state["_sesi"]
    _ok(direct.run())
    assert [e.value for e in direct.error] == [REFUSAL]
    assert not direct.number_input and not direct.button
    assert load_settings(engine) == Settings()
