"""Layouts real SAKIP, e-monev and complaint systems print (issue 12 §2): one table row per rule."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.ingest.filelevel import FileOptions
from kinerja.ingest.files import ReadFile, read_file
from tests.helpers.xlsx import Sheet, make_xlsx

TODAY = pd.Timestamp("2019-01-15")
PK = ["Perangkat Daerah", "Tahun", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"]
ROW_A = ["Dinas Kesehatan", 2018, "Sasaran 1", "Ind A", "%", 85]
ROW_B = ["Dinas Kesehatan", 2018, "Sasaran 1", "Ind B", "orang", 40]


def read(data: bytes, options: FileOptions | None = None) -> ReadFile:
    return read_file(data, "f.xlsx", today=TODAY, options=options)


def notices(read_: ReadFile) -> str:
    return " | ".join(p.message for p in read_.report.notices)


# --- headers -------------------------------------------------------------------------------------
def _deep_header() -> bytes:
    """group → TW I…IV → K / % / Rp., with a column-number row between, as Permendagri 86/2017 E.81."""
    top = [
        "No",
        "Indikator Kinerja",
        "Satuan",
        "Target Kinerja",
        None,
        "Realisasi Kinerja Pada Triwulan",
        *[None] * 11,
    ]
    tw = [None] * 5 + [q if i == 0 else None for q in ("I", "II", "III", "IV") for i in range(3)]
    nums = [1, 2, 3, 4, None, 5, None, None, 6, None, None, 7, None, None, 8, None, None]
    unit = [None, None, None, "K", "Rp.", *["K", "%", "Rp."] * 4]
    data = [1, "Dokumen perencanaan", "Dok", 4, 1_000_000, 2, 0.5, 100, 1, 0.75, 200, 1, 1, 300, 0, 1, 400]
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:E4", "F3:Q3", "F4:H4", "I4:K4", "L4:N4", "O4:Q4",
              "D5:E5", "F5:H5", "I5:K5", "L5:N5", "O5:Q5"]  # fmt: skip
    title = [["Perangkat Daerah : Dinas Kesehatan"], ["Tahun 2018"]]
    return make_xlsx(Sheet("PK", [*title, top, tw, nums, unit, data], merges=merges))


def _blank_merged_row_above() -> bytes:
    return make_xlsx(Sheet("PK", [["Laporan"], [None] * 6, PK, ROW_A], merges=["A2:F2"]))


def _split_names() -> bytes:
    top = ["Perangkat", "Tahun", "Sasaran", "Indikator", "Satuan", "Target"]
    sub = ["Daerah", None, "Strategis", "Kinerja", None, "Tahunan"]
    return make_xlsx(Sheet("PK", [top, sub, ROW_A]))


def _formula_number_row() -> bytes:
    header = [*PK, "Realisasi TW I", "Realisasi TW II", "Jumlah"]
    nums = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9) = (7) + (8)"]
    return make_xlsx(Sheet("PK", [header, nums, [*ROW_A, 40, 45, 85]]))


def _target_triwulan_group() -> bytes:
    top = [
        "Perangkat Daerah",
        "Tahun",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target Triwulan",
        None,
        None,
        None,
    ]
    sub = [None] * 5 + ["I", "II", "III", "IV"]
    merges = ["F1:I1", *(f"{c}1:{c}2" for c in "ABCDE")]
    return make_xlsx(Sheet("Rencana Aksi", [top, sub, [*ROW_A[:5], 10, 20, 30, 85]], merges=merges))


def _months_target_realisasi() -> bytes:
    top = ["Perangkat Daerah", "Tahun", "Kode Indikator", "Januari", None, "Februari", None]
    sub = [None, None, None, "Target", "Realisasi", "Target", "Realisasi"]
    data = ["Dinas Kesehatan", 2018, "A1", 10, 8, 20, 19]
    return make_xlsx(
        Sheet("Realisasi", [top, sub, data], merges=["D1:E1", "F1:G1", "A1:A2", "B1:B2", "C1:C2"])
    )


HEADER_CASES = [
    ("deep header: K under Target, Rp. as anggaran", _deep_header, "pk", lambda f: (f.at[0, "target_max"], f.at[0, "anggaran"], f.at[0, "satuan"]), (4.0, 1_000_000.0, "Dok")),
    ("deep header: TW I…IV K values, % skipped", _deep_header, "realisasi", lambda f: sorted(zip(f["bulan"], f["realisasi"], strict=True)), [(3, 2.0), (6, 1.0), (9, 1.0), (12, 0.0)]),
    ("deep header: Rp. under each TW is realisasi anggaran", _deep_header, "realisasi", lambda f: sorted(zip(f["bulan"], f["realisasi_anggaran"], strict=True)), [(3, 100.0), (6, 200.0), (9, 300.0), (12, 400.0)]),
    ("deep header: unit and year from section and title rows", _deep_header, "pk", lambda f: (f.at[0, "unit"], f.at[0, "tahun"]), ("Dinas Kesehatan", 2018)),
    ("blank merged row above the header", _blank_merged_row_above, "pk", lambda f: (f.at[0, "indikator"], f.at[0, "target_max"]), ("Ind A", 85.0)),
    ("names split over two rows", _split_names, "pk", lambda f: (f.at[0, "unit"], f.at[0, "sasaran"], f.at[0, "indikator"], f.at[0, "target_max"]), ("Dinas Kesehatan", "Sasaran 1", "Ind A", 85.0)),
    ("number row with a formula is skipped", _formula_number_row, "pk", lambda f: (len(f), f.at[0, "_baris"]), (1, 3)),
    ("number row with a formula: realisasi per TW", _formula_number_row, "realisasi", lambda f: sorted(zip(f["bulan"], f["realisasi"], strict=True)), [(3, 40.0), (6, 45.0)]),
    ("Target Triwulan over I…IV: the TW targets, TW IV the annual one", _target_triwulan_group, "pk", lambda f: (f.at[0, "tw1"], f.at[0, "tw2"], f.at[0, "tw3"], f.at[0, "tw4"], f.at[0, "target_max"]), (10.0, 20.0, 30.0, 85.0, 85.0)),
    ("months over Target / Realisasi: only Realisasi is realisasi", _months_target_realisasi, "realisasi", lambda f: sorted(zip(f["bulan"], f["realisasi"], strict=True)), [(1, 8.0), (2, 19.0)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "build", "kind", "get", "expected"), HEADER_CASES, ids=[c[0] for c in HEADER_CASES]
)
def test_header_variants(case, build, kind, get, expected) -> None:
    read_ = read(build())
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert get(read_.frames[kind]) == expected


def test_number_row_summing_the_quarters_makes_indicators_kumulatif() -> None:
    """E.81 prints `13 = 9 + 10 + 11 + 12`: the form itself adds the quarters up."""
    header = ["Indikator Kinerja", "Satuan", "Target", "TW I", "TW II", "TW III", "TW IV", "Jumlah"]
    nums = ["1", "2", "3", "4", "5", "6", "7", "8 = 4 + 5 + 6 + 7"]
    rows = [["Tahun 2018"], ["OPD : Dinas Kesehatan"], header, nums, ["Ind A", "Dok", 4, 1, 1, 1, 1, 4]]
    read_ = read(make_xlsx(Sheet("Realisasi TW IV", rows)))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert read_.frames["pk"].at[0, "akumulasi"] == "kumulatif"
    assert sorted(read_.frames["realisasi"]["bulan"]) == [3, 6, 9, 12]
    assert "menjumlahkan realisasi triwulan" in notices(read_)


# --- where a table ends -------------------------------------------------------------------------
def _ends(*tail: list[object]) -> bytes:
    return make_xlsx(Sheet("PK", [PK, ROW_A, ROW_B, *tail]))


END_CASES = [
    ("TOTAL row", [["TOTAL", None, None, None, None, 125], ROW_A[:3] + ["Ind C", "%", 1]], 2),
    ("JUMLAH row", [[None, None, None, "JUMLAH", None, 125]], 2),
    ("footnote", [["*) Sumber: Renstra 2016-2021"], ROW_A[:3] + ["Ind C", "%", 1]], 2),
    ("Keterangan: footnote", [["Keterangan: target dihitung dari RPJMD"]], 2),
    ("signature: place and date", [[None, None, None, None, "Kupang, 27 Februari 2018"], [None, None, None, None, "Kepala Dinas Kesehatan"], [None, None, None, None, "dr. Ari"], [None, None, None, None, "NIP. 19700101 199001 1 001"]], 2),
    ("signature: Kepala Dinas", [[None, None, None, "Kepala Dinas"], [None, None, None, "Nama Pejabat"]], 2),
    ("signature: NIP.", [[None, None, None, "NIP."]], 2),
]  # fmt: skip


@pytest.mark.parametrize(("case", "tail", "n"), END_CASES, ids=[c[0] for c in END_CASES])
def test_table_ends(case, tail, n) -> None:
    read_ = read(_ends(*tail))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert list(read_.frames["pk"]["indikator"]) == ["Ind A", "Ind B"][:n]


def test_rows_left_below_a_table_end_are_counted_in_a_notice() -> None:
    read_ = read(
        _ends(["TOTAL", None, None, None, None, 125], ["Dinas Kesehatan", 2018, "S", "Ind C", "%", 1])
    )
    assert list(read_.frames["pk"]["indikator"]) == ["Ind A", "Ind B"]
    assert "tabel berakhir di baris 4 (baris TOTAL); 1 baris di bawahnya tidak dibaca" in notices(read_)


def test_a_second_table_below_is_a_separate_table() -> None:
    """A realisasi table under the PK table (blank row, its own header): read as its own table."""
    rows = [PK, ROW_A, ROW_B, [], ["Perangkat Daerah", "Tahun", "Bulan", "Indikator Kinerja", "Realisasi"],
            ["Dinas Kesehatan", 2018, 3, "Ind A", 80]]  # fmt: skip
    read_ = read(make_xlsx(Sheet("PK", rows)))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert list(read_.frames["pk"]["indikator"]) == ["Ind A", "Ind B"]
    real = read_.frames["realisasi"]
    assert (real.at[0, "indikator"], real.at[0, "bulan"], real.at[0, "realisasi"], real.at[0, "_baris"]) == (
        "Ind A",
        3,
        80.0,
        6,
    )
    assert set(read_.raw) == {"PK", "PK (tabel 2)"}


# --- synonyms -----------------------------------------------------------------------------------
def _pk_with(name: str, field_value: object, *, base: list[str] = PK, at: int = 3) -> bytes:
    header = base[:]
    header[at] = name
    row = ROW_A[:]
    row[at] = field_value
    return make_xlsx(Sheet("Sheet1", [header, row]))


PK_SYNONYMS = [
    ("Indikator Sasaran", 3, "indikator"), ("IKU", 3, "indikator"), ("Indikator Kinerja Utama", 3, "indikator"),
    ("Indikator Kinerja Program (Outcome)", 3, "indikator"), ("Indikator Kinerja Kegiatan (Output)", 3, "indikator"),
    ("Indikator Kinerja Program (Outcome)/Kegiatan (Output)", 3, "indikator"), ("Target Kinerja", 5, "target"),
    ("Unit", 0, "unit"), ("Sasaran Perangkat Daerah", 2, "sasaran"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "at", "field"), PK_SYNONYMS, ids=[s[0] for s in PK_SYNONYMS])
def test_pk_header_synonyms(name, at, field) -> None:
    value = ROW_A[at]
    read_ = read(_pk_with(name, value, at=at))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    got = read_.frames["pk"].at[0, "target_max" if field == "target" else field]
    assert got == (float(value) if field == "target" else value)


def test_a_renstra_target_is_not_the_annual_target() -> None:
    header = [*PK[:5], "Target Renstra Tahun 2021 (Akhir Periode)", "Target Kinerja"]
    read_ = read(make_xlsx(Sheet("PK", [header, [*ROW_A[:5], 95, 85]])))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert read_.frames["pk"].at[0, "target_max"] == 85.0


REAL_SYNONYMS = [
    ("Realisasi TW", "realisasi", 80, 80.0), ("Realisasi Kinerja", "realisasi", "80,5", 80.5),
    ("Realisasi Kinerja Pada Triwulan", "realisasi", 75, 75.0),
    ("Kendala yg Dihadapi", "keterangan", "hujan", "hujan"), ("Link Bukti Dukung Kinerja", "bukti", "https://x.id/a", "https://x.id/a"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "field", "cell", "expected"), REAL_SYNONYMS, ids=[s[0] for s in REAL_SYNONYMS]
)
def test_realisasi_header_synonyms(name, field, cell, expected) -> None:
    header = ["Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Realisasi", name]
    row = ["Dinas Kesehatan", 2018, 3, "A1", 80, cell]
    if field == "realisasi":
        header, row = header[:4] + [name], row[:4] + [cell]
    read_ = read(make_xlsx(Sheet("Sheet1", [header, row])))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert read_.frames["realisasi"].at[0, field] == expected


def test_link_bukti_of_the_follow_up_is_not_the_evidence() -> None:
    header = [
        "Perangkat Daerah",
        "Tahun",
        "Bulan",
        "Kode Indikator",
        "Realisasi TW",
        "Link Bukti Dukung Rencana Tindak Lanjut Triwulan Sebelumnya",
    ]
    read_ = read(
        make_xlsx(Sheet("Sheet1", [header, ["Dinas Kesehatan", 2018, 3, "A1", 80, "https://x.id/b"]]))
    )
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert pd.isna(read_.frames["realisasi"].at[0, "bukti"])


def test_target_triwulan_beside_the_realisasi_is_not_the_realisasi() -> None:
    header = ["Perangkat Daerah", "Tahun", "Triwulan", "Kode Indikator", "Target Triwulan", "Realisasi TW"]
    read_ = read(make_xlsx(Sheet("Sheet1", [header, ["Dinas Kesehatan", 2018, "II", "A1", 60, 55]])))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    real = read_.frames["realisasi"]
    assert (real.at[0, "bulan"], real.at[0, "realisasi"]) == (6, 55.0)


@pytest.mark.parametrize(
    ("header", "cell", "month"),
    [
        ("Triwulan", 2, 6),
        ("Triwulan", "II", 6),
        ("TW", "TW III", 9),
        ("Triwulan ke", "4", 12),
        ("Bulan", 2, 2),
    ],
)
def test_a_triwulan_column_holds_quarters_not_months(header, cell, month) -> None:
    """`2` under `Triwulan` is TW II (stored as June), never February; under `Bulan` it is February."""
    rows = [
        ["Perangkat Daerah", "Tahun", header, "Kode Indikator", "Realisasi"],
        ["Dinkes", 2018, cell, "A1", 5],
    ]
    read_ = read(make_xlsx(Sheet("Realisasi", rows)))
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert read_.frames["realisasi"].at[0, "bulan"] == month


def test_a_month_under_triwulan_is_an_error() -> None:
    rows = [
        ["Perangkat Daerah", "Tahun", "Triwulan", "Kode Indikator", "Realisasi"],
        ["Dinkes", 2018, 6, "A1", 5],
    ]
    (error,) = read(make_xlsx(Sheet("Realisasi", rows))).report.errors
    assert (error.row, error.column, error.message) == (2, "C (Triwulan)", "'6' bukan triwulan yang sah")
    assert error.expected.startswith("triwulan 1–4, I–IV atau TW I–IV")
