"""One file, one transaction: read, validate against the store, then store everything or nothing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from kinerja import schema, sheets, store
from kinerja.access import Scope
from kinerja.complaints import today_wita as _today_date
from kinerja.errors import AccessDenied, ImportRefused, WorkbookError
from kinerja.report import ImportReport, SheetCounts
from kinerja.resolve import (
    resolve_complaint_units,
    resolve_pk,
    resolve_realisasi,
    resolve_unit_rows,
)
from kinerja.units import UnitResolver
from kinerja.workbook import RawSheet, read_workbook_sheets


def today_wita() -> pd.Timestamp:
    """Today in WITA as a Timestamp (one clock for the whole project: complaints.today_wita)."""
    return pd.Timestamp(_today_date())


@dataclass
class Parsed:
    """A file read and resolved, before anything is stored."""

    report: ImportReport
    batch: schema.Batch
    sha256: str
    skipped: list[dict]
    raw: dict[str, RawSheet]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=[*columns, "_sheet", "_baris"])


def parse_file(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    partial: bool = False,
    today: pd.Timestamp | None = None,
    locked: set[tuple[int, int]] | None = None,
) -> Parsed:
    """Read a file and resolve it against the stored units and PKs; collect every problem."""
    report = ImportReport(file_name)
    sha = hashlib.sha256(data).hexdigest()
    empty = Parsed(report, schema.Batch(), sha, [], {})
    try:
        raws, skipped_notices = read_workbook_sheets(data, file_name)
    except WorkbookError as exc:
        report.error(str(exc).removeprefix(f"{file_name}: "))
        return empty
    for text in skipped_notices:
        report.notice(text)
    if not raws:
        report.error("tidak ada sheet PK, Realisasi, Pengaduan atau Unit yang dikenali",
                     expected="sheet bernama PK, Realisasi, Pengaduan atau Unit, atau baris judul kolom sesuai templat")  # fmt: skip
        return empty
    # "today" for the future-date check is the date in WITA (DOMAIN §4)
    today = today if today is not None else today_wita()
    by_kind: dict[str, list[pd.DataFrame]] = {k: [] for k in schema.COLUMNS}
    for raw in raws:
        if raw.kind == schema.PK:
            by_kind[raw.kind].append(sheets.read_pk(raw, report))
        elif raw.kind == schema.REALISASI:
            by_kind[raw.kind].append(sheets.read_realisasi(raw, report))
        elif raw.kind == schema.PENGADUAN:
            by_kind[raw.kind].append(sheets.read_complaints(raw, report, today))
        else:
            by_kind[raw.kind].append(sheets.read_units(raw, report))
    frames = {k: pd.concat(v, ignore_index=True) if v else None for k, v in by_kind.items()}
    labels = {raw.name: raw.labels for raw in raws}
    resolver = UnitResolver(store.read_units(engine))
    batch = schema.Batch()
    unit_rows = []
    unit_frame = frames[schema.UNIT]
    if unit_frame is not None and len(unit_frame):
        ok = unit_frame.dropna(subset=["kode", "nama"])
        unit_rows.append(resolve_unit_rows(ok, resolver))
    pk = frames[schema.PK]
    if pk is not None and len(pk):
        pk = resolve_pk(pk, resolver, report, labels)
        if "new_units" in pk.attrs:
            unit_rows.append(pk.attrs["new_units"])
        frames[schema.PK] = pk
    real = frames[schema.REALISASI]
    if real is not None and len(real):
        indicators = _indicators_for(engine, pk, real)
        frames[schema.REALISASI] = resolve_realisasi(
            real, indicators, resolver, report, labels, locked or set()
        )
    comp = frames[schema.PENGADUAN]
    if comp is not None and len(comp):
        frames[schema.PENGADUAN] = resolve_complaint_units(comp, resolver, report, labels)
    skipped: list[dict] = []
    if partial and report.errors:
        frames, skipped = _drop_error_rows(frames, report, {r.name: r for r in raws})
    if unit_rows:
        batch.units = pd.concat(unit_rows, ignore_index=True).drop_duplicates("kode", keep="last")
    if frames[schema.PK] is not None:
        batch.pk = _canonical(frames[schema.PK], schema.PK_FRAME)
    if frames[schema.REALISASI] is not None:
        real = _canonical(frames[schema.REALISASI], schema.REALISASI_FRAME)
        batch.realisasi = real.loc[real["kunci"].notna()].reset_index(drop=True)
    if frames[schema.PENGADUAN] is not None:
        batch.pengaduan = _canonical(frames[schema.PENGADUAN], schema.PENGADUAN_FRAME)
    return Parsed(report, batch, sha, skipped, {r.name: r for r in raws})


def _canonical(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    keep = frame.reindex(columns=[*columns, "_sheet", "_baris"])
    return keep.reset_index(drop=True)


def _indicators_for(engine: Engine, pk: pd.DataFrame | None, real: pd.DataFrame) -> pd.DataFrame:
    """The PK indicators a realisasi can name: stored ones, replaced by this file's PK per unit-year."""
    years = sorted({int(y) for y in real["tahun"].dropna()})
    stored = pd.concat([store.read_pk(engine, tahun=y) for y in years], ignore_index=True) if years else None
    parts = []
    if stored is not None and len(stored):
        if pk is not None and len(pk):
            replaced = set(zip(pk["unit"], pk["tahun"].astype("Int64"), strict=True))
            keep = [(u, t) not in replaced for u, t in zip(stored["unit"], stored["tahun"], strict=True)]
            stored = stored.loc[keep]
        parts.append(stored)
    if pk is not None and len(pk):
        parts.append(pk.dropna(subset=["unit", "tahun", "kunci"]))
    cols = ["unit", "tahun", "kunci", "kode_indikator", "indikator", "sumber_data"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat([p[cols] for p in parts], ignore_index=True)


def _drop_error_rows(
    frames: dict[str, pd.DataFrame | None], report: ImportReport, raws: dict[str, RawSheet]
) -> tuple[dict[str, pd.DataFrame | None], list[dict]]:
    """--sebagian: keep the valid rows; a PK unit-year with any bad row is skipped whole."""
    bad_rows: dict[tuple[str, int], list[str]] = {}
    bad_sheets = set()
    for p in report.errors:
        if p.sheet and p.row is None:
            bad_sheets.add(p.sheet)
        elif p.sheet and p.row is not None:
            bad_rows.setdefault((p.sheet, p.row), []).append(p.line())
    skipped = []
    out: dict[str, pd.DataFrame | None] = {}
    for kind, frame in frames.items():
        if frame is None or not len(frame):
            out[kind] = frame
            continue
        keys = list(zip(frame["_sheet"], frame["_baris"], strict=True))
        drop = pd.Series([k in bad_rows or k[0] in bad_sheets for k in keys], index=frame.index)
        if kind == schema.PK and drop.any():
            groups = set(zip(frame.loc[drop, "unit"], frame.loc[drop, "tahun"], strict=True))
            drop |= pd.Series(
                [g in groups for g in zip(frame["unit"], frame["tahun"], strict=True)], index=frame.index
            )
        for sheet, row in sorted(set(k for k, d in zip(keys, drop, strict=True) if d)):
            raw = raws[sheet].frame
            values = raw.loc[raw["_baris"] == row].drop(columns="_baris")
            record = {c: _jsonable(v) for c, v in values.iloc[0].items()} if len(values) else {}
            skipped.append(
                {
                    "sheet": sheet,
                    "baris": int(row),
                    "masalah": bad_rows.get((sheet, row), ["sheet tidak lengkap"]),
                    "nilai": record,
                }
            )
        out[kind] = frame.loc[~drop]
    return out, skipped


def _jsonable(value: object) -> object:
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)


