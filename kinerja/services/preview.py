"""What an uploaded file would change, computed in a rolled-back transaction before anything is stored."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.domain import schema, vocabulary
from kinerja.domain.access import Scope
from kinerja.errors import KinerjaError
from kinerja.ingest.filelevel import FileOptions
from kinerja.ingest.files import Parsed
from kinerja.ingest.isolate import preload_modules, run_isolated
from kinerja.ingest.report import ImportReport
from kinerja.services.importer import parse_upload, plan_checked, removal_id, scope_refusal
from kinerja.store.readers import read_pk, read_units, same_file
from kinerja.views.fmt import bilangan

KIND_ORDER = {schema.UNIT: 0, schema.PK: 1, schema.REALISASI: 2, schema.PENGADUAN: 3}
COUNT_COLUMNS = ["Sheet", "Jenis", "Baru", "Diubah", "Tetap", "Dihapus"]
REMOVED_COLUMNS = ["Perangkat Daerah", "Tahun", "Indikator", "Realisasi dihapus"]
STATUS_TEXT = {key: names[0] for key, names in vocabulary.STATUS.items()}
NEEDS_PK = "belum ada PK"
preload_modules("kinerja.exports.annotate")  # the marked-up copy is built in the reader process


@dataclass
class Preview:
    """One file checked against the store: its report, what it would change, what it would skip."""

    file_name: str
    size: int
    sha256: str
    report: ImportReport
    counts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COUNT_COLUMNS))
    realisasi_changes: pd.DataFrame = field(default_factory=pd.DataFrame)  # restated values old → new
    status_changes: pd.DataFrame = field(default_factory=pd.DataFrame)  # tickets whose status moved
    skipped: int = 0  # rows "simpan baris yang valid saja" would leave out
    units: list[tuple[str, str, int]] = field(default_factory=list)  # (kode, nama, tahun) touched
    kinds: set[str] = field(default_factory=set)
    duplicate_of: int | None = None  # an active upload of the very same bytes
    steps: list[str] = field(default_factory=list)  # what the check did, with counts (shown as progress)
    removed: list[tuple[str, int, str, str, int]] = field(default_factory=list)  # indicators a PK drops
    removed_table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REMOVED_COLUMNS))

    @property
    def removal_ids(self) -> frozenset[str]:
        """What a confirmation names (import_file's `remove_indicators`): `unit|tahun|kunci`."""
        return frozenset(removal_id(u, t, k) for u, t, k, _n, _r in self.removed)

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def storable_rows(self) -> int:
        """Rows that would be added, updated or removed (the valid rows only, for a bad file)."""
        return int(self.counts[["Baru", "Diubah", "Dihapus"]].to_numpy().sum()) if len(self.counts) else 0

    @property
    def needs_mapping(self) -> bool:
        """A required column was not recognised, or no sheet was: the mapping step can help (issue 12 §3)."""
        return any(
            (p.message.startswith("kolom ") and "tidak ditemukan" in p.message)
            or p.message.startswith("tidak ada sheet PK")
            for p in self.report.errors
        )

    @property
    def waits_for_pk(self) -> bool:
        """Every error is a realisasi naming a unit-year whose PK is not stored yet."""
        return bool(self.report.errors) and all(NEEDS_PK in p.message for p in self.report.errors)

    @property
    def order(self) -> int:
        """Store units and PKs before realisasi (realisasi is checked against the stored PK)."""
        return min((KIND_ORDER[k] for k in self.kinds), default=9)


def _too_big(size: int, max_mb: float) -> str | None:
    if size <= max_mb * 1024 * 1024:
        return None
    return f"berkas berukuran {size / 1024 / 1024:.1f} MB, melebihi batas unggah {max_mb:g} MB"


def preview_file(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    scope: Scope,
    max_mb: float = 20,
    today: pd.Timestamp | None = None,
    progress: Callable[[str], object] | None = None,
    options: FileOptions | None = None,
) -> Preview:
    """Read, validate and plan one file without storing it (the plan runs in a rolled-back transaction).

    Counts are those of the rows that would be stored: all of them for a valid file, the valid
    ones (what `import_file(..., partial=True)` would store) for a file with errors. A file the
    acting `scope` may not upload is refused here already, before any stored value is shown.
    `progress` receives each step as it starts or ends, with counts (the page shows them live).
    """
    steps: list[str] = []

    def step(text: str) -> None:
        steps.append(text)
        if progress is not None:
            progress(text)

    step(f"Membaca {file_name} ({_size(len(data))})…")
    too_big = _too_big(len(data), max_mb)
    if too_big:
        report = ImportReport(file_name)
        report.error(too_big, expected=f"berkas ≤ {max_mb:g} MB; pecah datanya menjadi beberapa berkas")
        return Preview(file_name, len(data), "", report, steps=steps)
    parsed = parse_upload(engine, data, file_name, partial=True, today=today, options=options)
    report = parsed.report
    b = parsed.batch
    rows = len(b.units) + len(b.pk) + len(b.realisasi) + len(b.pengaduan) + len(parsed.skipped)
    step(
        f"Terbaca dan diperiksa: {bilangan(rows)} baris dari {bilangan(len(parsed.raw))} sheet; "
        f"{bilangan(len(report.errors))} masalah, {bilangan(len(report.warnings))} peringatan"
    )
    if scope_refusal(scope, parsed) is not None:
        return Preview(file_name, len(data), parsed.sha256, report, steps=steps)
    preview = Preview(file_name, len(data), parsed.sha256, report, steps=steps)
    preview.kinds = {raw.kind for raw in parsed.raw.values()}
    preview.duplicate_of = same_file(engine, parsed.sha256)
    preview.skipped = _skipped_rows(parsed, report)
    if parsed.batch.is_empty():
        return preview
    step("Membandingkan dengan data tersimpan…")
    with engine.connect() as conn, conn.begin() as tx:
        try:  # the plan only reads; the transaction is rolled back whatever happens
            plan = plan_checked(conn, parsed, partial=True)
        finally:
            tx.rollback()
    preview.skipped = _skipped_rows(parsed, report)
    names = _unit_names(engine)
    indicators = _indicator_names(engine, parsed.batch)
    preview.counts = _counts_frame(report)
    preview.realisasi_changes = _realisasi_frame(plan.realisasi_changes, names, indicators)
    preview.status_changes = _status_frame(plan.status_changes)
    preview.units = _touched_units(parsed.batch, names)
    preview.removed = list(plan.removed_indicators)
    preview.removed_table = pd.DataFrame(
        [[names.get(u, u), t, n, r] for u, t, _k, n, r in plan.removed_indicators], columns=REMOVED_COLUMNS
    )
    c = preview.counts
    step(
        f"Pratinjau siap: {bilangan(int(c['Baru'].sum()))} baris baru, {bilangan(int(c['Diubah'].sum()))} diubah, "
        f"{bilangan(int(c['Tetap'].sum()))} tetap"
    )
    return preview


def _size(n: int) -> str:
    return (
        f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
        if n >= 1024 * 1024
        else f"{bilangan(max(1, n // 1024))} KB"
    )


def _skipped_rows(parsed: Parsed, report: ImportReport) -> int:
    """Rows left out when only valid rows are stored: those the importer drops plus every row
    an error names (a row whose value could not be read is dropped before that step)."""
    keys = parsed.skipped.keys()
    keys |= {(p.sheet, int(p.row)) for p in report.errors if p.row is not None}
    return len(keys)


def _unit_names(engine: Engine) -> dict[str, str]:
    units = read_units(engine)
    return dict(zip(units["kode"].astype(str), units["nama"].astype(str), strict=True))


def _indicator_names(engine: Engine, batch: schema.Batch) -> dict[tuple[str, int, str], str]:
    """(unit, tahun, kunci) → indicator name, from this file's PK over the stored ones."""
    years = sorted({int(t) for t in batch.realisasi["tahun"].dropna()})
    frames = [read_pk(engine, tahun=y) for y in years] + [batch.pk]
    out: dict[tuple[str, int, str], str] = {}
    for pk in frames:
        for r in pk.dropna(subset=["unit", "tahun", "kunci"]).itertuples(index=False):
            out[(str(r.unit), int(r.tahun), str(r.kunci))] = str(r.indikator)
    return out


def _counts_frame(report: ImportReport) -> pd.DataFrame:
    rows = [
        [c.sheet, schema.KIND_LABEL.get(c.kind, c.kind), c.added, c.updated, c.unchanged, c.removed]
        for c in report.counts
    ]
    frame = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    return frame.astype({c: "int64" for c in COUNT_COLUMNS[2:]})


def _realisasi_frame(changes: pd.DataFrame, names: dict[str, str], indicators: dict) -> pd.DataFrame:
    cols = ["Perangkat Daerah", "Indikator", "Tahun", "Bulan", "Lama", "Baru", "Selisih"]
    if changes.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for r in changes.itertuples(index=False):
        key = (str(r.unit), int(r.tahun), str(r.kunci))
        lama, baru = float(r.lama), float(r.baru)
        rows.append([names.get(r.unit, r.unit), indicators.get(key, r.kunci), int(r.tahun), int(r.bulan),
                     lama, baru, baru - lama])  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _status_frame(changes: pd.DataFrame) -> pd.DataFrame:
    cols = ["No Tiket", "Status lama", "Status baru"]
    if changes.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "No Tiket": changes["no_tiket"].astype(str).to_numpy(),
            "Status lama": changes["status_lama"].map(
                lambda s: STATUS_TEXT.get(s, s) if pd.notna(s) else "—"
            ),
            "Status baru": changes["status_baru"].map(
                lambda s: STATUS_TEXT.get(s, s) if pd.notna(s) else "—"
            ),
        }
    ).reset_index(drop=True)


