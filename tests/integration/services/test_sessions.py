"""Login sessions: a signed token that resumes after a refresh; idle, 12 h, logout, disable and reset end it."""

from __future__ import annotations

from datetime import timedelta

import argon2
import pytest
import sqlalchemy as sa

from kinerja.clock import utcnow
from kinerja.domain.accounts import SESI_DIAM, SESI_MAKS
from kinerja.services import accounts as auth
from kinerja.services import sessions
from kinerja.store.tables import audit, sesi
from tests.conftest import ADMIN

SANDI = "Kupang-Kasih-2018"


@pytest.fixture(autouse=True)
def cheap_hashes():
    default = auth.use_hasher(argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST))
    yield
    auth.use_hasher(default)


@pytest.fixture
def account(engine):
    auth.create_user(engine, "walikota", SANDI, "walikota", scope=ADMIN)
    return auth.authenticate(engine, "walikota", SANDI)


def _rows(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(sesi)).scalar_one())


def test_token_resumes_and_holds_no_password(engine, account) -> None:
    s = sessions.start_session(engine, account)
    assert SANDI not in s.token and len(s.token.split(".")) == 3
    again = sessions.resume_session(engine, s.token)
    assert again is not None and again.account.nama == "walikota"
    assert 0 < s.max_age <= SESI_MAKS.total_seconds()
    with engine.connect() as conn:  # the store keeps a hash of the token, not the token
        (sid,) = conn.execute(sa.select(sesi.c.id)).one()
    assert sid not in s.token


@pytest.mark.parametrize(
    "forge",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
        lambda t: "x" + t,  # random part changed: the signature no longer matches
        lambda t: ".".join(
            [t.split(".")[0], str(int(t.split(".")[1]) + 3600), t.split(".")[2]]
        ),  # longer life
        lambda t: "",
        lambda t: "a.b",
    ],
)
def test_a_forged_token_is_refused(engine, account, forge) -> None:
    s = sessions.start_session(engine, account)
    assert sessions.resume_session(engine, forge(s.token)) is None


def test_idle_and_maximum_end_a_session(engine, account) -> None:
    t0 = utcnow()
    s = sessions.start_session(engine, account, now=t0)
    assert sessions.resume_session(engine, s.token, now=t0 + SESI_DIAM - timedelta(minutes=2)) is not None
    late = t0 + SESI_DIAM * 2 - timedelta(minutes=3)  # active at 28 min: idle counts from there
    assert sessions.resume_session(engine, s.token, now=late) is not None
    assert sessions.resume_session(engine, s.token, now=late + SESI_DIAM) is None
    assert _rows(engine) == 0
    s2 = sessions.start_session(engine, account, now=t0)
    assert sessions.resume_session(engine, s2.token, now=t0 + SESI_MAKS) is None  # 12 h, however active
    with engine.connect() as conn:
        reasons = [
            r for r in conn.execute(sa.select(audit.c.detail).where(audit.c.aksi == "logout")).scalars()
        ]
    assert any("sesi kedaluwarsa" in r for r in reasons)


def test_logout_ends_the_session_everywhere(engine, account) -> None:
    s = sessions.start_session(engine, account)
    other = sessions.start_session(engine, account)  # another browser of the same person
    sessions.end_session(engine, s.token)
    assert sessions.resume_session(engine, s.token) is None
    assert sessions.resume_session(engine, other.token) is not None  # logout ends this browser's login


@pytest.mark.parametrize("change", ["disable", "reset"])
def test_disable_and_password_reset_end_every_session(engine, account, change) -> None:
    tokens = [sessions.start_session(engine, account).token for _ in range(2)]
    if change == "disable":
        auth.disable_user(engine, "walikota", scope=ADMIN)
    else:
        auth.reset_password(engine, "walikota", "Sandi-Baru-Kupang-2", scope=ADMIN)
    assert [sessions.resume_session(engine, t) for t in tokens] == [None, None]
    assert _rows(engine) == 0
    with engine.connect() as conn:
        detail = conn.execute(sa.select(audit.c.detail).order_by(audit.c.id.desc())).scalars().first()
    assert '"sesi_diakhiri": 2' in detail
