"""The upload preview: counts, restatements, status moves, refusals, and the marked-up error copy."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from kinerja.domain.access import OPD, Scope
from kinerja.ingest import workbook
from kinerja.services.importer import import_file
from kinerja.services.preview import annotated_copy, preview_file
from kinerja.store import readers as store
from tests.conftest import ADMIN
from tests.helpers.xlsx import COMPLAINT_HEADER, REAL_HEADER, Sheet, complaint_row, make_xlsx, pk_rows

TODAY = pd.Timestamp("2018-12-31")


def _real(*rows: list[object]) -> bytes:
    return make_xlsx(Sheet("Realisasi", [REAL_HEADER, *rows]))


@pytest.fixture
def with_pk(sqlite_engine):
    rep = import_file(sqlite_engine, make_xlsx(Sheet("PK", pk_rows())), "pk.xlsx", scope=ADMIN, today=TODAY)
    assert rep.stored, [p.line() for p in rep.errors]
    return sqlite_engine


def test_valid_file_is_previewed_not_stored(sqlite_engine):
    pv = preview_file(sqlite_engine, make_xlsx(Sheet("PK", pk_rows())), "pk.xlsx", scope=ADMIN, today=TODAY)
    assert pv.ok and pv.kinds == {"pk"}
    row = pv.counts.set_index("Jenis").loc["PK"]
    assert (row["Baru"], row["Diubah"], row["Tetap"]) == (3, 0, 0)
    assert pv.units == [("DINKES", "Dinas Kesehatan", 2018)]
    assert store.read_pk(sqlite_engine).empty  # nothing stored by a preview
    assert store.list_uploads(sqlite_engine).empty


def test_restated_realisasi_shows_old_and_new(with_pk):
    first = _real(
        ["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80], ["Dinas Kesehatan", 2018, 2, "DINKES-1", None, 81]
    )
    assert import_file(with_pk, first, "r1.xlsx", scope=ADMIN, today=TODAY).stored
    again = _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 82.5], ["Dinas Kesehatan", 2018, 2, "DINKES-1", None, 81],
                  ["Dinas Kesehatan", 2018, 3, "DINKES-1", None, 83])  # fmt: skip
    pv = preview_file(with_pk, again, "r2.xlsx", scope=ADMIN, today=TODAY)
    assert pv.ok
    row = pv.counts.iloc[0]
    assert (row["Baru"], row["Diubah"], row["Tetap"]) == (1, 1, 1)
    change = pv.realisasi_changes.iloc[0]
    assert change["Indikator"] == "Persentase balita ditimbang" and change["Bulan"] == 1
    assert (change["Lama"], change["Baru"]) == (80.0, 82.5)
    assert change["Selisih"] == pytest.approx(2.5)
    assert store.read_realisasi(with_pk)["realisasi"].tolist() == [80.0, 81.0]  # untouched


def test_complaint_status_move_is_listed(sqlite_engine):
    open_ = complaint_row("KPG-7", **{"Tanggal Selesai": None, "Status": "Proses"})
    sheet = Sheet("Pengaduan", [COMPLAINT_HEADER, open_])
    assert import_file(sqlite_engine, make_xlsx(sheet), "jan.xlsx", scope=ADMIN, today=TODAY).stored
    pv = preview_file(sqlite_engine, make_xlsx(Sheet("Pengaduan", [COMPLAINT_HEADER, complaint_row("KPG-7")])),
                      "feb.xlsx", scope=ADMIN, today=TODAY)  # fmt: skip
    assert pv.ok
    assert pv.status_changes.to_dict("records") == [
        {"No Tiket": "KPG-7", "Status lama": "Proses", "Status baru": "Selesai"}
    ]


def test_same_file_twice_changes_nothing(with_pk):
    data = _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80])
    rep = import_file(with_pk, data, "r1.xlsx", scope=ADMIN, today=TODAY)
    pv = preview_file(with_pk, data, "r1-lagi.xlsx", scope=ADMIN, today=TODAY)
    assert pv.duplicate_of == rep.upload_id
    assert pv.storable_rows == 0 and pv.counts["Tetap"].sum() == 1


def test_bad_file_counts_skipped_rows_and_stores_nothing(with_pk):
    data = _real(
        ["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80],
        ["Dinas Kesehatan", 2018, 13, "DINKES-1", None, 81],  # row 3: month outside 1–12
        ["Dinas Kesehatan", 2018, 2, "DINKES-9", None, 82],  # row 4: unknown indicator
        ["Dinas Kesehatan", 2018, 3, "DINKES-1", None, "banyak"],  # row 5: not a number
    )
    pv = preview_file(with_pk, data, "r.xlsx", scope=ADMIN, today=TODAY)
    assert not pv.ok
    rows = {p.row for p in pv.report.errors}
    assert rows == {3, 4, 5}
    assert pv.skipped == 3
    assert pv.storable_rows == 1  # what "simpan baris yang valid saja" would store
    assert store.read_realisasi(with_pk).empty


def test_marked_copy_has_a_comment_on_each_bad_cell(with_pk):
    data = _real(
        ["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80],
        ["Dinas Kesehatan", 2018, 13, "DINKES-1", None, 81],
        ["Dinas Kesehatan", 2018, 3, "DINKES-1", None, "banyak"],
        ["Dinas Kesehatann", 2018, 4, "DINKES-1", None, 84],
    )
    pv = preview_file(with_pk, data, "r.xlsx", scope=ADMIN, today=TODAY)
    cells = set()
    for p in pv.report.errors:
        letter = p.column.split(" ")[0]
        cells.add(f"{letter}{p.row}")
    assert cells == {"C3", "F4", "A5"}
    book = openpyxl.load_workbook(io.BytesIO(annotated_copy(data, pv)))
    ws = book["Realisasi"]
    for ref in cells:
        assert ws[ref].comment is not None and ws[ref].comment.text.strip(), ref
        assert ws[ref].fill.start_color.rgb.endswith("FFC7CE"), ref
    assert ws["F2"].comment is None  # a good cell stays as it was
    assert book.sheetnames[0] == "Laporan Kesalahan"


def test_csv_is_read_as_complaints(sqlite_engine):
    frame = pd.DataFrame([complaint_row("KPG-1"), complaint_row("KPG-2")], columns=COMPLAINT_HEADER)
    pv = preview_file(
        sqlite_engine, frame.to_csv(index=False).encode(), "aduan.csv", scope=ADMIN, today=TODAY
    )
    assert pv.ok, pv.report.to_frame()
    assert pv.counts.set_index("Jenis").loc["Pengaduan", "Baru"] == 2
    assert annotated_copy(b"a,b", pv) is None


def test_xls_gets_save_as_xlsx_message(sqlite_engine):
    pv = preview_file(
        sqlite_engine, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "lama.xls", scope=ADMIN
    )
    assert not pv.ok
    assert ".xlsx" in pv.report.errors[0].message and "simpan" in pv.report.errors[0].message


def test_file_over_size_limit_is_refused_unread(sqlite_engine):
    pv = preview_file(sqlite_engine, b"x" * (1024 * 1024 + 1), "besar.xlsx", scope=ADMIN, max_mb=1)
    assert not pv.ok and "melebihi batas unggah 1 MB" in pv.report.errors[0].message
    assert pv.storable_rows == 0


def _claims_huge_member(data: bytes) -> bytes:
    """The workbook with its central directory claiming ~4 GB unpacked for one part (a zip bomb's header)."""
    at = data.index(b"PK\x01\x02")  # the first central directory entry
    return data[: at + 24] + (0xFFFFFFF0).to_bytes(4, "little") + data[at + 28 :]


def test_zip_bomb_is_refused(sqlite_engine):
    bomb = _claims_huge_member(make_xlsx(Sheet("PK", pk_rows())))
    assert (
        sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
        > workbook.MAX_UNCOMPRESSED_BYTES
    )
    pv = preview_file(sqlite_engine, bomb, "bom.xlsx", scope=ADMIN)
    assert not pv.ok and pv.storable_rows == 0
    assert "terlalu besar setelah diekstrak" in pv.report.errors[0].message
    assert store.read_pk(sqlite_engine).empty


def test_realisasi_waiting_for_pk_sorts_after_pk(sqlite_engine):
    real = preview_file(
        sqlite_engine, _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80]), "r.xlsx", scope=ADMIN
    )
    pk = preview_file(sqlite_engine, make_xlsx(Sheet("PK", pk_rows())), "pk.xlsx", scope=ADMIN)
    assert real.waits_for_pk and not pk.waits_for_pk
    assert pk.order < real.order


def test_preview_refuses_another_units_file_for_a_unit_head_before_showing_stored_values(sqlite_engine):
    """Issue 10 §5: the preview applies the account's scope, with Simpan's own message."""
    assert import_file(
        sqlite_engine, make_xlsx(Sheet("PK", pk_rows("Dinas Pendidikan"))), "pk.xlsx", scope=ADMIN
    ).stored
    real = make_xlsx(Sheet("Realisasi", [REAL_HEADER, ["Dinas Pendidikan", 2018, 1, "DINKES-1", None, 70]]))
    head = Scope(OPD, unit="DINKES", user="kadis")
    pv = preview_file(sqlite_engine, real, "r.xlsx", scope=head)
    stored = import_file(sqlite_engine, real, "r.xlsx", scope=head)
    assert not pv.ok and not stored.stored
    assert [p.message for p in pv.report.errors] == [p.message for p in stored.errors]
    assert "unit lain" in pv.report.errors[0].message
    assert pv.realisasi_changes.empty and pv.status_changes.empty and pv.units == [] and pv.storable_rows == 0
