"""Login sessions that survive a refresh: a signed, expiring token in a cookie, a row in table sesi.

The token is `<random>.<expiry>.<signature>`: 32 random bytes, the session's latest end (login +
12 h, Unix seconds) and an HMAC-SHA256 of both with the installation's `kunci_sesi` secret. The
signature lets a forged or stale cookie be turned away without trusting it; the row (keyed by the
SHA-256 of the random part, so a copy of the database holds no usable token) is what makes the
session revocable: logout deletes it, disabling an account or resetting its password deletes all
of that account's rows (kinerja.services.accounts), and 30 idle minutes end it. A stateless token
alone could not be ended by logout or by the admin, and tracking idle time in the cookie would
mean rewriting it on every click.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from kinerja.clock import utcnow
from kinerja.domain.accounts import SESI_DIAM, SESI_MAKS, Account, session_expired
from kinerja.services.accounts import get_account, logout
from kinerja.store import sessions as stored
from kinerja.store.secrets import installation_secret

COOKIE = "kinerja_sesi"
SECRET_NAME = "kunci_sesi"  # HMAC key of session tokens, apart from the identity hash key
TOUCH_EVERY = timedelta(minutes=1)  # activity is written at most this often (idle limit: 30 min)
_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class Session:
    """A live session: its token (for the cookie), the account, and whether SSO started it."""

    token: str
    account: Account
    sso: bool = False

    @property
    def max_age(self) -> int:
        """Seconds the cookie may live (until the session's 12-hour end)."""
        return max(0, _expiry(self.token) - int((utcnow() - _EPOCH).total_seconds()))


def _key(engine: Engine) -> bytes:
    return installation_secret(engine, SECRET_NAME)


def _sign(key: bytes, payload: str) -> str:
    mac = hmac.new(key, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _sid(random_part: str) -> str:
    return hashlib.sha256(random_part.encode()).hexdigest()


def _expiry(token: str) -> int:
    try:
        return int(token.split(".")[1])
    except (IndexError, ValueError):
        return 0


def start_session(
    engine: Engine, account: Account, *, sso: bool = False, now: datetime | None = None
) -> Session:
    """A new session for an authenticated account; its token goes into the cookie."""
    now = now or utcnow()
    random_part = secrets.token_urlsafe(32)
    expiry = int((now + SESI_MAKS - _EPOCH).total_seconds())
    payload = f"{random_part}.{expiry}"
    token = f"{payload}.{_sign(_key(engine), payload)}"
    with engine.begin() as conn:
        stored.delete_sessions_before(conn, now - SESI_MAKS, now - SESI_DIAM)
        stored.insert_session(conn, _sid(random_part), account.nama, now, sso=sso)
    return Session(token, account, sso)


def verified_sid(engine: Engine, token: str | None, now: datetime | None = None) -> str | None:
    """The session id of a well-signed, unexpired token; None for anything else."""
    parts = str(token or "").split(".")
    if len(parts) != 3 or not parts[0] or not parts[1].isdigit():
        return None
    payload = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_sign(_key(engine), payload), parts[2]):
        return None
    now = now or utcnow()
    if int(parts[1]) <= int((now - _EPOCH).total_seconds()):
        return None
    return _sid(parts[0])


def resume_session(engine: Engine, token: str | None, *, now: datetime | None = None) -> Session | None:
    """The live session a token names (a refresh, a new tab, a bookmark); None when it has ended.

    Ended: bad signature, past its 12 h, idle 30 min, logged out, the account disabled or its
    password reset, or the account gone. An idle or expired row is deleted and the logout logged.
    """
    now = now or utcnow()
    sid = verified_sid(engine, token, now)
    if sid is None:
        return None
    with engine.connect() as conn:
        row = stored.read_session(conn, sid)
    if row is None:
        return None
    if session_expired(row.mulai, row.terakhir, now):
        with engine.begin() as conn:
            stored.delete_session(conn, sid)
        logout(engine, row.nama, reason="sesi kedaluwarsa")
        return None
    account = get_account(engine, row.nama)
    if account is None or not account.aktif:
        with engine.begin() as conn:
            stored.delete_session(conn, sid)
        return None
    if now - row.terakhir >= TOUCH_EVERY:
        with engine.begin() as conn:
            stored.touch_session(conn, sid, now)
    return Session(str(token), account, bool(row.sso))


def end_session(engine: Engine, token: str | None, *, reason: str = "keluar") -> None:
    """Logout: the session's row goes (every tab holding the cookie is signed out); logged."""
    sid = verified_sid(engine, token)
    if sid is None:
        return
    with engine.begin() as conn:
        row = stored.read_session(conn, sid)
        stored.delete_session(conn, sid)
    if row is not None:
        logout(engine, row.nama, reason=reason)
