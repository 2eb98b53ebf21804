"""The mapping step's pre-selected guesses (issue 12 §3): names matched first, then a field whose words stand in the header."""

from __future__ import annotations

import pytest

from kinerja.ingest.mapping import mapping_tables
from tests.helpers.xlsx import Sheet, make_xlsx

CASES = [
    ("PK export of a satker", "Data",
     ["Satker", "Thn", "Tujuan Satker", "Uraian Indikator", "Ukuran", "Sasaran Angka"],
     ["unit", "tahun", "", "indikator", "", "sasaran"]),
    ("long names around the field's words", "Data",
     ["Unit Kerja", "Tahun", "Sasaran", "Nama Indikator", "Satuan Ukur", "Target Tahun Ini"],
     ["unit", "tahun", "sasaran", "indikator", "satuan", "target"]),
    ("a field is guessed once: the first column keeps it", "Data",
     ["Nama Indikator", "Uraian Indikator", "Target Tahun Ini"],
     ["indikator", "", "target"]),
    ("complaints: short forms", "Pengaduan",
     ["Tgl Masuk", "Isi", "Kel", "Kec"],
     ["tanggal_masuk", "", "kelurahan", "kecamatan"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "sheet", "header", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_best_guess_of_each_unrecognised_column(case, sheet, header, expected) -> None:
    data = make_xlsx(Sheet(sheet, [header, ["x"] * len(header)]))
    (table,) = mapping_tables(data, "x.xlsx")
    assert table.labels == header
    assert table.guesses == expected


def test_a_guess_does_not_hide_the_mapping_step() -> None:
    """Columns still missing by name stay missing: the admin is asked, the guess is only pre-selected."""
    data = make_xlsx(Sheet("Pengaduan", [["Tgl Masuk", "Kategori"], ["05/03/2018", "Jalan"]]))
    (table,) = mapping_tables(data, "x.xlsx")
    assert table.guesses == ["tanggal_masuk", "kategori"]
    assert table.missing == ["Tanggal Masuk"]
