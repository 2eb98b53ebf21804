"""Importing one file: read, check the acting Scope, plan against the store, store everything or nothing."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from kinerja.domain import schema, vocabulary
from kinerja.domain.access import Scope, check_import
from kinerja.errors import AccessDenied, ImportRefused
from kinerja.ingest.filelevel import FileOptions
from kinerja.ingest.files import Parsed, Reference, read_file, resolve_file
from kinerja.ingest.partial import skip_complaints
from kinerja.ingest.pengaduan import merged_date_errors
from kinerja.ingest.report import ImportReport, SheetCounts
from kinerja.services.capaian_cetak import printed_capaian_notices
from kinerja.services.plausibility import flag_implausible
from kinerja.store.audit import log_event
from kinerja.store.periods import locked_periods
from kinerja.store.plan import UploadPlan, plan_upload
from kinerja.store.profiles import read_profiles
from kinerja.store.readers import read_pk, read_units
from kinerja.store.write import write_upload


def parse_upload(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    partial: bool = False,
    today: pd.Timestamp | None = None,
    options: FileOptions | None = None,
) -> Parsed:
    """Read a file and resolve it against the stored units, PKs and locks (nothing is written).

    `options`: unit, year and period chosen at upload, and a mapping profile (issue 12).
    """
    read = read_file(data, file_name, today=today, options=options, profiles=read_profiles(engine))
    years = read.years()
    stored = pd.concat([read_pk(engine, tahun=y) for y in years], ignore_index=True) if years else None
    reference = Reference(read_units(engine), locked=frozenset(locked_periods(engine)))
    if stored is not None:
        reference = Reference(reference.units, stored, reference.locked)
    parsed = resolve_file(read, reference, partial=partial)
    printed_capaian_notices(parsed, stored)
    flag_implausible(engine, parsed)  # issue 13: warnings only; the preview asks to confirm them
    return parsed


def scope_refusal(scope: Scope, parsed: Parsed) -> str | None:
    """Issue 6: why the scope may not upload this batch (one FILE error added), or None."""
    try:
        check_import(scope, parsed.batch)
    except AccessDenied as exc:
        parsed.report.error(str(exc), expected="unggahan sesuai peran akun Anda")
        return str(exc)
    return None


def refused_by_scope(engine: Engine, scope: Scope, parsed: Parsed) -> bool:
    """A batch the scope may not store: the FILE error, and the attempt in the audit log."""
    reason = scope_refusal(scope, parsed)
    if reason is None:
        return False
    with engine.begin() as conn:
        detail = {"berkas": parsed.report.file, "alasan": reason}
        log_event(conn, scope.user, vocabulary.UNGGAH_DITOLAK, detail)
    return True


def plan_checked(conn: Connection, parsed: Parsed, *, partial: bool) -> UploadPlan:
    """The plan of a parsed file, with the merged dates checked again (DOMAIN §4).

    Out-of-order merged dates refuse the file, or with `partial` leave those complaints out
    (kept with the upload record).
    """
    report = parsed.report
    plan = plan_upload(conn, parsed.batch.without_positions())
    bad = merged_date_errors(plan.pengaduan_merged, parsed.batch, report)
    if bad and not partial:
        raise ImportRefused("urutan tanggal tidak sah setelah digabung", report)
    if bad:
        parsed.batch.pengaduan, more = skip_complaints(parsed.batch.pengaduan, bad, report)
        parsed.skipped.extend(more)
        plan = plan_upload(conn, parsed.batch.without_positions())
    record_counts(report, plan, parsed)
    return plan


def import_file(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    scope: Scope,
    partial: bool = False,
    today: pd.Timestamp | None = None,
    options: FileOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Store one file in one transaction as the acting `scope`; a file with any error stores nothing.

    `progress(rows_stored, rows_to_store)` is called as the rows are written (a chunk at a time).

    Storing only the valid rows (`partial`) is explicit. A file the scope may not upload (another
    unit's realisasi, PK, complaints) is refused whole before anything is stored, even with
    `partial`. The upload and its audit row are written in the same transaction.
    """
    parsed = parse_upload(engine, data, file_name, partial=partial, today=today, options=options)
    report = parsed.report
    if refused_by_scope(engine, scope, parsed):
        return report
    if (report.errors and not partial) or (report.errors and parsed.batch.is_empty()):
        return report
    user = scope.user or "admin"
    try:
        with engine.begin() as conn:
            plan = plan_checked(conn, parsed, partial=partial)
            report.skipped_rows = len(parsed.skipped)
            summary = {
                "lembar": [c.__dict__ for c in report.counts],
                "catatan": [p.line() for p in report.notices],
                "profil": parsed.profiles,  # issue 12 §3: the mapping profiles that read the file
            }
            total = sum(len(c.rows) for c in plan.changes.values())
            report.upload_id = write_upload(
                conn, plan, nama_file=file_name, sha256=parsed.sha256, pengguna=user,
                ringkasan=summary, baris_dilewati=parsed.skipped,
                progress=None if progress is None else lambda done: progress(done, total),
            )  # fmt: skip
            detail = {
                "berkas": file_name,
                "unggahan": report.upload_id,
                "baris_dilewati": len(parsed.skipped),
            }
            log_event(conn, user, vocabulary.UNGGAH, detail)
        report.stored = True
    except ImportRefused:
        pass
    return report


def record_counts(report: ImportReport, plan: UploadPlan, parsed: Parsed) -> None:
    """Rows added, updated, unchanged and removed per sheet kind, and the indicators a PK drops."""
    sheet_of = {
        kind: ", ".join(
            n for n, r in parsed.raw.items() if r.kind == kind or (r.combined and kind == schema.REALISASI)
        )
        for kind in schema.COLUMNS
    }
    for kind, counts in plan.counts.items():
        if not any(counts.values()) and not sheet_of.get(kind):
            continue
        report.counts.append(SheetCounts(sheet_of.get(kind, "") or kind, kind, **counts))
    for unit, tahun, _kunci, nama, n in plan.removed_indicators:
        report.notice(
            f"indikator '{nama}' tidak ada lagi di PK {unit} {tahun} dan dihapus bersama {n} realisasinya"
        )
