"""Where things are: the data folder, the default database, and every environment variable read here."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "kinerja.db"
DEFAULT_DB_URL = f"sqlite:///{DEFAULT_DB}"
UNITS_CSV = DATA_DIR / "units.csv"
WILAYAH_CSV = DATA_DIR / "wilayah.csv"
DEMO_DIR = DATA_DIR / "demo"
# Issue 14: the shipped keyword table of complaint suggestions, and WhatsApp media kept on request
# (outside the database, git-ignored; files named by their SHA-256, never by a person's name).
KATA_KUNCI_CSV = DATA_DIR / "kata_kunci.csv"
MEDIA_DIR = DATA_DIR / "media"

# Environment variables (the only place in kinerja/ that reads them).
DB_URL_ENV = "KINERJA_DB_URL"
DEMO_ENV = "KINERJA_DEMO"


def database_url() -> str:
    """$KINERJA_DB_URL, else the embedded SQLite file data/kinerja.db."""
    return os.environ.get(DB_URL_ENV) or DEFAULT_DB_URL


def demo_on_first_run() -> bool:
    """Whether the first `streamlit run` loads the demo into an empty database ($KINERJA_DEMO != 0)."""
    return os.environ.get(DEMO_ENV, "1") != "0"