def _touched_units(batch: schema.Batch, names: dict[str, str]) -> list[tuple[str, str, int]]:
    """Units whose PK or realisasi the file changes, by name (for links to their pages)."""
    pairs = set()
    for frame in (batch.pk, batch.realisasi):
        for u, t in zip(frame["unit"], frame["tahun"], strict=True):
            if pd.notna(u) and pd.notna(t):
                pairs.add((str(u), int(t)))
    rows = [(u, names.get(u, u), t) for u, t in pairs]
    return sorted(rows, key=lambda r: (r[2], r[1].casefold()))


ANNOTATE_MAX_BYTES = 2 * 1024 * 1024  # openpyxl holds the whole workbook: ~30,000 rows at most


def copy_refusal(data: bytes, preview: Preview) -> str | None:
    """Why no marked-up copy of this file is offered (None: it can be built, on request)."""
    if preview.report.ok:
        return "berkas tanpa galat"
    if not zipfile.is_zipfile(BytesIO(data)) or not preview.kinds:
        return "salinan bertanda hanya dibuat untuk berkas .xlsx yang dapat dibaca"
    if len(data) > ANNOTATE_MAX_BYTES:
        return (f"salinan bertanda hanya dibuat untuk berkas sampai {ANNOTATE_MAX_BYTES // 2**20} MB; "
                "gunakan laporan masalah (.csv)")  # fmt: skip
    return None


def annotated_copy(data: bytes, preview: Preview) -> bytes | None:
    """The uploaded .xlsx with bad cells highlighted and commented (the first MAX_MARKED problems).

    Built only when asked for (the page's download runs this on click), in the limited reader
    process (kinerja.ingest.isolate): openpyxl holds the whole workbook in memory. None when
    `copy_refusal` says no, or the copy cannot be built.
    """
    if copy_refusal(data, preview) is not None:
        return None
    from kinerja.exports.annotate import MAX_MARKED, annotate_workbook  # openpyxl: loaded only when needed

    try:
        return run_isolated(annotate_workbook, data, preview.report.problems[:MAX_MARKED])
    except KinerjaError:  # an .xlsx openpyxl cannot load still has the table report
        return None
