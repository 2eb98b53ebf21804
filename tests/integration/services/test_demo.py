"""The seeded demo: deterministic, realistic enough, and messy exactly where DOMAIN §4 allows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kinerja import paths
from kinerja.demo.book import date_text, id_number
from kinerja.demo.load import DEMO_USER, ensure_demo
from kinerja.demo.truth import DemoData, build_demo, load_units, load_wilayah
from kinerja.demo.whatsapp import PER_EXPORT
from kinerja.demo.workbooks import write_demo
from kinerja.domain import vocabulary
from kinerja.errors import ImportRefused
from kinerja.services.uploads import lock_period
from kinerja.store.engine import connect
from kinerja.store.readers import list_uploads, read_pengaduan, read_pk, read_realisasi
from tests.conftest import ADMIN
from tests.helpers import databases

DATES = ["tanggal_masuk", "tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan", "tanggal_selesai"]
STATUS_OF = {w: k for k, words in vocabulary.STATUS.items() for w in words}


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return build_demo()


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = write_demo(tmp_path_factory.mktemp("demo"))
    return {p.name: p for p in paths}


def _sheets(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None, header=None, engine="calamine")


# --- determinism -----------------------------------------------------------------------------------
def test_build_is_deterministic_for_a_seed() -> None:
    a, b, other = build_demo(7), build_demo(7), build_demo(8)
    for name in ("units", "pk", "realisasi", "pengaduan"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert not a.pengaduan["tanggal_masuk"].equals(other.pengaduan["tanggal_masuk"])


def test_write_is_deterministic_for_a_seed(demo_files: dict[str, Path], tmp_path: Path) -> None:
    again = {p.name: p for p in write_demo(tmp_path)}
    assert (
        sorted(again)
        == sorted(demo_files)
        == [
            "PK_2018_Kota_Kupang.xlsx",
            "Pengaduan_2018.xlsx",
            "Realisasi_2018.xlsx",
        ]
    )
    for name, path in demo_files.items():
        first, second = _sheets(path), _sheets(again[name])
        assert list(first) == list(second)
        for sheet in first:
            pd.testing.assert_frame_equal(first[sheet], second[sheet])


# --- PK ----------------------------------------------------------------------------------------------
def test_pk_units_and_indicators(demo: DemoData) -> None:
    pk = demo.pk
    units = load_units().set_index("kode")
    assert pk["unit"].nunique() >= 20
    assert {k for k in units.index if k.startswith("KEC-")} <= set(pk["unit"])
    assert (units.loc[pk["unit"].unique(), "jenis"] != vocabulary.LUAR_PEMKOT).all()
    assert (pk["unit_nama"] == units.loc[pk["unit"], "nama"].to_numpy()).all()
    assert pk.groupby("unit").size().between(4, 8).all()
    assert not pk.duplicated(["unit", "indikator"]).any()
    assert set(pk["polaritas"]) == {"positif", "negatif"}
    assert set(pk["akumulasi"]) == {"kumulatif", "akhir", "rata_rata"}
    assert (pk["tahun"] == 2018).all()
    assert (pk["tanggal_perjanjian"] == pd.Timestamp("2018-02-27")).all()
    assert pk.groupby("unit")["sasaran"].nunique().between(1, 3).all()


def test_pk_targets_ranges_and_quarters(demo: DemoData) -> None:
    pk = demo.pk
    ranges = pk[pk["target_min"] < pk["target_max"]]
    assert len(ranges) >= 3
    expected = [f"{lo:g}-{hi:g}" for lo, hi in zip(ranges.target_min, ranges.target_max, strict=True)]
    assert (ranges["target"] == expected).all()
    single = pk[pk["target_min"] == pk["target_max"]]
    assert (single["target"].astype(float) == single["target_min"]).all()
    tw = pk.dropna(subset=["tw1", "tw2", "tw3", "tw4"])
    assert len(tw) >= 5
    assert (tw["akumulasi"] == "kumulatif").all()
    assert (tw["tw4"] == tw["target_max"]).all()  # TW IV = annual (DOMAIN §2)
    assert (np.diff(tw[["tw1", "tw2", "tw3", "tw4"]].to_numpy(), axis=1) >= 0).all()


def test_pk_codes_and_complaint_links(demo: DemoData) -> None:
    pk = demo.pk
    no_code = pk.groupby("unit")["kode_indikator"].apply(lambda s: s.isna().all())
    assert 1 <= no_code.sum() <= 3
    coded = pk["kode_indikator"].dropna()
    assert coded.is_unique and coded.str.match(r"^[A-Z0-9-]+-\d\.\d$").all()
    linked = pk.dropna(subset=["sumber_data"])
    assert len(linked) >= 2
    assert set(linked["sumber_data"]) <= set(vocabulary.SUMBER_PENGADUAN)
    assert linked["unit"].str.startswith("KEC-").any()
    assert (linked["akumulasi"] == "akhir").all()


# --- realisasi ----------------------------------------------------------------------------------------
def test_realisasi_follows_the_pk(demo: DemoData) -> None:
    real, pk = demo.realisasi, demo.pk
    keys = set(zip(pk["unit"], pk["indikator"], strict=True))
    assert set(zip(real["unit"], real["indikator"], strict=True)) <= keys
    linked = set(zip(*pk.dropna(subset=["sumber_data"])[["unit", "indikator"]].T.to_numpy(), strict=True))
    assert not linked & set(zip(real["unit"], real["indikator"], strict=True))  # computed, never uploaded
    assert real["bulan"].between(1, 12).all() and (real["tahun"] == 2018).all()
    assert not real.duplicated(["unit", "indikator", "bulan"]).any()
    assert real["realisasi"].notna().all() and (real["realisasi"] >= 0).all()
    last = real.groupby("unit")["bulan"].max()
    assert (last == 10).sum() >= 2 and (last == 12).sum() >= 15  # a couple stopped after October
    per_ind = real.groupby(["unit", "indikator"]).size()
    assert (per_ind < 12).sum() > (per_ind == 12).sum() / 10  # a few gaps
    plain = pk[pk["sumber_data"].isna()]
    assert len(set(zip(plain["unit"], plain["indikator"], strict=True)) - set(per_ind.index)) == 0


# --- complaints ----------------------------------------------------------------------------------------
def test_complaint_volume_spread_and_channels(demo: DemoData) -> None:
    c = demo.pengaduan
    assert 2700 <= len(c) <= 3300
    wil = load_wilayah()
    assert set(c["kelurahan"]) == set(wil["kelurahan"])
    assert (c["kecamatan"] == c["kelurahan"].map(dict(zip(wil.kelurahan, wil.kecamatan, strict=True)))).all()
    share = c["saluran"].value_counts(normalize=True)
    assert share.index[0] == "WhatsApp" and 0.38 <= share["WhatsApp"] <= 0.52
    assert set(share.index) <= {*vocabulary.SALURAN, vocabulary.SALURAN_LAINNYA}
    assert c.loc[c["saluran"] == "Lainnya", "saluran_catatan"].notna().all()
    assert 0.65 <= (c["ada_bukti"] == "Ya").mean() <= 0.75
    assert set(c["ada_bukti"]) == set(c["tinjau_lapangan"]) == {"Ya", "Tidak"}
    rainy = c["tanggal_masuk"].dt.month.isin([3, 11, 12]).sum() / 3
    dry = c["tanggal_masuk"].dt.month.isin([6, 7, 8]).sum() / 3
    assert rainy > 1.3 * dry


def test_complaint_units_are_known(demo: DemoData) -> None:
    c = demo.pengaduan
    units = load_units().set_index("kode")
    sent = c.dropna(subset=["unit"])
    assert set(sent["unit"]) <= set(units.index)
    assert (sent["unit_nama"] == units.loc[sent["unit"], "nama"].to_numpy()).all()
    assert (units.loc[sent["unit"], "jenis"] == vocabulary.LUAR_PEMKOT).any()
    assert sent["unit"].str.startswith("KEC-").sum() > 300


def test_complaint_dates_in_order_and_in_2018(demo: DemoData) -> None:
    c = demo.pengaduan
    days = c[DATES].apply(lambda s: s.dt.normalize())
    assert (c["tanggal_masuk"] > pd.Timestamp("2018-02-27 23:59")).all()
    assert (days.max(axis=1) <= pd.Timestamp("2018-12-31")).all()
    running = days["tanggal_masuk"]
    for col in DATES[1:]:
        present = days[col].notna()
        assert (days.loc[present, col] >= running[present]).all(), col
        running = running.where(~present, days[col])
    wa = c["saluran"] == "WhatsApp"
    assert (c.loc[wa, "tanggal_masuk"].dt.hour > 0).mean() > 0.9
    assert (c.loc[~wa, "tanggal_masuk"] == c.loc[~wa, "tanggal_masuk"].dt.normalize()).all()


def test_complaint_status_matches_dates(demo: DemoData) -> None:
    c = demo.pengaduan
    status = c["status"].map(STATUS_OF)
    assert status.notna().all()
    arsip = status == "arsip"
    assert 0.02 <= arsip.mean() <= 0.07
    assert c.loc[arsip, ["tanggal_tanggapan", "tanggal_selesai"]].isna().all().all()
    derived = np.select(
        [c["tanggal_selesai"].notna(), c["tanggal_tanggapan"].notna(),
         c["tanggal_verifikasi"].notna() | c["tanggal_disposisi"].notna()],
        ["selesai", "proses", "belum_ditindaklanjuti"],
        "belum_diverifikasi",
    )  # fmt: skip
    assert (status[~arsip] == derived[~arsip]).all()
    open_ = ~arsip & c["tanggal_selesai"].isna()
    assert open_.sum() >= 50
    assert {"Dalam Proses", "Belum Ditindaklanjuti"} <= set(c.loc[open_, "status"])


def test_complaint_tickets_and_personal_data(demo: DemoData) -> None:
    c = demo.pengaduan
    tickets = c["no_tiket"].dropna()
    assert tickets.is_unique and tickets.str.fullmatch(r"KPG-2018-\d{6}").all()
    blank = c["no_tiket"].isna()
    assert 0.06 <= blank.mean() <= 0.14
    assert c.loc[blank, "saluran"].isin(["WhatsApp", "Posko"]).all()
    key = c.loc[blank, ["tanggal_masuk", "saluran", "kelurahan", "uraian"]]
    assert not key.duplicated().any()  # a derived id stays unique
    pii = c["uraian_kontak"]
    assert 10 <= pii.sum() <= 200
    assert c.loc[pii, "uraian"].str.contains(r"(?:\+62|08)[\d\s-]{8,}|@").all()
    assert not c.loc[~pii, "uraian"].str.contains(r"@|\b08\d{8,}").any()


def test_slow_units_answer_slowly(demo: DemoData) -> None:
    c = demo.pengaduan
    answered = c.dropna(subset=["tanggal_tanggapan"])
    days = (answered["tanggal_tanggapan"] - answered["tanggal_disposisi"]).dt.days
    by_unit = days.groupby(answered["unit"]).median()
    assert by_unit[["PUPR", "DISHUB"]].min() > 2 * by_unit.drop(["PUPR", "DISHUB"]).median()
    closed = c.dropna(subset=["tanggal_selesai"])
    assert ((closed["tanggal_selesai"] - closed["tanggal_masuk"].dt.normalize()).dt.days > 60).sum() >= 30


# --- the written workbooks: messy exactly within DOMAIN §4 -----------------------------------------------
def test_pk_workbook_has_title_two_row_header_and_column_numbers(demo_files: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(demo_files["PK_2018_Kota_Kupang.xlsx"])
    ws = wb["Perjanjian Kinerja"]
    merges = {str(m) for m in ws.merged_cells.ranges}
    assert "A1:S1" in merges and ws["A1"].value.startswith("PERJANJIAN KINERJA TAHUN 2018")
    assert "I4:L4" in merges and ws["I4"].value == "Target"
    assert [ws.cell(5, c).value for c in range(9, 13)] == ["TW I", "TW II", "TW III", "TW IV"]
    assert "A4:A5" in merges and ws["A4"].value == "No"
    assert ws["H4"].value == "Target 2018" and ws["P4"].value == "Program"
    assert [ws.cell(6, c).value for c in range(1, 20)] == [f"({i})" for i in range(1, 20)]
    vertical = [m for m in ws.merged_cells.ranges if m.min_row > 6 and m.max_row > m.min_row]
    assert {m.min_col for m in vertical} == {2, 4}  # OPD and Sasaran merged down
    values = [c.value for row in ws.iter_rows(min_row=7) for c in row]
    texts = [v for v in values if isinstance(v, str)]
    assert {"Kec. Oebobo", "Camat Alak", "Dinas Kesehatan Kota Kupang"} <= set(texts)
    assert any(t.startswith("Rp ") for t in texts) and "27 Februari 2018" in texts and "27/2/2018" in texts
    assert any(" s.d. " in t or " – " in t for t in texts)
    fmts = {c.number_format for row in ws.iter_rows(min_row=7) for c in row if c.value is not None}
    assert "0.0%" in fmts
    sasaran = [ws.cell(r, 4).value for r in range(7, ws.max_row + 1)]
    assert sasaran.count(None) > 20  # printed once for several indicators


def test_realisasi_workbook_long_and_wide(demo_files: dict[str, Path]) -> None:
    sheets = _sheets(demo_files["Realisasi_2018.xlsx"])
    assert {"Realisasi", "Realisasi Bulanan", "Realisasi TW"} <= set(sheets)
    long = sheets["Realisasi"]
    assert long.iat[3, 0] == "No" and long.iloc[-1, 0] == "Jumlah"
    bulan = long.iloc[4:-1, 3]
    assert {"Januari", "Agt"} & set(bulan.astype(str)) and bulan.map(
        lambda v: isinstance(v, float | int)
    ).any()
    real = long.iloc[4:-1, 6]
    assert real.map(lambda v: isinstance(v, str) and "," in v).any()
    assert real.map(lambda v: v in ("-", None) or (isinstance(v, float) and np.isnan(v))).any()
    units = set(long.iloc[4:-1, 1].astype(str))
    assert any(u.endswith("Kota Kupang") for u in units) and any(
        u.startswith(("Kec. ", "Camat ")) for u in units
    )
    assert list(sheets["Realisasi Bulanan"].iloc[2, 5:17]) == list(vocabulary.BULAN)
    assert list(sheets["Realisasi TW"].iloc[0, 4:8]) == list(vocabulary.TW_NAMES)
    ws = openpyxl.load_workbook(demo_files["Realisasi_2018.xlsx"], read_only=True)["Realisasi"]
    assert any(
        c.number_format == "0.0%" for row in ws.iter_rows(min_row=5) for c in row if c.value is not None
    )


def test_pengaduan_workbook_messiness(demo_files: dict[str, Path], demo: DemoData) -> None:
    sheet = _sheets(demo_files["Pengaduan_2018.xlsx"])["Pengaduan"]
    header = list(sheet.iloc[2])
    assert {"Tanggal Laporan", "Kanal", "OPD Tujuan", "Nama Pelapor", "No HP/WA", "Bukti"} <= set(header)
    body = sheet.iloc[3:].reset_index(drop=True)
    body.columns = header
    assert len(body) == len(demo.pengaduan)
    assert body["No HP/WA"].str.match(r"^(\+62 |0)8").all()
    assert (
        body["Kecamatan"].isna().sum() >= 10 and body.loc[body["Kecamatan"].isna(), "Kelurahan"].notna().all()
    )
    kel = set(body["Kelurahan"])
    assert {"Batu Plat", "Air Nona", "TDM"} & kel and len(kel) > 51
    assert body["OPD Tujuan"].str.startswith("Kelurahan ", na=False).sum() >= 10
    assert body["Kanal"].isin(["WA", "Whatsapp", "Facebook", "LAPOR!", "Radio"]).any()
    text_dates = body["Tanggal Laporan"].map(lambda v: isinstance(v, str))
    assert text_dates.sum() >= 20
    assert body["Bukti"].isin(["Ada", "Tidak Ada", "Y", "T"]).any()


@pytest.mark.parametrize(
    ("value", "text"),
    [(1_250_000_000, "1.250.000.000"), (85.5, "85,5"), (1234.56, "1.234,56"), (0.5, "0,5"), (120, "120")],
)
def test_id_number(value: float, text: str) -> None:
    assert id_number(value) == text


@pytest.mark.parametrize(
    ("style", "text"), [(0, "27/2/2018"), (1, "27 Februari 2018"), (2, "2018-02-27"), (3, "27-02-2018")]
)
def test_date_text(style: int, text: str) -> None:
    assert date_text(pd.Timestamp("2018-02-27"), style) == text


# --- loading through the importer ------------------------------------------------------------------------
def test_demo_imports_cleanly(demo_db: Path, demo: DemoData) -> None:
    """The run's demo database (tests.helpers.databases builds it once with load_demo) holds every file."""
    reports = json.loads(databases.demo_reports_path(demo_db).read_text(encoding="utf-8"))
    assert [r["file"] for r in reports] == [
        "PK_2018_Kota_Kupang.xlsx",
        "Pengaduan_2018.xlsx",
        "Realisasi_2018.xlsx",
        # issue 14: the three posko WhatsApp exports, through triage with the suggestions accepted
        *(f"WhatsApp_chat{i}_{PER_EXPORT}_kandidat.xlsx" for i in (1, 2, 3)),
    ]
    for report in reports:
        assert report["stored"] and report["upload_id"] is not None, report["errors"]
        assert report["errors"] == [], report["errors"]
    engine = connect(databases.url(demo_db))
    uploads = list_uploads(engine)
    assert sorted(uploads["nama_file"]) == sorted(r["file"] for r in reports)
    assert set(uploads["status"]) == {"aktif"} and set(uploads["pengguna"]) == {DEMO_USER}
    assert len(read_pk(engine, 2018)) == len(demo.pk)
    assert len(read_realisasi(engine, 2018)) == len(demo.realisasi)
    assert len(read_pengaduan(engine, 2018)) == len(demo.pengaduan) + 3 * PER_EXPORT
    assert ensure_demo(engine) is False  # a database with data is never loaded again
    engine.dispose()


def test_ensure_demo_raises_when_a_demo_file_is_refused(sqlite_engine, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(paths, "DEMO_DIR", tmp_path / "demo")
    lock_period(sqlite_engine, 2018, 3, scope=ADMIN)  # the demo's realisasi of March can no longer be stored
    with pytest.raises(ImportRefused, match="Realisasi_2018.xlsx") as info:
        ensure_demo(sqlite_engine)  # it stops there: the WhatsApp exports after it are not loaded
    assert list(list_uploads(sqlite_engine)["nama_file"].sort_values()) == [
        "PK_2018_Kota_Kupang.xlsx",
        "Pengaduan_2018.xlsx",
    ]
    assert "data contoh Realisasi_2018.xlsx ditolak" in str(info.value)
    report = info.value.report
    assert not report.stored and any("periode Maret 2018 sudah dikunci" in p.message for p in report.errors)
    assert read_realisasi(sqlite_engine).empty
