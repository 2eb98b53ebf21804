"""Import benchmark: 100,000 complaints — raw calamine parse vs our import vs openpyxl (one run)."""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kinerja.importer import import_file  # noqa: E402
from kinerja.parse import Wilayah  # noqa: E402

from kinerja import store  # noqa: E402

HEADER = ["No", "No Tiket", "Tanggal Masuk", "Saluran", "Kategori", "Uraian", "Kecamatan", "Kelurahan",
          "Perangkat Daerah Tujuan", "Tanggal Verifikasi", "Tanggal Tanggapan", "Tanggal Selesai",
          "Status", "Ada Bukti"]  # fmt: skip
UNITS = ["Dinas Lingkungan Hidup dan Kebersihan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Kesehatan",
         "Kec. Oebobo", "Perumda Air Minum Kota Kupang", "Dinas Perhubungan"]  # fmt: skip
CHANNELS = ["WhatsApp", "WA", "Datang Langsung", "Posko", "SP4N-LAPOR!", "Telepon", "SMS 1708"]


def make_workbook(n: int, seed: int = 1) -> bytes:
    """A 100,000-row complaint sheet with a title row, text and Excel dates, Indonesian wordings."""
    rng = np.random.default_rng(seed)
    wil = Wilayah.load()
    kel = np.array(wil.kelurahan_names)
    kec = np.array([wil.kecamatan_of(k) for k in kel])
    masuk = pd.Timestamp("2018-01-02") + pd.to_timedelta(rng.integers(0, 300 * 24 * 60, n), unit="min")
    tanggap = masuk.normalize() + pd.to_timedelta(rng.integers(0, 10, n), unit="D")
    selesai = tanggap + pd.to_timedelta(rng.integers(0, 30, n), unit="D")
    open_ = rng.random(n) < 0.2
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"constant_memory": True})
    ws = book.add_worksheet("Pengaduan")
    dfmt = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.write_row(0, 0, ["REKAP PENGADUAN MASYARAKAT KOTA KUPANG 2018"])
    ws.write_row(2, 0, HEADER)
    pick = rng.integers(0, len(kel), n)
    for i in range(n):
        r = i + 3
        ws.write_number(r, 0, i + 1)
        ws.write_string(r, 1, f"KPG-2018-{i:06d}")
        if i % 5:
            ws.write_datetime(r, 2, masuk[i].to_pydatetime(), dfmt)
        else:
            ws.write_string(r, 2, masuk[i].strftime("%d/%m/%Y %H:%M"))
        ws.write_string(r, 3, CHANNELS[i % len(CHANNELS)])
        ws.write_string(r, 4, "Sampah" if i % 3 else "Air Bersih")
        ws.write_string(
            r,
            5,
            f"Keluhan warga nomor {i} hubungi 0812-3456-{i % 10000:04d}"
            if i % 50 == 0
            else f"Keluhan warga nomor {i}",
        )
        ws.write_string(r, 6, kec[pick[i]])
        ws.write_string(r, 7, kel[pick[i]])
        ws.write_string(r, 8, UNITS[i % len(UNITS)])
        ws.write_datetime(r, 9, masuk[i].normalize().to_pydatetime(), dfmt)
        ws.write_datetime(r, 10, tanggap[i].to_pydatetime(), dfmt)
        if not open_[i]:
            ws.write_datetime(r, 11, selesai[i].to_pydatetime(), dfmt)
        ws.write_string(r, 12, "Dalam Proses" if open_[i] else "Selesai")
        ws.write_string(r, 13, "Ya" if i % 10 < 7 else "Tidak")
    book.close()
    return buf.getvalue()


def timed(func) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    data = make_workbook(args.rows)
    print(f"workbook: {args.rows:,} rows, {len(data) / 2**20:.1f} MB")

    def raw_calamine() -> int:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return len(book.get_sheet_by_name("Pengaduan").to_python())

    t_raw, _ = timed(raw_calamine)
    with tempfile.TemporaryDirectory() as tmp:
        engine = store.connect(f"sqlite:///{tmp}/bench.db")
        t_import, report = timed(
            lambda: import_file(engine, data, "bench.xlsx", today=pd.Timestamp("2019-01-15"))
        )
        assert report.stored, [p.line() for p in report.errors[:5]]
        stored = len(store.read_pengaduan(engine))
        engine.dispose()
    t_openpyxl, _ = timed(
        lambda: pd.read_excel(io.BytesIO(data), sheet_name="Pengaduan", header=2, engine="openpyxl")
    )
    print(f"raw python-calamine parse      {t_raw:7.2f} s")
    print(f"kinerja end-to-end import      {t_import:7.2f} s   ({stored:,} complaints stored in SQLite)")
    print(f"read_excel(engine='openpyxl')  {t_openpyxl:7.2f} s")
    print(f"import / raw calamine          {t_import / t_raw:7.2f} x   (target <= 3)")
    print(f"openpyxl / import              {t_openpyxl / t_import:7.2f} x   (target >= 4)")


if __name__ == "__main__":
    main()
