"""Kinerja: Perjanjian Kinerja and complaint tracker for Pemerintah Kota Kupang (pure core, no UI).

The public API below is what the pages, scripts and benchmarks may rely on; everything else is
reached through its stage package (see ARCHITECTURE.md and README "Arsitektur").
"""

from kinerja.domain.access import Scope, admin_scope
from kinerja.domain.settings import Settings
from kinerja.errors import (
    AccessDenied,
    DatabaseError,
    ImportRefused,
    KinerjaError,
    SchemaOutdated,
    WorkbookError,
)
from kinerja.ingest.report import ImportReport
from kinerja.services.importer import import_file
from kinerja.services.preview import Preview, preview_file
from kinerja.store.engine import connect

__version__ = "0.2.0"
__all__ = [
    "AccessDenied",
    "DatabaseError",
    "ImportRefused",
    "ImportReport",
    "KinerjaError",
    "Preview",
    "SchemaOutdated",
    "Scope",
    "Settings",
    "WorkbookError",
    "__version__",
    "admin_scope",
    "connect",
    "import_file",
    "preview_file",
]
