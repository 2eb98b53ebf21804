"""A past month never rewrites itself (issue 11 §1): loading a later export leaves June's figures as they were.

Property: the metrics as of D computed on all the data equal the metrics on the same data with every
date after D blanked and every Status claim from a file later than D removed (a file's date is the
latest date in it). Checked through the real importer and store (SQLite), for the complaint metrics
and for the complaint-linked indicator values.
"""

from __future__ import annotations

import contextlib
import io
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.domain.vocabulary import SUMBER_PENGADUAN
from kinerja.metrics.kelompok import complaint_metrics
from kinerja.metrics.linked import complaint_realisasi
from kinerja.services.importer import import_file
from kinerja.store import readers as store
from kinerja.store.engine import connect
from kinerja.views.reports import complaints_table, scorecard_table
from tests.conftest import ADMIN
from tests.helpers import databases
from tests.helpers.xlsx import Sheet, make_xlsx
from tests.unit.metrics.pk_frames import pk_frame, pk_row

TODAY = pd.Timestamp("2019-01-15")
UNIT = "Dinas Lingkungan Hidup dan Kebersihan"
HEADER = ["No Tiket", "Tanggal Masuk", "Kelurahan", "Kecamatan", "Perangkat Daerah Tujuan", "Tanggal Verifikasi",
          "Tanggal Disposisi", "Tanggal Tanggapan", "Tanggal Selesai", "Status"]  # fmt: skip
DATES = HEADER[5:9]
WORDING = {0: "Belum Diverifikasi", 1: "Belum Ditindaklanjuti", 2: "Proses", 3: "Selesai", 4: "Arsip"}
START = date(2018, 1, 1)


def _text(d: date | None) -> str | None:
    return None if d is None else f"{d:%d/%m/%Y}"


def _load(engine, files: list[list[list[object]]]) -> None:
    for i, rows in enumerate(files):
        report = import_file(engine, make_xlsx(Sheet("Pengaduan", [HEADER, *rows])), f"ekspor{i}.xlsx",
                             scope=ADMIN, today=TODAY)  # fmt: skip
        assert report.stored, [p.line() for p in report.errors]


def _fresh(tmp: Path, factory, name: str):
    return connect(databases.url(databases.copy_of(databases.blank_sqlite(factory), tmp, name)))


def _linked_pk(kode: str) -> pd.DataFrame:
    return pk_frame(
        *(pk_row(kode, f"p{i}", 80, sumber_data=s, urutan=i + 1) for i, s in enumerate(SUMBER_PENGADUAN))
    )


def _figures(engine, as_of: date, unit: str = UNIT) -> tuple[pd.DataFrame, pd.DataFrame]:
    comp = store.read_pengaduan(engine)
    kode = store.read_units(engine).set_index("nama").at[unit, "kode"]
    comp = comp[comp["unit"] == kode].reset_index(drop=True)
    metrics = complaint_metrics(comp, 2018, by="unit", as_of=as_of)
    linked = complaint_realisasi(_linked_pk(kode), comp, 2018, as_of=as_of)
    return metrics, linked


# --- the property ------------------------------------------------------------------------------
@st.composite
def histories(draw: st.DrawFn) -> tuple[list[list[list[object]]], date]:
    """A few complaints with true dates, and 1–2 exports made at different days (each a partial view)."""
    truth = []
    for i in range(draw(st.integers(1, 5))):
        offset = draw(st.integers(0, 240))
        day = START + timedelta(days=offset)
        dates: list[date | None] = []
        for _ in DATES:  # verifikasi ≤ disposisi ≤ tanggapan ≤ selesai, any of them possibly missing
            gap = draw(st.one_of(st.none(), st.integers(0, 25)))
            if gap is not None:
                day = day + timedelta(days=gap)
            dates.append(None if gap is None else day)
        truth.append((f"H{i}", dates, offset))
    files = []
    for _ in range(draw(st.integers(1, 2))):
        made = START + timedelta(days=draw(st.integers(0, 364)))
        rows = []
        for tiket, dates, offset in truth:
            masuk = START + timedelta(days=offset)
            if masuk > made or not draw(st.booleans()):
                continue
            shown = [d if d is not None and d <= made and draw(st.booleans()) else None for d in dates]
            status = draw(st.sampled_from([None, 0, 1, 2, 3, 4]))
            rows.append([tiket, _text(masuk), "Oebufu", "Oebobo", UNIT, *map(_text, shown),
                         WORDING.get(status) if status is not None else None])  # fmt: skip
        if rows:
            files.append(rows)
    as_of = START + timedelta(days=draw(st.integers(0, 364)))
    return files, as_of


def _file_date(rows: list[list[object]]) -> date:
    days = [pd.Timestamp(pd.to_datetime(v, dayfirst=True)).date() for r in rows for v in r[1:2] + r[5:9] if v]
    return max(days)


