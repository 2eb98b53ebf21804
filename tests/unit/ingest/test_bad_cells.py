"""Cells that still got a poor answer (issue 10 §6): NUL characters, a 1 MB cell, a year written 0018."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.ingest.files import read_file
from tests.helpers.hostile import complaint_sheet, raw_xlsx, text
from tests.helpers.xlsx import COMPLAINT_HEADER, REAL_HEADER, Sheet, complaint_row, make_xlsx

TODAY = pd.Timestamp("2019-01-15")


def _with_uraian(value: str) -> bytes:
    rows = complaint_sheet()
    rows[0] = (1, [*rows[0][1], text("G1", "Uraian")])
    rows[1] = (2, [*rows[1][1], text("G2", value)])
    return raw_xlsx({"Pengaduan": rows})


def test_nul_written_as_x0000_in_xlsx_is_removed() -> None:
    read = read_file(_with_uraian("jalan_x0000_ rusak_x0000_"), "nul.xlsx", today=TODAY)
    assert read.report.errors == []
    uraian = read.frames["pengaduan"].set_index("no_tiket")["uraian"]
    assert uraian["KPG-1"] == "jalan rusak"


def test_nul_in_a_csv_is_removed() -> None:
    lines = [
        ",".join(COMPLAINT_HEADER),
        ",".join(str(v) for v in complaint_row("C\x001", Uraian="got\x00 ong")),
    ]
    read = read_file("\n".join(lines).encode(), "nul.csv", today=TODAY)
    assert read.report.errors == []
    row = read.frames["pengaduan"].iloc[0]
    assert (row["no_tiket"], row["uraian"]) == ("C1", "got ong")


def test_a_cell_longer_than_excel_allows_is_an_error_not_stored() -> None:
    read = read_file(_with_uraian("x" * 1_000_000), "besar.xlsx", today=TODAY)
    assert [(p.row, p.column, p.message, p.expected) for p in read.report.errors] == [
        (
            2,
            "G (Uraian)",
            "sel berisi 1.000.000 karakter",
            "teks paling banyak 32.767 karakter (batas sel Excel)",
        )
    ]


def test_a_cell_of_exactly_32767_characters_is_kept() -> None:
    read = read_file(_with_uraian("x" * 32_767), "pas.xlsx", today=TODAY)
    assert read.report.errors == []


@pytest.mark.parametrize("written", ["05/03/0018", "0018-03-05", "5/3/0018"])
def test_a_year_written_with_leading_zeros_is_not_read_as_2018(written: str) -> None:
    data = make_xlsx(
        Sheet("Pengaduan", [COMPLAINT_HEADER, complaint_row("Y1", **{"Tanggal Masuk": written})])
    )
    report = read_file(data, "tahun.xlsx", today=TODAY).report
    assert [(p.column, p.message) for p in report.errors] == [
        ("B (Tanggal Masuk)", f"'{written}' bukan tanggal yang sah")
    ]


def test_a_two_digit_year_still_means_20yy() -> None:
    data = make_xlsx(
        Sheet("Pengaduan", [COMPLAINT_HEADER, complaint_row("Y2", **{"Tanggal Masuk": "05/03/18"})])
    )
    read = read_file(data, "tahun.xlsx", today=TODAY)
    assert read.report.errors == []
    assert read.frames["pengaduan"].iloc[0]["tanggal_masuk"] == pd.Timestamp("2018-03-05")


def _csv_lines(sep: str) -> str:
    return "\r\n".join(sep.join(str(v) for v in row) for row in [COMPLAINT_HEADER, complaint_row("U1")])


@pytest.mark.parametrize(
    ("encoded", "what"),
    [
        (_csv_lines("\t").encode("utf-16"), "UTF-16 + tab (Excel's Unicode text)"),
        (_csv_lines(",").encode("utf-16-le"), "UTF-16 without BOM"),
        (_csv_lines("\t").encode("utf-8"), "UTF-8 + tab"),
    ],  # fmt: skip
)
def test_utf16_and_tab_separated_csv_are_read(encoded: bytes, what: str) -> None:
    read = read_file(encoded, "aduan.csv", today=TODAY)
    assert read.report.errors == [], what
    row = read.frames["pengaduan"].iloc[0]
    assert (row["no_tiket"], row["kelurahan"]) == ("U1", "Oebufu"), what


def test_an_unbalanced_quote_gets_an_indonesian_message() -> None:
    text = ",".join(COMPLAINT_HEADER) + '\nK1,05/03/2018,WA,"Sampah,tidak ditutup\nK2,06/03/2018,WA,Sampah\n'
    report = read_file(text.encode(), "kutip.csv", today=TODAY).report
    (problem,) = report.errors
    assert problem.message.startswith(
        'CSV tidak dapat dibaca: tanda kutip (") yang tidak ditutup mulai baris 2'
    )
    assert "Error" not in problem.message and "EOF" not in problem.message


def test_a_blank_realisasi_with_a_new_keterangan_gets_a_notice() -> None:
    header = [*REAL_HEADER, "Keterangan"]
    rows = [header, ["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80, "sesuai target"],
            ["Dinas Kesehatan", 2018, 2, "DINKES-1", None, None, "data menyusul dari puskesmas"]]  # fmt: skip
    report = read_file(make_xlsx(Sheet("Realisasi", rows)), "r.xlsx", today=TODAY).report
    assert report.errors == []
    assert [(p.row, p.column, p.message) for p in report.notices] == [
        (3, "F (Realisasi)", "Realisasi kosong: Keterangan di baris ini tidak disimpan; isi Realisasi agar "
         "Keterangan ikut tersimpan")
    ]  # fmt: skip
