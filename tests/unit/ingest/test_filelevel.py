"""Unit, year and period for the whole file (issue 12 §1), combined PK+realisasi sheets and Rencana Aksi (§2)."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.ingest.filelevel import FileOptions
from kinerja.ingest.files import Reference, read_file, resolve_file
from tests.helpers.xlsx import Sheet, make_xlsx

TODAY = pd.Timestamp("2019-01-15")
UNITS = pd.DataFrame(
    [["DINKES", "Dinas Kesehatan", "Dinas", "Dinkes"], ["DISDIK", "Dinas Pendidikan", "Dinas", "Disdik"]],
    columns=["kode", "nama", "jenis", "alias"],
)
PK_NO_UNIT = ["Sasaran Strategis", "Indikator Kinerja", "Kode Indikator", "Satuan", "Target"]


def read(data: bytes, options: FileOptions | None = None):
    return read_file(data, "f.xlsx", today=TODAY, options=options)


def resolved(data: bytes, options: FileOptions | None = None):
    return resolve_file(read(data, options), Reference(UNITS))


def errors(result) -> list[str]:
    return [p.line() for p in result.report.errors]


# --- title and section rows ---------------------------------------------------------------------
def test_section_rows_set_the_unit_of_the_rows_below_and_the_title_the_year() -> None:
    rows = [["PERJANJIAN KINERJA TAHUN 2018"], PK_NO_UNIT, ["Perangkat Daerah : Dinas Kesehatan"],
            ["S1", "Ind A", "A1", "%", 80], ["OPD : Dinas Pendidikan"], ["S2", "Ind B", "B1", "%", 90]]  # fmt: skip
    read_ = read(make_xlsx(Sheet("PK", rows)))
    assert read_.report.ok, errors(read_)
    pk = read_.frames["pk"]
    assert list(zip(pk["unit"], pk["tahun"], pk["indikator"], pk["_baris"], strict=True)) == [
        ("Dinas Kesehatan", 2018, "Ind A", 4), ("Dinas Pendidikan", 2018, "Ind B", 6),
    ]  # fmt: skip


def test_options_give_what_the_file_does_not_say() -> None:
    """A quarterly realisasi upload with only Kode Indikator and Realisasi TW (the system chose the rest)."""
    rows = [
        ["Kode Indikator", "Realisasi TW", "Kendala yg Dihadapi"],
        ["1.1.1.1", 0, "hujan"],
        ["2.5.1.1", "58,53", None],
    ]
    read_ = read(make_xlsx(Sheet("Worksheet", rows)), FileOptions(unit="Dinkes", tahun=2018, bulan=6))
    assert read_.report.ok, errors(read_)
    real = read_.frames["realisasi"]
    assert list(zip(real["unit"], real["tahun"], real["bulan"], real["kode_indikator"], real["realisasi"], strict=True)) == [
        ("Dinkes", 2018, 6, "1.1.1.1", 0.0), ("Dinkes", 2018, 6, "2.5.1.1", 58.53),
    ]  # fmt: skip
    assert real.at[0, "keterangan"] == "hujan"


def test_without_options_the_missing_columns_are_named() -> None:
    rows = [["Kode Indikator", "Realisasi TW"], ["1.1.1.1", 0]]
    read_ = read(make_xlsx(Sheet("Worksheet", rows)))
    assert {p.message for p in read_.report.errors} >= {
        "kolom Perangkat Daerah tidak ditemukan", "kolom Tahun tidak ditemukan", "kolom Bulan tidak ditemukan",
    }  # fmt: skip


# --- a column wins; a conflict is an error naming both --------------------------------------------
PK_FULL = ["Perangkat Daerah", "Tahun", *PK_NO_UNIT]


def test_a_column_value_equal_to_the_file_level_one_loads() -> None:
    rows = [
        PK_FULL,
        ["Dinas Kesehatan", 2018, "S1", "Ind A", "A1", "%", 80],
        [None, None, "S1", "Ind B", "A2", "%", 70],
    ]
    parsed = resolved(make_xlsx(Sheet("PK", rows)), FileOptions(unit="Dinkes", tahun=2018))
    assert parsed.report.ok, errors(parsed)
    assert list(parsed.batch.pk["unit"]) == ["DINKES", "DINKES"]


@pytest.mark.parametrize(
    ("options", "cell", "expected"),
    [
        (FileOptions(tahun=2019), ("tahun", 2018), "Tahun '2018' berbeda dengan tahun berkas '2019' (pilihan unggah --tahun)"),
        (FileOptions(unit="Dinas Pendidikan"), ("unit", "Dinas Kesehatan"),
         "Perangkat Daerah 'Dinas Kesehatan' berbeda dengan unit berkas 'Dinas Pendidikan' (pilihan unggah --unit)"),
    ],
    ids=["year", "unit"],
)  # fmt: skip
def test_a_column_value_that_differs_from_the_option_is_an_error_naming_both(options, cell, expected) -> None:
    rows = [PK_FULL, ["Dinas Kesehatan", 2018, "S1", "Ind A", "A1", "%", 80]]
    parsed = resolved(make_xlsx(Sheet("PK", rows)), options)
    lines = errors(parsed)
    assert any(expected in line and "baris 2" in line for line in lines), lines


def test_a_title_year_that_differs_from_the_option_is_an_error_naming_both() -> None:
    rows = [["PERJANJIAN KINERJA TAHUN 2018"], PK_NO_UNIT, ["S1", "Ind A", "A1", "%", 80]]
    read_ = read(make_xlsx(Sheet("PK", rows)), FileOptions(unit="Dinkes", tahun=2019))
    assert any(
        "Tahun berkas '2018' (judul baris 1: 'PERJANJIAN KINERJA TAHUN 2018') berbeda dengan pilihan unggah "
        "--tahun '2019'" in p.message
        for p in read_.report.errors
    ), errors(read_)


def test_a_unit_heads_own_unit_fills_blanks_and_leaves_other_units_to_the_scope_check() -> None:
    rows = [["Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Realisasi"],
            [None, 2018, 3, "A1", 5], ["Dinas Pendidikan", 2018, 3, "A1", 6]]  # fmt: skip
    read_ = read(make_xlsx(Sheet("Realisasi", rows)), FileOptions(unit="DINKES", unit_from_account=True))
    assert read_.report.ok, errors(read_)
    assert list(read_.frames["realisasi"]["unit"]) == ["DINKES", "Dinas Pendidikan"]


# --- the combined PK + realisasi sheet ("Laporan Pencapaian") ----------------------------------------
PENCAPAIAN = ["#", "Kode", "Sasaran", "Bobot", "#", "Kode", "IKU", "Target", "Satuan", "Polaritas", "Realisasi",
              "Capaian", "Unit Kerja"]  # fmt: skip
ROWS = [
    [
        1,
        "SS-1",
        "Sasaran 1",
        "25%",
        1,
        "IKU-11",
        "IKU 1-1",
        4,
        "Titik",
        "positif",
        4,
        "100%",
        "Dinas Kesehatan",
    ],
    [None, None, None, None, 2, "IKU-12", "IKU 1-2", 6, "Lokasi", "positif", 4, "75%", "Dinas Kesehatan"],
    [
        2,
        "SS-2",
        "Sasaran 2",
        "30%",
        3,
        "IKU-31",
        "IKU 3-1",
        6,
        "kasus",
        "negatif",
        3,
        "150%",
        "Dinas Kesehatan",
    ],
]


def test_a_pencapaian_sheet_loads_the_pk_and_the_chosen_periods_realisasi() -> None:
    parsed = resolved(make_xlsx(Sheet("Sheet1", [PENCAPAIAN, *ROWS])), FileOptions(tahun=2018, bulan=6))
    assert parsed.report.ok, errors(parsed)
    pk, real = parsed.batch.pk, parsed.batch.realisasi
    assert list(pk["kode_indikator"]) == ["IKU-11", "IKU-12", "IKU-31"]  # the IKU's code, not the sasaran's
    assert list(pk["sasaran"]) == ["Sasaran 1", "Sasaran 1", "Sasaran 2"]
    assert list(pk["polaritas"]) == ["positif", "positif", "negatif"]
    assert list(pk["target_max"]) == [4.0, 6.0, 6.0]
    assert list(zip(real["kunci"], real["bulan"], real["realisasi"], strict=True)) == [
        ("IKU-11", 6, 4.0), ("IKU-12", 6, 4.0), ("IKU-31", 6, 3.0),
    ]  # fmt: skip
    assert list(parsed.printed["capaian_tercetak"]) == [
        100.0,
        75.0,
        150.0,
    ]  # checked by the service, not stored


def test_a_pencapaian_sheet_without_a_period_says_to_choose_one() -> None:
    read_ = read(make_xlsx(Sheet("Sheet1", [PENCAPAIAN, *ROWS])), FileOptions(tahun=2018))
    assert [p.message for p in read_.report.errors] == [
        "sheet ini memuat Realisasi tetapi periodenya tidak diketahui"
    ]
    assert "--triwulan/--bulan" in read_.report.errors[0].expected


# --- Rencana Aksi: only TW I–IV targets --------------------------------------------------------------
RENAKSI = ["Perangkat Daerah", "Tahun", "Indikator Kinerja", "Akumulasi", "Target TW I", "Target TW II",
           "Target TW III", "Target TW IV"]  # fmt: skip


def test_rencana_aksi_with_only_tw_targets_takes_tw_iv_as_the_annual_target() -> None:
    rows = [
        RENAKSI,
        ["Dinkes", 2018, "Ind A", "kumulatif", 10, 20, 30, 40],
        ["Dinkes", 2018, "Ind B", "akhir", 50, 60, 70, 80],
    ]
    read_ = read(make_xlsx(Sheet("Rencana Aksi", rows)))
    assert read_.report.ok, errors(read_)
    pk = read_.frames["pk"]
    assert list(zip(pk["target_max"], pk["tw1"], pk["tw4"], strict=True)) == [
        (40.0, 10.0, 40.0),
        (80.0, 50.0, 80.0),
    ]
    assert pk["satuan"].isna().all()
    text = " ".join(p.message for p in read_.report.notices)
    assert "kolom Satuan tidak ada" in text and "target tahunan = Target TW IV" in text


def test_rencana_aksi_of_a_mean_indicator_still_needs_an_annual_target() -> None:
    rows = [RENAKSI, ["Dinkes", 2018, "Ind A", "rata-rata", 10, 20, 30, 40]]
    read_ = read(make_xlsx(Sheet("Rencana Aksi", rows)))
    assert [(p.row, p.message) for p in read_.report.errors] == [
        (2, "Target tahunan tidak ada untuk indikator rata-rata")
    ]
