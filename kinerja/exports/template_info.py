"""The prefilled realisasi template's helpers: grey read-only columns and data validation (issue 13).

The admin has to know whether a month's figure or a year-to-date figure is wanted: Satuan,
Target and Akumulasi say it, and the stored value shows what a new one would replace.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kinerja.domain.schema import Column
from kinerja.domain.vocabulary import BULAN_SINGKAT
from kinerja.views import fmt

# "Info …": a Satuan or Target header would make the sheet read as a PK with realisasi (issue 12's
# combined sheets); these names match no field, so the reader leaves the grey columns alone.
INFO_HEADERS = (
    "Info satuan",
    "Info target tahunan",
    "Info akumulasi",
    "Tersimpan bulan ini",
    "Terakhir tersimpan",
)
AKUMULASI_TEXT = {
    "kumulatif": "kumulatif: isi angka bulan itu saja (dijumlahkan)",
    "akhir": "akhir: isi posisi akhir bulan",
    "rata_rata": "rata-rata: isi nilai bulan itu (dirata-rata)",
}
EDITABLE = ("bulan", "realisasi", "realisasi_anggaran", "keterangan", "bukti", "pembilang", "penyebut")


def _target(lo: object, hi: object) -> str:
    if fmt.kosong(lo):
        return ""
    return fmt.ringkas(lo) if fmt.kosong(hi) or lo == hi else f"{fmt.ringkas(lo)}-{fmt.ringkas(hi)}"


def info_columns(
    wb: Workbook, ws: Worksheet, first: int, rows: pd.DataFrame, stored: pd.DataFrame | None
) -> list[str]:
    """Write the grey columns right of the template's own; the notes for the Petunjuk sheet."""
    grey_head = wb.add_format(
        {"bold": True, "bg_color": "#BFBFBF", "border": 1, "text_wrap": True, "locked": True}
    )
    grey = wb.add_format({"bg_color": "#EDEDED", "font_color": "#595959", "locked": True})
    got: dict[tuple[str, int], float] = {}
    if stored is not None and len(stored):
        for r in stored.dropna(subset=["realisasi"]).itertuples(index=False):
            got[(str(r.kunci), int(r.bulan))] = float(r.realisasi)
    for j, name in enumerate(INFO_HEADERS):
        ws.set_column(first + j, first + j, 24 if j in (2, 4) else 14)
        ws.write_string(0, first + j, name, grey_head)
    for i, r in enumerate(rows.itertuples(index=False), start=1):
        kunci, month = str(r.kunci), int(r.bulan)
        before = [m for (k, m) in got if k == kunci and m <= 12]
        last = max(before) if before else None
        values = [
            str(r.satuan) if not fmt.kosong(r.satuan) else "",
            _target(r.target_min, r.target_max),
            AKUMULASI_TEXT.get(str(r.akumulasi), str(r.akumulasi) if not fmt.kosong(r.akumulasi) else ""),
            fmt.ringkas(got[(kunci, month)]) if (kunci, month) in got else "",
            f"{fmt.ringkas(got[(kunci, last)])} ({BULAN_SINGKAT[last - 1]})" if last else "",
        ]
        for j, v in enumerate(values):
            ws.write_string(i, first + j, v, grey)
    return [
        f"Kolom abu-abu ({', '.join(INFO_HEADERS)}) hanya keterangan, terkunci, dan tidak dibaca saat diunggah.",
        "Akumulasi kumulatif: isi angka bulan itu saja, bukan jumlah sejak Januari (aplikasi menjumlahkannya).",
    ]


def value_validation(wb: Workbook, ws: Worksheet, columns: Sequence[Column], rows: pd.DataFrame) -> None:
    """Excel data validation on the month and value cells; the sheet is protected so the grey and
    prefilled columns stay read-only (the cells people fill are unlocked)."""
    n = len(rows)
    fields = [c.field for c in columns]
    unlocked = wb.add_format({"locked": False})
    for name in (f for f in EDITABLE if f in fields):
        j = fields.index(name)
        ws.set_column(j, j, max(len(columns[j].name) + 3, 12), unlocked)
        for i, v in enumerate(rows[name] if name in rows else [None] * n, start=1):
            if fmt.kosong(v):
                ws.write_blank(i, j, None, unlocked)
            elif isinstance(v, str):
                ws.write_string(i, j, v, unlocked)
            else:
                ws.write_number(i, j, float(v), unlocked)
    month, value = fields.index("bulan"), fields.index("realisasi")
    ws.data_validation(1, month, n, month, {
        "validate": "integer", "criteria": "between", "minimum": 1, "maximum": 12,
        "error_title": "Bulan", "error_message": "Isi angka bulan 1–12 (1 = Januari).",
    })  # fmt: skip
    ws.data_validation(1, value, n, value, {
        "validate": "decimal", "criteria": ">=", "value": 0, "error_type": "warning",
        "error_title": "Realisasi", "input_title": "Realisasi",
        "input_message": "Angka bulan ini; lihat kolom Akumulasi di kanan.",
        "error_message": "Realisasi biasanya angka 0 atau lebih; periksa tanda minus dan koma desimal.",
    })  # fmt: skip
    ws.protect("", {"autofilter": True, "sort": True, "format_columns": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})  # fmt: skip
