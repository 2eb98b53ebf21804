"""Eight `kinerja` commands at once (issue 10 §2): all succeed in some order, as a sequential run would.

In-process: each thread calls `kinerja.cli.main` as its own invocation (its own engine), started
together by a barrier. Before issue 10, on SQLite seven of eight imports were refused "database
is locked" (three of eight crashed on a new file), on PostgreSQL the same file eight times gave
seven `UniqueViolation`s.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

from kinerja.cli import main
from tests.helpers import databases
from tests.helpers.xlsx import COMPLAINT_HEADER, Sheet, complaint_row, make_xlsx

K = 8
ROWS = 12
UNITS = ["Dinas Kesehatan", "Dinas Lingkungan Hidup dan Kebersihan", "Kec. Oebobo", "Dinas Perhubungan"]


def _files(folder: Path) -> list[Path]:
    """Eight complaint files with their own tickets (ROWS each)."""
    paths = []
    for k in range(K):
        rows = [
            complaint_row(f"F{k}-{i:03d}", **{"Perangkat Daerah Tujuan": UNITS[(k + i) % 4]})
            for i in range(ROWS)
        ]
        path = folder / f"pengaduan_{k}.xlsx"
        path.write_bytes(make_xlsx(Sheet("Pengaduan", [COMPLAINT_HEADER, *rows])))
        paths.append(path)
    return paths


def at_once(argvs: list[list[str]]) -> list[int]:
    """Run each argv through `main` in its own thread, all released together; the exit codes."""
    barrier = threading.Barrier(len(argvs))
    codes: list[int | BaseException] = [0] * len(argvs)

    def one(i: int) -> None:
        barrier.wait()
        try:
            codes[i] = main(argvs[i])
        except BaseException as exc:  # SystemExit or a crash: the test reports it
            codes[i] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(argvs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return codes  # type: ignore[return-value]


def exported(db: str, path: Path) -> dict[str, pd.DataFrame]:
    assert main(["--db", db, "export", str(path)]) == 0
    return pd.read_excel(path, sheet_name=None, engine="calamine")


@pytest.fixture(params=["sqlite", "postgresql"])
def new_and_seeded(request, tmp_path, tmp_path_factory):
    """A database that does not exist yet (SQLite) or is empty (PostgreSQL), and a seeded one."""
    if request.param == "sqlite":
        seeded = databases.copy_of(databases.blank_sqlite(tmp_path_factory), tmp_path, "berurutan.db")
        yield [databases.url(tmp_path / "serentak.db"), databases.url(seeded)]
        return
    seeded = databases.pg_worker_database(tmp_path_factory)
    databases.pg_reset(seeded)
    with databases.pg_database() as new:
        yield [new, seeded]


def test_eight_upgrades_then_eight_imports_at_once_equal_a_sequential_run(new_and_seeded, tmp_path, capsys):
    concurrent, sequential = new_and_seeded
    files = _files(tmp_path)
    assert at_once([["--db", concurrent, "db", "upgrade"]] * K) == [0] * K  # schema made once, under a lock
    assert at_once([["--db", concurrent, "import", str(f)] for f in files]) == [0] * K
    out = capsys.readouterr()
    assert out.out.count("disimpan (unggahan #") == K and "locked" not in out.err and "galat" not in out.err
    for f in files:
        assert main(["--db", sequential, "import", str(f)]) == 0
    a, b = exported(concurrent, tmp_path / "a.xlsx"), exported(sequential, tmp_path / "b.xlsx")
    assert list(a) == list(b)
    for sheet in a:
        pd.testing.assert_frame_equal(a[sheet], b[sheet], check_like=False)
    assert len(a["Pengaduan"]) == ROWS * K


def test_the_same_file_eight_times_at_once_on_postgresql(tmp_path, tmp_path_factory, capsys):
    db = databases.pg_worker_database(tmp_path_factory)
    databases.pg_reset(db)
    one = _files(tmp_path)[0]
    assert at_once([["--db", db, "import", str(one)]] * K) == [0] * K
    out = capsys.readouterr()
    assert out.out.count("disimpan (unggahan #") == K and "UniqueViolation" not in out.err
    # the first stores, the rest change nothing
    assert f"{ROWS} baru" in out.out and out.out.count(f"{ROWS} tetap") == K - 1
