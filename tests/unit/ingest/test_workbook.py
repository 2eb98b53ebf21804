"""One table row per tolerance point of DOMAIN §4, on small workbooks the tests build."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kinerja.ingest.layout import read_workbook_sheets
from kinerja.ingest.pengaduan import parse_pengaduan
from kinerja.ingest.report import ImportReport
from kinerja.ingest.sheets import parse_pk, parse_realisasi, parse_units
from tests.helpers.xlsx import (
    COMPLAINT_HEADER,
    PK_HEADER,
    REAL_HEADER,
    Sheet,
    complaint_row,
    make_xlsx,
    pk_rows,
)

TODAY = pd.Timestamp("2019-01-15")


def read(data: bytes, name: str = "f.xlsx") -> tuple[dict[str, pd.DataFrame], ImportReport]:
    report = ImportReport(name)
    raws, notices = read_workbook_sheets(data, name)
    for n in notices:
        report.notice(n)
    out: dict[str, pd.DataFrame] = {}
    for raw in raws:
        if raw.kind == "pk":
            out["pk"] = parse_pk(raw, report)
        elif raw.kind == "realisasi":
            out["realisasi"] = parse_realisasi(raw, report)
        elif raw.kind == "pengaduan":
            out["pengaduan"] = parse_pengaduan(raw, report, TODAY)
        else:
            out["unit"] = parse_units(raw, report)
    return out, report


def pk_sheet(**kw: object) -> bytes:
    return make_xlsx(Sheet(kw.pop("name", "PK"), kw.pop("rows"), **kw))  # type: ignore[arg-type]


TITLE = ["PERJANJIAN KINERJA TAHUN 2018"]
ROWS = pk_rows()


def _synonyms() -> bytes:
    header = ["OPD", "Tahun", "Sasaran", "Indikator", "Kode", "Satuan", "Target Tahunan", "Sifat"]
    return pk_sheet(rows=[header, ["Dinas Kesehatan", 2018, "S", "Ind A", "A1", "%", 85, "jumlah"]])


def _brackets_years() -> bytes:
    header = [
        "Perangkat Daerah",
        "Tahun",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target (%)",
        "Anggaran (Rp)",
    ]
    return pk_sheet(rows=[header, ["Dinkes", 2018, "S", "Ind A", "%", "85,5", "Rp 1.250.000.000"]])


def _trailing_year() -> bytes:
    header = ["Perangkat Daerah", "Tahun", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target 2018"]
    return pk_sheet(rows=[header, ["Dinkes", 2018, "S", "Ind A", "%", 70]])


def _header_low() -> bytes:
    rows = [TITLE, ["PEMERINTAH KOTA KUPANG"], [], [], [], [], [], [], [], [], [], *ROWS]
    return pk_sheet(rows=rows, merges=["A1:J1"])


def _two_row_header() -> bytes:
    top = [
        "No",
        "Perangkat Daerah",
        "Tahun",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Target",
        None,
        None,
        None,
    ]
    sub = [None, None, None, None, None, None, None, "TW I", "TW II", "TW III", "TW IV"]
    data = [1, "Dinkes", 2018, "S", "Ind A", "kasus", 100, 25, 50, 75, 100]
    return pk_sheet(rows=[TITLE, top, sub, data], merges=["A1:K1", "H2:K2", "A2:A3", "B2:B3", "G2:G3"])


def _number_row() -> bytes:
    header = PK_HEADER
    nums = [f"({i})" for i in range(1, len(header) + 1)]
    return pk_sheet(rows=[header, nums, ROWS[1]])


def _continued_cells() -> bytes:
    rows = [PK_HEADER, ROWS[1], [None, None, None, *ROWS[2][3:]], ["", "", ROWS[3][2], *ROWS[3][3:]]]
    return pk_sheet(rows=rows)


def _merged_sasaran() -> bytes:
    rows = [PK_HEADER, ROWS[1], [ROWS[2][0], ROWS[2][1], None, *ROWS[2][3:]]]
    return pk_sheet(rows=rows, merges=["C2:C3"])


def _percent_cells() -> bytes:
    header = ["Perangkat Daerah", "Tahun", "Sasaran", "Indikator", "Satuan", "Target"]
    return pk_sheet(rows=[header, ["Dinkes", 2018, "S", "Ind A", "%", 0.855]], formats={"F2": "0.0%"})


def _range_target() -> bytes:
    header = ["Perangkat Daerah", "Tahun", "Sasaran", "Indikator", "Satuan", "Target"]
    return pk_sheet(rows=[header, ["Dinkes", 2018, "S", "Ind A", "%", "80 s.d. 90"]])


PK_CASES = [
    ("synonyms", _synonyms, lambda f: (f.at[0, "kode_indikator"], f.at[0, "target_max"], f.at[0, "akumulasi"]), ("A1", 85.0, "kumulatif")),
    ("bracketed units", _brackets_years, lambda f: (f.at[0, "target_max"], f.at[0, "anggaran"]), (85.5, 1_250_000_000.0)),
    ("trailing year", _trailing_year, lambda f: f.at[0, "target_max"], 70.0),
    ("header in row 12", _header_low, lambda f: list(f["indikator"])[:2], ["Persentase balita ditimbang", "Angka kematian ibu"]),
    ("two-row merged header", _two_row_header, lambda f: [f.at[0, c] for c in ("tw1", "tw2", "tw3", "tw4", "target_max")], [25.0, 50.0, 75.0, 100.0, 100.0]),
    ("column-number row", _number_row, lambda f: (len(f), f.at[0, "_baris"]), (1, 3)),
    ("continued cells", _continued_cells, lambda f: (list(f["unit"].unique()), list(f["sasaran"])), (["Dinas Kesehatan"], ["Meningkatnya derajat kesehatan"] * 2 + ["Meningkatnya pelayanan"])),
    ("merged sasaran", _merged_sasaran, lambda f: list(f["sasaran"]), ["Meningkatnya derajat kesehatan"] * 2),
    ("percent-formatted cell", _percent_cells, lambda f: f.at[0, "target_max"], 85.5),
    ("range target", _range_target, lambda f: (f.at[0, "target"], f.at[0, "target_min"], f.at[0, "target_max"]), ("80-90", 80.0, 90.0)),
]  # fmt: skip


@pytest.mark.parametrize(("case", "build", "get", "expected"), PK_CASES, ids=[c[0] for c in PK_CASES])
def test_pk_tolerance(case: str, build, get, expected) -> None:
    frames, report = read(build())
    assert report.ok, [p.line() for p in report.errors]
    assert get(frames["pk"]) == expected


def _real(rows: list[list[object]], **kw: object) -> bytes:
    return make_xlsx(Sheet(kw.pop("name", "Realisasi"), rows, **kw))  # type: ignore[arg-type]


def _months_mixed() -> bytes:
    rows = [REAL_HEADER] + [
        ["Dinkes", 2018, m, "DINKES-1", None, 80]
        for m in (1, "Februari", "Agt", "Nop", "Des", dt.datetime(2018, 3, 1), "TW II")
    ]
    return _real(rows)


def _wide_monthly() -> bytes:
    header = ["No", "Perangkat Daerah", "Tahun", "Indikator Kinerja", "Januari", "Februari", "Maret"]
    return _real([header, [1, "Dinkes", 2018, "Ind A", "1.250", None, "85,5"]])


def _wide_quarterly() -> bytes:
    header = ["Perangkat Daerah", "Tahun", "Kode Indikator", "TW I", "TW II", "TW III", "TW IV"]
    return _real([header, ["Dinkes", 2018, "A1", 10, 20, None, 40]], name="Realisasi TW")


def _total_row() -> bytes:
    rows = [
        REAL_HEADER,
        ["Dinkes", 2018, 1, "A1", None, 5],
        ["Dinkes", 2018, 2, "A1", None, 7],
        ["Jumlah", None, None, None, None, 12],
    ]
    return _real(rows)


def _dot_rule() -> bytes:
    rows = [REAL_HEADER] + [
        ["Dinkes", 2018, m, "A1", None, v]
        for m, v in enumerate(
            ["1.250", "1.234.567,89", "85.5", "0.855", "85,5%", "Rp 1.250.000.000"], start=1
        )
    ]
    return _real(rows)


REAL_CASES = [
    ("months in every form", _months_mixed, lambda f: list(f["bulan"]), [1, 2, 8, 11, 12, 3, 6]),
    ("wide monthly", _wide_monthly, lambda f: sorted(zip(f["bulan"], f["realisasi"], strict=False)), [(1, 1250.0), (3, 85.5)]),
    ("wide quarterly", _wide_quarterly, lambda f: sorted(zip(f["bulan"], f["realisasi"], strict=False)), [(3, 10.0), (6, 20.0), (12, 40.0)]),
    ("trailing Jumlah row", _total_row, lambda f: list(f["realisasi"]), [5.0, 7.0]),
    ("Indonesian numbers (dot rule)", _dot_rule, lambda f: list(f["realisasi"]), [1250.0, 1234567.89, 85.5, 0.855, 85.5, 1_250_000_000.0]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "build", "get", "expected"), REAL_CASES, ids=[c[0] for c in REAL_CASES])
def test_realisasi_tolerance(case: str, build, get, expected) -> None:
    frames, report = read(build())
    assert report.ok, [p.line() for p in report.errors]
    assert get(frames["realisasi"]) == expected


def _complaints(*rows: list[object], header: list[str] = COMPLAINT_HEADER, name: str = "Pengaduan") -> bytes:
    return make_xlsx(Sheet(name, [header, *rows]))


def _col(name: str) -> int:
    return COMPLAINT_HEADER.index(name)


def _with(row: list[object], **values: object) -> list[object]:
    row = row[:]
    for k, v in values.items():
        row[_col(k.replace("_", " "))] = v
    return row


def _dates_forms() -> bytes:
    forms = [dt.datetime(2018, 2, 27, 14, 30), "27/2/2018", "2018-02-27", "27-02-2018", "27 Februari 2018"]
    return _complaints(
        *[
            _with(
                complaint_row(f"T{i}"),
                Tanggal_Masuk=f,
                Tanggal_Tanggapan=None,
                Tanggal_Selesai=None,
                Status=None,
            )
            for i, f in enumerate(forms)
        ]
    )


def _spelling() -> bytes:
    return _complaints(
        _with(complaint_row("A"), Kecamatan="Kec. Alak", Kelurahan="Batu Plat"),
        _with(complaint_row("B"), Kecamatan="kota raja", Kelurahan="Kel. Air Nona"),
        _with(complaint_row("C"), Kecamatan="OEBOBO", Kelurahan="TDM"),
    )


def _fill_kecamatan() -> bytes:
    return _complaints(_with(complaint_row("A"), Kecamatan=None, Kelurahan="Oesapa"))


def _status_words() -> bytes:
    words = [
        "Menunggu Verifikasi",
        "Didisposisi",
        "Sedang Ditindaklanjuti",
        "Telah Ditindaklanjuti",
        "Bukan Wewenang",
    ]
    return _complaints(*[_with(complaint_row(f"S{i}"), Status=w) for i, w in enumerate(words)])


def _no_ticket() -> bytes:
    return _complaints(
        _with(complaint_row(None), No_Tiket=None),
        _with(complaint_row(None), No_Tiket=None, Uraian="Lampu jalan mati"),
    )


def _identity() -> bytes:
    header = [*COMPLAINT_HEADER, "Nama Pelapor", "No HP/WA"]
    row = _with(complaint_row("A"), Uraian="hubungi 0812-3456-7890 atau budi@mail.com") + [
        "Budi",
        "081234567890",
    ]
    return _complaints(row, header=header)


def _channels() -> bytes:
    return _complaints(
        *[
            _with(complaint_row(f"C{i}"), Saluran=s)
            for i, s in enumerate(["WA", "lapor.go.id", "tatap muka", "Radio Suara Kupang", "Instagram"])
        ]
    )


def _sheet_by_header() -> bytes:
    return _complaints(complaint_row("A"), name="Sheet1")


def _yes_no() -> bytes:
    return _complaints(
        *[
            _with(complaint_row(f"Y{i}"), Ada_Bukti=v)
            for i, v in enumerate(["Ya", "tidak ada", "Y", "N", 1, "✓", None])
        ]
    )


COMPLAINT_CASES = [
    ("date forms", _dates_forms, lambda f: [d.strftime("%Y-%m-%d") for d in f["tanggal_masuk"]], ["2018-02-27"] * 5),
    ("date with time kept", _dates_forms, lambda f: f.at[0, "tanggal_masuk"], pd.Timestamp("2018-02-27 14:30")),
    ("spelling variants", _spelling, lambda f: list(zip(f["kecamatan"], f["kelurahan"], strict=False)), [("Alak", "Batuplat"), ("Kota Raja", "Airnona"), ("Oebobo", "Tuak Daun Merah")]),
    ("kecamatan from kelurahan", _fill_kecamatan, lambda f: f.at[0, "kecamatan"], "Kelapa Lima"),
    ("status wordings", _status_words, lambda f: list(f["status"]), ["belum_diverifikasi", "belum_ditindaklanjuti", "proses", "selesai", "arsip"]),
    ("derived ticket ids", _no_ticket, lambda f: (f["tiket_turunan"].tolist(), f["no_tiket"].str.startswith("T-20180305-").tolist(), f["no_tiket"].nunique()), ([True, True], [True, True], 2)),
    ("identity dropped, PII masked", _identity, lambda f: ("Budi" in f.to_string(), "0812" in f.at[0, "uraian"], "budi@mail.com" in f.at[0, "uraian"]), (False, False, False)),
    ("channels normalised", _channels, lambda f: list(zip(f["saluran"], f["saluran_catatan"].fillna(""), strict=False)), [("WhatsApp", ""), ("SP4N-LAPOR!", ""), ("Datang Langsung", ""), ("Lainnya", "Radio Suara Kupang"), ("Media Sosial", "")]),
    ("sheet found by header", _sheet_by_header, lambda f: len(f), 1),
    ("yes/no wordings", _yes_no, lambda f: [None if pd.isna(v) else bool(v) for v in f["ada_bukti"]], [True, False, True, False, True, True, None]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "build", "get", "expected"), COMPLAINT_CASES, ids=[c[0] for c in COMPLAINT_CASES]
)
def test_complaint_tolerance(case: str, build, get, expected) -> None:
    frames, report = read(build())
    assert report.ok, [p.line() for p in report.errors]
    assert get(frames["pengaduan"]) == expected


def test_identity_and_masking_are_reported() -> None:
    _, report = read(_identity())
    notes = " ".join(p.message for p in report.notices)
    assert "Nama Pelapor" in notes and "No HP/WA" in notes
    assert "disamarkan" in notes


def test_unit_sheet_reads_outside_agency() -> None:
    data = make_xlsx(
        Sheet(
            "Unit",
            [
                ["Kode", "Nama", "Jenis", "Alias"],
                ["PDAM", "Perumda Air Minum", "Luar Pemkot", "PDAM Kota|Air Minum"],
            ],
        )
    )
    frames, report = read(data)
    assert report.ok
    assert frames["unit"].loc[0, ["kode", "jenis", "alias"]].tolist() == [
        "PDAM",
        "Luar Pemkot",
        "PDAM Kota|Air Minum",
    ]


def test_unrecognised_sheet_is_skipped_with_notice() -> None:
    data = make_xlsx(Sheet("Catatan", [["Apa saja"], ["teks"]]), Sheet("PK", ROWS))
    frames, report = read(data)
    assert "pk" in frames and report.ok
    assert any("Catatan" in p.message for p in report.notices)


def test_merged_number_over_text_cells_fills_the_merge() -> None:
    """A value merged down over several rows (Tahun printed once) fills every row of the merge."""
    rows = [PK_HEADER, ROWS[1], ["Dinas Kesehatan", None, *ROWS[2][2:]]]
    frames, report = read(make_xlsx(Sheet("PK", rows, merges=["B2:B3"])))
    assert report.ok, [p.line() for p in report.errors]
    assert list(frames["pk"]["tahun"]) == [2018, 2018]
