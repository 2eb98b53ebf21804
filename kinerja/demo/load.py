"""Load the seeded Kota Kupang 2018 demo workbooks through the ordinary import service."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from kinerja import paths
from kinerja.demo.whatsapp import load_whatsapp
from kinerja.demo.workbooks import write_demo
from kinerja.domain.access import admin_scope
from kinerja.errors import ImportRefused
from kinerja.ingest.report import ImportReport
from kinerja.services.importer import import_file
from kinerja.store.readers import list_uploads, read_pk

DEMO_USER = "demo"


def load_demo(
    engine: Engine, out_dir: Path | None = None, seed: int = 2018, *, stop_at_refusal: bool = False
) -> list[ImportReport]:
    """Write the demo workbooks (PK first) and import each one as the admin would; then the
    WhatsApp exports through triage (issue 14). `stop_at_refusal`: end at the first refused file."""
    written = write_demo(out_dir or paths.DEMO_DIR, seed=seed)
    scope = admin_scope(DEMO_USER)
    reports = []
    for p in pk_first(written):
        reports.append(import_file(engine, p.read_bytes(), p.name, scope=scope))
        if stop_at_refusal and not reports[-1].stored:
            return reports
    return reports + load_whatsapp(engine, Path(out_dir or paths.DEMO_DIR) / "whatsapp", seed)


def pk_first(files: list[Path]) -> list[Path]:
    """PK before realisasi: realisasi is checked against the stored PK."""
    return sorted(files, key=lambda p: (not p.name.upper().startswith("PK"), p.name))


def ensure_demo(engine: Engine) -> bool:
    """Load the demo once into an empty database (first `streamlit run app.py`); True when loaded.

    A demo file the importer refuses is a bug in the demo, not a user's mistake: it raises, so
    the first run shows it instead of a half-empty dashboard.
    """
    if not list_uploads(engine).empty or not read_pk(engine).empty:
        return False
    for report in load_demo(engine, stop_at_refusal=True):
        if not report.stored:
            first = "; ".join(p.line() for p in report.errors[:3])
            raise ImportRefused(f"data contoh {report.file} ditolak: {first}", report)
    return True
