"""A PK sheet whose rows also carry realisasi (SIKAP "Laporan Pencapaian", Permendagri 86/2017 E.81).

The PK rows load as a PK; their Realisasi (one column for the chosen period, or one per quarter)
loads as the realisasi of the same indicators, matched by Kode Indikator, else by name.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from kinerja.domain import schema
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.pkrows import prepare_pk
from kinerja.ingest.report import ImportReport
from kinerja.ingest.sheets import parse_realisasi

REALISASI_PARTS = ("realisasi", "realisasi_anggaran", "capaian", "keterangan", "bukti", "bulan")


def realisasi_of(raw: RawSheet, pk: pd.DataFrame, report: ImportReport) -> pd.DataFrame | None:
    """The realisasi rows of a combined sheet, beside its parsed PK rows (`pk`, same order)."""
    quiet = ImportReport(report.file)  # the PK reader already told about heading rows
    rows = prepare_pk(raw, quiet)
    frame = rows.frame
    if not len(frame) or len(pk) != len(frame):
        return None
    has_values = bool(rows.wide) or "realisasi" in frame
    if not has_values:
        return None
    if not rows.wide and "bulan" not in frame and not _has_file_period(frame):
        if frame["realisasi"].notna().any():
            report.error(
                "sheet ini memuat Realisasi tetapi periodenya tidak diketahui",
                sheet=raw.name,
                expected="pilih triwulan atau bulan saat unggah (--triwulan/--bulan), atau kolom Bulan",
            )
        return None
    keep = [c for c in frame.columns if c in REALISASI_PARTS or c in rows.wide or c in rows.wide_budget]
    keep += [c for c in frame.columns if c.startswith(("_berkas_bulan", "_asal_bulan"))]
    derived = frame[keep].copy()
    derived["unit"] = pk["unit"].to_numpy()
    derived["tahun"] = pk["tahun"].astype(object).to_numpy()
    derived["kode_indikator"] = pk["kode_indikator"].to_numpy()
    derived["indikator"] = pk["indikator"].to_numpy()
    derived["_baris"] = frame["_baris"].to_numpy()
    ok = (pk["unit"].notna() & pk["tahun"].notna() & pk["indikator"].notna()).to_numpy()
    derived = derived.loc[ok].reset_index(drop=True)
    percent = rows.percent.loc[ok].reset_index(drop=True) if rows.percent is not None else None
    labels = {k: v for k, v in raw.labels.items() if k in (*REALISASI_PARTS, "indikator", "kode_indikator")}
    labels.update(unit=raw.labels.get("unit", "Perangkat Daerah"), tahun=raw.labels.get("tahun", "Tahun"))
    sheet = replace(
        rows,
        kind=schema.REALISASI,
        frame=derived,
        labels=labels,
        percent=percent,
        from_file={"unit", "tahun"},
    )
    return parse_realisasi(sheet, report)


def _has_file_period(frame: pd.DataFrame) -> bool:
    return "_berkas_bulan" in frame and bool(frame["_berkas_bulan"].notna().any())