def import_file(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    user: str = "admin",
    partial: bool = False,
    today: pd.Timestamp | None = None,
    dry_run: bool = False,
    scope: Scope | None = None,
) -> ImportReport:
    """Store one file in one transaction; a file with any error stores nothing (unless partial).

    With the acting user's `scope`, a file the user may not upload (another unit's realisasi,
    PK, complaints) is refused whole before anything is stored, even with `partial`.
    """
    parsed = parse_file(engine, data, file_name, partial=partial, today=today, locked=store_locks(engine))
    report = parsed.report
    if _refused_by_scope(engine, scope, parsed, file_name, user):
        return report
    if (report.errors and not partial) or (report.errors and parsed.batch.is_empty()):
        return report
    report.skipped_rows = len(parsed.skipped)
    try:
        with engine.begin() as conn:
            plan = store.plan_upload(conn, _without_positions(parsed.batch))
            bad = _check_merged_dates(plan, parsed.batch, report)
            if bad and not partial:
                raise ImportRefused("urutan tanggal tidak sah setelah digabung", report)
            if bad:  # --sebagian: those complaints are skipped too, kept with the upload record
                _skip_complaints(parsed, bad, report)
                report.skipped_rows = len(parsed.skipped)
                plan = store.plan_upload(conn, _without_positions(parsed.batch))
            _record_counts(report, plan, parsed)
            if dry_run:
                raise _DryRun
            summary = {
                "lembar": [c.__dict__ for c in report.counts],
                "catatan": [p.line() for p in report.notices],
            }
            report.upload_id = store.write_upload(
                conn, plan, nama_file=file_name, sha256=parsed.sha256, pengguna=user,
                ringkasan=summary, baris_dilewati=parsed.skipped,
            )  # fmt: skip
            _audit_upload(conn, user, file_name, report.upload_id, len(parsed.skipped))
        report.stored = True
    except (ImportRefused, _DryRun):
        pass
    return report


