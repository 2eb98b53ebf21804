"""Accounts: Argon2 hashes, roles bound to units, lockout; every change by the admin, audited (issue 6)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Connection, Engine

from kinerja.clock import utcnow
from kinerja.domain import vocabulary
from kinerja.domain.access import CAMAT, OPD, ROLES, UNIT_ROLES, Scope, kecamatan_of_unit, require_admin
from kinerja.domain.accounts import (
    LAMA_KUNCI,
    MAX_GAGAL,
    PESAN_GAGAL,
    Account,
    check_name,
    check_password,
    login_delay,
    normalize_name,
)
from kinerja.domain.units import UnitResolver
from kinerja.errors import AccountError, LoginFailed, UnknownUnit
from kinerja.store import accounts as stored
from kinerja.store.audit import failures_from, log_event
from kinerja.store.readers import read_units
from kinerja.store.sessions import delete_sessions_of
from kinerja.store.writer import writing

_hasher = PasswordHasher()  # Argon2id with argon2-cffi's RFC 9106 low-memory defaults
_dummy: dict[int, str] = {}  # a hash to verify for unknown names, so they take as long


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Replace the Argon2 parameters (tests use argon2.profiles.CHEAPEST); returns the previous."""
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


def _dummy_hash() -> str:
    if id(_hasher) not in _dummy:
        _dummy[id(_hasher)] = _hasher.hash("kinerja-dummy-password")
    return _dummy[id(_hasher)]


def hash_password(password: str) -> str:
    check_password(password)
    return _hasher.hash(password)


def _account(row: Any) -> Account:
    return Account(row.nama, row.peran, row.unit, row.unit_nama, row.email, bool(row.aktif))


def _resolve_unit(engine: Engine, peran: str, unit_name: str | None) -> tuple[str | None, str | None]:
    """Unit kode and name an account of `peran` is bound to (None for walikota/admin)."""
    if peran not in UNIT_ROLES:
        if unit_name:
            raise AccountError(f"peran {peran} tidak terikat pada unit; hapus --unit")
        return None, None
    if not unit_name:
        raise AccountError(f"peran {peran} wajib terikat pada satu unit (--unit)")
    resolver = UnitResolver(read_units(engine))
    kode = resolver.find(unit_name)
    if kode is None:
        raise UnknownUnit(unit_name, resolver.suggest(unit_name))
    jenis, nama = resolver.jenis(kode), resolver.name(kode)
    if peran == CAMAT and (jenis != "Kecamatan" or kecamatan_of_unit(nama) is None):
        raise AccountError(f"akun camat harus terikat pada unit Kecamatan, bukan '{nama}'")
    if peran == OPD and jenis in ("Kecamatan", vocabulary.LUAR_PEMKOT):
        raise AccountError(f"akun opd tidak dapat terikat pada '{nama}' (camat: --role camat)")
    return kode, nama


def has_accounts(engine: Engine) -> bool:
    """Whether any account exists (disabled ones too): without one the app runs in mode demo."""
    return stored.count_accounts(engine) > 0


def get_account(engine: Engine, nama: str) -> Account | None:
    with engine.connect() as conn:
        row = stored.read_account(conn, normalize_name(nama))
    return _account(row) if row else None


def account_by_email(engine: Engine, email: str | None) -> Account | None:
    """The active account an SSO e-mail maps to (case-insensitive), else None."""
    if not email:
        return None
    with engine.connect() as conn:
        row = stored.read_account_by_email(conn, email)
    return _account(row) if row else None


def check_new_user(
    engine: Engine, nama: str, peran: str, unit_name: str | None = None, *, email: str | None = None
) -> tuple[str, str | None, str | None, str | None]:
    """Name, unit kode, unit name and e-mail of a valid new account (before asking a password)."""
    nama = check_name(nama)
    if peran not in ROLES:
        raise AccountError(f"peran '{peran}' tidak dikenal (diharapkan: {', '.join(ROLES)})")
    kode, unit_nama = _resolve_unit(engine, peran, unit_name)
    email = email.strip().lower() if email else None
    with engine.connect() as conn:
        _check_unique(conn, nama, email)
    return nama, kode, unit_nama, email


