"""`python -m kinerja lkjip`: both files written; the .docx (python-docx) and .xlsx (openpyxl) tables checked."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from tests.helpers import databases, lkjip_data


@pytest.fixture
def db(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the three-year store (tests/helpers/lkjip_data.py)."""
    return databases.url(databases.copy_of(lkjip_data.snapshot(tmp_path_factory), tmp_path))


def test_lkjip_writes_xlsx_and_docx(run, db: str, tmp_path: Path) -> None:
    result = run(
        db, "lkjip", "--unit", "Dinas Kesehatan", "--year", "2018", "-o", str(tmp_path / "lkjip.xlsx")
    )
    assert result.rc == 0, result.err
    xlsx_path, docx_path = tmp_path / "lkjip.xlsx", tmp_path / "lkjip.docx"
    assert f"ditulis: {xlsx_path}" in result.out and f"ditulis: {docx_path}" in result.out

    book = openpyxl.load_workbook(xlsx_path)
    assert book.sheetnames == ["Pengukuran Kinerja", "Capaian per Sasaran", "Anggaran dan Efisiensi"]
    ws = book["Pengukuran Kinerja"]
    header = [c.value for c in ws[4]]
    assert header[:8] == ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
                          "Capaian (%)", "Kategori"]  # fmt: skip
    assert {"Realisasi 2016", "Capaian 2017 (%)", "Target Akhir Renstra", "Capaian thd Renstra (%)"} <= set(
        header
    )
    akb = {h: c for h, c in zip(header, ws[5], strict=True)}
    assert akb["Indikator Kinerja"].value == lkjip_data.AKB
    assert akb["Capaian (%)"].value == 96.54 and akb["Capaian (%)"].number_format == "#,##0.00"
    # Excel shows #,##0.00 as 1.234,56 under the Indonesian locale; the year stays a year, not 2.021,00.
    assert akb["Target"].value == 9.2 and akb["Target"].number_format == "#,##0.00"
    assert akb["Tahun Akhir Renstra"].value == "2021"
    assert akb["Capaian 2016 (%)"].value == 96.94 and akb["Capaian thd Renstra (%)"].value == 94.44
    assert "9,2 ÷ 9,53 × 100 = 96,54" in str(ws.cell(row=9, column=1).value)  # the footnote of row 1
    budget = book["Anggaran dan Efisiensi"]
    rows = {r[0].value: r for r in budget.iter_rows(min_row=5, max_row=7)}
    assert rows["Jumlah"][1].value == 93_831_550_075 and rows["Jumlah"][1].number_format == '"Rp "#,##0'
    assert rows["Jumlah"][3].value == 88.36

    document = docx.Document(str(docx_path))
    assert len(document.tables) == 3
    table = document.tables[0]
    head = [c.text for c in table.rows[0].cells]
    cells = {h: c.text for h, c in zip(head, table.rows[1].cells, strict=True)}
    assert cells["Indikator Kinerja"] == lkjip_data.AKB
    assert (cells["Capaian (%)"], cells["Realisasi"], cells["Capaian 2017 (%)"]) == ("96,54", "9,53", "98,94")
    assert cells["Tahun Akhir Renstra"] == "2021"
    money = [c.text for c in document.tables[2].rows[-1].cells]
    assert money[:4] == ["Jumlah", "Rp 93.831.550.075", "Rp 82.911.081.765", "88,36"]
    notes = "\n".join(p.text for p in document.paragraphs)
    assert "(2 − 56,23 ÷ 49) × 100 = 85,24" in notes and "1 dari 3 indikator" in notes


def test_lkjip_prints_the_tables_and_refuses_an_unknown_unit(run, db: str) -> None:
    shown = run(db, "lkjip", "--unit", "DINKES", "--year", "2018")
    assert shown.rc == 0 and "Tabel 3.1 Pengukuran Capaian Kinerja Tahun 2018" in shown.out
    assert "96,94" in shown.out and "88,51" in shown.out  # 2016 capaian, serapan of sasaran 1
    refused = run(db, "lkjip", "--unit", "Dinas Antah", "--year", "2018")
    assert refused.rc == 2 and refused.err.count("\n") == 1 and "Dinas Kesehatan" in refused.err
