"""A NUL character in a cell (`_x0000_` in xlsx) crashed PostgreSQL (`DataError`): now removed on read."""

from __future__ import annotations

import pandas as pd

from kinerja.services.importer import import_file
from kinerja.store import readers as store
from tests.conftest import ADMIN
from tests.helpers.hostile import complaint_sheet, raw_xlsx, text


def test_nul_cells_are_stored_without_the_nul(engine) -> None:
    rows = complaint_sheet()
    rows[0] = (1, [*rows[0][1], text("G1", "Uraian")])
    rows[1] = (2, [*rows[1][1], text("G2", "lampu_x0000_ padam")])
    report = import_file(engine, raw_xlsx({"Pengaduan": rows}), "nul.xlsx", scope=ADMIN,
                         today=pd.Timestamp("2019-01-15"))  # fmt: skip
    assert report.stored, [p.line() for p in report.errors]
    stored = store.read_pengaduan(engine).set_index("no_tiket")
    assert stored.at["KPG-1", "uraian"] == "lampu padam"
