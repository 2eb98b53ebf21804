"""Period locks (realisasi refused while locked, events logged) and the kelengkapan-laporan rule."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from kinerja.clock import WITA_OFFSET
from kinerja.domain import vocabulary
from kinerja.domain.access import admin_scope
from kinerja.errors import KinerjaError
from kinerja.metrics.kelengkapan import (
    BELUM,
    BELUM_WAKTUNYA,
    TEPAT,
    TERLAMBAT,
    due_date,
    reporting_units,
    status_lapor,
)
from kinerja.services import uploads
from kinerja.services.importer import import_file
from kinerja.services.kelengkapan import kelengkapan
from kinerja.store import readers as store
from kinerja.store.periods import lock_events, locked_periods
from kinerja.store.rollback import rollback_upload
from kinerja.store.tables import upload
from kinerja.views import history
from tests.helpers.xlsx import REAL_HEADER, Sheet, make_xlsx, pk_rows

TODAY = pd.Timestamp("2018-12-31")


def _real(*rows: list[object]) -> bytes:
    return make_xlsx(Sheet("Realisasi", [REAL_HEADER, *rows]))


@pytest.fixture
def with_pk(sqlite_engine):
    pk = make_xlsx(Sheet("PK", pk_rows() + pk_rows("Dinas Pendidikan")[1:]))
    rep = import_file(sqlite_engine, pk, "pk.xlsx", scope=admin_scope("uji"), today=TODAY)
    assert rep.stored, [p.line() for p in rep.errors]
    return sqlite_engine


# --- locks -------------------------------------------------------------------------------------
def test_locked_month_refuses_realisasi_until_unlocked(with_pk):
    uploads.lock_period(with_pk, 2018, 3, scope=admin_scope("admin"))
    assert locked_periods(with_pk) == {(2018, 3)}
    data = _real(
        ["Dinas Kesehatan", 2018, 2, "DINKES-1", None, 80], ["Dinas Kesehatan", 2018, 3, "DINKES-1", None, 81]
    )
    rep = import_file(with_pk, data, "r.xlsx", scope=admin_scope("uji"), today=TODAY)
    assert not rep.stored
    (err,) = rep.errors
    assert err.row == 3 and "periode Maret 2018 sudah dikunci" in err.message and "buka kunci" in err.expected
    assert store.read_realisasi(with_pk).empty  # the good February row is not stored either
    uploads.unlock_period(with_pk, 2018, 3, scope=admin_scope("admin"))
    assert import_file(with_pk, data, "r.xlsx", scope=admin_scope("uji"), today=TODAY).stored
    assert store.read_realisasi(with_pk)["bulan"].tolist() == [2, 3]


def test_lock_and_unlock_are_logged(with_pk):
    uploads.lock_period(with_pk, 2018, 1, scope=admin_scope("ani"))
    uploads.unlock_period(with_pk, 2018, 1, scope=admin_scope("budi"))
    ev = lock_events(with_pk)
    assert ev[["pengguna", "aksi", "tahun", "bulan"]].values.tolist() == [
        ["budi", vocabulary.BUKA_PERIODE, 2018, 1],
        ["ani", vocabulary.KUNCI_PERIODE, 2018, 1],
    ]
    log = history.events(with_pk)
    assert {"Kunci periode", "Buka kunci periode", "Unggah"} <= set(log["Kejadian"])
    assert "Januari 2018" in set(log["Rincian"])


@pytest.mark.parametrize(
    ("action", "tahun", "bulan", "message"),
    [
        ("lock_twice", 2018, 1, "sudah dikunci"),
        ("unlock_open", 2018, 2, "tidak sedang dikunci"),
        ("lock", 2018, 13, "Bulan 13 tidak sah"),
    ],
)
def test_lock_errors_are_plain_messages(sqlite_engine, action, tahun, bulan, message):
    if action == "lock_twice":
        uploads.lock_period(sqlite_engine, tahun, bulan, scope=admin_scope("admin"))
    fn = uploads.unlock_period if action == "unlock_open" else uploads.lock_period
    with pytest.raises(KinerjaError, match=message):
        fn(sqlite_engine, tahun, bulan, scope=admin_scope("admin"))


# --- the late rule (pure) ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tahun", "bulan", "day", "due"),
    [
        (2018, 1, 10, date(2018, 2, 10)),
        (2018, 12, 10, date(2019, 1, 10)),  # December is due in January of the next year
        (2018, 1, 31, date(2018, 2, 28)),  # a due day past the month's end is its last day
        (2020, 1, 30, date(2020, 2, 29)),
        (2018, 5, 0, date(2018, 6, 1)),
    ],
)
def test_due_date(tahun, bulan, day, due):
    assert due_date(tahun, bulan, day) == due


@pytest.mark.parametrize(
    ("first", "today", "expected"),
    [
        ("2018-02-10 23:59", date(2018, 12, 31), TEPAT),  # on the due day is on time
        ("2018-01-20 08:00", date(2018, 12, 31), TEPAT),  # during the month itself
        ("2018-02-11 00:00", date(2018, 12, 31), TERLAMBAT),
        ("2026-11-28 09:00", date(2026, 11, 28), TERLAMBAT),
        (None, date(2018, 2, 11), BELUM),  # due date passed, nothing stored
        (None, date(2018, 2, 10), BELUM_WAKTUNYA),  # still inside the due date
        (None, date(2018, 1, 15), BELUM_WAKTUNYA),
    ],
)
def test_status_lapor_january(first, today, expected):
    reported = pd.DataFrame(
        {
            "unit": ["A"] if first else [],
            "bulan": [1] if first else [],
            "pertama": [pd.Timestamp(first)] if first else [],
        }
    )
    out = status_lapor(reported, ["A"], 2018, today, 10).set_index("bulan")
    assert out.at[1, "status"] == expected
    assert out.at[1, "batas"] == pd.Timestamp("2018-02-10")


def test_status_lapor_takes_the_earliest_report_and_every_unit_month():
    reported = pd.DataFrame(
        {"unit": ["A", "A"], "bulan": [3, 3], "pertama": pd.to_datetime(["2018-05-01", "2018-04-02"])}
    )
    out = status_lapor(reported, ["A", "B"], 2018, date(2018, 4, 20), 10)
    assert len(out) == 24
    a = out[out["unit"] == "A"].set_index("bulan")["status"]
    assert a[3] == TEPAT and a[1] == BELUM and a[4] == BELUM_WAKTUNYA
    assert (out[out["unit"] == "B"].set_index("bulan")["status"][[1, 2]] == BELUM).all()


# --- reading the store ---------------------------------------------------------------------------
def _set_upload_time(engine, upload_id: int, utc: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            upload.update().where(upload.c.id == upload_id).values(waktu=pd.Timestamp(utc).to_pydatetime())
        )


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        ("2018-02-10 15:59", TEPAT),  # 23:59 WITA on the 10th
        ("2018-02-10 16:01", TERLAMBAT),  # 00:01 WITA on the 11th
    ],
)
def test_first_report_is_judged_in_wita(with_pk, utc, expected):
    rep = import_file(with_pk, _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80]), "r.xlsx",
                      scope=admin_scope("uji"), today=TODAY)  # fmt: skip
    _set_upload_time(with_pk, rep.upload_id, utc)
    status = kelengkapan(with_pk, 2018, date(2018, 12, 31), 10).set_index(["unit", "bulan"])
    assert status.at[("DINKES", 1), "status"] == expected
    assert status.at[("DISDIK", 1), "status"] == BELUM  # the unit that did not report is marked missing


def test_restatement_keeps_first_report_and_rollback_forgets_it(with_pk):
    first = import_file(with_pk, _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80]), "a.xlsx",
                        scope=admin_scope("u"), today=TODAY)  # fmt: skip
    _set_upload_time(with_pk, first.upload_id, "2018-02-05 01:00")
    later = import_file(with_pk, _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 90]), "b.xlsx",
                        scope=admin_scope("u"), today=TODAY)  # fmt: skip
    assert later.stored
    got = store.first_reported(with_pk, 2018)  # UTC now; the kelengkapan service moves it to WITA
    assert got.assign(pertama=got["pertama"] + WITA_OFFSET).to_dict("records") == [
        {"unit": "DINKES", "bulan": 1, "pertama": pd.Timestamp("2018-02-05 09:00")}
    ]
    with with_pk.begin() as conn:
        rollback_upload(conn, later.upload_id, "u")
    with with_pk.begin() as conn:
        rollback_upload(conn, first.upload_id, "u")
    assert store.first_reported(with_pk, 2018).empty


def test_linked_only_units_are_not_expected_to_report(sqlite_engine):
    pk = pd.DataFrame(
        {
            "unit": ["A", "A", "B"],
            "sumber_data": [None, "pengaduan:selesai_pct", "pengaduan:tindak_lanjut_pct"],
        }
    )
    assert reporting_units(pk) == ["A"]


def test_matrix_labels_carry_text_and_sort_by_name():
    status = status_lapor(
        pd.DataFrame({"unit": ["Z"], "bulan": [1], "pertama": [pd.Timestamp("2018-02-01")]}),
        ["Z", "A"], 2018, date(2018, 3, 1), 10,
    )  # fmt: skip
    grid = history.matrix(status, {"Z": "Badan Z", "A": "Dinas A"})
    assert grid["Perangkat Daerah"].tolist() == ["Badan Z", "Dinas A"]
    assert grid.loc[0, "Jan"] == "✓ tepat" and grid.loc[1, "Jan"] == "✗ belum"
    assert grid.loc[1, "Mar"] == "· nanti"
    counts = history.summary(status)
    assert counts.loc["✗ belum lapor", "Jan"] == 1 and counts.loc["· belum jatuh tempo", "Feb"] == 2


def test_upload_history_shows_wita_and_counts(with_pk):
    rep = import_file(with_pk, _real(["Dinas Kesehatan", 2018, 1, "DINKES-1", None, 80]), "r.xlsx",
                      scope=admin_scope("ani"), today=TODAY)  # fmt: skip
    _set_upload_time(with_pk, rep.upload_id, "2018-02-05 01:30")
    hist = history.upload_history(with_pk)
    top = hist.iloc[0]
    assert (top["No"], top["Waktu (WITA)"], top["Pengguna"], top["Berkas"], top["Baru"]) == (
        rep.upload_id,
        "05/02/2018 09:30",
        "ani",
        "r.xlsx",
        1,
    )
    assert len(top["SHA-256"]) == 64 and top["Status"] == "aktif"
    with with_pk.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(upload)).scalar_one() == len(hist)
