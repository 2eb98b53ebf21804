"""Unit names that only look like Dinas Kesehatan (issue 10 §6): normalised to it, or refused — never a new unit."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.services.importer import import_file
from kinerja.store import readers as store
from tests.conftest import ADMIN
from tests.helpers.xlsx import Sheet, make_xlsx, pk_rows

TODAY = pd.Timestamp("2019-01-15")


@pytest.mark.parametrize(
    "written",
    [
        "Dinas\u200b Kesehatan",
        "Dinas Kese\u00adhatan",
        "\uff24\uff49\uff4e\uff41\uff53 \uff2b\uff45\uff53\uff45\uff48\uff41\uff54\uff41\uff4e",
    ],
    ids=["zero-width space", "soft hyphen", "full-width"],
)
def test_invisible_and_full_width_spellings_are_the_stored_unit(sqlite_engine, written: str) -> None:
    before = set(store.read_units(sqlite_engine)["kode"])
    report = import_file(
        sqlite_engine, make_xlsx(Sheet("PK", pk_rows(written))), "pk.xlsx", scope=ADMIN, today=TODAY
    )
    assert report.stored, [p.line() for p in report.errors]
    assert set(store.read_units(sqlite_engine)["kode"]) == before  # no new unit
    assert set(store.read_pk(sqlite_engine)["unit"]) == {"DINKES"}


def test_a_cyrillic_look_alike_is_refused_naming_the_letter(sqlite_engine) -> None:
    before = set(store.read_units(sqlite_engine)["kode"])
    written = "Dinas K\u0435s\u0435hatan"  # two Cyrillic е
    report = import_file(
        sqlite_engine, make_xlsx(Sheet("PK", pk_rows(written))), "pk.xlsx", scope=ADMIN, today=TODAY
    )
    assert not report.stored
    messages = {(p.row, p.message, p.expected) for p in report.errors}
    assert messages == {
        (r, f"perangkat daerah '{written}' tampak sama dengan 'Dinas Kesehatan' tetapi memakai huruf lain "
            "(U+0435 CYRILLIC SMALL LETTER IE)", "ketik ulang nama dengan huruf Latin biasa: 'Dinas Kesehatan'")
        for r in (2, 3, 4)
    }  # fmt: skip
    assert set(store.read_units(sqlite_engine)["kode"]) == before


def test_a_really_new_unit_is_still_created(sqlite_engine) -> None:
    report = import_file(sqlite_engine, make_xlsx(Sheet("PK", pk_rows("Dinas Pariwisata Baru"))), "pk.xlsx",
                         scope=ADMIN, today=TODAY)  # fmt: skip
    assert report.stored, [p.line() for p in report.errors]
    assert "DINAS-PARIWISATA-BARU" in set(store.read_units(sqlite_engine)["kode"])