def _audit_upload(conn: Connection, user: str, file_name: str, upload_id: int | None, skipped: int) -> None:
    from kinerja import audit

    detail = {"berkas": file_name, "unggahan": upload_id, "baris_dilewati": skipped}
    audit.log_event(conn, user, audit.UNGGAH, detail)


def _refused_by_scope(engine: Engine, scope: Scope | None, parsed: Parsed, file_name: str, user: str) -> bool:
    """Issue 6: check the parsed batch against the scope; a refusal becomes a FILE error."""
    from kinerja import access, audit

    try:
        access.check_import(scope, parsed.batch)
    except AccessDenied as exc:
        parsed.report.error(str(exc), expected="unggahan sesuai peran akun Anda")
        audit.log_event(engine, user, audit.UNGGAH_DITOLAK, {"berkas": file_name, "alasan": str(exc)})
        return True
    return False


class _DryRun(Exception):
    """Raised inside the transaction to roll a preview back."""


def store_locks(engine: Engine) -> set[tuple[int, int]]:
    """Locked (tahun, bulan) pairs: realisasi for them is refused (kinerja.periods)."""
    from kinerja.periods import locked_periods

    return locked_periods(engine)


def _without_positions(batch: schema.Batch) -> schema.Batch:
    return schema.Batch(
        units=batch.units[schema.UNIT_FRAME],
        pk=batch.pk[schema.PK_FRAME],
        realisasi=batch.realisasi[schema.REALISASI_FRAME],
        pengaduan=batch.pengaduan[schema.PENGADUAN_FRAME],
    )


def _skip_complaints(parsed: Parsed, tickets: set[str], report: ImportReport) -> None:
    comp = parsed.batch.pengaduan
    drop = comp["no_tiket"].isin(tickets)
    for _, row in comp.loc[drop].iterrows():
        problems = [p.line() for p in report.errors if p.sheet == row["_sheet"] and p.row == row["_baris"]]
        parsed.skipped.append(
            {
                "sheet": row["_sheet"],
                "baris": int(row["_baris"]),
                "masalah": problems,
                "nilai": {"no_tiket": row["no_tiket"]},
            }
        )
    parsed.batch.pengaduan = comp.loc[~drop].reset_index(drop=True)


def _check_merged_dates(plan: store.UploadPlan, batch: schema.Batch, report: ImportReport) -> set[str]:
    """After merging with what is stored, the date order is checked again (DOMAIN §4)."""
    merged = plan.pengaduan_merged
    if merged is None or not len(merged):
        return set()
    bad = sheets.date_order_violations(merged.reset_index(drop=True))
    if bad.empty:
        return set()
    where = batch.pengaduan.set_index("no_tiket")[["_sheet", "_baris"]]
    tickets: set[str] = set()
    for _, v in bad.iterrows():
        tiket = merged.reset_index(drop=True).at[v["idx"], "no_tiket"]
        tickets.add(tiket)
        sheet, row = where.loc[tiket] if tiket in where.index else ("", None)
        report.error(
            f"setelah digabung dengan data tersimpan, {sheets._label(v['later'])} pengaduan {tiket} "
            f"lebih awal dari {sheets._label(v['earlier'])}",
            sheet=sheet, row=None if row is None else int(row), column=sheets._label(v["later"]),
            expected="tanggal yang konsisten dengan unggahan sebelumnya (batalkan unggahan yang salah)",
        )  # fmt: skip
    return tickets


def _record_counts(report: ImportReport, plan: store.UploadPlan, parsed: Parsed) -> None:
    sheet_of = {
        kind: ", ".join(n for n, r in parsed.raw.items() if r.kind == kind) for kind in schema.COLUMNS
    }
    for kind, counts in plan.counts.items():
        if not any(counts.values()) and not sheet_of.get(kind):
            continue
        report.counts.append(SheetCounts(sheet_of.get(kind, "") or kind, kind, **counts))
    for unit, tahun, _kunci, nama, n in plan.removed_indicators:
        report.notice(
            f"indikator '{nama}' tidak ada lagi di PK {unit} {tahun} dan dihapus bersama {n} realisasinya"
        )
