"""Importing one file: read, check the acting Scope, plan against the store, store everything or nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from kinerja.domain import schema, vocabulary
from kinerja.domain.access import Scope, check_import
from kinerja.domain.privacy import mask_text
from kinerja.errors import AccessDenied, ImportRefused
from kinerja.ingest.filelevel import FileOptions
from kinerja.ingest.files import Parsed, ReadFile, Reference, resolve_file
from kinerja.ingest.isolate import read_isolated
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
from kinerja.store.secrets import installation_secret
from kinerja.store.write import write_upload
from kinerja.store.writer import writing


def reference_for(engine: Engine, read: ReadFile) -> Reference:
    """What a read file is checked against: stored units, the PKs of its years, locks, the secret."""
    years = read.years()
    stored = pd.concat([read_pk(engine, tahun=y) for y in years], ignore_index=True) if years else None
    reference = Reference(read_units(engine), locked=frozenset(locked_periods(engine)))
    reference = dataclasses.replace(reference, secret=installation_secret(engine))
    if stored is not None:
        reference = dataclasses.replace(reference, indicators=stored)
    return reference


def parse_upload(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    partial: bool = False,
    today: pd.Timestamp | None = None,
    options: FileOptions | None = None,
) -> Parsed:
    """Read a file (in a limited child process) and resolve it against the store (nothing is written).

    `options`: unit, year and period chosen at upload, and a mapping profile (issue 12).
    """
    read = read_isolated(data, file_name, today=today, options=options, profiles=read_profiles(engine))
    return resolved(engine, read, partial=partial)


def resolved(engine: Engine, read: ReadFile, *, partial: bool) -> Parsed:
    """A read file resolved against the store, with the printed-Capaian notices (issue 12 §2)."""
    reference = reference_for(engine, read)
    parsed = resolve_file(read, reference, partial=partial)
    printed_capaian_notices(parsed, reference.indicators if read.years() else None)
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
    with writing(engine, exclusive=False) as conn:
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
        parsed.batch.pengaduan = skip_complaints(parsed.batch.pengaduan, bad, report, parsed.skipped)
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
    remove_indicators: bool | Collection[str] = False,
    on_wait: Callable[[], Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Store one file in one transaction as the acting `scope`; a file with any error stores nothing.

    `progress(rows_stored, rows_to_store)` is called as the rows are written (a chunk at a time).

    Storing only the valid rows (`partial`) is explicit. A file the scope may not upload (another
    unit's realisasi, PK, complaints) is refused whole before anything is stored, even with
    `partial`. A PK that drops indicators (and their realisasi) is refused unless
    `remove_indicators` confirms it: True, or the ids (`unit|tahun|kunci`) the preview named.
    The file is read in a limited child process without any lock; it is then resolved again
    and planned while holding the data writers' lock (kinerja.store.writer), so two uploads of
    the same rows apply in some order as if one ran after the other. `on_wait` is called once
    when another writer holds the lock.
    """
    read = read_isolated(data, file_name, today=today, options=options, profiles=read_profiles(engine))
    first = len(read.report.problems)
    parsed = resolved(engine, read, partial=partial)
    report = parsed.report
    if refused_by_scope(engine, scope, parsed):
        return report
    if (report.errors and not partial) or (report.errors and parsed.batch.is_empty()):
        return report
    user = scope.user or "admin"
    try:
        with writing(engine, on_wait=on_wait) as conn:
            # Under the lock: resolve again against what the writers before this one stored.
            del read.report.problems[first:]
            parsed = resolved(engine, read, partial=partial)
            if (report.errors and not partial) or parsed.batch.is_empty() or scope_refusal(scope, parsed):
                raise ImportRefused("data tersimpan berubah sejak berkas diperiksa", report)
            plan = plan_checked(conn, parsed, partial=partial)
            refuse_removals(plan, report, remove_indicators)
            report.skipped_rows = len(parsed.skipped)
            summary = {
                "lembar": [c.__dict__ for c in report.counts],
                "catatan": [mask_text(p.line())[0] for p in report.notices],
                "profil": parsed.profiles,  # issue 12 §3: the mapping profiles that read the file
            }
            total = sum(len(c.rows) for c in plan.changes.values())
            report.upload_id = write_upload(
                conn, plan, nama_file=file_name, sha256=parsed.sha256, pengguna=user,
                ringkasan=summary, baris_dilewati=parsed.skipped.records(),
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
        report.upload_id = None
    return report


def refuse_removals(plan: UploadPlan, report: ImportReport, confirmed: bool | Collection[str]) -> None:
    """A PK re-upload that drops indicators deletes their realisasi: only when confirmed (issue 10)."""
    gone = [r for r in plan.removed_indicators if not _confirmed(confirmed, r)]
    if not gone:
        return
    names = "; ".join(f"'{nama}' ({unit} {tahun}, {n} realisasi)" for unit, tahun, _k, nama, n in gone)
    report.error(
        f"PK ini menghapus {len(gone)} indikator beserta {sum(r[4] for r in gone)} realisasinya: {names}",
        expected="konfirmasi penghapusan: --hapus-indikator di baris perintah, atau centang "
        "konfirmasi di halaman Unggah; atau cantumkan lagi indikator itu di PK",
    )
    raise ImportRefused("penghapusan indikator belum dikonfirmasi", report)


def removal_id(unit: str, tahun: int, kunci: str) -> str:
    """The id a confirmation names an indicator by (`unit|tahun|kunci`, as the store keys it)."""
    return f"{unit}|{int(tahun)}|{kunci}"


def _confirmed(confirmed: bool | Collection[str], removed: tuple[str, int, str, str, int]) -> bool:
    if isinstance(confirmed, bool):
        return confirmed
    return removal_id(removed[0], removed[1], removed[2]) in confirmed


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
