"""Goal 3 in Chromium: login → Ringkasan fully drawn on five years of data, and the app's memory.

A copy of the five-year database (benchmarks/five_years.py) with one admin account; one
`streamlit run app.py`; the system Chromium signs in and waits until the script run has ended
(no running indicator, no spinner) and the Ringkasan charts are on the page. First login after
the server starts (the year is computed) and a second login in a new browser context (cached).
Target: ≤ 3 s; app process ≤ 1 GB (VmHWM of the streamlit process).
Run: python benchmarks/browser_bench.py [--db PATH] [--runs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import five_years  # noqa: E402

from kinerja.store.engine import connect  # noqa: E402
from tests.helpers.accounts import SANDI, cheap_hashes, create_accounts  # noqa: E402
from tests.helpers.browser import ARGS, CHROMIUM, streamlit_servers  # noqa: E402

IDLE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
    "!document.querySelector('[data-testid=\"stSpinner\"]') && "
    "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length > 0"
)


def _login_seconds(browser, base: str) -> float:  # noqa: ANN001
    page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="id-ID").new_page()
    page.goto(base)
    page.get_by_label("Nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(SANDI)
    start = time.perf_counter()
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector("[data-testid='stMain'] h1:has-text('Ringkasan')", timeout=120_000)
    page.wait_for_function(IDLE, timeout=120_000, polling=50)
    took = time.perf_counter() - start
    page.context.close()
    return took


def _peak_rss_mb(port: str) -> float:
    """VmHWM of the streamlit process listening on `port` (found by its command line)."""
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and port.encode() in cmd:
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path, default=Path("/tmp/kinerja-bench/five_years.db"))
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    five_years.ensure(args.db)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kinerja.db"
        shutil.copy(args.db, db)
        engine = connect(f"sqlite:///{db}")
        with cheap_hashes():
            create_accounts(engine, ("admin",))
        engine.dispose()
        with streamlit_servers(f"sqlite:///{db}", 1) as (base,), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            first = _login_seconds(browser, base)
            again = [_login_seconds(browser, base) for _ in range(args.runs)]
            rss = _peak_rss_mb(base.rsplit(":", 1)[1])
            browser.close()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"login → Ringkasan drawn: first after start {first:.2f} s, again (median of {args.runs}) "
          f"{statistics.median(again):.2f} s (target ≤ 3 s)")  # fmt: skip
    print(f"app process peak RSS {rss:,.0f} MB (target ≤ 1024 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
