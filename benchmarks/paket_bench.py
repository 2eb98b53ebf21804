"""Cost of the Paket Rapat Evaluasi PDF (fpdf2 + matplotlib) on the 2018 demo, against the Excel rekap.

Prints, as medians of alternating runs in one process: the PDF's seconds and size, the part spent
drawing charts (matplotlib) and the Excel rekap's seconds (the download people already use) as
the baseline; plus the one-off import time of matplotlib and fpdf2 and the machine's load.
Run: python benchmarks/paket_bench.py [--db URL] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _demo_url() -> str:
    path = Path(tempfile.gettempdir()) / "kinerja_paket_bench.db"
    if not path.exists():
        from kinerja.demo.load import load_demo
        from kinerja.store.engine import open_engine, upgrade

        engine = open_engine(f"sqlite:///{path}")
        upgrade(engine)
        load_demo(engine)
        engine.dispose()
    return f"sqlite:///{path}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--month", type=int, default=6)
    args = parser.parse_args()
    start = time.perf_counter()
    import fpdf  # noqa: F401
    import matplotlib.pyplot  # noqa: F401

    imports = time.perf_counter() - start
    from kinerja.exports import paket_charts
    from kinerja.exports.downloads import scorecard_workbook
    from kinerja.exports.paket import meeting_pack
    from kinerja.services.settings import load_settings
    from kinerja.store.engine import connect
    from kinerja.views.year import load_year

    engine = connect(args.db or _demo_url())
    data = load_year(engine, 2018, load_settings(engine))
    chart_time = [0.0]
    for name in ("quadrant",):  # time spent drawing charts, counted in place
        original = getattr(paket_charts, name)

        def timed(*a, _f=original, **k):
            t = time.perf_counter()
            try:
                return _f(*a, **k)
            finally:
                chart_time[0] += time.perf_counter() - t

        setattr(paket_charts, name, timed)
    meeting_pack(data, args.month)  # warm-up: fonts parsed, matplotlib caches built
    pdf_s, xlsx_s, charts_s = [], [], []
    size = 0
    for _ in range(args.runs):
        chart_time[0] = 0.0
        t = time.perf_counter()
        pdf = meeting_pack(data, args.month)
        pdf_s.append(time.perf_counter() - t)
        charts_s.append(chart_time[0])
        size = len(pdf)
        t = time.perf_counter()
        scorecard_workbook(data, args.month)
        xlsx_s.append(time.perf_counter() - t)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    med = statistics.median
    print(f"load average: {os.getloadavg()[0]:.2f}; runs: {args.runs}; month {args.month}; {pages} pages")
    print(f"import matplotlib.pyplot + fpdf (once per process): {imports:.2f} s")
    print(f"PDF pack: median {med(pdf_s):.2f} s (charts {med(charts_s):.2f} s), {size / 1024:.0f} KiB")
    print(
        f"Excel rekap (baseline): median {med(xlsx_s):.2f} s; PDF / rekap = {med(pdf_s) / med(xlsx_s):.1f} ×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
