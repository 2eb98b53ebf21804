"""`python -m kinerja import` prints each plausibility warning with its cell and reason, and still stores."""

from __future__ import annotations

from tests.helpers.xlsx import PK_HEADER, REAL_HEADER, Sheet, make_xlsx

PK = [
    PK_HEADER,
    ["Dinas Sosial", 2018, "Perlindungan sosial", "Cakupan layanan", "DINSOS-1", "%", 85, "positif", "akhir", None],
    ["Dinas Sosial", 2018, "Perlindungan sosial", "Warga dibantu", "DINSOS-2", "orang", 150, "positif", "kumulatif", None],
    ["Dinas Sosial", 2018, "Perlindungan sosial", "Panti dibina", "DINSOS-3", "panti", 12, "positif", "akhir", None],
]  # fmt: skip


def _real(rows):
    return make_xlsx(Sheet("Realisasi", [REAL_HEADER, *rows]))


def test_each_warning_names_the_cell_and_the_reason(run, sqlite_engine, tmp_path) -> None:
    db = str(sqlite_engine.url)
    (tmp_path / "pk.xlsx").write_bytes(make_xlsx(Sheet("PK", PK)))
    jan_mei = [["Dinas Sosial", 2018, m, k, None, v] for m in range(1, 6)
               for k, v in (("DINSOS-1", 84 + m / 2), ("DINSOS-2", 10 + m), ("DINSOS-3", 5))]  # fmt: skip
    (tmp_path / "jan_mei.xlsx").write_bytes(_real(jan_mei))
    assert run(db, "import", str(tmp_path / "pk.xlsx"), str(tmp_path / "jan_mei.xlsx")).rc == 0
    juni = [
        ["Dinas Sosial", 2018, 6, "DINSOS-1", None, 860],  # row 2: the % lost its comma
        ["Dinas Sosial", 2018, 6, "DINSOS-2", None, 80],  # row 3: Jan–Mei sum 65 + a month ≈ year to date
        ["Dinas Sosial", 2018, 6, "DINSOS-3", None, -5],  # row 4: a negative count
    ]
    (tmp_path / "juni.xlsx").write_bytes(_real(juni))
    done = run(db, "import", str(tmp_path / "juni.xlsx"))
    assert done.rc == 0 and "juni.xlsx: disimpan" in done.out  # warnings never refuse
    lines = [line for line in done.err.splitlines() if line.startswith("peringatan: ")]
    assert len(lines) == 3, done.err
    by_row = {next(p for p in line.split(" · ") if p.startswith("baris ")): line for line in lines}
    assert (
        "kolom F (Realisasi)" in by_row["baris 2"]
        and "860 jauh di atas bulan-bulan sebelumnya" in by_row["baris 2"]
    )
    assert "hampir sama dengan jumlah bulan-bulan sebelumnya (Januari–Mei: 65)" in by_row["baris 3"]
    assert "kumulatif" in by_row["baris 3"] and "bukan akumulasi sejak Januari" in by_row["baris 3"]
    assert "nilai negatif (-5)" in by_row["baris 4"] and "bersatuan panti" in by_row["baris 4"]
