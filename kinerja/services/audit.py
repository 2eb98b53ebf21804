"""Reading the audit log: the admin's alone (the core refuses every other scope)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.domain.access import Scope, require_admin
from kinerja.store import audit


def read_audit(
    engine: Engine, *, scope: Scope, limit: int | None = None, action: str | None = None
) -> pd.DataFrame:
    """Audit events, newest first (waktu in UTC); only the admin may read them."""
    require_admin(scope, "Membaca log audit")
    return audit.read_audit(engine, limit=limit, action=action)
