"""`python -m kinerja user …` round trip: the password comes from stdin or a prompt, never argv."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from kinerja.cli import users as users_cli
from kinerja.domain import vocabulary
from kinerja.errors import KinerjaError, LoginFailed
from kinerja.services import accounts as auth
from kinerja.store.audit import read_audit
from kinerja.store.engine import connect
from kinerja.store.tables import pengguna
from tests.helpers.accounts import cheap_hashes


@pytest.fixture(autouse=True)
def _cheap_hashes() -> Iterator[None]:
    """In-process, the CLI hashes with the tests' cheap Argon2 parameters."""
    with cheap_hashes():
        yield


def test_round_trip(run, db) -> None:
    out = run(db, "user", "list")
    assert out.rc == 0 and "belum ada akun" in out.out
    added = run(
        db, "user", "add", "Budi.Kesehatan", "--role", "opd", "--unit", "Dinkes", stdin="Sandi-Rahasia-1\n"
    )
    assert added.rc == 0, added.err
    assert "akun 'budi.kesehatan' dibuat: peran opd, unit Dinas Kesehatan (DINKES)" in added.out
    assert run(db, "user", "add", "admin", "--role", "admin", stdin="Sandi-Admin-99\n").rc == 0
    listed = run(db, "user", "list")
    assert listed.rc == 0
    lines = listed.out.splitlines()
    assert any(line.split()[:3] == ["budi.kesehatan", "opd", "DINKES"] for line in lines)
    assert any(line.split()[:2] == ["admin", "admin"] for line in lines)

    engine = connect(db)
    assert auth.authenticate(engine, "budi.kesehatan", "Sandi-Rahasia-1").scope().unit == "DINKES"
    reset = run(db, "user", "reset-password", "BUDI.kesehatan", stdin="Sandi-Baru-22\r\n")
    assert reset.rc == 0, reset.err
    with pytest.raises(LoginFailed):
        auth.authenticate(engine, "budi.kesehatan", "Sandi-Rahasia-1")
    assert auth.authenticate(engine, "budi.kesehatan", "Sandi-Baru-22").peran == "opd"
    assert run(db, "user", "disable", "budi.kesehatan").rc == 0
    with pytest.raises(LoginFailed):
        auth.authenticate(engine, "budi.kesehatan", "Sandi-Baru-22")

    with engine.connect() as conn:
        hashes = conn.execute(sa.select(pengguna.c.hash)).scalars().all()
    log = read_audit(engine)
    outputs = added.out + added.err + listed.out + reset.out + reset.err + log.to_string()
    for secret in ["Sandi-Rahasia-1", "Sandi-Admin-99", "Sandi-Baru-22", "$argon2", *hashes]:
        assert secret not in outputs
    assert {vocabulary.AKUN_DIBUAT, vocabulary.SANDI_DIRESET, vocabulary.AKUN_DINONAKTIFKAN} <= set(
        log["aksi"]
    )
    changes = log[
        log["aksi"].isin([vocabulary.AKUN_DIBUAT, vocabulary.SANDI_DIRESET, vocabulary.AKUN_DINONAKTIFKAN])
    ]
    assert len(changes) == 4 and changes["pelaku"].str.startswith("cli:").all()
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "stdin", "text"),
    [
        (
            ["user", "add", "camat2", "--role", "camat", "--unit", "Dinkes"],
            "Sandi-Rahasia-1\n",
            "unit Kecamatan",
        ),
        (["user", "add", "c", "--role", "admin"], "Sandi-Rahasia-1\n", "nama pengguna"),
        (["user", "add", "budi", "--role", "admin"], "", "tidak terbaca"),
        (["user", "add", "budi", "--role", "admin"], "pendek\n", "minimal 8"),
        (["user", "disable", "siapa"], "", "tidak ada"),
        (["user", "reset-password", "siapa"], "Sandi-Rahasia-1\n", "tidak ada"),
    ],
)
def test_errors_are_messages_and_store_nothing(run, db, args, stdin, text) -> None:
    out = run(db, *args, stdin=stdin)
    assert out.rc == 2 and text in out.err and "Traceback" not in out.err
    engine = connect(db)
    assert not auth.has_accounts(engine)
    engine.dispose()


def test_password_is_never_a_command_line_argument(run, db) -> None:
    out = run(db, "user", "add", "budi", "--role", "admin", "--password", "Sandi-Rahasia-1")
    assert out.rc == 2 and "galat: argumen tidak dikenal: --password" in out.err  # argparse, in Indonesian
    assert "--password" not in run(db, "user", "add", "--help").out


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_prompt_asks_twice_on_a_terminal(monkeypatch) -> None:
    answers = iter(["Sandi-Rahasia-1", "Sandi-Rahasia-1", "Sandi-Rahasia-1", "lain-lainnya"])
    monkeypatch.setattr(users_cli.getpass, "getpass", lambda prompt="": next(answers))
    assert users_cli.read_password(_Tty()) == "Sandi-Rahasia-1"
    with pytest.raises(KinerjaError, match="tidak sama"):
        users_cli.read_password(_Tty())
    assert users_cli.read_password(io.StringIO("satu baris saja\nbaris kedua\n")) == "satu baris saja"


def test_user_unlock_lifts_a_lockout_keeps_the_password_and_the_audit_shows_the_source(run, db) -> None:
    """Issue 10 §5: whoever locks an account out with five guesses, the admin opens it again."""
    assert run(db, "user", "add", "kadis", "--role", "admin", stdin="Sandi-Kadis-12\n").rc == 0
    engine = connect(db)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            auth.authenticate(engine, "kadis", "tebakan", source="203.0.113.9")
    with pytest.raises(LoginFailed):  # locked: even the right password is refused
        auth.authenticate(engine, "kadis", "Sandi-Kadis-12", source="10.0.0.2")
    unlocked = run(db, "user", "unlock", "KADIS")
    assert (
        unlocked.rc == 0
        and unlocked.out.strip() == "kunci login akun 'kadis' dibuka (kata sandi tidak berubah)"
    )
    assert auth.authenticate(engine, "kadis", "Sandi-Kadis-12", source="10.0.0.2").nama == "kadis"
    log = read_audit(engine)
    guesses = log[log["aksi"] == vocabulary.LOGIN_GAGAL]["detail"].tolist()
    assert sorted(d.get("sumber") for d in guesses) == ["10.0.0.2"] + ["203.0.113.9"] * 5
    (locked,) = log[log["aksi"] == vocabulary.AKUN_DIKUNCI]["detail"].tolist()
    assert locked["sumber"] == "203.0.113.9"
    assert vocabulary.AKUN_DIBUKA in set(log["aksi"])
    assert run(db, "user", "unlock", "tidak.ada").rc == 2
    engine.dispose()
