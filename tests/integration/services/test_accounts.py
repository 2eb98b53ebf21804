"""Accounts: Argon2 hashes, lockout, one message for every failure, an audit log without secrets."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import argon2
import pytest
import sqlalchemy as sa

from kinerja.domain import accounts, vocabulary
from kinerja.domain.access import Scope, admin_scope
from kinerja.domain.settings import Settings
from kinerja.errors import AccessDenied, KinerjaError, LoginFailed
from kinerja.services import accounts as auth
from kinerja.services import audit
from kinerja.store import audit as store_audit
from kinerja.store.tables import audit as audit_table
from kinerja.store.tables import pengguna
from tests.conftest import ADMIN

SANDI = "Kupang-Kasih-2018"
T0 = datetime(2026, 3, 2, 8, 0)


@pytest.fixture(autouse=True)
def cheap_hashes():
    """Argon2's test profile (the production parameters take ~0.5 s a hash on a small machine)."""
    default = auth.use_hasher(argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST))
    yield default
    auth.use_hasher(default)


def test_production_parameters_are_strong(cheap_hashes) -> None:
    # OWASP minimum for Argon2id: 19 MiB memory, 2 iterations; argon2-cffi's default is stronger.
    assert cheap_hashes.type is argon2.Type.ID
    assert cheap_hashes.memory_cost >= 19 * 1024 and cheap_hashes.time_cost >= 2


@pytest.fixture
def users(engine):
    auth.create_user(engine, "Admin", SANDI, "admin", scope=admin_scope("cli:test"))
    auth.create_user(
        engine,
        "kadis.kesehatan",
        SANDI,
        "opd",
        "Dinas Kesehatan",
        scope=ADMIN,
        email="Kadis@Kupangkota.go.id",
    )
    auth.create_user(engine, "camat.alak", SANDI, "camat", "Kec. Alak", scope=ADMIN)
    auth.create_user(engine, "walikota", SANDI, "walikota", scope=ADMIN)
    return engine


def _fail(engine, nama: str, password: str = "salah-sekali", now: datetime = T0) -> str:
    with pytest.raises(LoginFailed) as info:
        auth.authenticate(engine, nama, password, now=now)
    return str(info.value)


def test_login_returns_the_account_and_its_scope(users) -> None:
    acc = auth.authenticate(users, " Camat.Alak ", SANDI, now=T0)
    assert (acc.nama, acc.peran, acc.unit, acc.kecamatan) == ("camat.alak", "camat", "KEC-ALAK", "Alak")
    assert acc.scope() == Scope("camat", "KEC-ALAK", "Alak", False, "camat.alak")
    opd = auth.authenticate(users, "kadis.kesehatan", SANDI, now=T0)
    assert opd.scope(Settings(unit_lihat_unit_lain=True)) == Scope(
        "opd", "DINKES", None, True, "kadis.kesehatan"
    )
    assert auth.authenticate(users, "walikota", SANDI).scope().reads_all


def test_hash_is_argon2_and_never_the_password(users) -> None:
    with users.connect() as conn:
        hashes = conn.execute(sa.select(pengguna.c.hash)).scalars().all()
    assert len(hashes) == 4 and all(h.startswith("$argon2id$") and SANDI not in h for h in hashes)
    assert len(set(hashes)) == 4  # salted
    assert "hash" not in auth.list_users(users, scope=ADMIN).columns


def test_every_failure_has_the_same_message(users) -> None:
    auth.disable_user(users, "walikota", scope=ADMIN)
    messages = {
        _fail(users, "kadis.kesehatan"),  # wrong password
        _fail(users, "tidak.ada"),  # unknown name
        _fail(users, "walikota", SANDI),  # disabled
        _fail(users, "", ""),  # nothing typed
    }
    for _ in range(5):
        _fail(users, "camat.alak")
    messages.add(_fail(users, "camat.alak", SANDI))  # locked
    assert messages == {accounts.PESAN_GAGAL}
    assert "tidak ada" not in accounts.PESAN_GAGAL and "terkunci" not in accounts.PESAN_GAGAL


