"""After an upload: rolling it back (admin, or the unit head who made it) and locking months (admin); audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from kinerja.domain import vocabulary
from kinerja.domain.access import Scope, check_rollback, require_admin
from kinerja.errors import KinerjaError, PeriodLocked
from kinerja.store import periods
from kinerja.store.audit import log_event
from kinerja.store.rollback import rollback_upload as restore_upload
from kinerja.store.rollback import upload_owner
from kinerja.store.writer import writing


def rollback_upload(
    engine: Engine, upload_id: int, *, scope: Scope, on_wait: Callable[[], Any] | None = None
) -> dict[str, int]:
    """Restore every row an upload changed; rows per table, recorded in the audit log.

    The admin undoes any upload, a unit head its own (issue 13); refused for everyone while a
    later active upload changed the same rows. Runs under the data writers' lock
    (kinerja.store.writer): an import of the same rows runs before or after it, never in between;
    `on_wait` is called when it has to wait.
    """
    user = scope.user or "admin"
    with writing(engine, on_wait=on_wait) as conn:
        check_rollback(scope, upload_owner(conn, int(upload_id)))
        restored = restore_upload(conn, int(upload_id), user)
        log_event(conn, user, vocabulary.BATAL_UNGGAH, {"unggahan": int(upload_id), "baris": restored})
    return restored


def period_name(tahun: int, bulan: int) -> str:
    """`Maret 2018` (people read month names, not 3/2018)."""
    return f"{vocabulary.BULAN[bulan - 1]} {tahun}"


def _check(tahun: int, bulan: int) -> tuple[int, int]:
    if not 1 <= int(bulan) <= 12:
        raise KinerjaError(f"Bulan {bulan} tidak sah: pilih bulan 1–12.")
    if not 1900 <= int(tahun) <= 2200:
        raise KinerjaError(f"Tahun {tahun} tidak sah.")
    return int(tahun), int(bulan)


def lock_period(engine: Engine, tahun: int, bulan: int, *, scope: Scope) -> None:
    """Lock a month so its realisasi can no longer change; refused when already locked."""
    require_admin(scope, "Mengunci periode")
    tahun, bulan = _check(tahun, bulan)
    user = scope.user or "admin"
    with writing(engine) as conn:
        if not periods.insert_lock(conn, tahun, bulan, user):
            raise PeriodLocked(f"Periode {period_name(tahun, bulan)} sudah dikunci.")
        log_event(conn, user, vocabulary.KUNCI_PERIODE, {"tahun": tahun, "bulan": bulan})


def unlock_period(engine: Engine, tahun: int, bulan: int, *, scope: Scope) -> None:
    """Unlock a month; refused when it is not locked."""
    require_admin(scope, "Membuka kunci periode")
    tahun, bulan = _check(tahun, bulan)
    user = scope.user or "admin"
    with writing(engine) as conn:
        if not periods.delete_lock(conn, tahun, bulan):
            raise PeriodLocked(f"Periode {period_name(tahun, bulan)} tidak sedang dikunci.")
        log_event(conn, user, vocabulary.BUKA_PERIODE, {"tahun": tahun, "bulan": bulan})
