"""Build small .xlsx fixtures in memory for the tests (openpyxl: merges and number formats)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import openpyxl


@dataclass
class Sheet:
    """A sheet to write: rows from A1 down, merges like "A1:F1", number formats per cell."""

    name: str
    rows: list[list[object]]
    merges: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)


def make_xlsx(*sheets: Sheet) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in sheets:
        ws = book.create_sheet(spec.name)
        for row in spec.rows:
            ws.append(row)
        for rng in spec.merges:
            ws.merge_cells(rng)
        for ref, fmt in spec.formats.items():
            ws[ref].number_format = fmt
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


PK_HEADER = ["Perangkat Daerah", "Tahun", "Sasaran Strategis", "Indikator Kinerja", "Kode Indikator",
             "Satuan", "Target", "Polaritas", "Akumulasi", "Sumber Data"]  # fmt: skip


def pk_rows(unit: str = "Dinas Kesehatan", year: int = 2018) -> list[list[object]]:
    """A small valid PK: three indicators of one unit, one complaint-linked."""
    return [
        PK_HEADER,
        [unit, year, "Meningkatnya derajat kesehatan", "Persentase balita ditimbang", "DINKES-1", "%", 85, "positif", "akhir", None],
        [unit, year, "Meningkatnya derajat kesehatan", "Angka kematian ibu", "DINKES-2", "per 100.000 KH", 120, "negatif", "akhir", None],
        [unit, year, "Meningkatnya pelayanan", "Persentase pengaduan ditindaklanjuti", "DINKES-3", "%", 90, "positif", "akhir", "pengaduan:tindak_lanjut_pct"],
    ]  # fmt: skip


REAL_HEADER = ["Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Indikator Kinerja", "Realisasi"]
COMPLAINT_HEADER = ["No Tiket", "Tanggal Masuk", "Saluran", "Kategori", "Uraian", "Kecamatan", "Kelurahan",
                    "Perangkat Daerah Tujuan", "Tanggal Tanggapan", "Tanggal Selesai", "Status", "Ada Bukti"]  # fmt: skip


def complaint_row(tiket: str = "KPG-1", **over: object) -> list[object]:
    base = {
        "No Tiket": tiket, "Tanggal Masuk": "05/03/2018", "Saluran": "WA", "Kategori": "Sampah",
        "Uraian": "Sampah menumpuk", "Kecamatan": "Oebobo", "Kelurahan": "Oebufu",
        "Perangkat Daerah Tujuan": "Dinas Lingkungan Hidup dan Kebersihan", "Tanggal Tanggapan": "07/03/2018",
        "Tanggal Selesai": "12/03/2018", "Status": "Selesai", "Ada Bukti": "Ya",
    }  # fmt: skip
    base.update(over)
    return [base[h] for h in COMPLAINT_HEADER]
