"""How the canonical sheets look to people: formats, widths, dropdowns, help text, the header row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kinerja.domain import schema, vocabulary
from kinerja.domain.schema import Column

DATE_FORMAT = "dd/mm/yyyy"

DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


TEMPLATE_ROWS = 5000  # rows of a blank template that get data validation lists

DATE_COLUMNS = frozenset({*schema.COMPLAINT_DATES, "tanggal_perjanjian"})

NUMBER_COLUMNS = frozenset(
    {"tahun", "bulan", "tw1", "tw2", "tw3", "tw4", "anggaran", "realisasi", "realisasi_anggaran",
     "tahun_renstra", "pembilang", "penyebut"}
)  # fmt: skip

STATUS_WORDING = {key: names[0] for key, names in vocabulary.STATUS.items()}

YA_TIDAK = ["Ya", "Tidak"]

WIDTHS = {
    "unit": 30, "sasaran": 40, "indikator": 45, "sumber_data": 30, "program": 35,
    "anggaran": 18, "nama_kepala": 28, "uraian": 50, "kategori": 20, "saluran": 16,
    "kecamatan": 18, "kelurahan": 20, "keterangan": 30, "bukti": 25, "nama": 40, "alias": 40,
    "tanggal_masuk": 17, "realisasi_anggaran": 18,
}  # fmt: skip

# Cheap dropdowns. "warning" lets a user keep a synonym the importer also accepts (DOMAIN §4).
CHOICES: dict[str, tuple[list[str], str]] = {
    "polaritas": (list(vocabulary.POLARITAS), "warning"),
    "akumulasi": (list(vocabulary.AKUMULASI), "warning"),
    "status": (list(STATUS_WORDING.values()), "warning"),
    "ada_bukti": (YA_TIDAK, "warning"),
    "tinjau_lapangan": (YA_TIDAK, "warning"),
    "sumber_data": (list(vocabulary.SUMBER_PENGADUAN), "warning"),
    "rumus_capaian": (list(vocabulary.RUMUS_LABEL.values()), "warning"),
    "jenis": (list(vocabulary.UNIT_JENIS), "warning"),
}

_TANGGAL = "Tanggal {} (dd/mm/yyyy). Urutan: masuk ≤ verifikasi ≤ disposisi ≤ tanggapan ≤ selesai."

# What each column means, by field; (kind, field) overrides the plain field.
HELP: dict[str | tuple[str, str], str] = {
    "unit": "Nama, kode atau alias perangkat daerah (mis. Dinas Kesehatan).",
    "tahun": "Tahun, empat angka (mis. 2025).",
    "sasaran": "Sasaran strategis. Perangkat Daerah, Tahun dan Sasaran yang kosong mengikuti "
    "baris di atasnya.",
    "indikator": "Nama indikator kinerja.",
    "kode_indikator": "Kode indikator (opsional); bila diisi, realisasi dicocokkan dengannya.",
    "satuan": "Satuan ukur (%, orang, dokumen, Rp, …).",
    "target": "Target tahunan, tidak negatif: angka (85,5 atau angka Excel) atau rentang 80-90 "
    "(juga 80 – 90 dan 80 s.d. 90); boleh diikuti Satuan (30 LPK) atau diawali ≥ / ≤ / minimal.",
    "polaritas": "positif (semakin tinggi/besar semakin baik, Maximize; bawaan bila kosong) atau negatif "
    "(semakin rendah/kecil semakin baik, Minimize).",
    "rumus_capaian": "standar (bawaan bila kosong; PermenPANRB 8/2021: positif R/T × 100, negatif "
    "(2 − R/T) × 100), kebalikan (negatif: T/R × 100; positif: R/T × 100) atau maks 100 (standar, "
    "paling tinggi 100).",
    "target_renstra": "Target akhir periode Renstra/RPJMD (opsional), angka atau rentang seperti Target; "
    "capaian tahun ini juga dibandingkan dengannya.",
    "tahun_renstra": "Tahun akhir periode Renstra/RPJMD (opsional), mis. 2022.",
    "pembilang": "Pembilang realisasi (opsional), mis. 10 kasus. Bersama Penyebut, realisasi = "
    "Pembilang ÷ Penyebut × 100 (atau × 1.000 / × 100.000 bila Satuan 'per 1.000 …'); indikator "
    "kumulatif menjumlahkan pembilang dan penyebut, bukan persentasenya.",
    "penyebut": "Penyebut realisasi (opsional), mis. 5.350 kelahiran hidup.",
    "riwayat_status": "Diisi oleh ekspor Kinerja (boleh dikosongkan): status yang pernah dinyatakan "
    "dan sejak kapan, mis. Proses 30/06/2018; Selesai 14/09/2018.",
    "akumulasi": "kumulatif (realisasi bulanan dijumlahkan), akhir (nilai bulan terakhir; bawaan "
    "bila kosong) atau rata_rata (rata-rata bulan yang dilaporkan).",
    "sumber_data": "Kosongkan, kecuali untuk indikator yang realisasinya dihitung dari data pengaduan: "
    "isi salah satu dari " + ", ".join(vocabulary.SUMBER_PENGADUAN) + ". Realisasi indikator seperti itu "
    "dihitung otomatis dan tidak diunggah.",
    "program": "Nama program (opsional).",
    "anggaran": "Pagu anggaran dalam rupiah (opsional), mis. 1.250.000.000 atau angka Excel.",
    "nama_kepala": "Nama kepala perangkat daerah, pihak pertama PK (opsional).",
    "tanggal_perjanjian": "Tanggal penandatanganan PK, dd/mm/yyyy (opsional).",
    "bulan": "Bulan 1–12 atau nama bulan (Januari, Agt, Des). Triwulan TW I–TW IV dicatat "
    "pada bulan 3, 6, 9 dan 12.",
    (schema.REALISASI, "kode_indikator"): "Kode indikator seperti di PK; bila kosong, indikator "
    "dicocokkan dengan namanya.",
    (schema.REALISASI, "indikator"): "Nama indikator seperti di PK (wajib bila Kode Indikator "
    "kosong).",
    "realisasi": "Realisasi bulan itu dalam satuan indikator (boleh ditulis dengan Satuan-nya, mis. "
    "30 LPK). Sel kosong berarti belum dilaporkan, bukan nol.",
    "realisasi_anggaran": "Realisasi anggaran bulan itu dalam rupiah (opsional; bukan kumulatif). "
    "Serapan anggaran = jumlah realisasi anggaran ÷ pagu × 100.",
    "keterangan": "Catatan (opsional).",
    "bukti": "Tautan atau nama dokumen bukti (opsional).",
    "no_tiket": "Nomor tiket/registrasi (opsional). Bila kosong, sistem membuat nomor dari "
    "Tanggal Masuk (dengan jam), Saluran, Kelurahan dan Uraian.",
    "tanggal_masuk": "Tanggal pengaduan diterima, dd/mm/yyyy atau dd/mm/yyyy hh:mm.",
    "saluran": ", ".join(vocabulary.SALURAN) + ". Saluran lain disimpan sebagai "
    f"{vocabulary.SALURAN_LAINNYA} dengan teks aslinya.",
    "kategori": "Topik pengaduan (mis. Air Bersih, Jalan, Sampah).",
    "uraian": "Isi singkat pengaduan, TANPA identitas pelapor. Nomor HP, NIK dan e-mail di "
    "dalam uraian disamarkan sebelum disimpan.",
    "kecamatan": "Kecamatan di Kota Kupang; boleh kosong bila Kelurahan diisi.",
    "kelurahan": "Kelurahan di Kota Kupang.",
    (schema.PENGADUAN, "unit"): "Perangkat daerah yang menerima disposisi (nama, kode atau "
    "alias). Instansi di luar Pemkot (PDAM, PLN, BPJS, …) didaftarkan dulu di sheet Unit.",
    "tanggal_verifikasi": _TANGGAL.format("verifikasi oleh admin"),
    "tanggal_disposisi": _TANGGAL.format("disposisi ke perangkat daerah"),
    "tanggal_tanggapan": _TANGGAL.format("tanggapan/tindak lanjut pertama"),
    "tanggal_selesai": _TANGGAL.format("pengaduan selesai"),
    "status": "; ".join(f"{names[0]} (juga: {', '.join(names[1:])})" for names in
    vocabulary.STATUS.values()) + ". Status dihitung dari tanggal; Arsip hanya dari kolom ini.",
    "ada_bukti": "Ya/Tidak (juga Ada/Tidak Ada, Y/T, Y/N, 1/0, ✓) — pelapor menyertakan bukti.",
    "tinjau_lapangan": "Ya/Tidak — pengaduan ditinjau ke lapangan.",
    "kode": "Kode unit, unik (mis. DINKES).",
    "nama": "Nama resmi unit (mis. Dinas Kesehatan Kota Kupang).",
    "jenis": ", ".join(vocabulary.UNIT_JENIS) + f". {vocabulary.LUAR_PEMKOT} tidak masuk penilaian PK.",
    "alias": "Nama lain (opsional), dipisah | (mis. PDAM|Perumda Air Minum).",
}  # fmt: skip

for _q, _tw in enumerate(vocabulary.TW_NAMES, start=1):
    HELP[f"tw{_q}"] = (
        f"Target sampai akhir {_tw} (opsional), satuan sama dengan target tahunan; kumulatif untuk "
        f"akumulasi kumulatif. Bila kosong: kumulatif → target × {_q}/4, lainnya → target tahunan."
    )

REQUIRED_TEXT = {
    (schema.REALISASI, "bulan"): "Ya",
    (schema.REALISASI, "indikator"): "Ya*",
    (schema.REALISASI, "kode_indikator"): "Ya*",
}

GENERAL_NOTES = (
    "Baris 1 adalah judul kolom; jangan diubah. Isi data mulai baris 2.",
    "Satu berkas boleh berisi beberapa sheet (PK, Realisasi, Pengaduan, Unit); "
    "sheet dikenali dari namanya atau dari judul kolomnya.",
    "Angka: 85,5 atau angka Excel; ribuan 1.250.000; rupiah boleh ditulis Rp 1.250.000. "
    "Target rentang ditulis 80-90.",
    "Bulan: 1–12 atau nama bulan. Tanggal: dd/mm/yyyy (mis. 27/02/2018) atau tanggal Excel.",
    "Ya/Tidak: Ya, Tidak, Y, T, 1, 0 atau ✓.",
    "Unggah ulang aman: berkas yang sama dua kali tidak mengubah apa pun, dan sel kosong tidak "
    "menghapus data yang sudah tersimpan.",
    "DILARANG mengisi identitas pelapor (nama, No HP/WA, NIK, e-mail, alamat): UU 27/2022 "
    "tentang Pelindungan Data Pribadi. Kolom seperti itu dibuang saat diunggah.",
)


class _Float17(float):
    """A float that XlsxWriter writes with all 17 significant digits (it uses `.16G`)."""

    def __format__(self, spec: str) -> str:
        return repr(float(self))


def exact_number(x: float) -> float:
    # XlsxWriter formats numbers with "%.16G", which loses the last digit of some floats
    # (0.1 + 0.2); the export must round-trip exactly, so those get repr's 17 digits.
    return x if float(f"{x:.16G}") == x else _Float17(x)


def open_workbook(fp: BinaryIO | Path | str, **options: Any) -> Workbook:
    target = str(fp) if isinstance(fp, (str, Path)) else fp
    return xlsxwriter.Workbook(target, options)


def header_row(wb: Workbook, ws: Worksheet, columns: Sequence[Column]) -> dict[str, Format]:
    """Bold frozen header row and column widths; returns the date format of each date field."""
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    date = wb.add_format({"num_format": DATE_FORMAT})
    stamp = wb.add_format({"num_format": DATETIME_FORMAT})
    formats = {f: stamp if f == "tanggal_masuk" else date for f in DATE_COLUMNS}
    for i, col in enumerate(columns):
        width = WIDTHS.get(col.field, max(len(col.name) + 3, 12))
        ws.set_column(i, i, width, formats.get(col.field))
        ws.write_string(0, i, col.name, bold)
    ws.freeze_panes(1, 0)
    return formats


def add_validation(ws: Worksheet, columns: Sequence[Column], last_row: int) -> None:
    for i, col in enumerate(columns):
        if col.field not in CHOICES:
            continue
        values, error_type = CHOICES[col.field]
        ws.data_validation(1, i, last_row, i, {
            "validate": "list", "source": values, "error_type": error_type,
            "error_title": col.name, "error_message": "Nilai yang diterima: " + ", ".join(values),
        })  # fmt: skip
