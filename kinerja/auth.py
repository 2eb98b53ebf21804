"""Local accounts: Argon2 hashes, roles bound to units, lockout, session expiry (issue 6)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from kinerja import audit
from kinerja.access import CAMAT, OPD, ROLE_LABEL, ROLES, UNIT_ROLES, Scope, kecamatan_of_unit
from kinerja.errors import KinerjaError
from kinerja.schema import LUAR_PEMKOT
from kinerja.settings import Settings
from kinerja.tables import pengguna, unit

MAX_GAGAL = 5  # failed logins in a row before the account is locked
LAMA_KUNCI = timedelta(minutes=15)
SESI_DIAM = timedelta(minutes=30)  # idle time after which a session ends
SESI_MAKS = timedelta(hours=12)  # a session ends this long after login, active or not
MIN_SANDI = 8
# One message for every failed login, whatever the cause, so it never tells whether the name exists.
PESAN_GAGAL = (
    "Login gagal: nama pengguna atau kata sandi salah, atau akun tidak dapat dipakai saat ini. "
    f"Setelah {MAX_GAGAL} kali gagal berturut-turut akun dikunci {LAMA_KUNCI.seconds // 60} menit."
)
USER_COLUMNS = ["nama", "peran", "unit", "email", "aktif", "terkunci_sampai", "dibuat_pada", "login_terakhir"]
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
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


class LoginFailed(KinerjaError):
    """Raised when a login does not succeed; the message is always PESAN_GAGAL."""

    def __init__(self) -> None:
        super().__init__(PESAN_GAGAL)


@dataclass(frozen=True)
class Account:
    """A stored account without its hash."""

    nama: str
    peran: str
    unit: str | None = None
    unit_nama: str | None = None
    email: str | None = None
    aktif: bool = True

    @property
    def kecamatan(self) -> str | None:
        return kecamatan_of_unit(self.unit_nama) if self.peran == CAMAT else None

    def scope(self, settings: Settings | None = None) -> Scope:
        """The Scope this account acts with (the detail-page setting from `settings`)."""
        other = (settings or Settings()).unit_lihat_unit_lain
        return Scope(self.peran, self.unit, self.kecamatan, bool(other), self.nama)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def normalize_name(nama: str) -> str:
    return str(nama or "").strip().lower()


def hash_password(password: str) -> str:
    _check_password(password)
    return _hasher.hash(password)


def _check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_SANDI:
        raise KinerjaError(f"kata sandi minimal {MIN_SANDI} karakter")
    if password != password.strip() or "\n" in password:
        raise KinerjaError("kata sandi tidak boleh diawali/diakhiri spasi atau memuat baris baru")


def _resolve_unit(engine: Engine, peran: str, unit_name: str | None) -> tuple[str | None, str | None]:
    """Unit kode and name an account of `peran` is bound to (None for walikota/admin)."""
    if peran not in UNIT_ROLES:
        if unit_name:
            raise KinerjaError(f"peran {peran} tidak terikat pada unit; hapus --unit")
        return None, None
    if not unit_name:
        raise KinerjaError(f"peran {peran} wajib terikat pada satu unit (--unit)")
    from kinerja.store import read_units
    from kinerja.units import UnitResolver

    resolver = UnitResolver(read_units(engine))
    kode = resolver.find(unit_name)
    if kode is None:
        hint = resolver.suggest(unit_name)
        raise KinerjaError(f"unit '{unit_name}' tidak dikenal" + (f" (maksud Anda: {hint}?)" if hint else ""))
    jenis, nama = resolver.jenis(kode), resolver.name(kode)
    if peran == CAMAT and (jenis != "Kecamatan" or kecamatan_of_unit(nama) is None):
        raise KinerjaError(f"akun camat harus terikat pada unit Kecamatan, bukan '{nama}'")
    if peran == OPD and jenis in ("Kecamatan", LUAR_PEMKOT):
        raise KinerjaError(f"akun opd tidak dapat terikat pada '{nama}' (camat: --role camat)")
    return kode, nama


def _account(row: Any, unit_nama: str | None) -> Account:
    return Account(row.nama, row.peran, row.unit, unit_nama, row.email, bool(row.aktif))


def _select() -> sa.Select[Any]:
    return sa.select(pengguna, unit.c.nama.label("unit_nama")).select_from(
        pengguna.outerjoin(unit, unit.c.kode == pengguna.c.unit)
    )


def has_accounts(engine: Engine) -> bool:
    """Whether any account exists (disabled ones too): without one the app runs in mode demo."""
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(pengguna)).scalar_one() > 0


def get_account(engine: Engine, nama: str) -> Account | None:
    with engine.connect() as conn:
        row = conn.execute(_select().where(pengguna.c.nama == normalize_name(nama))).first()
    return _account(row, row.unit_nama) if row else None


def account_by_email(engine: Engine, email: str | None) -> Account | None:
    """The active account an SSO e-mail maps to (case-insensitive), else None."""
    if not email:
        return None
    with engine.connect() as conn:
        stmt = _select().where(sa.func.lower(pengguna.c.email) == email.strip().lower(), pengguna.c.aktif)
        row = conn.execute(stmt).first()
    return _account(row, row.unit_nama) if row else None


def check_new_user(
    engine: Engine, nama: str, peran: str, unit_name: str | None = None, *, email: str | None = None
) -> tuple[str, str | None, str | None, str | None]:
    """Name, unit kode, unit name and e-mail of a valid new account (before asking a password)."""
    nama = normalize_name(nama)
    if not _NAME.match(nama):
        raise KinerjaError(
            "nama pengguna 2–64 karakter: huruf kecil, angka, titik, garis bawah, '-' atau '@'"
        )
    if peran not in ROLES:
        raise KinerjaError(f"peran '{peran}' tidak dikenal (diharapkan: {', '.join(ROLES)})")
    kode, unit_nama = _resolve_unit(engine, peran, unit_name)
    email = email.strip().lower() if email else None
    with engine.connect() as conn:
        _check_unique(conn, nama, email)
    return nama, kode, unit_nama, email


def _check_unique(conn: Any, nama: str, email: str | None) -> None:
    if conn.execute(sa.select(pengguna.c.nama).where(pengguna.c.nama == nama)).first():
        raise KinerjaError(f"nama pengguna '{nama}' sudah dipakai")
    if email and conn.execute(sa.select(pengguna.c.nama).where(pengguna.c.email == email)).first():
        raise KinerjaError(f"e-mail '{email}' sudah dipakai akun lain")


def create_user(
    engine: Engine,
    nama: str,
    password: str,
    peran: str,
    unit_name: str | None = None,
    *,
    email: str | None = None,
    actor: str | None = None,
) -> Account:
    """Store a new account (Argon2 hash); opd/camat are bound to one unit."""
    nama, kode, unit_nama, email = check_new_user(engine, nama, peran, unit_name, email=email)
    hashed = hash_password(password)
    with engine.begin() as conn:
        _check_unique(conn, nama, email)
        values = {"nama": nama, "hash": hashed, "peran": peran, "unit": kode, "email": email}
        conn.execute(pengguna.insert().values(**values, aktif=True, gagal=0, dibuat_pada=utcnow()))
        detail = {"nama": nama, "peran": peran, "unit": kode, "email": email}
        audit.log_event(conn, actor, audit.AKUN_DIBUAT, detail)
    return Account(nama, peran, kode, unit_nama, email, True)


def list_users(engine: Engine) -> pd.DataFrame:
    """Accounts (never the hash), by name."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(*[pengguna.c[c] for c in USER_COLUMNS]).order_by(pengguna.c.nama)).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=USER_COLUMNS)
    frame["aktif"] = frame["aktif"].astype(bool)
    return frame


