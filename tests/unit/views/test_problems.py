"""A file with an error on every row (issue 10 §6): the first 1,000 problems, and counts per column and kind."""

from __future__ import annotations

from kinerja.ingest.report import ImportReport
from kinerja.views.problems import SHOWN, first_problems, kind_of, problem_counts


def _all_bad(n: int) -> ImportReport:
    report = ImportReport("semua_salah.xlsx")
    for row in range(2, n + 2):
        if row % 3:
            report.error(f"'31/02/20{row % 100:02d}' bukan tanggal yang sah", sheet="Pengaduan", row=row,
                         column="B (Tanggal Masuk)", expected="tanggal")  # fmt: skip
        else:
            report.error(f"'Beres {row}' tidak dikenal", sheet="Pengaduan", row=row, column="K (Status)",
                         expected="Baru, Proses, Selesai")  # fmt: skip
    report.notice("data pribadi dalam Uraian disamarkan: 1 telepon", sheet="Pengaduan")
    return report


def test_only_the_first_1000_problems_are_listed_in_file_order() -> None:
    shown = first_problems(_all_bad(3000))
    assert SHOWN == 1000 and len(shown) == 1000
    assert list(shown["baris"][:3]) == [2, 3, 4] and shown["baris"].iloc[-1] == 1001


def test_counts_per_column_and_kind_cover_every_error() -> None:
    counts = problem_counts(_all_bad(3000))
    assert counts.to_dict("records") == [
        {"Sheet": "Pengaduan", "Kolom": "B (Tanggal Masuk)", "Masalah": "'…' bukan tanggal yang sah", "Jumlah": 2000},
        {"Sheet": "Pengaduan", "Kolom": "K (Status)", "Masalah": "'…' tidak dikenal", "Jumlah": 1000},
    ]  # fmt: skip


def test_kind_of_drops_the_quoted_value_and_numbers() -> None:
    assert kind_of("Tanggal Selesai '01/03/2018' lebih awal dari Tanggal Masuk") == (
        "Tanggal Selesai '…' lebih awal dari Tanggal Masuk"
    )
