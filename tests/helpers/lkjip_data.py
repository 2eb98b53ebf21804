"""A three-year PK of one unit (2016–2018) for the LKjIP tables: one indicator renamed (same Kode), one dropped, one added.

Hand-computed values (tests/integration/services/test_lkjip.py checks them):
- DINKES-AKB, negatif, Rumus kebalikan (Manggarai Timur 2019): 2016 9,5 → 9,8: 96,94; 2017 9,3 → 9,4:
  98,94; 2018 9,20 → 9,53: 9,20 ÷ 9,53 × 100 = 96,54. Target Akhir Renstra 9 (2021): 9 ÷ 9,53 × 100 = 94,44.
- DINKES-GIZI, positif: 2016 90 → 85: 94,44; 2017 91 → 88: 96,70; 2018 renamed, 92 → 93 (Pembilang 186,
  Penyebut 200: 186 ÷ 200 × 100 = 93): 101,09.
  Renstra 95 (2021): 93 ÷ 95 × 100 = 97,89.
- DINKES-IMUN (2016, 2017 only): dropped in 2018.
- DINKES-DBD (new in 2018), negatif, standar (Lampung 2016): 49 → 56,23: (2 − 56,23 ÷ 49) × 100 = 85,24;
  Renstra 46: (2 − 56,23 ÷ 46) × 100 = 77,76.
- Sasaran "Menurunnya angka kematian dan kesakitan" (AKB, DBD): (96,5372 + 85,2449) ÷ 2 = 90,89 (Tinggi);
  "Meningkatnya status gizi" (GIZI): 101,09 (Sangat Tinggi). Tercapai 1 of 3, tidak tercapai 2.
- Budget 2018: one program (pagu Rp 92.831.550.075, merged over AKB and DBD) spent 82.161.081.765 in
  four quarters → 88,51 %; GIZI pagu 1.000.000.000, spent 750.000.000 → 75,00 %; in total
  82.911.081.765 ÷ 93.831.550.075 × 100 = 88,36 %, beside the unit's capaian kinerja
  (96,5372 + 85,2449 + 101,0870) ÷ 3 = 94,29 %.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kinerja.domain.access import admin_scope
from kinerja.services.importer import import_file
from kinerja.store.engine import connect
from tests.helpers import databases
from tests.helpers.xlsx import Sheet, make_xlsx

UNIT = "Dinas Kesehatan"
S1 = "Menurunnya angka kematian dan kesakitan"
S2 = "Meningkatnya status gizi"
PK_HEADER = ["Perangkat Daerah", "Tahun", "Sasaran Strategis", "Indikator Kinerja", "Kode Indikator", "Satuan",
             "Target", "Polaritas", "Akumulasi", "Rumus Capaian", "Target Akhir Renstra", "Tahun Akhir Renstra",
             "Program", "Pagu Anggaran (Rp)"]  # fmt: skip
REAL_HEADER = ["Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Realisasi", "Realisasi Anggaran",
               "Pembilang", "Penyebut"]  # fmt: skip
GIZI_FRACTION = (186, 200)  # 2018: 186 of 200 balita → 93 %, written beside its "93 persen"
AKB = "Angka Kematian Bayi"
GIZI_2016 = "Persentase balita gizi baik"
GIZI_2018 = "Persentase balita dengan status gizi baik"
IMUN = "Cakupan imunisasi dasar lengkap"
DBD = "Angka kesakitan DBD"
PAGU_P1 = "92.831.550.075"
SPENT_P1 = (20_000_000_000, 20_000_000_000, 21_000_000_000, 21_161_081_765)  # = 82.161.081.765


def pk_workbook(year: int) -> bytes:
    rows: list[list[object]] = [PK_HEADER]
    akb_target = {2016: 9.5, 2017: 9.3, 2018: "9,20"}[year]
    rows.append(
        [
            UNIT,
            year,
            S1,
            AKB,
            "DINKES-AKB",
            "per 1.000 KH",
            akb_target,
            "semakin kecil semakin baik",
            "akhir",
            "kebalikan",
            9,
            2021,
            "Program Kesehatan Masyarakat",
            PAGU_P1 if year == 2018 else None,
        ]
    )
    if year == 2018:
        rows.append(
            [
                UNIT,
                year,
                S1,
                DBD,
                "DINKES-DBD",
                "per 100.000 penduduk",
                "49 per 100.000 penduduk",
                "negatif",
                "akhir",
                None,
                46,
                2021,
                "Program Kesehatan Masyarakat",
                PAGU_P1,
            ]
        )
    gizi = GIZI_2018 if year == 2018 else GIZI_2016
    rows.append(
        [
            UNIT,
            year,
            S2,
            gizi,
            "DINKES-GIZI",
            "%",
            {2016: 90, 2017: 91, 2018: "≥ 92"}[year],
            "Maximize",
            "akhir",
            None,
            95,
            2021,
            "Program Perbaikan Gizi",
            1_000_000_000 if year == 2018 else None,
        ]
    )
    if year < 2018:
        rows.append(
            [UNIT, year, S2, IMUN, "DINKES-IMUN", "%", 95, "positif", "akhir", None, None, None, None, None]
        )
    return make_xlsx(Sheet("PK", rows))  # fmt: skip


def realisasi_workbook(year: int) -> bytes:
    values = {
        2016: {"DINKES-AKB": 9.8, "DINKES-GIZI": "85 %", "DINKES-IMUN": 97},
        2017: {"DINKES-AKB": 9.4, "DINKES-GIZI": 88, "DINKES-IMUN": 96},
        2018: {"DINKES-AKB": "9,53", "DINKES-GIZI": "93 persen", "DINKES-DBD": "56,23"},
    }[year]
    rows: list[list[object]] = [REAL_HEADER]
    for kode, value in values.items():
        spent = SPENT_P1[3] if year == 2018 and kode == "DINKES-AKB" else None
        fraction = GIZI_FRACTION if year == 2018 and kode == "DINKES-GIZI" else (None, None)
        rows.append([UNIT, year, 12, kode, value, spent, *fraction])
    if year == 2018:  # budget-only rows: the other quarters of the program, the gizi programme
        for q, spent in enumerate(SPENT_P1[:3], start=1):
            rows.append([UNIT, year, 3 * q, "DINKES-AKB", None, spent, None, None])
        rows.append([UNIT, year, 6, "DINKES-GIZI", None, "Rp 750.000.000", None, None])
    return make_xlsx(Sheet("Realisasi", rows))


def workbooks() -> list[tuple[str, bytes]]:
    """(file name, bytes) in upload order: each year's PK, then its realisasi."""
    out = []
    for year in (2016, 2017, 2018):
        out.append((f"PK_{year}.xlsx", pk_workbook(year)))
        out.append((f"Realisasi_{year}.xlsx", realisasi_workbook(year)))
    return out


TODAY = pd.Timestamp("2019-01-15")


def load(engine) -> None:  # type: ignore[no-untyped-def]
    """Upload the three years into `engine` through the importer (each file must be stored)."""
    for name, data in workbooks():
        report = import_file(engine, data, name, scope=admin_scope("uji"), today=TODAY)
        assert report.stored, [p.line() for p in report.errors]


def snapshot(factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the three years, built once per run (read it; copy it before writing)."""

    def build(path: Path) -> None:
        databases.copy_of(databases.blank_sqlite(factory), path.parent, path.name)
        engine = connect(databases.url(path))
        try:
            load(engine)
        finally:
            engine.dispose()

    return databases.built_once(factory, "lkjip-three-years.db", build)