def _as_known_on(files: list[list[list[object]]], as_of: date) -> list[list[list[object]]]:
    """The same files with every date after as_of blanked and the Status of files later than as_of removed."""
    out = []
    for rows in files:
        later = _file_date(rows) > as_of
        kept = []
        for r in rows:
            if pd.to_datetime(r[1], dayfirst=True).date() > as_of:
                continue  # received after as_of: not in any window up to as_of
            r = [*r]
            for k in range(5, 9):
                if r[k] and pd.to_datetime(r[k], dayfirst=True).date() > as_of:
                    r[k] = None
            if later:
                r[9] = None
            kept.append(r)
        out.append(kept)
    return out


KNOWN = "Dinas Kesehatan"  # the known-by-D copy of the data lives under this unit, tickets K…


def _with_known(files: list[list[list[object]]], as_of: date) -> list[list[list[object]]]:
    """Each file with its known-by-D copy appended (tickets K…, unit KNOWN): one store holds both.

    The copy does not change a file's date: where the file is dated by D, its copy has the same
    dates; where it is later, the copy claims no Status, so its date does not matter.
    """
    known = _as_known_on(files, as_of)
    return [
        rows + [[f"K{r[0]}", *r[1:4], KNOWN, *r[5:]] for r in copy]
        for rows, copy in zip(files, known, strict=True)
    ]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories(), reverse=st.booleans())
def test_metrics_as_of_d_depend_only_on_what_was_known_by_d(
    tmp_path, tmp_path_factory, history, reverse
) -> None:
    files, as_of = history
    if not files:
        return
    engine = _fresh(tmp_path, tmp_path_factory, "semua.db")
    try:
        both = _with_known(files, as_of)
        _load(engine, both[::-1] if reverse else both)  # in either upload order
        every, known = _figures(engine, as_of), _figures(engine, as_of, KNOWN)
        for got, want in zip(every, known, strict=True):
            assert len(got) == len(want)
            if len(got):  # (two empty frames may differ in the dtype of a column without values)
                got, want = (
                    f.drop(columns=[c for c in ("kelompok", "unit", "kunci") if c in f]) for f in (got, want)
                )
                pd.testing.assert_frame_equal(got, want, check_index_type=False)
    finally:
        engine.dispose()


# --- the semester export, then the full-year export ---------------------------------------------
SEMESTER = [
    ["X1", "10/06/2018", "Oebufu", "Oebobo", UNIT, "11/06/2018", "11/06/2018", "20/06/2018", None, "Proses"],
    ["X2", "05/06/2018", "Oebufu", "Oebobo", UNIT, "06/06/2018", None, None, None, "Proses"],  # claim, no date
    ["X3", "01/05/2018", "Oebufu", "Oebobo", UNIT, None, None, None, None, "Belum Diverifikasi"],
    ["X4", "15/06/2018", "Oebufu", "Oebobo", UNIT, "18/06/2018", "19/06/2018", None, None, "Belum Ditindaklanjuti"],
    ["X5", "02/03/2018", "Oebufu", "Oebobo", UNIT, "05/03/2018", "05/03/2018", "06/03/2018", "30/06/2018", "Selesai"],
]  # fmt: skip
FULL_YEAR = [
    ["X1", "10/06/2018", "Oebufu", "Oebobo", UNIT, "11/06/2018", "11/06/2018", "20/06/2018", "14/09/2018", "Selesai"],
    ["X2", "05/06/2018", "Oebufu", "Oebobo", UNIT, "06/06/2018", None, "02/07/2018", "01/08/2018", "Selesai"],
    ["X3", "01/05/2018", "Oebufu", "Oebobo", UNIT, None, None, None, None, "Selesai"],  # claimed in December
    ["X4", "15/06/2018", "Oebufu", "Oebobo", UNIT, "18/06/2018", "19/06/2018", None, None, "Arsip"],
    ["X5", "02/03/2018", "Oebufu", "Oebobo", UNIT, "05/03/2018", "05/03/2018", "06/03/2018", "30/06/2018", "Selesai"],
    ["X6", "03/08/2018", "Oebufu", "Oebobo", UNIT, "04/08/2018", None, "05/08/2018", "31/12/2018", "Selesai"],
]  # fmt: skip


def _june(engine) -> dict[str, pd.DataFrame]:
    comp, units = store.read_pengaduan(engine), store.read_units(engine)
    kode = units.set_index("nama").at[UNIT, "kode"]
    june = complaints_table(comp, units, 2018, 6, "unit", date(2018, 6, 30))
    year = complaints_table(comp, units, 2018, None, "kelurahan", date(2018, 6, 30))
    linked = complaint_realisasi(_linked_pk(kode), comp, 2018, as_of=date(2018, 6, 30))
    card = scorecard_table(_linked_pk(kode), store.read_realisasi(engine), comp, units, 2018, 6)
    return {"juni": june, "s.d. juni": year, "indikator": linked, "rapor": card}


def _june_cli(db_url: str) -> str:
    """`complaints --year 2018 --month 6 --as-of 2018-06-30 --format csv`, in process."""
    from kinerja.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", db_url, "complaints", "--year", "2018", "--month", "6", "--as-of", "2018-06-30",
                     "--format", "csv"]) == 0  # fmt: skip
    return out.getvalue()