def _update(engine: Engine, nama: str, action: str, actor: str | None, **values: Any) -> Account:
    nama = normalize_name(nama)
    with engine.begin() as conn:
        done = conn.execute(pengguna.update().where(pengguna.c.nama == nama).values(**values))
        if done.rowcount == 0:
            raise KinerjaError(f"nama pengguna '{nama}' tidak ada")
        audit.log_event(conn, actor, action, {"nama": nama})
    account = get_account(engine, nama)
    assert account is not None
    return account


def disable_user(engine: Engine, nama: str, *, actor: str | None = None) -> Account:
    return _update(engine, nama, audit.AKUN_DINONAKTIFKAN, actor, aktif=False)


def enable_user(engine: Engine, nama: str, *, actor: str | None = None) -> Account:
    return _update(engine, nama, audit.AKUN_DIAKTIFKAN, actor, aktif=True, gagal=0, terkunci_sampai=None)


def reset_password(engine: Engine, nama: str, password: str, *, actor: str | None = None) -> Account:
    """New password; also lifts a lockout."""
    hashed = hash_password(password)
    return _update(engine, nama, audit.SANDI_DIRESET, actor, hash=hashed, gagal=0, terkunci_sampai=None)


def authenticate(engine: Engine, nama: str, password: str, *, now: datetime | None = None) -> Account:
    """The account when name and password match an active, unlocked account; else LoginFailed.

    After MAX_GAGAL failures in a row the account is locked for LAMA_KUNCI; every failure, for
    any reason, raises the same error (PESAN_GAGAL), and the hash is always verified so the
    time taken does not tell either.
    """
    now = now or utcnow()
    nama = normalize_name(nama)
    with engine.connect() as conn:
        row = conn.execute(_select().where(pengguna.c.nama == nama)).first()
    ok = _verify(row.hash if row else _dummy_hash(), password or "")
    if row is None:
        # The typed name is not logged: people type their password into the name field.
        audit.log_event(engine, None, audit.LOGIN_GAGAL, {"alasan": "nama tidak dikenal"}, now=now)
        raise LoginFailed()
    locked = row.terkunci_sampai is not None and row.terkunci_sampai > now
    if not row.aktif or locked:
        reason = "akun nonaktif" if not row.aktif else "akun terkunci"
        audit.log_event(engine, nama, audit.LOGIN_GAGAL, {"nama": nama, "alasan": reason}, now=now)
        raise LoginFailed()
    if not ok:
        _record_failure(engine, nama, now)
        raise LoginFailed()
    values: dict[str, Any] = {"gagal": 0, "terkunci_sampai": None, "login_terakhir": now}
    if _hasher.check_needs_rehash(row.hash):
        values["hash"] = _hasher.hash(password)
    with engine.begin() as conn:
        conn.execute(pengguna.update().where(pengguna.c.nama == nama).values(**values))
        audit.log_event(conn, nama, audit.LOGIN, {"nama": nama, "peran": row.peran}, now=now)
    return _account(row, row.unit_nama)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _record_failure(engine: Engine, nama: str, now: datetime) -> None:
    with engine.begin() as conn:
        # Atomic increment: two wrong passwords at once both count.
        conn.execute(pengguna.update().where(pengguna.c.nama == nama).values(gagal=pengguna.c.gagal + 1))
        gagal = conn.execute(sa.select(pengguna.c.gagal).where(pengguna.c.nama == nama)).scalar_one()
        audit.log_event(
            conn, nama, audit.LOGIN_GAGAL, {"nama": nama, "alasan": "kata sandi salah", "ke": gagal}, now=now
        )
        if gagal >= MAX_GAGAL:
            until = now + LAMA_KUNCI
            conn.execute(
                pengguna.update().where(pengguna.c.nama == nama).values(gagal=0, terkunci_sampai=until)
            )
            audit.log_event(
                conn, nama, audit.AKUN_DIKUNCI, {"nama": nama, "sampai": until.isoformat()}, now=now
            )


def logout(engine: Engine, nama: str | None, *, reason: str = "keluar") -> None:
    """Record the end of a session (`reason`: keluar, sesi kedaluwarsa)."""
    if nama:
        audit.log_event(engine, nama, audit.LOGOUT, {"nama": nama, "alasan": reason})


def session_expired(
    started: datetime,
    last_seen: datetime,
    now: datetime | None = None,
    *,
    idle: timedelta = SESI_DIAM,
    maximum: timedelta = SESI_MAKS,
) -> bool:
    """Whether a session started at `started`, last active at `last_seen`, has ended by `now`."""
    now = now or utcnow()
    return now - last_seen >= idle or now - started >= maximum


def role_label(peran: str) -> str:
    return ROLE_LABEL.get(peran, peran)
