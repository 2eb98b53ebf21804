"""One file from bytes to a resolved Batch and its report, with no database: the service passes a Reference."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from kinerja.clock import today_wita
from kinerja.domain import schema
from kinerja.domain.profiles import Profile
from kinerja.domain.units import UnitResolver
from kinerja.errors import WorkbookError
from kinerja.ingest.cells.pii import hash_personal_tickets
from kinerja.ingest.combined import realisasi_of
from kinerja.ingest.describe import refuse_unrecognised
from kinerja.ingest.excel_errors import report_excel_errors
from kinerja.ingest.filelevel import FileOptions, apply_options, unit_conflicts
from kinerja.ingest.klaim import claim_dates
from kinerja.ingest.layout import RawSheet, read_workbook_sheets
from kinerja.ingest.partial import SkippedRows, drop_error_rows
from kinerja.ingest.pengaduan import parse_pengaduan
from kinerja.ingest.profile import forced_profiles
from kinerja.ingest.report import ImportReport
from kinerja.ingest.resolve import resolve_complaint_units, resolve_pk, resolve_realisasi, resolve_unit_rows
from kinerja.ingest.sheets import parse_pk, parse_realisasi, parse_units

INDICATOR_COLUMNS = ["unit", "tahun", "kunci", "kode_indikator", "indikator", "sumber_data", "satuan"]


@dataclass(frozen=True)
class Reference:
    """What a file is checked against: stored units, the stored PK of its years, locked months."""

    units: pd.DataFrame
    indicators: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=INDICATOR_COLUMNS))
    locked: frozenset[tuple[int, int]] = frozenset()
    secret: bytes = b""  # the installation's key for tickets holding a phone number (store.secrets)


@dataclass
class ReadFile:
    """A file read into canonical frames per sheet kind, before it meets the Reference."""

    report: ImportReport
    sha256: str
    raw: dict[str, RawSheet]
    frames: dict[str, pd.DataFrame | None]

    def years(self) -> list[int]:
        """Years of the realisasi rows: the PKs the Reference must hold."""
        real = self.frames.get(schema.REALISASI)
        if real is None or not len(real):
            return []
        return sorted({int(y) for y in real["tahun"].dropna()})


@dataclass
class Parsed:
    """A file read and resolved, before anything is stored."""

    report: ImportReport
    batch: schema.Batch
    sha256: str
    skipped: SkippedRows
    raw: dict[str, RawSheet]
    printed: pd.DataFrame | None = None  # realisasi rows with the Capaian the file prints (issue 12 §2)

    @property
    def profiles(self) -> list[str]:
        """Mapping profiles that named this file's columns (kept with the upload record)."""
        return sorted({r.profile for r in self.raw.values() if r.profile})


def read_file(
    data: bytes,
    file_name: str,
    *,
    today: pd.Timestamp | None = None,
    options: FileOptions | None = None,
    profiles: Sequence[Profile] = (),
) -> ReadFile:
    """Read every recognised sheet of a file into canonical frames; collect every problem.

    `options`: unit, year and period chosen at upload for what the file does not say (issue 12
    §1); `profiles`: saved column mappings, one of them forced by `options.profil` (§3).
    """
    report = ImportReport(file_name)
    sha = hashlib.sha256(data).hexdigest()
    empty = ReadFile(report, sha, {}, {k: None for k in schema.COLUMNS})
    options = options or FileOptions()
    try:
        chosen = forced_profiles(profiles, options.profil)
        raws, skipped_notices = read_workbook_sheets(data, file_name, chosen)
    except WorkbookError as exc:
        report.error(str(exc).removeprefix(f"{file_name}: "))
        return empty
    for text in skipped_notices:
        report.notice(text)
    raws = [raw for raw in raws if not _empty_table(raw, raws, report)]
    if not raws:
        if report.ok:  # an empty template was already told so
            refuse_unrecognised(data, file_name, report)
        return empty
    # "today" for the future-date check is the date in WITA (DOMAIN §4)
    day = today if today is not None else pd.Timestamp(today_wita())
    by_kind: dict[str, list[pd.DataFrame]] = {k: [] for k in schema.COLUMNS}
    for raw in raws:
        apply_options(raw, options, report)
        first = len(report.problems)
        if raw.kind == schema.PK:
            pk = parse_pk(raw, report)
            by_kind[raw.kind].append(pk)
            real = realisasi_of(raw, pk, report) if raw.combined else None
            if real is not None:
                by_kind[schema.REALISASI].append(real)
        elif raw.kind == schema.REALISASI:
            by_kind[raw.kind].append(parse_realisasi(raw, report))
        elif raw.kind == schema.PENGADUAN:
            by_kind[raw.kind].append(parse_pengaduan(raw, report, day))
        else:
            by_kind[raw.kind].append(parse_units(raw, report))
        report_excel_errors(raw, report, first)
    frames = {k: pd.concat(v, ignore_index=True) if v else None for k, v in by_kind.items()}
    if frames[schema.PENGADUAN] is not None:
        frames[schema.PENGADUAN] = claim_dates(frames[schema.PENGADUAN])  # dated by the file (issue 11)
    return ReadFile(report, sha, {r.name: r for r in raws}, frames)


