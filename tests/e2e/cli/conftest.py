"""The CLI in-process: `kinerja.cli.main(argv)` with captured output and a given stdin."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kinerja.cli import main
from tests.helpers import databases


@dataclass(frozen=True)
class Run:
    rc: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """`run(db, *args, stdin="")` ≈ `python -m kinerja --db DB ARGS < stdin` (db None: no --db).

    stdin is never a TTY here, so a password is read as one line of it (kinerja.cli.users).
    """

    def _run(db: str | None, *args: str, stdin: str = "") -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            rc = main([*(["--db", db] if db is not None else []), *args])
        except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
            rc = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return Run(rc, out, err)

    return _run


@pytest.fixture
def db(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a new, seeded SQLite database (a copy of the template `db upgrade` builds)."""
    return databases.url(databases.copy_of(databases.blank_sqlite(tmp_path_factory), tmp_path))
