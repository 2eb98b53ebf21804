"""Accounts as the domain sees them: roles bound to units, password rules, lockout and session limits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from kinerja.domain.access import CAMAT, ROLE_LABEL, Scope, kecamatan_of_unit
from kinerja.domain.settings import Settings
from kinerja.errors import AccountError

MAX_GAGAL = 5  # failed logins in a row before the account is locked
LAMA_KUNCI = timedelta(minutes=15)
SESI_DIAM = timedelta(minutes=30)  # idle time after which a session ends
SESI_MAKS = timedelta(hours=12)  # a session ends this long after login, active or not
MIN_SANDI = 8
JEDA_MAKS = 30.0  # seconds: the longest wait before a login attempt is checked (issue 10 §5)
# One message for every failed login, whatever the cause, so it never tells whether the name exists.
PESAN_GAGAL = (
    "Login gagal: nama pengguna atau kata sandi salah, atau akun tidak dapat dipakai saat ini. "
    f"Setelah {MAX_GAGAL} kali gagal berturut-turut akun dikunci {LAMA_KUNCI.seconds // 60} menit."
)
USER_COLUMNS = ["nama", "peran", "unit", "email", "aktif", "terkunci_sampai", "dibuat_pada", "login_terakhir"]
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


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


def login_delay(failures: int) -> float:
    """Seconds to wait before a login attempt is checked, after `failures` recent failures of the
    account or of the client address (whichever is more): none for the first slip, then 1, 2, 4 …
    up to JEDA_MAKS. It slows guessing without locking the owner out (issue 10 §5)."""
    return 0.0 if failures < 2 else min(2.0 ** (failures - 2), JEDA_MAKS)


def normalize_name(nama: str) -> str:
    return str(nama or "").strip().lower()


def check_name(nama: str) -> str:
    """The normalised user name, or AccountError when it is not a valid one."""
    nama = normalize_name(nama)
    if not _NAME.match(nama):
        raise AccountError(
            "nama pengguna 2–64 karakter: huruf kecil, angka, titik, garis bawah, '-' atau '@'"
        )
    return nama


def check_password(password: str) -> None:
    """AccountError unless the password meets the rules (length, no edge spaces, one line)."""
    if not isinstance(password, str) or len(password) < MIN_SANDI:
        raise AccountError(f"kata sandi minimal {MIN_SANDI} karakter")
    if password != password.strip() or "\n" in password:
        raise AccountError("kata sandi tidak boleh diawali/diakhiri spasi atau memuat baris baru")


def session_expired(
    started: datetime,
    last_seen: datetime,
    now: datetime,
    *,
    idle: timedelta = SESI_DIAM,
    maximum: timedelta = SESI_MAKS,
) -> bool:
    """Whether a session started at `started`, last active at `last_seen`, has ended by `now`."""
    return now - last_seen >= idle or now - started >= maximum


def role_label(peran: str) -> str:
    return ROLE_LABEL.get(peran, peran)
