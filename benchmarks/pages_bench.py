"""Render every dashboard page with AppTest on the demo database and print seconds per page.

Target: < 2 s per page. Columns: `cold` = first view right after an upload (every cache empty:
reads the database and computes the year's scorecards); `first` = first view of the page once
the year is computed (its own views not cached yet); `warm` = the same page again.
The machine's load average is printed too: the figures are wall-clock seconds.
Run: python benchmarks/pages_bench.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["ringkasan", "perangkat_daerah", "kecamatan", "pengaduan", "metodologi", "unduh"]
TARGET = 2.0


def _render(page: str) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if page != "ringkasan":
        at.switch_page(f"pages/{page}.py")
    start = time.perf_counter()
    at.run()
    took = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].value}")
    return took


def main() -> int:
    from tests.demo_db import demo_db_path, url

    t0 = time.perf_counter()
    os.environ["KINERJA_DB_URL"] = url(demo_db_path())
    os.environ["KINERJA_DEMO"] = "0"
    print(f"demo database ready in {time.perf_counter() - t0:.1f} s")

    import streamlit as st

    _render("metodologi")  # start-up: imports and Streamlit's own first-run work
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'page':18} {'cold s':>7} {'first s':>8} {'warm s':>7}")
    worst = 0.0
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        cold = _render(page)
        st.cache_data.clear()  # the year stays computed (a cache resource); the page's views do not
        first = _render(page)
        warm = _render(page)
        worst = max(worst, first)
        flag = "" if first < TARGET else "  > target"
        print(f"{page:18} {cold:7.2f} {first:8.2f} {warm:7.2f}{flag}")
    print(f"target < {TARGET:.0f} s per page (first view); worst {worst:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
