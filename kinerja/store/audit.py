"""The audit log: logins, failed logins, uploads, rollbacks, locks and account changes (issue 6)."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kinerja.clock import utcnow
from kinerja.store.tables import audit

log = logging.getLogger("kinerja.audit")

AUDIT_COLUMNS = ["id", "waktu", "pelaku", "aksi", "detail"]
# A secret never enters the log: keys that name one are dropped, values that look like a hash too.
_SECRET_KEY = re.compile(r"pass|sandi|hash|secret|rahasia|token", re.IGNORECASE)
_HASH_VALUE = re.compile(r"\$argon2|\$2[aby]\$|\$pbkdf2|\$scrypt", re.IGNORECASE)
REDACTED = "[disembunyikan]"


def scrub(value: Any) -> Any:
    """`value` with every secret-looking key removed and hash-looking text redacted."""
    if isinstance(value, dict):
        return {str(k): scrub(v) for k, v in value.items() if not _SECRET_KEY.search(str(k))}
    if isinstance(value, list | tuple | set):
        return [scrub(v) for v in value]
    if isinstance(value, str) and _HASH_VALUE.search(value):
        return REDACTED
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def log_event(
    conn: Connection,
    actor: str | None,
    action: str,
    detail: dict[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> None:
    """Append one event in the caller's transaction (the service that acted owns it)."""
    clean = scrub(detail or {})
    row = {
        "waktu": now or utcnow(),
        "pelaku": scrub(actor) if actor else None,
        "aksi": action,
        "detail": json.dumps(clean, ensure_ascii=False, sort_keys=True),
    }
    conn.execute(audit.insert().values(**row))
    log.info("audit %s oleh %s: %s", action, row["pelaku"] or "-", row["detail"])


def failures_from(conn: Connection, source: str, action: str, since: datetime) -> int:
    """How many `action` events (failed logins) came from the client address `source` since `since`."""
    quoted = json.dumps(source, ensure_ascii=False)  # as log_event writes it: "sumber": "<source>"
    pattern = '%"sumber": ' + quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    stmt = sa.select(sa.func.count()).where(
        audit.c.aksi == action, audit.c.waktu >= since, audit.c.detail.like(pattern, escape="\\")
    )
    return int(conn.execute(stmt).scalar_one())


def read_audit(engine: Engine, *, limit: int | None = None, action: str | None = None) -> pd.DataFrame:
    """Audit events, newest first (waktu in UTC); the service checks who may read them."""
    stmt = sa.select(*[audit.c[c] for c in AUDIT_COLUMNS]).order_by(audit.c.id.desc())
    if action is not None:
        stmt = stmt.where(audit.c.aksi == action)
    if limit is not None:
        stmt = stmt.limit(int(limit))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=AUDIT_COLUMNS)
    frame["id"] = frame["id"].astype("int64")
    frame["waktu"] = pd.to_datetime(frame["waktu"]).astype("datetime64[us]")
    frame["detail"] = [json.loads(d) if d else {} for d in frame["detail"]]
    return frame