def _empty_table(raw: RawSheet, raws: list[RawSheet], report: ImportReport) -> bool:
    """A header with no data rows: one FILE error when every table is so (an empty template), else a notice."""
    if len(raw.frame):
        return False
    if all(not len(r.frame) for r in raws):
        if raw is raws[0]:
            report.error(
                "berkas tidak berisi baris data (hanya baris judul kolom: templat kosong)",
                expected="baris data di bawah baris judul kolom",
            )
        return True
    report.notice(f"sheet '{raw.name}' hanya berisi baris judul kolom dan dilewati", sheet=raw.name)
    return True


def resolve_file(read: ReadFile, reference: Reference, *, partial: bool = False) -> Parsed:
    """Resolve a read file against the Reference: unit codes, indicator keys, locks, destinations."""
    report, frames = read.report, dict(read.frames)
    labels = {raw.name: raw.labels for raw in read.raw.values()}
    resolver = UnitResolver(reference.units)
    batch = schema.Batch()
    unit_rows = []
    unit_frame = frames[schema.UNIT]
    if unit_frame is not None and len(unit_frame):
        ok = unit_frame.dropna(subset=["kode", "nama"])
        unit_rows.append(resolve_unit_rows(ok, resolver))
    pk = frames[schema.PK]
    if pk is not None and len(pk):
        unit_conflicts(pk, resolver, report, labels)
        pk = resolve_pk(pk, resolver, report, labels)
        if "new_units" in pk.attrs:
            unit_rows.append(pk.attrs["new_units"])
        frames[schema.PK] = pk
    real = frames[schema.REALISASI]
    if real is not None and len(real):
        unit_conflicts(real, resolver, report, labels)
        indicators = indicators_for(reference.indicators, pk)
        frames[schema.REALISASI] = resolve_realisasi(
            real, indicators, resolver, report, labels, set(reference.locked)
        )
    comp = frames[schema.PENGADUAN]
    if comp is not None and len(comp):
        comp = resolve_complaint_units(comp, resolver, report, labels)
        comp["no_tiket"], hashed = hash_personal_tickets(comp["no_tiket"], reference.secret)
        if hashed:
            report.notice(f"{hashed} No Tiket memuat nomor telepon, NIK atau e-mail dan disimpan sebagai "
                          "kode tersamar H-… (UU 27/2022); tiket yang sama tetap dikenali bulan berikutnya")  # fmt: skip
        frames[schema.PENGADUAN] = comp
    skipped = SkippedRows()
    if partial and report.errors:
        frames, skipped = drop_error_rows(frames, report)
    if unit_rows:
        batch.units = pd.concat(unit_rows, ignore_index=True).drop_duplicates("kode", keep="last")
    if frames[schema.PK] is not None:
        batch.pk = _canonical(frames[schema.PK], schema.PK_FRAME)
    printed = None
    if frames[schema.REALISASI] is not None:
        real = _canonical(frames[schema.REALISASI], [*schema.REALISASI_FRAME, "capaian_tercetak"])
        real = real.loc[real["kunci"].notna()].reset_index(drop=True)
        printed = real.loc[real["capaian_tercetak"].notna()].reset_index(drop=True)
        batch.realisasi = real.drop(columns="capaian_tercetak")
    if frames[schema.PENGADUAN] is not None:
        batch.pengaduan = _canonical(frames[schema.PENGADUAN], schema.PENGADUAN_FRAME)
    return Parsed(report, batch, read.sha256, skipped, read.raw, printed)


def _canonical(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    keep = frame.reindex(columns=[*columns, "_sheet", "_baris"])
    return keep.reset_index(drop=True)


def indicators_for(stored: pd.DataFrame, pk: pd.DataFrame | None) -> pd.DataFrame:
    """The PK indicators a realisasi can name: stored ones, replaced by this file's PK per unit-year."""
    parts = []
    if stored is not None and len(stored):
        if pk is not None and len(pk):
            replaced = set(zip(pk["unit"], pk["tahun"].astype("Int64"), strict=True))
            keep = [(u, t) not in replaced for u, t in zip(stored["unit"], stored["tahun"], strict=True)]
            stored = stored.loc[keep]
        parts.append(stored)
    if pk is not None and len(pk):
        parts.append(pk.dropna(subset=["unit", "tahun", "kunci"]))
    if not parts:
        return pd.DataFrame(columns=INDICATOR_COLUMNS)
    return pd.concat([p[INDICATOR_COLUMNS] for p in parts], ignore_index=True)