@pytest.fixture(scope="module")
def semester_then_year(tmp_path_factory) -> dict:
    """June's figures (frames and CLI) after the semester export, then after the full-year export too."""
    path = databases.copy_of(databases.blank_sqlite(tmp_path_factory), tmp_path_factory.mktemp("juni"))
    engine = connect(databases.url(path))
    try:
        _load(engine, [SEMESTER])
        before, cli_before = _june(engine), _june_cli(databases.url(path))
        _load(engine, [FULL_YEAR])
        after, cli_after = _june(engine), _june_cli(databases.url(path))
        stored = {"units": store.read_units(engine), "pk": store.read_pk(engine),
                  "realisasi": store.read_realisasi(engine), "pengaduan": store.read_pengaduan(engine)}  # fmt: skip
    finally:
        engine.dispose()
    return {"before": before, "after": after, "cli": (cli_before, cli_after), "stored": stored}


def test_full_year_export_leaves_june_unchanged(semester_then_year) -> None:
    before, after = semester_then_year["before"], semester_then_year["after"]
    june = before["juni"].iloc[0]
    # As presented at June's meeting, complaints received in June: X1 proses (answered 20 June), X2
    # proses (claimed in the semester export, dated 30 June), X4 belum ditindaklanjuti.
    assert (june["masuk"], june["selesai"], june["proses"], june["belum"], june["arsip"]) == (3, 0, 2, 1, 0)
    assert (before["s.d. juni"].iloc[0]["masuk"], before["s.d. juni"].iloc[0]["selesai"]) == (5, 1)
    for key in before:
        pd.testing.assert_frame_equal(before[key], after[key], obj=key)
    stored = semester_then_year["stored"]["pengaduan"].set_index("no_tiket")
    assert stored.at["X1", "status"] == "selesai" and stored.at["X4", "status"] == "arsip"
    december = complaints_table(stored.reset_index(), None, 2018, 6, "unit", date(2018, 12, 31)).iloc[0]
    assert (december["selesai"], december["arsip"]) == (2, 1)  # the later export does count later on


def test_june_figures_from_the_cli_are_the_same_before_and_after(semester_then_year) -> None:
    before, after = semester_then_year["cli"]
    assert f"{UNIT},3,0,2,1,0," in before
    assert after == before


@pytest.fixture(scope="module")
def claimed(tmp_path_factory) -> pd.DataFrame:
    """One file dated 30 June (its latest date) claiming each stage on a ticket without dates."""
    rows = [[f"C{i}", "01/06/2018", "Oebufu", "Oebobo", UNIT, None, None, None, None, stage]
            for i, stage in enumerate(("Proses", "Selesai", "Arsip"))]  # fmt: skip
    rows.append(["D", "02/06/2018", "Oebufu", "Oebobo", UNIT, "30/06/2018", None, None, None, None])
    engine = _fresh(tmp_path_factory.mktemp("klaim"), tmp_path_factory, "klaim.db")
    try:
        _load(engine, [rows])
        return store.read_pengaduan(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize(("tiket", "stage"), [("C0", "proses"), ("C1", "selesai"), ("C2", "arsip")])
def test_a_claim_counts_from_the_date_of_its_file(claimed: pd.DataFrame, tiket: str, stage: str) -> None:
    """The same claimed Status in a file dated 30 June counts from 30 June, not before."""
    one = claimed[claimed["no_tiket"] == tiket]
    assert one.iloc[0][f"klaim_{stage}"] == pd.Timestamp("2018-06-30")
    at = {d: complaint_metrics(one, 2018, as_of=d).iloc[0] for d in (date(2018, 6, 29), date(2018, 6, 30))}
    assert at[date(2018, 6, 29)][stage] == 0 and at[date(2018, 6, 30)][stage] == 1


def test_claim_dates_survive_export_into_a_fresh_store(
    semester_then_year, tmp_path, tmp_path_factory
) -> None:
    """Riwayat Status carries each claim and its date, so a restored store shows June as it was."""
    from kinerja.exports.export import write_export

    snap = semester_then_year["stored"]
    buf = io.BytesIO()
    write_export(buf, **snap)
    fresh = _fresh(tmp_path, tmp_path_factory, "pulih.db")
    try:
        report = import_file(fresh, buf.getvalue(), "ekspor.xlsx", scope=ADMIN, today=TODAY)
        assert report.stored, [p.line() for p in report.errors]
        pd.testing.assert_frame_equal(store.read_pengaduan(fresh), snap["pengaduan"])
        pd.testing.assert_frame_equal(_june(fresh)["juni"], semester_then_year["before"]["juni"])
        x2 = snap["pengaduan"].set_index("no_tiket").loc["X2"]
        assert (x2["klaim_proses"], x2["klaim_selesai"]) == (
            pd.Timestamp("2018-06-30"),
            pd.Timestamp("2018-12-31"),
        )
    finally:
        fresh.dispose()
