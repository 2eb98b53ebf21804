"""Progress of a long import (issue 15, a full sheet): rows stored so far, chunk by chunk, to the total."""

from __future__ import annotations

import io

import pytest
from sqlalchemy.engine import Engine

from kinerja.cli.render import store_progress
from kinerja.services.importer import import_file
from kinerja.store import bulk
from kinerja.store import readers as store
from tests.conftest import ADMIN
from tests.helpers.xlsx import COMPLAINT_HEADER, Sheet, complaint_row, make_xlsx

ROWS = 7


def test_import_reports_the_rows_stored_chunk_by_chunk(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 3)
    data = make_xlsx(
        Sheet("Pengaduan", [COMPLAINT_HEADER, *(complaint_row(f"KPG-{i}") for i in range(ROWS))])
    )
    calls: list[tuple[int, int]] = []
    report = import_file(
        engine, data, "Pengaduan.xlsx", scope=ADMIN, progress=lambda d, t: calls.append((d, t))
    )
    assert report.stored
    assert calls == [(3, ROWS), (6, ROWS), (7, ROWS)]
    assert len(store.read_pengaduan(engine)) == ROWS


def test_the_cli_counter_ends_its_line_at_the_total() -> None:
    out = io.StringIO()
    show = store_progress("Pengaduan.xlsx", out)
    assert show is not None
    show(50_000, 1_048_575)
    show(1_048_575, 1_048_575)
    assert out.getvalue() == (
        "\rPengaduan.xlsx: menyimpan 50.000 / 1.048.575 baris"
        "\rPengaduan.xlsx: menyimpan 1.048.575 / 1.048.575 baris\n"
    )


def test_no_counter_when_stderr_is_not_a_terminal() -> None:
    assert store_progress("Pengaduan.xlsx") is None  # pytest captures stderr: not a terminal