def test_lockout_after_five_failures_for_fifteen_minutes(users) -> None:
    for i in range(4):
        _fail(users, "kadis.kesehatan", now=T0 + timedelta(seconds=i))
    auth.authenticate(users, "kadis.kesehatan", SANDI, now=T0)  # a success resets the count
    for i in range(5):
        _fail(users, "kadis.kesehatan", now=T0 + timedelta(seconds=i))
    locked_at = T0 + timedelta(seconds=4)
    _fail(users, "kadis.kesehatan", SANDI, now=locked_at + timedelta(minutes=1))
    _fail(users, "kadis.kesehatan", SANDI, now=locked_at + timedelta(minutes=14, seconds=59))
    acc = auth.authenticate(users, "kadis.kesehatan", SANDI, now=locked_at + timedelta(minutes=15))
    assert acc.nama == "kadis.kesehatan"
    # the lock is the account's, not everybody's
    assert auth.authenticate(users, "admin", SANDI, now=locked_at).peran == "admin"
    events = store_audit.read_audit(users, action=vocabulary.AKUN_DIKUNCI)
    assert events["pelaku"].tolist() == ["kadis.kesehatan"]


def test_four_failures_do_not_lock(users) -> None:
    for _ in range(4):
        _fail(users, "camat.alak")
    assert auth.authenticate(users, "camat.alak", SANDI, now=T0).peran == "camat"


def test_reset_password_lifts_the_lock_and_replaces_the_password(users) -> None:
    for _ in range(5):
        _fail(users, "camat.alak")
    auth.reset_password(users, "camat.alak", "Sandi-Baru-123", scope=admin_scope("admin"))
    _fail(users, "camat.alak", SANDI)
    assert auth.authenticate(users, "camat.alak", "Sandi-Baru-123", now=T0).nama == "camat.alak"


def test_enable_after_disable(users) -> None:
    auth.disable_user(users, "walikota", scope=admin_scope("admin"))
    _fail(users, "walikota", SANDI)
    auth.enable_user(users, "walikota", scope=admin_scope("admin"))
    assert auth.authenticate(users, "walikota", SANDI).peran == "walikota"


@pytest.mark.parametrize(
    ("nama", "password", "peran", "unit", "text"),
    [
        ("budi", SANDI, "opd", None, "wajib terikat"),
        ("budi", SANDI, "camat", "Dinas Kesehatan", "unit Kecamatan"),
        ("budi", SANDI, "opd", "Kecamatan Alak", "--role camat"),
        ("budi", SANDI, "opd", "PDAM", "tidak dapat terikat"),
        ("budi", SANDI, "opd", "Dinas Kesehatn", "tidak dikenal"),
        ("budi", SANDI, "admin", "Dinas Kesehatan", "tidak terikat"),
        ("budi", SANDI, "lurah", None, "tidak dikenal"),
        ("budi", "pendek", "admin", None, "minimal 8"),
        ("b", SANDI, "admin", None, "nama pengguna"),
        ("budi santoso", SANDI, "admin", None, "nama pengguna"),
        ("ADMIN", SANDI, "admin", None, "sudah dipakai"),
    ],
)
def test_account_rules(users, nama, password, peran, unit, text) -> None:
    with pytest.raises(KinerjaError, match=text):
        auth.create_user(users, nama, password, peran, unit, scope=ADMIN)


def test_sso_email_maps_to_an_active_account(users) -> None:
    assert auth.account_by_email(users, "kadis@kupangkota.go.id").nama == "kadis.kesehatan"
    assert auth.account_by_email(users, "orang@lain.id") is None
    with pytest.raises(KinerjaError, match="e-mail"):
        auth.create_user(users, "kadis2", SANDI, "opd", "Dinkes", scope=ADMIN, email="KADIS@kupangkota.go.id")
    auth.disable_user(users, "kadis.kesehatan", scope=ADMIN)
    assert auth.account_by_email(users, "kadis@kupangkota.go.id") is None


def test_mode_demo_until_the_first_account(sqlite_engine) -> None:
    assert not auth.has_accounts(sqlite_engine)
    auth.create_user(sqlite_engine, "admin", SANDI, "admin", scope=ADMIN)
    auth.disable_user(sqlite_engine, "admin", scope=ADMIN)
    assert auth.has_accounts(sqlite_engine)  # a disabled account still closes the demo mode


