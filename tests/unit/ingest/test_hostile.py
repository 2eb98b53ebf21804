"""Hostile workbooks (issue 10 §1, §6): the area scan, the memory-limited reader, Excel error cells."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from kinerja.errors import WorkbookError
from kinerja.ingest.files import read_file
from kinerja.ingest.guard import MAX_AREA, check_areas, scan_workbook
from kinerja.ingest.isolate import read_isolated, run_isolated
from tests.helpers.hostile import complaint_sheet, error, far_corner, hidden_far_cell, number, raw_xlsx, text

TODAY = pd.Timestamp("2019-01-15")


def test_far_corner_is_refused_by_the_area_scan_with_where_and_how_big():
    scans = scan_workbook(far_corner())
    assert (scans["Pengaduan"].rows, scans["Pengaduan"].columns) == (1048576, 16384)
    with pytest.raises(WorkbookError) as found:
        check_areas(scans, "pojok.xlsx")
    message = str(found.value)
    assert "sheet 'Pengaduan' memakai area A1:XFD1048576" in message
    assert "1.048.576 baris × 16.384 kolom" in message and "Ctrl+End" in message


def test_far_corner_through_read_file_is_one_file_error():
    report = read_file(far_corner(), "pojok.xlsx", today=TODAY).report
    assert [p.line() for p in report.errors] == [
        f"pojok.xlsx: {report.errors[0].message}"
    ] and "A1:XFD1048576" in report.errors[0].message


def test_a_lying_dimension_is_refused_too():
    data = raw_xlsx({"Pengaduan": complaint_sheet()}, dimension="A1:CV1048576")
    with pytest.raises(WorkbookError, match="A1:CV1048576"):
        check_areas(scan_workbook(data), "dim.xlsx")


def test_a_sheet_just_inside_the_limit_passes():
    rows = MAX_AREA // 26
    data = raw_xlsx({"Pengaduan": [*complaint_sheet(), (rows, [text(f"Z{rows}", "x")])]})
    check_areas(scan_workbook(data), "pas.xlsx")  # no error: 26 columns × rows ≤ MAX_AREA


def test_reader_that_dies_in_its_child_becomes_berkas_tidak_dapat_dibaca():
    data = hidden_far_cell()
    check_areas(scan_workbook(data), "tengah.xlsx")  # the scan lets it through …
    read = read_isolated(data, "tengah.xlsx", today=TODAY)  # … the child's memory limit does not
    assert [p.message.split(":")[0] for p in read.report.errors] == ["berkas tidak dapat dibaca"]
    assert "SIGABRT" in read.report.errors[0].message or "memori" in read.report.errors[0].message
    good = read_isolated(raw_xlsx({"Pengaduan": complaint_sheet()}), "baik.xlsx", today=TODAY)
    assert good.report.ok and len(good.frames["pengaduan"]) == 2  # and the caller reads the next file


def _abort() -> None:
    os.abort()


def test_run_isolated_survives_an_abort():
    with pytest.raises(WorkbookError, match="berkas tidak dapat dibaca: proses pembaca berhenti mendadak"):
        run_isolated(_abort)


def test_excel_error_cells_are_errors_not_blanks():
    header = [text("A1", "No Tiket"), text("B1", "Tanggal Masuk"), text("C1", "Uraian")]
    rows = [(1, header), (2, [text("A2", "K1"), error("B2", "#DIV/0!"), text("C2", "jalan rusak")]),
            (3, [text("A3", "K2"), number("B3", 43164), error("C3", "#N/A")])]  # fmt: skip
    report = read_file(raw_xlsx({"Pengaduan": rows}), "galat.xlsx", today=TODAY).report
    assert [(p.row, p.column, p.message) for p in report.errors] == [
        (2, "B (Tanggal Masuk)", "sel berisi galat Excel #DIV/0!"),
        (3, "C (Uraian)", "sel berisi galat Excel #N/A"),
    ]


def test_excel_error_in_realisasi_is_not_skipped_silently():
    cols = ["Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Realisasi"]
    header = [text(f"{c}1", h) for c, h in zip("ABCDE", cols, strict=True)]
    row = [text("A2", "Dinas Kesehatan"), number("B2", 2018), number("C2", 3), text("D2", "DINKES-1"),
           error("E2", "#VALUE!")]  # fmt: skip
    report = read_file(raw_xlsx({"Realisasi": [(1, header), (2, row)]}), "r.xlsx", today=TODAY).report
    assert [(p.row, p.column, p.message) for p in report.errors] == [
        (2, "E (Realisasi)", "sel berisi galat Excel #VALUE!")
    ]


ROOT = Path(__file__).resolve().parents[3]
FORKED = """
import os
from kinerja.errors import WorkbookError
from kinerja.ingest.isolate import run_isolated
print(run_isolated(os.getppid) == os.getpid())
try:
    run_isolated(os.abort)
except WorkbookError as exc:
    print(exc)
"""


def test_a_process_running_no_other_thread_forks_itself_and_survives_an_abort():
    out = subprocess.run([sys.executable, "-c", FORKED], capture_output=True, text=True, check=True, cwd=ROOT)
    forked, error = out.stdout.splitlines()
    assert forked == "True" and error.startswith(
        "berkas tidak dapat dibaca: proses pembaca berhenti mendadak"
    )
    assert out.stderr == ""  # the child's native backtrace is not shown


def test_a_process_running_threads_reads_in_a_child_of_the_reader_server():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert run_isolated(os.getppid) != os.getpid()
    finally:
        stop.set()
        other.join()
