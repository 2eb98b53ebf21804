"""Goal 3's database: 5 years × 200,000 complaints and 30 units × 10 indicators × 12 months per year.

Stored through the store's own write path (plan_upload + write_upload: one upload per year, with
its change log), as five yearly imports would. The file is built once and reused by path.
Run: python benchmarks/five_years.py PATH [--complaints 200000] [--first-year 2019]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, Batch  # noqa: E402
from kinerja.store.engine import connect  # noqa: E402
from kinerja.store.plan import plan_upload  # noqa: E402
from kinerja.store.readers import read_units  # noqa: E402
from kinerja.store.write import write_upload  # noqa: E402

UNITS, INDICATORS = 30, 10
KECAMATAN = ["Alak", "Kelapa Lima", "Kota Lama", "Kota Raja", "Maulafa", "Oebobo"]


def complaints(year: int, n: int, units: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    start = np.datetime64(f"{year}-01-01T00:00", "m")
    masuk = start + rng.integers(0, 365 * 24 * 60, n).astype("timedelta64[m]")
    day = np.timedelta64(1, "D")
    dis = masuk + rng.integers(0, 3, n) * day
    tang = dis + rng.integers(0, 12, n) * day
    sel = tang + rng.integers(0, 60, n) * day
    nat = np.datetime64("NaT")
    answered = rng.random(n) < 0.85
    frame = pd.DataFrame(
        {
            "no_tiket": [f"KPG-{year}-{i:06d}" for i in range(n)],
            "tiket_turunan": False,
            "tanggal_masuk": masuk,
            "saluran": rng.choice(["WhatsApp", "SP4N-LAPOR!", "Posko", "Datang Langsung"], n),
            "kategori": rng.choice(["Sampah", "Air Bersih", "Jalan", "Penerangan", "Administrasi"], n),
            "uraian": "Keluhan warga",
            "kecamatan": rng.choice(KECAMATAN, n),
            "unit": rng.choice(units, n),
            "tanggal_disposisi": dis,
            "tanggal_tanggapan": np.where(answered, tang, nat),
            "tanggal_selesai": np.where(answered & (rng.random(n) < 0.8), sel, nat),
            "ada_bukti": pd.array(rng.random(n) < 0.7, dtype="boolean"),
        }
    )
    frame["status"] = np.where(frame["tanggal_selesai"].notna(), "selesai", "proses")
    return frame.reindex(columns=PENGADUAN_FRAME)


def pk_and_realisasi(
    year: int, units: np.ndarray, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    unit = np.repeat(units, INDICATORS)
    n = len(unit)
    kunci = [f"{u}-{k + 1}" for u in units for k in range(INDICATORS)]
    target = rng.uniform(10, 100, n).round(1)
    pk = pd.DataFrame(
        {
            "unit": unit, "tahun": year, "urutan": np.tile(np.arange(1, INDICATORS + 1), len(units)),
            "kunci": kunci, "kode_indikator": kunci, "indikator": [f"Indikator {k}" for k in kunci],
            "sasaran": "Sasaran strategis", "satuan": "%", "target": target.astype(str),
            "target_min": target, "target_max": target,
            "polaritas": rng.choice(["positif", "negatif"], n, p=[0.8, 0.2]),
            "akumulasi": rng.choice(["kumulatif", "akhir", "rata_rata"], n),
            "nama_kepala": "Kepala", "tanggal_perjanjian": pd.Timestamp(f"{year}-02-01"),
        }
    ).reindex(columns=PK_FRAME)  # fmt: skip
    real = pd.DataFrame(
        {
            "unit": np.repeat(unit, 12), "tahun": year, "kunci": np.repeat(kunci, 12),
            "bulan": np.tile(np.arange(1, 13), n), "realisasi": rng.uniform(0, 12, n * 12).round(2),
        }
    ).reindex(columns=REALISASI_FRAME)  # fmt: skip
    return pk, real


def build(path: Path, n: int, first_year: int, years: int = 5) -> None:
    engine = connect(f"sqlite:///{path}", create=True)
    units = read_units(engine)
    inside = units["jenis"].astype(str) != "Luar Pemkot"  # the city's own units first
    kode = pd.concat([units[inside], units[~inside]])["kode"].astype(str).to_numpy()[:UNITS]
    rng = np.random.default_rng(20180227)
    for year in range(first_year, first_year + years):
        t0 = time.perf_counter()
        pk, real = pk_and_realisasi(year, kode, rng)
        batch = Batch(pk=pk, realisasi=real, pengaduan=complaints(year, n, kode, rng))
        with engine.begin() as conn:
            plan = plan_upload(conn, batch)
            write_upload(conn, plan, nama_file=f"data_{year}.xlsx", sha256=f"{year:064d}",
                         pengguna="admin", ringkasan={}, baris_dilewati=[])  # fmt: skip
        print(f"  {year}: {n:,} complaints, {len(pk)} indicators stored in {time.perf_counter() - t0:.1f} s")
    engine.dispose()


def ensure(path: Path, n: int = 200_000, first_year: int = 2019) -> Path:
    """The database at `path`, built when missing."""
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        build(tmp, n, first_year)
        tmp.rename(path)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path", type=Path)
    ap.add_argument("--complaints", type=int, default=200_000)
    ap.add_argument("--first-year", type=int, default=2019)
    args = ap.parse_args()
    ensure(args.path, args.complaints, args.first_year)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
