"""Complaint exports of real systems (issue 12 §2): their column names, status words, Lokasi and identity columns."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.ingest.files import ReadFile, read_file
from tests.helpers.xlsx import Sheet, make_xlsx

TODAY = pd.Timestamp("2019-01-15")


def read(rows: list[list[object]]) -> ReadFile:
    return read_file(make_xlsx(Sheet("Sheet1", rows)), "f.xlsx", today=TODAY)


SYNONYMS = [
    ("Tanggal Dibuat", "tanggal_masuk", "05/03/2018", pd.Timestamp("2018-03-05")),
    ("Tanggal Keluhan", "tanggal_masuk", "05/03/2018", pd.Timestamp("2018-03-05")),
    ("Tanggal Dilaporkan", "tanggal_masuk", "05/03/2018", pd.Timestamp("2018-03-05")),
    ("Tanggal Pelaporan", "tanggal_masuk", "05/03/2018", pd.Timestamp("2018-03-05")),
    ("Kode Laporan", "no_tiket", "LPR-9", "LPR-9"),
    ("TrackingID", "no_tiket", "TRK-7", "TRK-7"),
    ("Deskripsi", "uraian", "Lampu mati", "Lampu mati"),
    ("Isi Laporan", "uraian", "Lampu mati", "Lampu mati"),
    ("IsiLaporan", "uraian", "Lampu mati", "Lampu mati"),
    ("Isi Laporan/Pengaduan", "uraian", "Lampu mati", "Lampu mati"),
    ("OPD Ditugaskan", "unit", "Dinas Kesehatan", "Dinas Kesehatan"),
    ("Instansi", "unit", "Dinas Kesehatan", "Dinas Kesehatan"),
    ("Channel", "saluran", "WA", "WhatsApp"),
    ("Kelurahan/Kampung", "kelurahan", "Oebufu", "Oebufu"),
    ("Kec/Distrik", "kecamatan", "Oebobo", "Oebobo"),
]


@pytest.mark.parametrize(("header", "field", "cell", "expected"), SYNONYMS, ids=[s[0] for s in SYNONYMS])
def test_complaint_header_synonyms(header, field, cell, expected) -> None:
    base = {"Tanggal Masuk": "05/03/2018", "Kategori": "Jalan"}
    if field == "tanggal_masuk":
        base = {"Kategori": "Jalan"}
    base[header] = cell
    read_ = read([list(base), list(base.values())])
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert read_.frames["pengaduan"].at[0, field] == expected


@pytest.mark.parametrize(
    ("word", "status"),
    [("PENDING", "belum_ditindaklanjuti"), ("Diproses", "proses"), ("Arsipkan", "arsip")],
)
def test_status_words_of_real_systems(word, status) -> None:
    read_ = read([["No Tiket", "Tanggal Masuk", "Status"], ["A1", "05/03/2018", word]])
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert read_.frames["pengaduan"].at[0, "status"] == status


def test_the_units_status_counts_not_the_bupatis() -> None:
    rows = [
        ["No Tiket", "Tanggal Masuk", "StatusBupati", "StatusOPD"],
        ["A1", "05/03/2018", "Selesai", "Arsipkan"],
    ]
    read_ = read(rows)
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    assert read_.frames["pengaduan"].at[0, "status"] == "arsip"


@pytest.mark.parametrize(
    ("lokasi", "kecamatan", "kelurahan"),
    [
        ("Jl. Frans Seda, Kel. Fatululi, Kec. Oebobo, Kota Kupang", "Oebobo", "Fatululi"),
        ("depan pasar Oesapa", "Kelapa Lima", "Oesapa"),
        ("Kel. Oebobo", "Oebobo", "Oebobo"),
        ("Kecamatan Alak", "Alak", None),
        ("Jalan El Tari", None, None),
    ],
)
def test_lokasi_is_split_against_the_reference_list(lokasi, kecamatan, kelurahan) -> None:
    read_ = read([["No Tiket", "Tanggal Masuk", "Lokasi"], ["A1", "05/03/2018", lokasi]])
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    row = read_.frames["pengaduan"].iloc[0]
    assert (None if pd.isna(row["kecamatan"]) else row["kecamatan"]) == kecamatan
    assert (None if pd.isna(row["kelurahan"]) else row["kelurahan"]) == kelurahan


def test_the_complainants_address_beside_the_place_is_dropped() -> None:
    rows = [["No Tiket", "Tanggal Masuk", "Nama Pelapor/NIK", "Kontak Pelapor", "Alamat", "Lokasi"],
            ["A1", "05/03/2018", "Budi / 5371010101010001", "0812 3456 7890", "Jl. Kenari 5, Kel. Oetete", "Kel. Oebufu"]]  # fmt: skip
    read_ = read(rows)
    assert read_.report.ok, [p.line() for p in read_.report.errors]
    frame = read_.frames["pengaduan"]
    assert frame.at[0, "kelurahan"] == "Oebufu"  # the place of the problem, not the address (Oetete)
    text = frame.to_string()
    assert "Budi" not in text and "0812" not in text and "Kenari" not in text
    dropped = " ".join(p.message for p in read_.report.notices)
    assert "Nama Pelapor/NIK" in dropped and "Kontak Pelapor" in dropped and "Alamat" in dropped
