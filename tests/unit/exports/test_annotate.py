"""The annotated copy of a refused upload: bad cells commented and filled, a report sheet first."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kinerja.errors import WorkbookError
from kinerja.exports.annotate import REPORT_SHEET, annotate_workbook
from kinerja.ingest.report import ERROR, NOTICE, Problem


def _upload() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pengaduan"
    ws.append(["No Tiket", "Tahun", "Saluran", "Tanggal Masuk"])
    for i in range(2, 7):
        ws.append([f"T{i}", 2025, "WA", "31/02/2025" if i == 5 else "01/02/2025"])
    wb.create_sheet("PK").append(["Perangkat Daerah", "Tahun"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


PROBLEMS = [
    Problem("aduan.xlsx", "tanggal '31/02/2025' tidak sah", "Pengaduan", 5, "D (Tanggal Masuk)",
            "tanggal dd/mm/yyyy"),
    Problem("aduan.xlsx", "tanggal masuk setelah hari unggah", "Pengaduan", 5, "D (Tanggal Masuk)"),
    Problem("aduan.xlsx", "kolom Tahun tidak boleh di sini", "Pengaduan", None, "B (Tahun)"),
    Problem("aduan.xlsx", "No Tiket ganda", "Pengaduan", 4, ""),
    Problem("aduan.xlsx", "kolom Target tidak ditemukan", "PK", None, "Target"),
    Problem("aduan.xlsx", "berkas kosong sebagian", "", None, ""),
    Problem("aduan.xlsx", "saluran WA dibaca WhatsApp", "Pengaduan", 3, "C (Saluran)", level=NOTICE),
]  # fmt: skip


@pytest.fixture(scope="module")
def annotated() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(annotate_workbook(_upload(), PROBLEMS)))


def test_annotate_marks_bad_cells(annotated) -> None:
    ws = annotated["Pengaduan"]
    comment = ws["D5"].comment
    assert comment is not None and comment.author == "Kinerja"
    assert "tanggal '31/02/2025' tidak sah" in comment.text
    assert "tanggal masuk setelah hari unggah" in comment.text  # one comment, both messages
    assert "tanggal dd/mm/yyyy" in comment.text
    assert ws["D5"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws["D4"].comment is None  # the row-level problem of row 4 is commented on A4
    assert ws["D6"].comment is None and ws["D6"].fill.fgColor.rgb != "FFFFC7CE"


def test_annotate_header_row_and_notices(annotated) -> None:
    ws = annotated["Pengaduan"]
    assert "Tahun" in ws["B1"].comment.text and ws["B1"].fill.fgColor.rgb == "FFFFC7CE"
    assert "No Tiket ganda" in ws["A4"].comment.text  # row-level: whole row filled
    assert all(ws.cell(4, c).fill.fgColor.rgb == "FFFFC7CE" for c in range(1, 5))
    assert ws["C3"].comment is None  # a notice is only listed
    assert annotated["PK"]["A1"].comment is None  # missing column: cannot be located


def test_annotate_report_sheet_lists_everything(annotated) -> None:
    assert annotated.sheetnames[0] == REPORT_SHEET
    ws = annotated[REPORT_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == ("berkas", "sheet", "baris", "kolom", "masalah", "diharapkan")
    assert len(rows) == len(PROBLEMS) + 1
    messages = [r[4] for r in rows[1:]]
    assert messages == [p.message for p in PROBLEMS]
    by_message = {r[4]: r for r in rows[1:]}
    assert by_message["berkas kosong sebagian"][-1] is None
    assert by_message["No Tiket ganda"][-1] == "A4"
    assert by_message["saluran WA dibaca WhatsApp"][6] == NOTICE


def test_annotate_twice_keeps_one_report_sheet() -> None:
    once = annotate_workbook(_upload(), PROBLEMS)
    twice = openpyxl.load_workbook(io.BytesIO(annotate_workbook(once, PROBLEMS[:1])))
    assert twice.sheetnames.count(REPORT_SHEET) == 1
    assert twice[REPORT_SHEET].max_row == 2
    assert PROBLEMS[0].level == ERROR


def test_annotate_refuses_non_xlsx() -> None:
    with pytest.raises(WorkbookError):
        annotate_workbook(b"bukan excel", PROBLEMS)
