"""Load the seeded Kota Kupang 2018 demo workbooks through the ordinary importer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from kinerja import store
from kinerja.importer import import_file
from kinerja.report import ImportReport

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def load_demo(engine: Engine, out_dir: Path | None = None, seed: int = 2018) -> list[ImportReport]:
    """Write the demo workbooks (PK first) and import each one as the admin would."""
    from kinerja.sample import write_demo

    paths = write_demo(out_dir or DEMO_DIR, seed=seed)
    return [import_file(engine, p.read_bytes(), p.name, user="demo") for p in _pk_first(paths)]


def _pk_first(paths: list[Path]) -> list[Path]:
    return sorted(paths, key=lambda p: (not p.name.upper().startswith("PK"), p.name))


def ensure_demo(engine: Engine) -> bool:
    """Load the demo once into an empty database (first `streamlit run app.py`)."""
    if not store.list_uploads(engine).empty or not store.read_pk(engine).empty:
        return False
    load_demo(engine)
    return True
