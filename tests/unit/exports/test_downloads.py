"""Downloads: formula-injection-safe CSV/Excel and the monthly scorecard workbook."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from kinerja.domain.access import OPD, Scope
from kinerja.domain.settings import Settings
from kinerja.exports import downloads, xlsx
from kinerja.views.year import build_year, restrict_year


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+62 812 3456", "'+62 812 3456"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("Jalan rusak di Oebobo", "Jalan rusak di Oebobo"),
        ("1=1", "1=1"),  # only the first character matters
        ("", ""),
        (-5.0, -5.0),  # numbers stay numbers
        (12, 12),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert xlsx.neutralise(value) == expected


def _hostile() -> pd.DataFrame:
    return pd.DataFrame({
        "No Tiket": ["=1+1", "KPG-1"], "Uraian": ["@cmd|' /C calc'!A0", "Lampu mati"],
        "Respon (HK)": pd.array([3, None], dtype="Int64"), "Nilai": [-2.5, 101.125],
        "Tanggal masuk": [date(2018, 2, 27), date(2018, 3, 1)], "=Kolom": ["-x", "+y"],
    })  # fmt: skip


def test_csv_is_formula_safe():
    text = xlsx.to_csv(_hostile()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["No Tiket", "Uraian", "Respon (HK)", "Nilai", "Tanggal masuk", "'=Kolom"]
    assert rows[1] == ["'=1+1", "'@cmd|' /C calc'!A0", "3", "-2.5", "2018-02-27", "'-x"]
    assert rows[2][2] == "" and rows[2][5] == "'+y"
    assert all(not cell.startswith(("=", "+", "-", "@")) or cell == "-2.5" for row in rows for cell in row)


def test_excel_is_formula_safe_and_typed():
    book = openpyxl.load_workbook(io.BytesIO(xlsx.to_excel(_hostile(), "Pengaduan")))
    ws = book["Pengaduan"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][-1] == "'=Kolom"
    assert values[1][0] == "'=1+1" and values[1][1].startswith("'@")
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formula anywhere
    assert values[1][3] == -2.5 and isinstance(values[1][2], int | float)  # numbers stay numbers
    assert values[2][2] is None
    assert values[1][4].date() == date(2018, 2, 27)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_sheet_names_are_valid():
    frame = pd.DataFrame({"a": [1]})
    raw = xlsx.workbook({"Pengaduan per Unit/Kecamatan [2018]": frame, "x" * 40: frame})
    names = openpyxl.load_workbook(io.BytesIO(raw)).sheetnames
    assert names[0] == "Pengaduan per Unit-Kecamatan -2"  # []:*?/\ become "-", cut at 31 characters
    assert names[1] == "x" * 31


def test_scorecard_workbook_has_one_sheet_per_view(frames):
    data = build_year(frames, 2018, Settings(), today=date(2018, 12, 31))
    raw = downloads.scorecard_workbook(data, 3)
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames == [
        "Peringkat Unit", "Capaian Indikator", "Nilai Bulanan", "Pengaduan per Unit", "Pengaduan per Kecamatan",
        "Perlu Perhatian",
    ]  # fmt: skip
    ws = book["Peringkat Unit"]
    assert ws["A1"].value == "Kinerja Kota Kupang 2018 s.d. Maret — Peringkat Unit"
    header = [c.value for c in ws[3]]
    assert header[:3] == ["Peringkat", "Unit", "Jenis"] and "Kategori" in header
    first = [c.value for c in ws[4]]
    assert first[1] == "Dinas Alfa" and first[header.index("Nilai")] == 90.0
    assert ws.conditional_formatting  # kategori cells coloured (the text stays in the cell)
    ind = book["Capaian Indikator"]
    assert [c.value for c in ind[3]][:4] == ["Unit", "Kode", "Sasaran", "Indikator"]
    assert ind.max_row == 3 + 4
    monthly = [c.value for c in book["Nilai Bulanan"][3]]
    assert monthly == ["Unit", "Jan", "Feb", "Mar"]
    unit = [c.value for c in book["Pengaduan per Unit"][3]]
    assert unit[0] == "Unit" and "Respon tepat waktu (%)" in unit


def test_scorecard_values_rounded_at_the_edge(frames):
    data = build_year(frames, 2018, Settings(), today=date(2018, 12, 31))
    views = downloads.scorecard_views(data, 2)
    nilai = views["Peringkat Unit"]["Nilai"].dropna()
    assert (nilai.round(2) == nilai).all()
    assert nilai.tolist() == [100.0, 90.0]  # February: B (B-2 inside its range), A (100 and 80)
    unit = views["Pengaduan per Unit"].set_index("Unit")
    # Dinas Alfa by the end of February: T1 answered in 1 HK, T2 in 23 HK (15 Jan → 15 Feb): 1 of 2
    # on time. Wilson 95 %: centre 0.5, half-width 1.96·√(0.125 + 3.8415/16) / (1 + 3.8415/2)
    # = 0.405469, so 9.4531 … 90.5469 — written as 9.45 and 90.55, not with more decimals.
    rates = [
        "Respon tepat waktu (%)",
        "Respon tepat waktu, batas bawah 95 %",
        "Respon tepat waktu, batas atas 95 %",
    ]
    assert unit.loc["Dinas Alfa", rates].tolist() == [50.0, 9.45, 90.55]
    assert unit.loc["Dinas Alfa", "Respon P90 (HK)"] == 20.8  # 1 + 0.9 × (23 − 1)


def test_rekap_prints_landscape_one_page_wide_with_repeated_headers_and_charts(frames):
    """Issue 13: page setup on every sheet (A4 landscape, fit to one page wide, header rows repeated)."""
    data = build_year(frames, 2018, Settings(), today=date(2018, 12, 31))
    book = openpyxl.load_workbook(io.BytesIO(downloads.scorecard_workbook(data, 3)))
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0, (
            ws.title
        )  # 1 wide (default), any tall
        assert ws.print_title_rows == "$1:$3", ws.title  # title, blank, header: on every printed page
        assert "Halaman &P dari &N" in ws.oddFooter.right.text
    charts = {ws.title: len(ws._charts) for ws in book.worksheets}
    assert charts["Peringkat Unit"] == 1 and charts["Pengaduan per Unit"] == 1


def test_csv_for_indonesian_excel_uses_semicolons_and_decimal_commas() -> None:
    frame = pd.DataFrame({"Unit": ["Dinas Sosial"], "Nilai": [104.11]})
    assert xlsx.to_csv(frame, excel_id=True).decode("utf-8-sig") == "Unit;Nilai\nDinas Sosial;104,11\n"
    assert xlsx.to_csv(frame).decode("utf-8-sig") == "Unit,Nilai\nDinas Sosial,104.11\n"


def test_other_units_indicator_rows_are_absent_not_half_blank(data) -> None:
    """Issue 10 §5: an OPD head without `unit_lihat_unit_lain` sees own rows whole, others' not at all."""
    everyone = downloads.scorecard_views(data, 3)
    assert set(everyone["Capaian Indikator"]["Unit"]) == {"Dinas Alfa", "Badan Beta"}
    assert "Badan Beta" in set(everyone["Perlu Perhatian"]["Unit"])  # B-1: 25 against a target of ≤ 10
    own = downloads.scorecard_views(restrict_year(data, Scope(OPD, unit="A")), 3)
    capaian, perhatian = own["Capaian Indikator"], own["Perlu Perhatian"]
    assert set(capaian["Unit"]) == {"Dinas Alfa"} and set(capaian["Kode"]) == {"A-1", "A-2"}
    assert capaian[["Sasaran", "Indikator", "Satuan"]].notna().all().all()
    assert "Badan Beta" not in set(perhatian["Unit"]) and perhatian["Indikator"].notna().all()
    assert list(own["Peringkat Unit"]["Unit"]) == list(
        everyone["Peringkat Unit"]["Unit"]
    )  # ranking stays the city's
