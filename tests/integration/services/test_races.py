"""Writers that overlap (issue 10 §2): the lost update and the rollback racing an import, made deterministic.

Each race is staged with two threads and an Event: a listener on the engine holds the first
writer right after its transaction has read the stored rows; the second writer starts and must
wait (it says so through `on_wait`); then the first goes on. Without the write lock the second
committed in between and the first overwrote it (3 of 3 runs on PostgreSQL before issue 10).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import sqlalchemy as sa

from kinerja.errors import RollbackError
from kinerja.services.importer import import_file
from kinerja.services.uploads import rollback_upload
from kinerja.store import readers as store
from tests.conftest import ADMIN
from tests.helpers.xlsx import COMPLAINT_HEADER, Sheet, complaint_row, make_xlsx

TODAY = pd.Timestamp("2019-01-15")
N = 200  # complaints: small data, the race is in the ordering, not the volume
WAIT = 60  # seconds any step may take before the test calls it stuck


def _complaints(name: str, rows: list[list[object]]) -> bytes:
    return make_xlsx(Sheet("Pengaduan", [COMPLAINT_HEADER, *rows]))


def _row(i: int, **over: object) -> list[object]:
    base = {"Tanggal Tanggapan": None, "Tanggal Selesai": None, "Status": "Baru", "Ada Bukti": None}
    return complaint_row(f"KPG-{i:04d}", **(base | over))


def base_file() -> bytes:
    return _complaints("dasar", [_row(i) for i in range(N)])


def jan_file() -> bytes:
    """JAN: every complaint answered, in process."""
    return _complaints("jan", [_row(i, **{"Tanggal Tanggapan": "07/03/2018", "Status": "Dalam Proses"})
                               for i in range(N)])  # fmt: skip


def feb_file() -> bytes:
    """FEB: 20 of them closed (Selesai with Tanggal Selesai)."""
    done = {"Tanggal Tanggapan": "07/03/2018", "Tanggal Selesai": "12/03/2018", "Status": "Selesai"}
    return _complaints("feb", [_row(i, **done) for i in range(20)])


def load(engine, data: bytes, name: str, **kw):
    report = import_file(engine, data, name, scope=ADMIN, today=TODAY, **kw)
    assert report.stored, [p.line() for p in report.errors]
    return report


@contextmanager
def held_after_read(
    engine, thread_name: str, table: str
) -> Iterator[tuple[threading.Event, threading.Event]]:
    """(has_read, go): the thread named `thread_name` stops after its first SELECT on `table`."""
    has_read, go = threading.Event(), threading.Event()

    def after(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if (
            threading.current_thread().name == thread_name
            and not has_read.is_set()
            and statement.lstrip().upper().startswith("SELECT")
            and f"FROM {table}" in statement
        ):
            has_read.set()
            assert go.wait(WAIT), "the held writer was never released"

    sa.event.listen(engine, "after_cursor_execute", after)
    try:
        yield has_read, go
    finally:
        go.set()
        sa.event.remove(engine, "after_cursor_execute", after)


def run(name: str, fn: Callable[[], object], results: dict[str, object]) -> threading.Thread:
    def target() -> None:
        try:
            results[name] = fn()
        except Exception as exc:  # the test reads it back and fails with it
            results[name] = exc

    thread = threading.Thread(target=target, name=name)
    thread.start()
    return thread


def waited_or_finished(waiting: threading.Event, thread: threading.Thread) -> bool:
    """True once the second writer says it waits (or has already finished: the race was lost)."""
    for _ in range(WAIT * 10):
        if waiting.is_set() or not thread.is_alive():
            return waiting.is_set()
        waiting.wait(0.1)
    raise AssertionError("the second writer neither waited nor finished")


def state(engine) -> pd.DataFrame:
    cols = ["no_tiket", "status", "tanggal_tanggapan", "tanggal_selesai"]
    return store.read_pengaduan(engine)[cols].sort_values("no_tiket").reset_index(drop=True)


def test_jan_and_feb_at_once_end_as_jan_then_feb(engine):
    """The lost update: JAN holds after reading the stored complaints; FEB starts, waits, then closes 20."""
    load(engine, base_file(), "dasar.xlsx")
    results: dict[str, object] = {}
    feb_waits = threading.Event()
    with held_after_read(engine, "JAN", "pengaduan") as (jan_read, go):
        jan = run("JAN", lambda: load(engine, jan_file(), "jan.xlsx"), results)
        assert jan_read.wait(WAIT)
        feb = run("FEB", lambda: load(engine, feb_file(), "feb.xlsx", on_wait=feb_waits.set), results)
        said_so = waited_or_finished(feb_waits, feb)
        go.set()
        jan.join(WAIT)
        feb.join(WAIT)
    assert not isinstance(results["JAN"], Exception), results["JAN"]
    assert not isinstance(results["FEB"], Exception), results["FEB"]
    concurrent = state(engine)
    assert said_so  # FEB waited for JAN, and said so
    # The same files one after the other, on the same store: roll both back, then JAN, then FEB.
    rollback_upload(engine, results["FEB"].upload_id, scope=ADMIN)
    rollback_upload(engine, results["JAN"].upload_id, scope=ADMIN)
    load(engine, jan_file(), "jan.xlsx")
    load(engine, feb_file(), "feb.xlsx")
    pd.testing.assert_frame_equal(concurrent, state(engine))
    assert (concurrent["status"] == "selesai").sum() == 20 and concurrent[
        "tanggal_selesai"
    ].notna().sum() == 20


def test_rollback_racing_an_import_waits_for_it(engine):
    """U2 (the same rows again) holds after its read; the rollback of U1 must wait, then is refused."""
    u1 = load(engine, base_file(), "u1.xlsx")
    results: dict[str, object] = {}
    rollback_waits = threading.Event()
    with held_after_read(engine, "U2", "pengaduan") as (u2_read, go):
        u2 = run("U2", lambda: load(engine, jan_file(), "u2.xlsx"), results)
        assert u2_read.wait(WAIT)
        undo = run("BATAL", lambda: rollback_upload(engine, u1.upload_id, scope=ADMIN, on_wait=rollback_waits.set),
                   results)  # fmt: skip
        said_so = waited_or_finished(rollback_waits, undo)
        go.set()
        u2.join(WAIT)
        undo.join(WAIT)
    assert said_so
    assert not isinstance(results["U2"], Exception), results["U2"]
    # As in the sequential order U2, then the rollback of U1: refused, U2 changed the same rows.
    assert isinstance(results["BATAL"], RollbackError) and "batalkan dulu unggahan #" in str(results["BATAL"])
    changed = pd.read_sql(
        sa.text("SELECT upload_id, COUNT(*) AS n FROM perubahan GROUP BY upload_id"), engine
    )
    assert dict(zip(changed["upload_id"], changed["n"], strict=True)) == {
        u1.upload_id: N,
        results["U2"].upload_id: N,
    }
    rollback_upload(engine, results["U2"].upload_id, scope=ADMIN)
    rollback_upload(engine, u1.upload_id, scope=ADMIN)
    assert store.read_pengaduan(engine).empty  # no row is left that no upload owns


def test_import_racing_a_rollback_runs_after_it(engine):
    """The other order: the rollback of U1 holds after its read; U2 waits, then adds the rows anew."""
    u1 = load(engine, base_file(), "u1.xlsx")
    results: dict[str, object] = {}
    import_waits = threading.Event()
    with held_after_read(engine, "BATAL", "perubahan") as (undo_read, go):
        undo = run("BATAL", lambda: rollback_upload(engine, u1.upload_id, scope=ADMIN), results)
        assert undo_read.wait(WAIT)
        u2 = run("U2", lambda: load(engine, jan_file(), "u2.xlsx", on_wait=import_waits.set), results)
        said_so = waited_or_finished(import_waits, u2)
        go.set()
        undo.join(WAIT)
        u2.join(WAIT)
    assert said_so
    assert results["BATAL"] == {"pengaduan": N}
    report = results["U2"]
    assert not isinstance(report, Exception), report
    assert [(c.added, c.updated) for c in report.counts] == [(N, 0)]  # as after the rollback: all new
    rollback_upload(engine, report.upload_id, scope=ADMIN)
    assert store.read_pengaduan(engine).empty
