"""The demo's complaint export, written as a LAPOR!-style sheet with typed dates and spelling variants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.demo import catalogue as sd
from kinerja.demo.book import Book, date_text, unit_text
from kinerja.demo.complaints import fake_phone
from kinerja.demo.seed import TAHUN, one
from kinerja.demo.truth import DemoData, load_wilayah


def write_pengaduan(data: DemoData, path: Path, rng: np.random.Generator) -> Path:
    book = Book(path)
    ws = book.wb.add_worksheet("Pengaduan")
    book.titles(
        ws, (f"REKAPITULASI PENGADUAN MASYARAKAT KOTA KUPANG TAHUN {TAHUN}",), len(sd.PENGADUAN_HEADER)
    )
    for c, name in enumerate(sd.PENGADUAN_HEADER):
        ws.write_string(2, c, name, book.head)
    wil = load_wilayah()
    varian = {k: v.split("|") for k, v in zip(wil["kelurahan"], wil["varian_ejaan"], strict=True) if v}
    kec_of = dict(zip(wil["kelurahan"], wil["kecamatan"], strict=True))
    names = dict(zip(data.units["kode"], data.units["nama"], strict=True))
    for i, row in enumerate(data.pengaduan.to_dict("records")):
        r = 3 + i
        u = rng.random(8)
        masuk = row["tanggal_masuk"]
        wa = row["saluran"] == "WhatsApp"
        cells: list[object] = [
            i + 1,
            row["no_tiket"] if pd.notna(row["no_tiket"]) else None,
            date_text(masuk, int(u[0] * 100)) if not wa and u[0] < 0.08 else masuk,
            row["saluran_catatan"]
            if row["saluran"] == "Lainnya"
            else one(rng, sd.SALURAN_TULIS[row["saluran"]]),
            row["kategori"],
            row["uraian"],
            f"{one(rng, sd.NAMA_DEPAN)} {one(rng, sd.NAMA_BELAKANG)}",
            fake_phone(rng),
            None if u[1] < 0.02 else f"Kec. {row['kecamatan']}" if u[1] < 0.12 else row["kecamatan"],
            _kelurahan_text(row["kelurahan"], varian, u[2]),
            _tujuan_text(row["unit"], names, row["kelurahan"], kec_of, rng),
        ]
        for j, col in enumerate(
            ("tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan", "tanggal_selesai")
        ):
            d = row[col]
            cells.append(date_text(d, int(u[3] * 1000) + j) if pd.notna(d) and u[3] < 0.07 else d)
        cells.append(row["status"])
        cells.append(one(rng, sd.YA_TULIS if row["ada_bukti"] == "Ya" else sd.TIDAK_TULIS))
        cells.append(row["tinjau_lapangan"] if u[4] > 0.05 else row["tinjau_lapangan"][0])
        for c, value in enumerate(cells):
            book.put(ws, r, c, value)
    ws.set_column(2, 2, 16)
    ws.set_column(5, 5, 60)
    return book.close(path)


def _kelurahan_text(kel: str, varian: dict[str, list[str]], u: float) -> str:
    if kel in varian and u < 0.35:
        return varian[kel][int(u * 100) % len(varian[kel])]
    return f"Kel. {kel}" if u > 0.95 else kel


def _tujuan_text(
    kode: object, names: dict[str, str], kel: str, kec_of: dict[str, str], rng: np.random.Generator
) -> str | None:
    """Destination as written; some kecamatan complaints name the kelurahan office instead."""
    if not isinstance(kode, str):
        return None
    if kode.startswith("KEC-") and rng.random() < 0.15:
        return f"Kelurahan {kel}"
    return unit_text(kode, names[kode], rng)