def _check_unique(conn: Connection, nama: str, email: str | None) -> None:
    if stored.name_taken(conn, nama):
        raise AccountError(f"nama pengguna '{nama}' sudah dipakai")
    if email and stored.email_taken(conn, email):
        raise AccountError(f"e-mail '{email}' sudah dipakai akun lain")


def create_user(
    engine: Engine,
    nama: str,
    password: str,
    peran: str,
    unit_name: str | None = None,
    *,
    scope: Scope,
    email: str | None = None,
) -> Account:
    """Store a new account (Argon2 hash); opd/camat are bound to one unit. Admin only, audited."""
    require_admin(scope, "Membuat akun")
    nama, kode, unit_nama, email = check_new_user(engine, nama, peran, unit_name, email=email)
    hashed = hash_password(password)
    with writing(engine, exclusive=False) as conn:
        _check_unique(conn, nama, email)
        values = {"nama": nama, "hash": hashed, "peran": peran, "unit": kode, "email": email}
        stored.insert_account(conn, **values, aktif=True, gagal=0, dibuat_pada=utcnow())
        detail = {"nama": nama, "peran": peran, "unit": kode, "email": email}
        log_event(conn, scope.user, vocabulary.AKUN_DIBUAT, detail)
    return Account(nama, peran, kode, unit_nama, email, True)


def list_users(engine: Engine, *, scope: Scope) -> pd.DataFrame:
    """Accounts (never the hash), by name; admin only."""
    require_admin(scope, "Melihat daftar akun")
    return stored.list_accounts(engine)


def _update(
    engine: Engine, nama: str, action: str, scope: Scope, *, end_sessions: bool = False, **values: Any
) -> Account:
    require_admin(scope, "Mengubah akun")
    nama = normalize_name(nama)
    with writing(engine, exclusive=False) as conn:
        if not stored.update_account(conn, nama, **values):
            raise AccountError(f"nama pengguna '{nama}' tidak ada")
        detail: dict[str, Any] = {"nama": nama}
        if end_sessions:  # issue 10/13: the account's open sessions end with the change
            detail["sesi_diakhiri"] = delete_sessions_of(conn, nama)
        log_event(conn, scope.user, action, detail)
    account = get_account(engine, nama)
    assert account is not None
    return account


def disable_user(engine: Engine, nama: str, *, scope: Scope) -> Account:
    """Disable an account; its open sessions end at once (every browser is signed out)."""
    return _update(engine, nama, vocabulary.AKUN_DINONAKTIFKAN, scope, end_sessions=True, aktif=False)


def enable_user(engine: Engine, nama: str, *, scope: Scope) -> Account:
    return _update(engine, nama, vocabulary.AKUN_DIAKTIFKAN, scope, aktif=True, gagal=0, terkunci_sampai=None)


def reset_password(engine: Engine, nama: str, password: str, *, scope: Scope) -> Account:
    """New password; also lifts a lockout and ends the account's open sessions."""
    hashed = hash_password(password)
    return _update(
        engine,
        nama,
        vocabulary.SANDI_DIRESET,
        scope,
        end_sessions=True,
        hash=hashed,
        gagal=0,
        terkunci_sampai=None,
    )


def unlock_user(engine: Engine, nama: str, *, scope: Scope) -> Account:
    """`user unlock NAMA`: the failure count and a lockout lifted, the password kept (issue 10)."""
    return _update(engine, nama, vocabulary.AKUN_DIBUKA, scope, gagal=0, terkunci_sampai=None)


def login_wait(engine: Engine, nama: str, source: str | None, *, now: datetime | None = None) -> float:
    """Seconds the login form waits before checking this attempt: growing with the recent failures
    of the account and of the client address, whichever is more (login_delay; issue 10 §5)."""
    now = now or utcnow()
    with engine.connect() as conn:
        row = stored.read_account(conn, normalize_name(nama))
        by_source = failures_from(conn, source, vocabulary.LOGIN_GAGAL, now - LAMA_KUNCI) if source else 0
    return login_delay(max(row.gagal if row else 0, by_source))


