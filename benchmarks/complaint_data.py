"""The benchmarks' messy complaint workbook: title row, text and Excel dates, phone numbers in Uraian.

One definition for every benchmark (import_bench, fullsheet_bench, years_bench): `n` complaints
of one year, generated vectorised (1,048,575 rows in seconds) and written by xlsx_fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import xlsx_fast  # noqa: E402

from kinerja.ingest.wilayah import Wilayah  # noqa: E402

HEADER = ["No", "No Tiket", "Tanggal Masuk", "Saluran", "Kategori", "Uraian", "Kecamatan", "Kelurahan",
          "Perangkat Daerah Tujuan", "Tanggal Verifikasi", "Tanggal Tanggapan", "Tanggal Selesai",
          "Status", "Ada Bukti"]  # fmt: skip
UNITS = ["Dinas Lingkungan Hidup dan Kebersihan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Kesehatan",
         "Kec. Oebobo", "Perumda Air Minum Kota Kupang", "Dinas Perhubungan"]  # fmt: skip
CHANNELS = ["WhatsApp", "WA", "Datang Langsung", "Posko", "SP4N-LAPOR!", "Telepon", "SMS 1708"]


def complaint_columns(n: int, *, seed: int = 1, year: int = 2018, days: int = 300) -> list[xlsx_fast.Column]:
    """The 14 body columns of `n` complaints entered in `year` (every 5th Tanggal Masuk as text)."""
    rng = np.random.default_rng(seed)
    wil = Wilayah.load()
    kel = np.array(wil.kelurahan_names, dtype=object)
    kec = np.array([wil.kecamatan_of(k) for k in kel], dtype=object)
    i = np.arange(n)
    start = np.datetime64(f"{year}-01-02T00:00", "m")
    masuk = start + rng.integers(0, days * 24 * 60, n).astype("timedelta64[m]")
    day = masuk.astype("datetime64[D]")
    tanggap = day + rng.integers(0, 10, n).astype("timedelta64[D]")
    selesai = tanggap + rng.integers(0, 30, n).astype("timedelta64[D]")
    open_ = rng.random(n) < 0.2
    pick = rng.integers(0, len(kel), n)
    tiket = np.strings.add(f"KPG-{year}-", np.strings.zfill(i.astype(xlsx_fast.S), 6))
    uraian = np.strings.add("Keluhan warga nomor ", i.astype(xlsx_fast.S))
    phone = np.strings.add(" hubungi 0812-3456-", np.strings.zfill((i % 10000).astype(xlsx_fast.S), 4))
    uraian = np.where(i % 50 == 0, np.strings.add(uraian, phone), uraian)
    masuk_text = pd.DatetimeIndex(masuk[i % 5 == 0]).strftime("%d/%m/%Y %H:%M").to_numpy(dtype=object)
    as_text = np.full(n, None, dtype=object)
    as_text[i % 5 == 0] = masuk_text
    return [
        xlsx_fast.number(i + 1),
        xlsx_fast.text(tiket.astype(object)),
        xlsx_fast.mixed(xlsx_fast.date(masuk), xlsx_fast.text(as_text), i % 5 == 0),
        xlsx_fast.text(np.array(CHANNELS, dtype=object)[i % len(CHANNELS)]),
        xlsx_fast.text(np.where(i % 3 == 0, "Air Bersih", "Sampah").astype(object)),
        xlsx_fast.text(uraian.astype(object)),
        xlsx_fast.text(kec[pick]),
        xlsx_fast.text(kel[pick]),
        xlsx_fast.text(np.array(UNITS, dtype=object)[i % len(UNITS)]),
        xlsx_fast.date(day),
        xlsx_fast.date(tanggap),
        xlsx_fast.date(np.where(open_, np.datetime64("NaT"), selesai)),
        xlsx_fast.text(np.where(open_, "Dalam Proses", "Selesai").astype(object)),
        xlsx_fast.text(np.where(i % 10 < 7, "Ya", "Tidak").astype(object)),
    ]


def write_complaints(
    path: Path, n: int, *, title: bool = True, shared: bool = False, seed: int = 1, year: int = 2018
) -> Path:
    """The messy workbook of `n` complaints (title row and blank row above the header unless `title`)."""
    top: list[list[object]] = (
        [[f"REKAP PENGADUAN MASYARAKAT KOTA KUPANG {year}"], [], HEADER] if title else [HEADER]
    )
    xlsx_fast.write_sheet(path, "Pengaduan", top, complaint_columns(n, seed=seed, year=year), shared=shared)
    return path
