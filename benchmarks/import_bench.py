"""Goal 1: `python -m kinerja import` of 100,000 messy complaints vs the raw calamine parse, whole processes.

Each run starts two child processes, alternating their order: a raw python-calamine parse of the
sheet (`to_python()`, nothing else) and the admin's command `python -m kinerja --db URL import
FILE` on an empty database (SQLite file, or PostgreSQL with --pg URL). Medians of --runs runs
(default 5); wall time is what the admin waits for, CPU time is shown too because the machine may
be shared. Then `pandas.read_excel(engine="openpyxl")` alone, in this process.
Targets: import ≤ 3,0 × the raw parse; ≥ 5 × faster than openpyxl.
Run: python benchmarks/import_bench.py [--rows 100000] [--runs 5] [--pg postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

import complaint_data
import pandas as pd
import runner


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pg", metavar="URL", help="import into this PostgreSQL database (its schema is reset)")
    ap.add_argument("--skip-openpyxl", action="store_true")
    ap.add_argument("--workbook", type=Path, help="keep the generated workbook here (reused when it exists)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        if args.workbook is not None and args.workbook.exists():
            path = args.workbook
        else:
            path = complaint_data.write_complaints(args.workbook or tmp / "Pengaduan_bench.xlsx", args.rows)
        print(f"workbook: {args.rows:,} complaints, {path.stat().st_size / 2**20:.1f} MB; {runner.load()}")
        dbs = runner.Databases(tmp, args.pg)
        parse: list[runner.Run] = []
        imports: list[runner.Run] = []
        for i in range(args.runs):
            url = dbs.fresh()
            if i % 2:
                imports.append(runner.kinerja(url, "import", str(path)))
                parse.append(runner.raw_parse(path, "Pengaduan"))
            else:
                parse.append(runner.raw_parse(path, "Pengaduan"))
                imports.append(runner.kinerja(url, "import", str(path)))
            assert "disimpan" in imports[-1].out and f"{args.rows} baru" in imports[-1].out, imports[-1].out
            print(f"  run {i + 1}: parse {parse[-1].wall:5.2f} s, import {imports[-1].wall:5.2f} s "
                  f"(CPU {parse[-1].cpu:5.2f} / {imports[-1].cpu:5.2f} s)")  # fmt: skip
        t_parse = runner.median([r.wall for r in parse])
        t_import = runner.median([r.wall for r in imports])
        c_parse = runner.median([r.cpu for r in parse])
        c_import = runner.median([r.cpu for r in imports])
        rss = max(r.rss_mb for r in imports)
        t_openpyxl = None
        if not args.skip_openpyxl:
            data = path.read_bytes()
            start = time.perf_counter()
            pd.read_excel(io.BytesIO(data), sheet_name="Pengaduan", header=2, engine="openpyxl")
            t_openpyxl = time.perf_counter() - start
    store = "PostgreSQL (COPY)" if args.pg else "SQLite"
    print(f"raw python-calamine parse (process)   {t_parse:6.2f} s   CPU {c_parse:5.2f} s")
    print(
        f"python -m kinerja import ({store:9})  {t_import:6.2f} s   CPU {c_import:5.2f} s   peak RSS {rss:,.0f} MB"
    )
    ratio = t_import / t_parse
    print(
        f"import / raw parse                    {ratio:6.2f} x   (CPU {c_import / c_parse:.2f} x; target <= 3.0)"
    )
    ok = ratio <= 3.0
    if t_openpyxl is not None:
        print(f"read_excel(engine='openpyxl') alone   {t_openpyxl:6.2f} s")
        print(f"openpyxl / import                     {t_openpyxl / t_import:6.2f} x   (target >= 5)")
        ok &= t_openpyxl / t_import >= 5
    print(f"goal 1: {'met' if ok else 'NOT met'} ({runner.load()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
