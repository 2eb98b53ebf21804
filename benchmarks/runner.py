"""Benchmark plumbing: time a whole child process (wall, CPU, peak RSS) and give each run an empty database."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RAW_PARSE = (
    "import sys, python_calamine\n"
    "book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
    "rows = book.get_sheet_by_name(sys.argv[2]).to_python()\n"
    "print(len(rows))\n"
)


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    rss_mb: float  # peak resident set of the child
    out: str


def run(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a child process to its end; wall time, its own CPU time and peak RSS (os.wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def raw_parse(path: Path, sheet: str) -> Run:
    """The baseline: a process that only parses the sheet with python-calamine (to Python values)."""
    return run([sys.executable, "-c", RAW_PARSE, str(path), sheet])


def kinerja(url: str, *args: str) -> Run:
    """`python -m kinerja --db URL ARGS…` as the admin runs it."""
    return run([sys.executable, "-m", "kinerja", "--db", url, *args])


class Databases:
    """An empty database at the code's schema for each run: a copied SQLite file, or a reset PostgreSQL."""

    def __init__(self, tmp: Path, pg_url: str | None = None) -> None:
        self.tmp, self.pg_url = tmp, pg_url
        self.template = tmp / "leer.db"
        if pg_url is None:
            kinerja(f"sqlite:///{self.template}", "db", "upgrade")

    def fresh(self) -> str:
        if self.pg_url is not None:
            import sqlalchemy as sa

            engine = sa.create_engine(self.pg_url)
            with engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE")
                conn.exec_driver_sql("CREATE SCHEMA public")
            engine.dispose()
            kinerja(self.pg_url, "db", "upgrade")
            return self.pg_url
        target = self.tmp / "bench.db"
        for extra in ("-wal", "-shm"):
            Path(f"{target}{extra}").unlink(missing_ok=True)
        shutil.copy(self.template, target)
        return f"sqlite:///{target}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