def authenticate(
    engine: Engine, nama: str, password: str, *, now: datetime | None = None, source: str | None = None
) -> Account:
    """The account when name and password match an active, unlocked account; else LoginFailed.

    After MAX_GAGAL failures in a row the account is locked for LAMA_KUNCI; every failure, for
    any reason, raises the same error (PESAN_GAGAL), and the hash is always verified so the
    time taken does not tell either. `source` (the client address, where Streamlit gives one)
    is recorded with every failure and lockout, so the audit log shows where guesses come from.
    """
    now = now or utcnow()
    nama = normalize_name(nama)
    where = {"sumber": source} if source else {}
    with engine.connect() as conn:
        row = stored.read_account(conn, nama)
    ok = _verify(row.hash if row else _dummy_hash(), password or "")
    if row is None:
        # The typed name is not logged: people type their password into the name field.
        _log(engine, None, vocabulary.LOGIN_GAGAL, {"alasan": "nama tidak dikenal", **where}, now)
        raise LoginFailed(PESAN_GAGAL)
    locked = row.terkunci_sampai is not None and row.terkunci_sampai > now
    if not row.aktif or locked:
        reason = "akun nonaktif" if not row.aktif else "akun terkunci"
        _log(engine, nama, vocabulary.LOGIN_GAGAL, {"nama": nama, "alasan": reason, **where}, now)
        raise LoginFailed(PESAN_GAGAL)
    if not ok:
        _record_failure(engine, nama, now, where)
        raise LoginFailed(PESAN_GAGAL)
    values: dict[str, Any] = {"gagal": 0, "terkunci_sampai": None, "login_terakhir": now}
    if _hasher.check_needs_rehash(row.hash):
        values["hash"] = _hasher.hash(password)
    with writing(engine, exclusive=False) as conn:
        stored.update_account(conn, nama, **values)
        log_event(conn, nama, vocabulary.LOGIN, {"nama": nama, "peran": row.peran}, now=now)
    return _account(row)


def _log(engine: Engine, actor: str | None, action: str, detail: dict[str, Any], now: datetime) -> None:
    with writing(engine, exclusive=False) as conn:
        log_event(conn, actor, action, detail, now=now)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _record_failure(engine: Engine, nama: str, now: datetime, where: dict[str, str]) -> None:
    with writing(engine, exclusive=False) as conn:
        gagal = stored.add_failure(conn, nama)
        detail = {"nama": nama, "alasan": "kata sandi salah", "ke": gagal, **where}
        log_event(conn, nama, vocabulary.LOGIN_GAGAL, detail, now=now)
        if gagal >= MAX_GAGAL:
            until = now + LAMA_KUNCI
            stored.update_account(conn, nama, gagal=0, terkunci_sampai=until)
            log_event(
                conn,
                nama,
                vocabulary.AKUN_DIKUNCI,
                {"nama": nama, "sampai": until.isoformat(), **where},
                now=now,
            )


def sso_login(engine: Engine, email: str) -> Account | None:
    """The account an SSO e-mail maps to, with the login (or its failure) recorded."""
    account = account_by_email(engine, email)
    if account is None:
        _log(
            engine,
            None,
            vocabulary.LOGIN_GAGAL,
            {"alasan": "e-mail SSO tidak terdaftar", "via": "sso"},
            utcnow(),
        )
        return None
    detail = {"nama": account.nama, "peran": account.peran, "via": "sso"}
    _log(engine, account.nama, vocabulary.LOGIN, detail, utcnow())
    return account


def logout(engine: Engine, nama: str | None, *, reason: str = "keluar") -> None:
    """Record the end of a session (`reason`: keluar, sesi kedaluwarsa)."""
    if nama:
        _log(engine, nama, vocabulary.LOGOUT, {"nama": nama, "alasan": reason}, utcnow())
