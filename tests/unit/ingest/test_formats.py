"""File formats real offices send (issue 12 §4–5): .xls, HTML saved as .xls, hidden sheets, empty templates."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.ingest.files import read_file
from tests.helpers.xlsx import Sheet, make_xlsx

TODAY = pd.Timestamp("2019-01-15")


def read(data: bytes, name: str = "f.xlsx"):
    return read_file(data, name, today=TODAY)


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