@pytest.mark.parametrize(
    ("started", "last_seen", "now", "expired"),
    [
        (T0, T0, T0 + timedelta(minutes=29), False),
        (T0, T0, T0 + timedelta(minutes=30), True),  # idle
        (T0, T0 + timedelta(hours=11, minutes=50), T0 + timedelta(hours=11, minutes=59), False),
        (T0, T0 + timedelta(hours=11, minutes=50), T0 + timedelta(hours=12), True),  # absolute
    ],
)
def test_session_expiry(started, last_seen, now, expired) -> None:
    assert accounts.session_expired(started, last_seen, now) is expired


def test_no_password_or_hash_in_audit_log_or_log_output(users, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    typed_as_name = "Rahasia-Diketik-Di-Nama"
    auth.authenticate(users, "admin", SANDI, now=T0)
    _fail(users, "admin", "Salah-Sandi-Admin")
    _fail(users, typed_as_name, SANDI)
    for _ in range(5):
        _fail(users, "walikota", "Sandi-Keliru-99")
    auth.reset_password(users, "walikota", "Sandi-Baru-Wali-1", scope=admin_scope("admin"))
    auth.disable_user(users, "camat.alak", scope=admin_scope("admin"))
    auth.logout(users, "admin")
    with users.begin() as conn:
        store_audit.log_event(
            conn,
            "admin",
            "uji",
            {"password": SANDI, "nested": {"hash_lama": "x"}, "teks": "$argon2id$v=19$..."},
        )
    with users.connect() as conn:
        hashes = conn.execute(sa.select(pengguna.c.hash)).scalars().all()
        rows = conn.execute(sa.select(audit_table)).all()
    text = "\n".join(str(tuple(r)) for r in rows) + "\n" + caplog.text
    secrets = [SANDI, "Salah-Sandi-Admin", typed_as_name, "Sandi-Keliru-99", "Sandi-Baru-Wali-1", "$argon2"]
    for secret in [*secrets, *hashes]:
        assert secret.lower() not in text.lower(), secret
    actions = set(store_audit.read_audit(users)["aksi"])
    v = vocabulary
    expected = {v.AKUN_DIBUAT, v.LOGIN, v.LOGIN_GAGAL, v.AKUN_DIKUNCI, v.SANDI_DIRESET}
    assert expected | {v.AKUN_DINONAKTIFKAN, v.LOGOUT} <= actions


def test_audit_log_is_admin_only_and_newest_first(users) -> None:
    auth.logout(users, "admin")
    log = audit.read_audit(users, scope=Scope("admin", user="admin"))
    assert log.iloc[0]["aksi"] == vocabulary.LOGOUT and log["id"].is_monotonic_decreasing
    assert log.iloc[0]["detail"] == {"alasan": "keluar", "nama": "admin"}
    for scope in (Scope("walikota"), Scope("opd", "DINKES"), Scope("camat", "KEC-ALAK", "Alak")):
        with pytest.raises(AccessDenied):
            audit.read_audit(users, scope=scope)


def test_login_wait_grows_per_address_and_per_account_and_ends_after_fifteen_minutes(users) -> None:
    """Issue 10 §5: guesses slow down (login_delay) without the owner being locked out by a stranger."""
    attacker, owner = "203.0.113.9", "10.0.0.2"
    for i, nama in enumerate(["kadis.kesehatan", "tidak.ada", "camat.alak"]):  # one address, any names
        with pytest.raises(LoginFailed):
            auth.authenticate(users, nama, "tebakan", now=T0 + timedelta(seconds=i), source=attacker)
    later = T0 + timedelta(seconds=10)
    assert auth.login_wait(users, "admin", attacker, now=later) == 2.0  # three from the address: 2 s
    assert auth.login_wait(users, "admin", owner, now=later) == 0.0  # the owner's address waits not
    assert auth.login_wait(users, "admin", attacker, now=T0 + timedelta(minutes=16)) == 0.0  # forgotten
    for i in range(2):  # the account's own failures count from any address: 1 + 2 in a row
        _fail(users, "camat.alak", now=later + timedelta(seconds=i))
    assert auth.login_wait(users, "camat.alak", owner, now=later) == 2.0
    auth.authenticate(users, "camat.alak", SANDI, now=later)  # a success resets the account's count
    assert auth.login_wait(users, "camat.alak", owner, now=later) == 0.0
    sources = [
        e.get("sumber") for e in store_audit.read_audit(users, action=vocabulary.LOGIN_GAGAL)["detail"]
    ]
    assert sources.count(attacker) == 3  # the audit log shows where the guesses came from
