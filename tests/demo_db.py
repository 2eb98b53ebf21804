"""The seeded Kota Kupang 2018 demo database, built once per test session, copied when mutated."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import warnings
from pathlib import Path


def url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).resolve()}"


@functools.lru_cache(maxsize=1)
def demo_db_path() -> Path:
    """Path of the demo SQLite file (KINERJA_TEST_DEMO_DB reuses a prebuilt one).

    Files the importer refuses are loaded again with their valid rows only and a warning, so a
    bad row in the demo data shows up as a warning instead of hiding every dashboard test.
    """
    prebuilt = os.environ.get("KINERJA_TEST_DEMO_DB")
    if prebuilt:
        return Path(prebuilt)
    from kinerja import store
    from kinerja.demo import _pk_first, load_demo
    from kinerja.importer import import_file

    root = Path(tempfile.mkdtemp(prefix="kinerja-demo-"))
    engine = store.connect(url(root / "kinerja.db"))
    reports = load_demo(engine, out_dir=root / "workbooks")
    for rep in reports:
        if not rep.stored:
            path = next(p for p in _pk_first(list((root / "workbooks").glob("*.xlsx"))) if p.name == rep.file)
            again = import_file(engine, path.read_bytes(), path.name, user="demo", partial=True)
            first = "; ".join(p.line() for p in rep.errors[:3])
            warnings.warn(f"demo {rep.file}: {len(rep.errors)} galat, {again.skipped_rows} baris dilewati ({first})",
                          stacklevel=1)  # fmt: skip
    engine.dispose()
    return root / "kinerja.db"


def demo_copy(directory: Path) -> Path:
    """A fresh copy of the demo database in `directory` (for tests that change it)."""
    target = Path(directory) / "kinerja.db"
    shutil.copyfile(demo_db_path(), target)
    return target
