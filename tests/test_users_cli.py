"""`python -m kinerja user …` round trip: the password comes from stdin or a prompt, never argv."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from kinerja import audit, auth, store, users_cli
from kinerja.errors import KinerjaError
from kinerja.tables import pengguna

ROOT = Path(__file__).resolve().parent.parent


def run(db: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KINERJA_DB_URL", None)
    cmd = [sys.executable, "-m", "kinerja", "--db", db, *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/kinerja.db"


def test_round_trip(db) -> None:
    out = run(db, "user", "list")
    assert out.returncode == 0 and "belum ada akun" in out.stdout
    added = run(
        db, "user", "add", "Budi.Kesehatan", "--role", "opd", "--unit", "Dinkes", stdin="Sandi-Rahasia-1\n"
    )
    assert added.returncode == 0, added.stderr
    assert "akun 'budi.kesehatan' dibuat: peran opd, unit Dinas Kesehatan (DINKES)" in added.stdout
    assert run(db, "user", "add", "admin", "--role", "admin", stdin="Sandi-Admin-99\n").returncode == 0
    listed = run(db, "user", "list")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert any(line.split()[:3] == ["budi.kesehatan", "opd", "DINKES"] for line in lines)
    assert any(line.split()[:2] == ["admin", "admin"] for line in lines)

    engine = store.connect(db)
    assert auth.authenticate(engine, "budi.kesehatan", "Sandi-Rahasia-1").scope().unit == "DINKES"
    reset = run(db, "user", "reset-password", "BUDI.kesehatan", stdin="Sandi-Baru-22\r\n")
    assert reset.returncode == 0, reset.stderr
    with pytest.raises(auth.LoginFailed):
        auth.authenticate(engine, "budi.kesehatan", "Sandi-Rahasia-1")
    assert auth.authenticate(engine, "budi.kesehatan", "Sandi-Baru-22").peran == "opd"
    assert run(db, "user", "disable", "budi.kesehatan").returncode == 0
    with pytest.raises(auth.LoginFailed):
        auth.authenticate(engine, "budi.kesehatan", "Sandi-Baru-22")

    with engine.connect() as conn:
        hashes = conn.execute(sa.select(pengguna.c.hash)).scalars().all()
    log = audit.read_audit(engine)
    outputs = added.stdout + added.stderr + listed.stdout + reset.stdout + reset.stderr + log.to_string()
    for secret in ["Sandi-Rahasia-1", "Sandi-Admin-99", "Sandi-Baru-22", "$argon2", *hashes]:
        assert secret not in outputs
    assert {audit.AKUN_DIBUAT, audit.SANDI_DIRESET, audit.AKUN_DINONAKTIFKAN} <= set(log["aksi"])
    changes = log[log["aksi"].isin([audit.AKUN_DIBUAT, audit.SANDI_DIRESET, audit.AKUN_DINONAKTIFKAN])]
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
def test_errors_are_messages_and_store_nothing(db, args, stdin, text) -> None:
    out = run(db, *args, stdin=stdin)
    assert out.returncode == 2 and text in out.stderr and "Traceback" not in out.stderr
    engine = store.connect(db)
    assert not auth.has_accounts(engine)
    engine.dispose()


def test_password_is_never_a_command_line_argument(db) -> None:
    out = run(db, "user", "add", "budi", "--role", "admin", "--password", "Sandi-Rahasia-1")
    assert out.returncode == 2 and "unrecognized arguments" in out.stderr
    assert "--password" not in run(db, "user", "add", "--help").stdout


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
