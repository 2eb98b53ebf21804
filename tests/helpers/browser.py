"""Shared plumbing of the browser tests: the Chromium requirement and `streamlit run` servers."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def require_browser(what: str = "uji peramban") -> None:
    """Skip with a visible reason without Chromium; fail instead when CI demands the browser."""
    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} tidak ada: {what} dilewati (apt-get install chromium)"
    if os.environ.get("KINERJA_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " — wajib karena KINERJA_REQUIRE_BROWSER=1")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db_url: str) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 with the given database; yields the base URL."""
    with streamlit_servers(db_url, 1) as (base,):
        yield base


@contextlib.contextmanager
def streamlit_servers(db_url: str, n: int) -> Iterator[list[str]]:
    """`n` `streamlit run app.py` processes on one database, started together; their base URLs."""
    env = os.environ | {"KINERJA_DB_URL": db_url, "KINERJA_DEMO": "0"}
    procs: list[tuple[subprocess.Popen, str]] = []
    try:
        for _ in range(n):
            port = _free_port()
            cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                   "--server.address", "127.0.0.1", "--server.port", str(port),
                   "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none"]  # edits to the sources mid-test must not show "File change"  # fmt: skip
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            procs.append((proc, f"http://127.0.0.1:{port}"))
        for proc, base in procs:
            _wait_healthy(proc, base)
        yield [base for _, base in procs]
    finally:
        for proc, _ in procs:
            proc.terminate()
        for proc, _ in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _wait_healthy(proc: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            log = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            pytest.fail(f"streamlit tidak siap di {base}:\n{log[-2000:]}")
        time.sleep(0.5)
