"""Published LKjIP rows as table rows: the three capaian rules (Rumus Capaian), Renstra, serapan, fractions.

Sources (Bab III tables of published reports):
- Manggarai Timur LKjIP 2019, sasaran 5 (manggaraitimurkab.go.id): AKI target 162, realisasi 186 per
  100.000 KH → 162 ÷ 186 × 100 = 87,10; AKB target 9,20, realisasi 9,53 per 1.000 KH → 96,54 (T ÷ R).
- LKIP Polda NTB 2016, tabel 3.28: persentase penurunan wilayah konflik sosial, target 60, realisasi
  129,03 → 46,50 (T ÷ R).
- LKjIP Kota Dumai 2016, tabel 3.21: API malaria target 1, realisasi 0,06 → 100; TB paru target 88,
  realisasi 88,38 → 100; HIV target 1, realisasi 0,72 → 100 (capped at 100).
- LKj Provinsi Lampung 2015/2016 (PermenPANRB's (2 − R/T)): malaria 0,43 vs 0,35 → 77,14; DBD 56,23 vs 49
  → 85,24; DBD 56,23 vs the 2019 (Renstra) target 46 → 77,76.
- PermenPANRB 8/2021's range example: 92 against 80–90 → 92 ÷ 90 × 100 = 102,22 (the regulation prints 113).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kinerja.metrics.capaian import capaian, indicator_results
from kinerja.metrics.lkjip import budget_lines, match_previous, serapan
from tests.unit.metrics.pk_frames import pk_frame, pk_row, real_frame

PUBLISHED = [
    # source, realisasi, target lo, hi, polaritas, rumus, printed capaian
    ("Manggarai Timur 2019 AKI", 186, 162, 162, "negatif", "kebalikan", 87.10),
    ("Manggarai Timur 2019 AKB", 9.53, 9.20, 9.20, "negatif", "kebalikan", 96.54),
    ("Polda NTB 2016 konflik sosial", 129.03, 60, 60, "negatif", "kebalikan", 46.50),
    ("Dumai 2016 API malaria", 0.06, 1, 1, "negatif", "maks_100", 100.00),
    ("Dumai 2016 TB paru", 88.38, 88, 88, "positif", "maks_100", 100.00),
    ("Dumai 2016 HIV", 0.72, 1, 1, "negatif", "maks_100", 100.00),
    ("Lampung 2015 malaria", 0.43, 0.35, 0.35, "negatif", "standar", 77.14),
    ("Lampung 2016 DBD", 56.23, 49, 49, "negatif", "standar", 85.24),
    ("Lampung 2016 DBD vs Renstra 2019", 56.23, 46, 46, "negatif", "standar", 77.76),
    ("PermenPANRB 8/2021 range (misprinted 113)", 92, 80, 90, "positif", "standar", 102.22),
]


@pytest.mark.parametrize(
    ("source", "r", "lo", "hi", "polaritas", "rumus", "printed"), PUBLISHED, ids=[p[0] for p in PUBLISHED]
)
def test_published_capaian(source, r, lo, hi, polaritas, rumus, printed) -> None:
    assert round(float(capaian(r, lo, hi, polaritas, rumus)), 2) == printed


@pytest.mark.parametrize(
    ("r", "lo", "hi", "polaritas", "rumus", "expected"),
    [
        (9.53, 9.20, 9.20, "negatif", "standar", (2 - 9.53 / 9.20) * 100),  # the same row, standar
        (93, 92, 92, "positif", "kebalikan", 93 / 92 * 100),  # kebalikan leaves positif R/T
        (0, 0, 0, "negatif", "kebalikan", 100.0),  # R = T = 0
        (3, 0, 0, "negatif", "kebalikan", 0.0),  # T/R = 0
        (8.5, 8, 9, "negatif", "kebalikan", 100.0),  # inside a range
        (10, 8, 9, "negatif", "kebalikan", 90.0),  # above: 9 ÷ 10
        (139.74, 100, 100, "positif", "maks_100", 100.0),
        (139.74, 100, 100, "positif", "standar", 139.74),  # never capped under standar
    ],
)
def test_rumus_rules(r, lo, hi, polaritas, rumus, expected) -> None:
    assert float(capaian(r, lo, hi, polaritas, rumus)) == pytest.approx(expected)


def test_kebalikan_with_zero_realisasi_is_undefined() -> None:
    assert np.isnan(capaian(0, 5, 5, "negatif", "kebalikan"))


def test_rumus_column_drives_indicator_results() -> None:
    pk = pk_frame(
        pk_row("DINKES", "akb", 9.20, polaritas="negatif", rumus_capaian="kebalikan"),
        pk_row("DINKES", "akb2", 9.20, polaritas="negatif"),
    )
    real = real_frame(("DINKES", "akb", 12, 9.53), ("DINKES", "akb2", 12, 9.53))
    res = indicator_results(pk, real, 2018, 12).set_index("kunci")
    assert round(res.at["akb", "capaian_tahunan"], 2) == 96.54
    assert round(res.at["akb2", "capaian_tahunan"], 2) == round((2 - 9.53 / 9.20) * 100, 2) == 96.41
    assert res.at["akb2", "rumus_capaian"] == "standar"


def test_kumulatif_fraction_sums_the_counts() -> None:
    # AKI per 100.000 KH, kumulatif: Jan 4 of 2.000, Feb 6 of 3.350 → 10 ÷ 5.350 × 100.000 = 186,92
    # (the sum of the monthly rates, 200 + 179,10, would be 379,10).
    pk = pk_frame(
        pk_row("DINKES", "aki", 162, polaritas="negatif", akumulasi="kumulatif", satuan="per 100.000 KH")
    )
    real = real_frame(("DINKES", "aki", 1, 4 / 2000 * 100_000), ("DINKES", "aki", 2, 6 / 3350 * 100_000))
    real["pembilang"] = [4.0, 6.0]
    real["penyebut"] = [2000.0, 3350.0]
    row = indicator_results(pk, real, 2018, 2).iloc[0]
    assert row["realisasi"] == pytest.approx(10 / 5350 * 100_000)
    assert round(row["realisasi"], 2) == 186.92
    plain = indicator_results(pk, real.drop(columns=["pembilang", "penyebut"]), 2018, 2).iloc[0]
    assert round(plain["realisasi"], 2) == 379.10


def test_serapan_published_row() -> None:
    # "Rp 92.831.550.075 terealisasi Rp 82.161.081.765 atau 88,51 %"
    lines = pd.DataFrame(
        {"sasaran": ["S"], "program": ["P"], "pagu": [92_831_550_075.0],
         "realisasi_anggaran": [82_161_081_765.0], "capaian": [90.0], "indikator": ["I"]}
    )  # fmt: skip
    total = serapan(lines).iloc[0]
    assert round(total["serapan_pct"], 2) == 88.51
    assert total["pagu"] == 92_831_550_075 and total["realisasi_anggaran"] == 82_161_081_765


def test_program_budget_counts_once() -> None:
    """Two indicators of one sasaran under one Program with the same pagu (a merged cell): one pagu."""
    res = pd.DataFrame(
        {"unit": "U", "kunci": ["a", "b", "c"], "sasaran": ["S", "S", "S"], "indikator": ["A", "B", "C"],
         "program": ["P", "P", "Q"], "anggaran": [100.0, 100.0, 50.0], "capaian_tahunan": [90.0, 80.0, 100.0]}
    )  # fmt: skip
    real = pd.DataFrame(
        {"unit": "U", "tahun": 2018, "kunci": ["a", "b", "a", "c"], "bulan": [6, 6, 12, 12],
         "realisasi_anggaran": [30.0, 30.0, 40.0, 50.0]}
    )  # fmt: skip
    lines = budget_lines(res, real, 2018)
    assert sorted(lines["pagu"]) == [50.0, 100.0]
    p = lines.set_index("program")
    assert p.at["P", "realisasi_anggaran"] == 70.0  # June written on both rows counts once, + December
    assert serapan(lines).iloc[0]["serapan_pct"] == pytest.approx(120 / 150 * 100)


def test_an_indicator_keeps_its_identity_across_years() -> None:
    """Kode first (a renamed indicator still matches), else the normalised name; never another unit's."""

    def year(*rows: tuple[str, str, str, float, float]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=["unit", "kunci", "indikator", "realisasi", "capaian_tahunan"])

    now = year(("DINKES", "GIZI", "Persentase balita dengan status gizi baik", 93, 101.09),
               ("DINKES", "persentase puskesmas terakreditasi", "Persentase Puskesmas terakreditasi", 80, 100),
               ("DINKES", "angka kesakitan dbd", "Angka kesakitan DBD", 56.23, 85.24),
               ("DINSOS", "jumlah pmks", "Jumlah PMKS", 10, 90))  # fmt: skip
    before = year(("DINKES", "GIZI", "Persentase balita gizi baik", 85, 94.44),  # renamed, same Kode
                  ("DINKES", "P-01", "Persentase  puskesmas  terakreditasi.", 70, 87.5),  # Kode dropped since
                  ("DINKES", "jumlah pmks", "Jumlah PMKS", 12, 80))  # another unit's name  # fmt: skip
    out = match_previous(now, {2017: before}).set_index("kunci")
    assert out["realisasi_2017"].tolist()[:2] == [85, 70] and out["capaian_2017"].tolist()[:2] == [
        94.44,
        87.5,
    ]
    assert out.loc[["angka kesakitan dbd", "jumlah pmks"], "realisasi_2017"].isna().all()  # added; other unit
