"""The downloads of the pages: the month's scorecard workbook and the rows an upload skipped."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.domain.schema import COLUMNS
from kinerja.domain.vocabulary import AKUMULASI_LABEL
from kinerja.exports.xlsx import workbook
from kinerja.store.readers import read_skipped_rows
from kinerja.views import fmt, pengaduan, ringkasan
from kinerja.views.year import whole_rows

FIELD_NAMES: dict[str, str] = {}
for _cols in COLUMNS.values():  # the first kind that names a field wins (PK before Pengaduan)
    for _c in _cols:
        FIELD_NAMES.setdefault(_c.field, _c.name)


def _r2(s: pd.Series) -> pd.Series:
    """Round at the edge only (DOMAIN §2.1: 2 decimals on screen and in files)."""
    return pd.to_numeric(s, errors="coerce").round(2)


def scorecard_views(data: Any, month: int) -> dict[str, pd.DataFrame]:
    """The views of month m's scorecard, one per sheet, with Indonesian column names."""
    sc = ringkasan.scorecard(data, month)
    views: dict[str, pd.DataFrame] = {}
    views["Peringkat Unit"] = pd.DataFrame({
        "Peringkat": sc["peringkat"], "Unit": sc["nama"], "Jenis": sc["jenis"], "Indikator": sc["indikator"],
        "Dilaporkan": sc["dilaporkan"], "Kelengkapan (%)": _r2(sc["kelengkapan_pct"]), "Nilai": _r2(sc["nilai"]),
        "Kategori": sc["kategori"].fillna("Belum lapor"), "Perubahan dari bulan lalu": _r2(sc["perubahan"]),
    })  # fmt: skip
    r = data.results[data.results["bulan"] == month]
    r = whole_rows(r[r["unit"].isin(set(sc["unit"]))])
    views["Capaian Indikator"] = pd.DataFrame({
        "Unit": r["nama"], "Kode": r["kode_indikator"].fillna(r["kunci"]), "Sasaran": r["sasaran"],
        "Indikator": r["indikator"], "Satuan": r["satuan"], "Polaritas": r["polaritas"],
        "Akumulasi": r["akumulasi"].map(lambda a: AKUMULASI_LABEL.get(a, a)), "Target tahunan": [
            fmt.ringkas(a) if a == b else f"{fmt.ringkas(a)}-{fmt.ringkas(b)}"
            for a, b in zip(r["target_min"], r["target_max"], strict=True)],
        "Target s.d. bulan": _r2(r["target_periode"]), "Realisasi": _r2(r["realisasi"]),
        "Capaian periode (%)": _r2(r["capaian_periode"]), "Capaian tahunan (%)": _r2(r["capaian_tahunan"]),
        "Kategori": r["kategori"].fillna("Belum lapor"),
    })  # fmt: skip
    views["Nilai Bulanan"] = ringkasan.nilai_matrix(data, month).round(2).rename_axis("Unit").reset_index()
    rows = pengaduan.complaint_rows(data, month)
    for by, sheet in (("unit", "Pengaduan per Unit"), ("kecamatan", "Pengaduan per Kecamatan")):
        m = pengaduan.ranking(data, rows, month, by)
        m = m.assign(**{c: _r2(m[c]) for c in m.columns if m[c].dtype.kind == "f"})
        views[sheet] = m.rename(columns={**pengaduan.METRIC_LABELS, "kelompok": by.capitalize()})
    low = ringkasan.perlu_perhatian(data, month)["indikator"]
    views["Perlu Perhatian"] = pd.DataFrame({"Unit": low["nama"], "Indikator": low["indikator"],
                                             "Capaian periode (%)": _r2(low["capaian_periode"]),
                                             "Kategori": low["kategori"]})  # fmt: skip
    return views


def scorecard_workbook(data: Any, month: int) -> bytes:
    """Month m's scorecard as a formatted Excel workbook, one sheet per view."""
    title = f"Kinerja Kota Kupang {data.year} s.d. {fmt.bulan_nama(month)}"
    charts = {"Peringkat Unit": ("Unit", "Nilai"), "Pengaduan per Unit": ("Unit", "Respon tepat waktu (%)")}
    views = scorecard_views(data, month)
    charts = {k: v for k, v in charts.items() if k in views and set(v) <= set(views[k].columns)}
    return workbook(views, title=title, bar_charts=charts)


def skipped_rows_workbook(engine: Engine, upload_id: int) -> bytes | None:
    """The rows an upload left out on request, with their problems, as .xlsx; None when none."""
    skipped = read_skipped_rows(engine, upload_id)
    if skipped.empty:
        return None
    values = pd.DataFrame([v if isinstance(v, dict) else {} for v in skipped["nilai"]])
    values = values.rename(columns=FIELD_NAMES)  # headers as the templates name them, not field names
    head = pd.DataFrame({
        "Sheet": skipped["sheet"],
        "Baris": skipped["baris"],
        "Masalah": skipped["masalah"].map(lambda m: "; ".join(m) if isinstance(m, list) else str(m)),
    })  # fmt: skip
    frame = pd.concat([head, values], axis=1)
    # through the one formula-safe writer: a skipped row is exactly the kind of cell that holds `=CMD|…`
    return workbook({"Baris dilewati": frame})
