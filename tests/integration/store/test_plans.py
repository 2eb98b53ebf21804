"""Query plans on PostgreSQL (issue 15): the app's reads of a year go through an index on the year.

Five years of generated rows (units × indicators × months, complaints spread over the years). The
statements are the ones the readers really send (recorded from the engine), EXPLAINed with their
parameters. Sequential scans are switched off for the EXPLAIN: the data is small, so the test takes
the planner's size-based choice out and checks what matters at any size: an index bounds every
read of a data table to the chosen year (with seq scans off, PostgreSQL still falls back to
"Seq Scan" when no index can serve the condition).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja.domain.access import CAMAT, OPD, WALIKOTA, Scope
from kinerja.store import readers
from kinerja.store.engine import connect
from tests.helpers.databases import pg_database, pg_template

YEARS = range(2020, 2025)
YEAR = 2022
DATA_TABLES = ("pengaduan", "indikator", "pk", "realisasi")
PER_YEAR = 1_000  # complaints

GENERATE = [
    f"""INSERT INTO pengaduan (id, no_tiket, tiket_turunan, tanggal_masuk, unit, kecamatan)
        SELECT 'T' || g, 'T' || g, false,
               timestamp '{YEARS[0]}-01-01' + g * interval '1 minute' * (525600.0 / {PER_YEAR}),
               'U' || (g % 30), 'K' || (g % 6)
        FROM generate_series(0, {PER_YEAR * len(YEARS) - 1}) g""",
    f"""INSERT INTO pk (id, unit, tahun) SELECT 'U' || u || '|' || y, 'U' || u, y
        FROM generate_series({YEARS[0]}, {YEARS[-1]}) y, generate_series(0, 29) u""",
    f"""INSERT INTO indikator (id, unit, tahun, urutan, kunci, indikator)
        SELECT 'U' || u || '|' || y || '|' || k, 'U' || u, y, k, 'k' || k, 'Indikator ' || k
        FROM generate_series({YEARS[0]}, {YEARS[-1]}) y, generate_series(0, 29) u, generate_series(0, 9) k""",
    f"""INSERT INTO realisasi (id, unit, tahun, kunci, bulan, realisasi)
        SELECT 'U' || u || '|' || y || '|' || k || '|' || b, 'U' || u, y, 'k' || k, b, b * 1.5
        FROM generate_series({YEARS[0]}, {YEARS[-1]}) y, generate_series(0, 29) u,
             generate_series(0, 9) k, generate_series(1, 12) b""",
]

SCOPES = {
    "wali kota": None,
    "kepala OPD": Scope(OPD, unit="U7"),
    "camat": Scope(CAMAT, unit="U3", kecamatan="K3"),
}


@pytest.fixture(scope="module")
def five_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with pg_database(pg_template(tmp_path_factory)) as url:
        engine = connect(url)
        with engine.begin() as conn:
            for sql in GENERATE:
                conn.exec_driver_sql(sql.replace("%", "%%"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
        yield engine
        engine.dispose()


def _sent(engine: Engine, read) -> list[tuple[str, object]]:
    """The statements `read()` sends to the database, with their parameters."""
    sent: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        sent.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        read()
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return [(s, p) for s, p in sent if any(re.search(rf"\b{t}\b", s) for t in DATA_TABLES)]


def _plans(engine: Engine, read) -> list[str]:
    sent = _sent(engine, read)
    assert sent, "no statement on a data table was sent"
    out = []
    with engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in sent:
            rows = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)
            out.append("\n".join(r[0] for r in rows))
    return out


def _scans(plan: str, table: str) -> list[str]:
    """Each index read of `table` in the plan: the scan line and its index condition."""
    lines = plan.splitlines()
    found = []
    for i, line in enumerate(lines):
        if re.search(rf"Index (Only )?Scan (using|on) ix_{table}_\w+", line):
            cond = next((x.strip() for x in lines[i + 1 : i + 3] if "Index Cond" in x), "")
            found.append(f"{line.strip()}\n{cond}")
    return found


@pytest.mark.parametrize("who", SCOPES)
def test_complaints_of_a_year_are_read_through_the_date_index(five_years: Engine, who: str) -> None:
    scope = SCOPES[who]
    (plan,) = _plans(five_years, lambda: readers.read_pengaduan(five_years, YEAR, scope=scope))
    (scan,) = _scans(plan, "pengaduan")
    assert "Seq Scan" not in plan, plan
    assert f"'{YEAR}-01-01 00:00:00'" in scan and f"'{YEAR + 1}-01-01 00:00:00'" in scan, plan


@pytest.mark.parametrize("who", SCOPES)
@pytest.mark.parametrize("table", ["pk", "realisasi"])
def test_pk_and_realisasi_of_a_year_are_read_through_the_year_index(
    five_years: Engine, who: str, table: str
) -> None:
    scope = SCOPES[who]
    read = readers.read_pk if table == "pk" else readers.read_realisasi
    (plan,) = _plans(five_years, lambda: read(five_years, YEAR, scope=scope))
    assert "Seq Scan" not in plan, plan
    tables = ("indikator", "pk") if table == "pk" else ("realisasi",)
    for name in tables:
        (scan,) = _scans(plan, name)
        assert re.search(rf"Index Cond: .*tahun = {YEAR}\b", scan), plan


def test_the_list_of_years_probes_the_indexes(five_years: Engine) -> None:
    plans = _plans(five_years, lambda: readers.read_years(five_years))
    assert readers.read_years(five_years) == list(reversed(YEARS))
    assert all("Seq Scan" not in p for p in plans), plans
    complaint_plans = [p for p in plans if "pengaduan" in p]
    assert complaint_plans, plans
    for plan in complaint_plans:  # min, max and one EXISTS per year: each a bounded index probe
        assert "ix_pengaduan_tanggal_masuk" in plan, plan
        assert "Limit" in plan or "InitPlan" in plan, plan


def test_a_year_read_returns_only_that_year(five_years: Engine) -> None:
    frame = readers.read_pengaduan(five_years, YEAR, scope=Scope(WALIKOTA))
    assert len(frame) == PER_YEAR
    assert set(frame["tanggal_masuk"].dt.year) == {YEAR}
    assert set(readers.read_realisasi(five_years, YEAR)["tahun"]) == {YEAR}
