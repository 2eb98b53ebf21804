"""The LKjIP tables as a formatted .xlsx (formula-safe through xlsx.neutralise) and a .docx (python-docx)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import xlsxwriter
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kinerja.exports.xlsx import HEADER_FILL, neutralise
from kinerja.views import fmt
from kinerja.views.lkjip import Lkjip

# Excel shows these with the separators of the reader's regional settings (Indonesia: 1.234,56).
NUMBER_FORMAT = "#,##0.00"
RUPIAH_FORMAT = '"Rp "#,##0'
WHOLE_FORMAT = "#,##0"
TABLES = ("Pengukuran Kinerja", "Capaian per Sasaran", "Anggaran dan Efisiensi")


def _kind(column: str) -> str:
    if "(Rp)" in column:
        return "rupiah"
    if column in ("No", "Tahun Akhir Renstra"):
        return "plain"
    if column in ("Jumlah Indikator", "Tercapai", "Tidak Tercapai", "Belum Lapor"):
        return "whole"
    if column.startswith(("Realisasi", "Capaian", "Serapan", "Selisih", "Rata-rata", "Target")):
        return "number"
    return "text"


def title(report: Lkjip) -> str:
    return f"{report.nama} — Laporan Kinerja Tahun {report.tahun}"


def tercapai_text(report: Lkjip) -> str:
    t = report.tercapai
    text = f"Indikator tercapai (capaian ≥ 100 %): {t['tercapai']} dari {t['indikator']} indikator"
    text += f"; tidak tercapai {t['tidak_tercapai']}"
    return text + (f"; belum ada realisasi {t['belum_lapor']}." if t["belum_lapor"] else ".")


def sections(report: Lkjip) -> list[tuple[str, Any, list[str]]]:
    """(table title, frame, notes below it) in report order."""
    return [
        (f"Tabel 3.1 Pengukuran Capaian Kinerja Tahun {report.tahun}", report.pengukuran, report.catatan),
        ("Tabel 3.2 Capaian Kinerja per Sasaran Strategis", report.sasaran, [tercapai_text(report)]),
        ("Tabel 3.3 Realisasi Anggaran dan Efisiensi", report.anggaran, _budget_notes(report)),
    ]


def _budget_notes(report: Lkjip) -> list[str]:
    notes = ["Serapan anggaran = realisasi anggaran ÷ pagu × 100; selisih = capaian kinerja − serapan."]
    if report.anggaran.empty:
        notes.insert(0, "Belum ada Anggaran (pagu) pada PK tahun ini.")
    return notes


def _cell(value: Any, kind: str) -> Any:
    if fmt.kosong(value) or value == "":
        return None
    if kind in ("number", "rupiah", "whole", "plain") and isinstance(value, int | float):
        return round(float(value), 0 if kind != "number" else 2)
    return str(value)


def lkjip_xlsx(report: Lkjip) -> bytes:
    """One sheet per table: title, header, rows with Indonesian-style number formats, notes below."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    head = book.add_format({"bold": True, "font_color": "white", "bg_color": HEADER_FILL, "text_wrap": True,
                            "valign": "vcenter", "align": "center", "border": 1})  # fmt: skip
    formats = {
        "number": book.add_format({"num_format": NUMBER_FORMAT, "border": 1}),
        "rupiah": book.add_format({"num_format": RUPIAH_FORMAT, "border": 1}),
        "whole": book.add_format({"num_format": WHOLE_FORMAT, "border": 1}),
        "plain": book.add_format({"num_format": "0", "border": 1}),
        "text": book.add_format({"text_wrap": True, "valign": "top", "border": 1}),
    }
    bold = book.add_format({"bold": True, "font_size": 13})
    small = book.add_format({"italic": True, "font_size": 9})
    for (heading, frame, notes), sheet in zip(sections(report), TABLES, strict=True):
        ws = book.add_worksheet(sheet)
        ws.write_string(0, 0, neutralise(title(report)), bold)
        ws.write_string(1, 0, neutralise(heading))
        top = 3
        kinds = [_kind(str(c)) for c in frame.columns]
        for j, col in enumerate(frame.columns):
            ws.write_string(top, j, neutralise(str(col)), head)
            width = (
                45
                if col in ("Sasaran Strategis", "Indikator Kinerja")
                else max(12, min(len(str(col)) + 2, 22))
            )
            ws.set_column(j, j, width)
        for i, row in enumerate(frame.itertuples(index=False), start=top + 1):
            for j, (value, kind) in enumerate(zip(row, kinds, strict=True)):
                cell = _cell(value, kind)
                if cell is None:
                    ws.write_blank(i, j, None, formats[kind])
                elif isinstance(cell, str):
                    ws.write_string(i, j, neutralise(cell), formats["text"])
                else:
                    ws.write_number(i, j, cell, formats[kind])
        ws.freeze_panes(top + 1, 0)
        for k, note in enumerate(notes, start=top + len(frame) + 2):
            ws.write_string(k, 0, neutralise(note), small)
    book.close()
    return buf.getvalue()


def _docx_text(value: Any, kind: str) -> str:
    if fmt.kosong(value) or value == "":
        return fmt.STRIP
    if isinstance(value, int | float) and not isinstance(value, bool):
        if kind == "rupiah":
            return "Rp " + fmt.bilangan(value)
        if kind == "whole":
            return fmt.bilangan(value)
        if kind == "plain":
            return str(int(value))
        return fmt.angka(value, 2)
    return str(value)


def lkjip_docx(report: Lkjip) -> bytes:
    """A landscape Word document with the same tables, numbers as Indonesians print them (1.234,56)."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.add_heading(title(report), level=1)
    for heading, frame, notes in sections(report):
        doc.add_heading(heading, level=2)
        kinds = [_kind(str(c)) for c in frame.columns]
        table = doc.add_table(rows=1, cols=len(frame.columns))
        table.style = "Table Grid"
        for cell, col in zip(table.rows[0].cells, frame.columns, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(col))
            run.bold = True
            run.font.size = Pt(8)
        for row in frame.itertuples(index=False):
            cells = table.add_row().cells
            for cell, value, kind in zip(cells, row, kinds, strict=True):
                text = _docx_text(value, kind)
                para = cell.paragraphs[0]
                para.add_run(text).font.size = Pt(8)
                if kind != "text":
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for note in notes:
            doc.add_paragraph(note).runs[0].font.size = Pt(8)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_lkjip(report: Lkjip, path: str | Path) -> tuple[Path, Path]:
    """FILE.xlsx and FILE.docx beside each other (a given .xlsx/.docx suffix is replaced)."""
    base = Path(path)
    if base.suffix.lower() in (".xlsx", ".docx"):
        base = base.with_suffix("")
    xlsx_path, docx_path = base.with_name(base.name + ".xlsx"), base.with_name(base.name + ".docx")
    xlsx_path.write_bytes(lkjip_xlsx(report))
    docx_path.write_bytes(lkjip_docx(report))
    return xlsx_path, docx_path
