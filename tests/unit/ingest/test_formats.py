"""File formats real offices send (issue 12 §4–5): .xls, HTML saved as .xls, hidden sheets, empty templates."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from kinerja.ingest.filelevel import FileOptions
from kinerja.ingest.files import read_file
from kinerja.ingest.workbook import load_sheets
from tests.helpers.xls import make_xls
from tests.helpers.xlsx import Sheet, make_xlsx, pk_rows

TODAY = pd.Timestamp("2019-01-15")


def read(data: bytes, name: str = "f.xlsx", options: FileOptions | None = None):
    return read_file(data, name, today=TODAY, options=options)


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (["Tanggal Masuk", "Kategori"], ["05/03/2018", "Sampah"]),
        (["Tanggal Masuk", "Kategori", "Uraian"], ["05/03/2018", "Sampah", None]),
    ],
    ids=["no Uraian column", "blank Uraian"],
)
def test_complaint_without_ticket_and_uraian_gets_a_derived_id(header, row) -> None:
    """Issue 12 §5: the derived ticket id crashed (AttributeError) when Uraian was absent or blank."""
    read_ = read(make_xlsx(Sheet("Pengaduan", [header, row])))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    frame = read_.frames["pengaduan"]
    assert frame["tiket_turunan"].tolist() == [True]
    assert frame.at[0, "no_tiket"].startswith("T-20180305-")


# --- .xls (BIFF) and HTML tables saved as .xls -----------------------------------------------
def test_a_real_xls_is_read() -> None:
    """Issue 12 §4: Excel 97-2003 (BIFF8) is read, not refused."""
    rows = [["Perangkat Daerah", "Tahun", "Sasaran", "Indikator Kinerja", "Satuan", "Target"],
            ["Dinas Kesehatan", 2018, "S1", "Ind A", "%", 85.5]]  # fmt: skip
    read_ = read(make_xls(("PK", rows)), "lama.xls")
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    pk = read_.frames["pk"]
    assert (pk.at[0, "unit"], pk.at[0, "tahun"], pk.at[0, "indikator"], pk.at[0, "target_max"]) == (
        "Dinas Kesehatan", 2018, "Ind A", 85.5,
    )  # fmt: skip


def test_a_corrupt_xls_says_so() -> None:
    read_ = read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "lama.xls")
    message = read_.report.errors[0].message
    assert "rusak atau tidak dapat dibaca" in message and "simpan sebagai 'Excel Workbook (.xlsx)'" in message


HTML = """<html><head><meta charset="utf-8"></head><body><table>
<thead><tr><th>#</th><th>Kode</th><th>Sasaran</th><th>#</th><th>Kode</th><th>IKU</th><th>Target</th>
<th>Satuan</th><th>Unit Kerja</th></tr></thead>
<tbody>
<tr><td rowspan="2">1</td><td rowspan="2">SS-1</td><td rowspan="2">Sasaran &amp; satu</td><td>1</td><td>IKU-11</td>
<td>IKU 1-1</td><td>4</td><td>Titik</td><td rowspan="2">Dinas Kesehatan</td></tr>
<tr><td>2</td><td>IKU-12</td><td>IKU 1-2</td><td>85,5</td><td>%</td></tr>
<tr><td colspan="3">Tahun 2018</td><td>3</td><td>IKU-13</td><td>IKU 1-3</td><td>7</td><td>Dok</td><td>Dinas Kesehatan</td></tr>
</tbody></table></body></html>"""


def test_an_html_table_saved_as_xls_is_read_with_spans_filled() -> None:
    read_ = read(HTML.encode(), "laporan_perencanaan.xls", FileOptions(tahun=2018))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    pk = read_.frames["pk"]
    assert list(pk["kode_indikator"]) == ["IKU-11", "IKU-12", "IKU-13"]  # the IKU code, not SS-1
    assert list(pk["sasaran"]) == ["Sasaran & satu", "Sasaran & satu", "Tahun 2018"]  # rowspan filled
    assert list(pk["unit"]) == ["Dinas Kesehatan"] * 3  # rowspan filled
    assert list(pk["target_max"]) == [4.0, 85.5, 7.0]
    assert list(pk["_baris"]) == [2, 3, 4]


def test_a_colspan_fills_every_cell_it_covers() -> None:
    html = b"<table><tr><td colspan='2'>a</td><td>b</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>"
    (sheet,) = load_sheets(html, "x.xls")
    assert sheet.rows == [["a", "a", "b"], ["1", "2", "3"]]
    assert sheet.merges == [((0, 0), (0, 1))]


# --- hidden and helper sheets, the empty template ----------------------------------------------
def _with_hidden_helper() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "PK"
    for row in pk_rows():
        ws.append(row)
    helper = book.create_sheet("Daftar")
    for row in [["Tahun", "Bulan", "Realisasi"], [2018, "Januari", "x"]]:
        helper.append(row)
    helper.sheet_state = "hidden"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_a_clean_pk_with_a_hidden_helper_sheet_loads() -> None:
    read_ = read(_with_hidden_helper())
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert len(read_.frames["pk"]) == 3
    assert any("sheet tersembunyi 'Daftar' dilewati" in p.message for p in read_.report.notices)


def test_a_helper_sheet_that_matches_nothing_is_skipped_with_a_notice() -> None:
    data = make_xlsx(
        Sheet("PK", pk_rows()), Sheet("Pilihan", [["Polaritas", "Akumulasi"], ["positif", "akhir"]])
    )
    read_ = read(data)
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert any("'Pilihan'" in p.message and "dilewati" in p.message for p in read_.report.notices)


@pytest.mark.parametrize(
    "sheets",
    [
        [Sheet("PK", [pk_rows()[0]])],
        [
            Sheet(
                "Sheet1", [["LAPORAN PERENCANAAN"], [], ["No", "Kode", "Sasaran", "IKU", "Target", "Satuan"]]
            )
        ],
        [Sheet("Realisasi", [["Perangkat Daerah", "Tahun", "Bulan", "Indikator Kinerja", "Realisasi"]])],
    ],
    ids=["our PK template", "a system's export template", "realisasi header only"],
)
def test_an_empty_template_has_no_data_rows(sheets) -> None:
    read_ = read(make_xlsx(*sheets))
    assert [p.message for p in read_.report.errors] == [
        "berkas tidak berisi baris data (hanya baris judul kolom: templat kosong)"
    ]


# --- ISO times with a zone -------------------------------------------------------------------
def test_iso_times_with_a_zone_are_dates_in_wita() -> None:
    rows = [["No Tiket", "Tanggal Masuk", "Kategori"], ["A1", "2018-05-02T09:30:00.000Z", "Sampah"],
            ["A2", "2018-05-02T20:15:00+00:00", "Air"], ["A3", "2018-05-02T09:30:00+08:00", "Jalan"]]  # fmt: skip
    read_ = read(make_xlsx(Sheet("Pengaduan", rows)))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert list(read_.frames["pengaduan"]["tanggal_masuk"]) == [
        pd.Timestamp("2018-05-02 17:30"), pd.Timestamp("2018-05-03 04:15"), pd.Timestamp("2018-05-02 09:30"),
    ]  # fmt: skip


# --- refusals that say what a file is not -------------------------------------------------------
def _diagram() -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf)
    ws = book.add_worksheet("Pohon")
    ws.write("C2", "POHON KINERJA DINAS X TAHUN 2016")
    for i in range(6):
        ws.insert_textbox(4 + 4 * i, 2, f"Sasaran {i}")
    book.close()
    return buf.getvalue()


def _boxes() -> bytes:
    rows = [["CASCADING PERJANJIAN KINERJA TAHUN 2017"], [], ["Sasaran 1", None, None, "Sasaran 2"],
            [None, "Meningkatnya A", None, None, "Meningkatnya B"], ["Indikator :", None, None, "Indikator :"],
            [None, "Persentase A", None, None, "Persentase B"]]  # fmt: skip
    return make_xlsx(Sheet("cascade", rows))


REFUSALS = [
    ("shapes: a diagram", _diagram, "x.xlsx", "bagan (gambar bentuk dan garis"),
    ("boxes drawn in cells", _boxes, "x.xlsx", "bagan kotak-kotak (cascading)"),
    ("a reference list of indicators", lambda: make_xlsx(Sheet("Worksheet", [["PROGRAM", "KEGIATAN", "INDIKATOR", "SATUAN"], ["P", "K", "Jumlah dokumen", "Dok"]])), "x.xlsx", "daftar rujukan indikator"),
    ("a list without indicators", lambda: make_xlsx(Sheet("Sheet1", [["No", "Kode Sasaran", "Sasaran", "Tahun Perubahan"], [1, "1", "Akuntabel", 2020]])), "x.xlsx", "daftar sasaran tanpa indikator"),
    ("complaint texts without a date", lambda: b"IsiLaporan\nJalan rusak mohon diperbaiki\n", "x.csv", "daftar teks pengaduan tanpa Tanggal Masuk"),
    ("targets over several years", lambda: make_xlsx(Sheet("J-2", [["No", "Indikator", "Target Renstra SKPD", None, None], [None, None, 2014, 2015, 2016], [1, "Jumlah A", 1, 2, 3]])), "x.xlsx", "tabel beberapa tahun"),
    ("no header at all", lambda: b"1;1.01;Perencanaan;1;1\n2;1.02;Keuangan;1;1\n", "x.csv", "tidak ada baris judul kolom yang dikenali"),
    ("a worksheet naming only some columns", lambda: make_xlsx(Sheet("RESUME", [["No", "Kode Indikator", "Komponen", "Keterangan"], [1, "1.a", "Perencanaan", "ada"]])), "x.xlsx", "tabel tanpa kolom Indikator dan Target/Realisasi, atau Tanggal Masuk (dikenali hanya: Keterangan, Kode Indikator)"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "build", "name", "text"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refused_file_is_told_what_it_is_not(case, build, name, text) -> None:
    read_ = read(build(), name)
    assert not read_.report.ok
    assert all(v is None or not len(v) for v in read_.frames.values())
    assert any(text in p.message for p in read_.report.errors), [p.line() for p in read_.report.errors]
