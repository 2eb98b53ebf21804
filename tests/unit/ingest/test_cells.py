"""Cell parsers: table-driven cases for every accepted and refused form, plus properties."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.domain import vocabulary
from kinerja.domain.privacy import holds_personal_data
from kinerja.domain.text import normalize_header, normalize_key, normalize_text, suggest
from kinerja.ingest.cells.arrow import is_blank
from kinerja.ingest.cells.choices import (
    choice_list,
    month_of_label,
    parse_choice,
    parse_months,
    parse_saluran,
    parse_year,
    parse_yes_no,
    quarter_of_label,
)
from kinerja.ingest.cells.dates import parse_dates
from kinerja.ingest.cells.numbers import parse_numbers, parse_target
from kinerja.ingest.cells.pii import candidates, hash_personal_tickets, mask_pii
from kinerja.ingest.wilayah import Wilayah, kelurahan_office

BAD = "bad"


def one(parser, value, **kw):
    """Parse a single cell (in an object column, as the workbook reader passes it)."""
    values, bad = parser(pd.Series([value], dtype=object), **kw)
    return values.iloc[0], bool(bad.iloc[0])


def missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) or x is pd.NaT


BLANKS = [None, float("nan"), "", "   ", "-", "–", "—", pd.NA, np.nan]


@pytest.mark.parametrize("value", BLANKS)
@pytest.mark.parametrize("parser", [parse_numbers, parse_dates, parse_months, parse_year, parse_yes_no])
def test_blank_is_missing_not_bad(parser, value):
    got, bad = one(parser, value)
    assert missing(got) and not bad


def test_is_blank():
    s = pd.Series([None, "", " - ", "x", 0, 0.0, dt.date(2018, 1, 1), float("nan"), "–"])
    assert is_blank(s).tolist() == [True, True, True, False, False, False, False, True, True]


# --- numbers (DOMAIN §4 dot rule) ----------------------------------------------------------------
NUMBERS = [
    (85, 85.0),
    (85.5, 85.5),
    ("85", 85.0),
    ("85,5", 85.5),
    ("85,5%", 85.5),
    ("85,5 %", 85.5),
    ("1.234.567,89", 1234567.89),
    ("Rp 1.250.000.000", 1250000000.0),
    ("Rp. 1.250.000,00", 1250000.0),
    ("Rp1.250.000,-", 1250000.0),
    ("1.250", 1250.0),
    ("12.500", 12500.0),
    ("85.5", 85.5),
    ("0.855", 0.855),
    ("0.250", 0.25),
    ("1.2345", 1.2345),
    ("-3", -3.0),
    (" 12 ", 12.0),
    ("0,5", 0.5),
    ("1 250 000", 1250000.0),
    ("\u00a012\u00a0", 12.0),
    ("abc", BAD),
    ("12a", BAD),
    ("1,2,3", BAD),
    ("1.25.0", BAD),
    ("%", BAD),
    ("0.250,5", BAD),
    (True, BAD),
    (dt.date(2018, 2, 27), BAD),
    (float("inf"), BAD),
]


@pytest.mark.parametrize(("value", "expected"), NUMBERS)
def test_parse_numbers(value, expected):
    got, bad = one(parse_numbers, value)
    if expected == BAD:
        assert bad and missing(got)
    else:
        assert not bad and got == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("value", "percent", "expected"),
    [
        (0.855, True, 85.5),
        (0.855, False, 0.855),
        (1, True, 100.0),
        (0.1234, True, 12.34),
        ("85,5%", True, 85.5),  # text is already the percentage shown
        (0.07, True, 7.0),
    ],
)
def test_parse_numbers_percent_cells(value, percent, expected):
    s = pd.Series([value], dtype=object)
    got, bad = parse_numbers(s, percent=pd.Series([percent]))
    assert not bad.iloc[0] and got.iloc[0] == expected  # exact: no float noise


def test_parse_numbers_keeps_index_and_dtypes():
    s = pd.Series(["1", None, "x"], index=[10, 10, 3], dtype="str")
    values, bad = parse_numbers(s)
    assert values.dtype == "float64" and bad.dtype == bool
    assert list(values.index) == [10, 10, 3] and bad.tolist() == [False, False, True]


def indonesian(x: float) -> str:
    """Format like an Indonesian spreadsheet: thousand dots, decimal comma."""
    whole, frac = f"{x:,.2f}".split(".")
    return whole.replace(",", ".") + "," + frac


@settings(deadline=None)  # no per-example time limit: a busy CI worker is not a failure
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_indonesian_format_round_trips(x):
    text = indonesian(x)
    got, bad = one(parse_numbers, text)
    assert not bad and got == pytest.approx(round(x, 2), abs=1e-6)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_indonesian_integers_round_trip(n):
    text = f"Rp {n:,}".replace(",", ".")
    assert one(parse_numbers, text) == (float(n), False)


# --- targets -------------------------------------------------------------------------------------
TARGETS = [
    ("85", "85", 85, 85),
    (85, "85", 85, 85),
    ("85,5", "85.5", 85.5, 85.5),
    ("85,5%", "85.5", 85.5, 85.5),
    ("80-90", "80-90", 80, 90),
    ("80 - 90", "80-90", 80, 90),
    ("80 – 90", "80-90", 80, 90),
    ("80 s.d. 90", "80-90", 80, 90),
    ("80 s/d 90", "80-90", 80, 90),
    ("80 sd 90", "80-90", 80, 90),
    ("80 S.D 90", "80-90", 80, 90),
    ("80% - 90%", "80-90", 80, 90),
    ("1.250 - 1.500", "1250-1500", 1250, 1500),
    ("85,5-90,5", "85.5-90.5", 85.5, 90.5),
    ("Rp 1.250.000.000", "1250000000", 1.25e9, 1.25e9),
    ("0", "0", 0, 0),
    ("-3", BAD, 0, 0),
    (-3, BAD, 0, 0),
    ("90-80", BAD, 0, 0),
    ("80-9x", BAD, 0, 0),
    ("WTP", BAD, 0, 0),
    ("80-", BAD, 0, 0),
]


@pytest.mark.parametrize(("value", "text", "lo", "hi"), TARGETS)
def test_parse_target(value, text, lo, hi):
    frame, bad = parse_target(pd.Series([value], dtype=object))
    row = frame.iloc[0]
    assert list(frame.columns) == ["target", "target_min", "target_max"]
    if text == BAD:
        assert bad.iloc[0] and missing(row["target"]) and math.isnan(row["target_min"])
    else:
        assert not bad.iloc[0]
        assert (row["target"], row["target_min"], row["target_max"]) == (text, lo, hi)


def test_parse_target_percent_and_blank():
    frame, bad = parse_target(
        pd.Series([0.855, None, "-"], dtype=object), percent=pd.Series([True, True, False])
    )
    assert frame["target"].iloc[0] == "85.5" and frame["target_min"].iloc[0] == 85.5
    assert frame["target"].iloc[1:].isna().all() and not bad.any()


# --- dates ---------------------------------------------------------------------------------------
D = dt.datetime
DATES = [
    ("27/2/2018", D(2018, 2, 27)),
    ("27/02/2018", D(2018, 2, 27)),
    ("2018-02-27", D(2018, 2, 27)),
    ("27-02-2018", D(2018, 2, 27)),
    ("27.02.2018", D(2018, 2, 27)),
    ("27/02/18", D(2018, 2, 27)),
    ("27 Februari 2018", D(2018, 2, 27)),
    ("27 februari 2018", D(2018, 2, 27)),
    ("27 Feb 2018", D(2018, 2, 27)),
    ("27 Peb 2018", D(2018, 2, 27)),
    ("27 Pebruari 2018", D(2018, 2, 27)),
    ("27-Feb-2018", D(2018, 2, 27)),
    ("27 Agt 2018", D(2018, 8, 27)),
    ("27 Agu 2018", D(2018, 8, 27)),
    ("27 Agustus 2018", D(2018, 8, 27)),
    ("27 AGUSTUS 2018", D(2018, 8, 27)),
    ("3 Mei 2018", D(2018, 5, 3)),
    ("3 Nop 2018", D(2018, 11, 3)),
    ("3 Nopember 2018", D(2018, 11, 3)),
    ("3 Okt 2018", D(2018, 10, 3)),
    ("3 Sept 2018", D(2018, 9, 3)),
    ("3 Des 2018", D(2018, 12, 3)),
    ("3 Dec 2018", D(2018, 12, 3)),
    ("Selasa, 27 Februari 2018", D(2018, 2, 27)),
    ("27/02/2018 14:30", D(2018, 2, 27, 14, 30)),
    ("27/2/2018 9:05:07", D(2018, 2, 27, 9, 5, 7)),
    ("27 Februari 2018 14:30", D(2018, 2, 27, 14, 30)),
    ("27 Februari 2018 pukul 14.30 WITA", D(2018, 2, 27, 14, 30)),
    ("2018-02-27 14:30:00", D(2018, 2, 27, 14, 30)),
    ("2018-02-27T14:30:15", D(2018, 2, 27, 14, 30, 15)),
    ("2018-02-27 14:30:15.250", D(2018, 2, 27, 14, 30, 15)),
    ("29/2/2020", D(2020, 2, 29)),
    (43158, D(2018, 2, 27)),
    (43158.0, D(2018, 2, 27)),
    (43158.604166666664, D(2018, 2, 27, 14, 30)),
    (D(2018, 2, 27, 9, 15), D(2018, 2, 27, 9, 15)),
    (dt.date(2018, 2, 27), D(2018, 2, 27)),
    (pd.Timestamp("2018-02-27 10:00"), D(2018, 2, 27, 10)),
    ("31/2/2018", BAD),
    ("29/2/2019", BAD),
    ("32/1/2018", BAD),
    ("27/13/2018", BAD),
    ("27/02/2018 25:00", BAD),
    ("27/02/2018 14:75", BAD),
    ("27 Foo 2018", BAD),
    ("kemarin", BAD),
    ("2018", BAD),
    ("27/02", BAD),
    (dt.time(9, 30), BAD),
    (True, BAD),
    (-5, BAD),
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_parse_dates(value, expected):
    got, bad = one(parse_dates, value)
    if expected == BAD:
        assert bad and got is pd.NaT
    else:
        assert not bad and got == pd.Timestamp(expected)


def test_parse_dates_dtype_and_columns():
    for s in (
        pd.Series(["27/2/2018", None, "x"], dtype="str"),
        pd.Series(["27/2/2018", None, "x"], dtype=object),
    ):
        values, bad = parse_dates(s)
        assert values.dtype == "datetime64[ns]" and bad.tolist() == [False, False, True]
    values, bad = parse_dates(pd.Series([43158.0, np.nan]))
    assert values.iloc[0] == pd.Timestamp(2018, 2, 27) and not bad.any()
    values, bad = parse_dates(pd.Series(pd.to_datetime(["2018-02-27", None])))
    assert values.dtype == "datetime64[ns]" and not bad.any()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)), st.booleans())
def test_day_first_dates_round_trip(day, padded):
    text = day.strftime("%d/%m/%Y") if padded else f"{day.day}/{day.month}/{day.year}"
    assert one(parse_dates, text) == (pd.Timestamp(day), False)


# --- months, quarters, years --------------------------------------------------------------------
MONTHS = [
    (3, 3),
    (3.0, 3),
    ("3", 3),
    ("03", 3),
    ("12", 12),
    ("Maret", 3),
    ("MARET", 3),
    ("mar", 3),
    ("Januari", 1),
    ("Agt", 8),
    ("Ags", 8),
    ("Nop", 11),
    ("Des", 12),
    ("Mei", 5),
    ("May", 5),
    ("October", 10),
    ("Februari 2018", 2),
    ("02/2018", 2),
    ("TW I", 3),
    ("TW 2", 6),
    ("Triwulan III", 9),
    ("Triwulan 4", 12),
    ("TW-IV", 12),
    ("tw.ii", 6),
    ("Q1", 3),
    (dt.date(2018, 5, 14), 5),
    (D(2018, 7, 1, 8), 7),
    ("27/02/2018", 2),
    ("27 Agustus 2018", 8),
    (0, BAD),
    (13, BAD),
    ("13", BAD),
    (3.5, BAD),
    ("TW V", BAD),
    ("abc", BAD),
    (True, BAD),
]


@pytest.mark.parametrize(("value", "expected"), MONTHS)
def test_parse_months(value, expected):
    got, bad = one(parse_months, value)
    if expected == BAD:
        assert bad and missing(got)
    else:
        assert not bad and got == expected


def test_parse_months_dtype():
    values, _ = parse_months(pd.Series(["Jan", None]))
    assert str(values.dtype) == "Int64"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TW II", 2),
        ("Triwulan 2", 2),
        ("Target TW III", 3),
        ("Target Triwulan IV", 4),
        ("Realisasi TW-I", 1),
        ("TW 4", 4),
        ("Q3", 3),
        ("Target", None),
        ("Twitter", None),
        ("Januari", None),
    ],
)
def test_quarter_of_label(text, expected):
    assert quarter_of_label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Januari", 1),
        (" januari ", 1),
        ("Jan", 1),
        ("Agt", 8),
        ("AGUSTUS", 8),
        ("Nop", 11),
        ("Des.", 12),
        ("Maret 2018", 3),
        ("Realisasi Januari", None),
        ("Target", None),
        ("TW I", None),
    ],
)
def test_month_of_label(text, expected):
    assert month_of_label(text) == expected


YEARS = [
    (2018, 2018),
    (2018.0, 2018),
    ("2018", 2018),
    (" 2018 ", 2018),
    ("2.018", 2018),
    ("TA 2018", 2018),
    ("Tahun 2018", 2018),
    (1999, BAD),
    (2101, BAD),
    ("18", BAD),
    (2018.5, BAD),
    ("dua ribu", BAD),
    (dt.date(2018, 1, 1), BAD),
]


@pytest.mark.parametrize(("value", "expected"), YEARS)
def test_parse_year(value, expected):
    got, bad = one(parse_year, value)
    if expected == BAD:
        assert bad and missing(got)
    else:
        assert not bad and got == expected


# --- yes/no, choices, channels ------------------------------------------------------------------
YES_NO = [
    ("Ya", True),
    ("ya", True),
    (" YA ", True),
    ("Y", True),
    ("Yes", True),
    ("Ada", True),
    ("1", True),
    (1, True),
    (1.0, True),
    (True, True),
    ("TRUE", True),
    ("✓", True),
    ("✔", True),
    ("√", True),
    ("Tidak", False),
    ("tidak ada", False),
    ("Tidak  Ada", False),
    ("T", False),
    ("N", False),
    ("No", False),
    ("0", False),
    (0, False),
    (False, False),
    ("false", False),
    ("mungkin", BAD),
    (2, BAD),
    ("yy", BAD),
    (dt.date(2018, 1, 1), BAD),
]


@pytest.mark.parametrize(("value", "expected"), YES_NO)
def test_parse_yes_no(value, expected):
    got, bad = one(parse_yes_no, value)
    if expected == BAD:
        assert bad and missing(got)
    else:
        assert not bad and got == expected


def test_parse_yes_no_dtype():
    values, _ = parse_yes_no(pd.Series(["Ya", None, "Tidak"]))
    assert str(values.dtype) == "boolean" and values.tolist() == [True, pd.NA, False]


CHOICES = [
    (vocabulary.POLARITAS, "Positif", "positif"),
    (vocabulary.POLARITAS, "MAKSIMAL", "positif"),
    (vocabulary.POLARITAS, "Semakin tinggi semakin baik", "positif"),
    (vocabulary.POLARITAS, "semakin rendah, semakin baik", "negatif"),
    (vocabulary.POLARITAS, "Minimal", "negatif"),
    (vocabulary.POLARITAS, "netral", BAD),
    (vocabulary.AKUMULASI, "Kumulatif", "kumulatif"),
    (vocabulary.AKUMULASI, "Rata-rata", "rata_rata"),
    (vocabulary.AKUMULASI, "rata rata", "rata_rata"),
    (vocabulary.AKUMULASI, "RATARATA", "rata_rata"),
    (vocabulary.AKUMULASI, "rata_rata", "rata_rata"),
    (vocabulary.AKUMULASI, "Posisi Akhir", "akhir"),
    (vocabulary.AKUMULASI, "stok", "akhir"),
    (vocabulary.AKUMULASI, "median", BAD),
    (vocabulary.STATUS, "Selesai", "selesai"),
    (vocabulary.STATUS, "Telah Ditindaklanjuti", "selesai"),
    (vocabulary.STATUS, "sudah ditindak lanjuti", "selesai"),
    (vocabulary.STATUS, "Belum Ditindaklanjuti", "belum_ditindaklanjuti"),
    (vocabulary.STATUS, "Sedang Ditindaklanjuti", "proses"),
    (vocabulary.STATUS, "dalam proses", "proses"),
    (vocabulary.STATUS, "Menunggu Verifikasi", "belum_diverifikasi"),
    (vocabulary.STATUS, "Bukan Wewenang", "arsip"),
    (vocabulary.STATUS, "Duplikat.", "arsip"),
    (vocabulary.STATUS, "beres", BAD),
    (vocabulary.STATUS, 3, BAD),
]


@pytest.mark.parametrize(("mapping", "value", "expected"), CHOICES)
def test_parse_choice(mapping, value, expected):
    got, bad = one(parse_choice, value, mapping=mapping)
    if expected == BAD:
        assert bad and missing(got)
    else:
        assert not bad and got == expected


def test_parse_choice_blank_and_dtype():
    values, bad = parse_choice(pd.Series([None, " ", "naik"]), vocabulary.POLARITAS)
    assert values.isna().tolist() == [True, True, False] and not bad.any()
    assert values.iloc[2] == "positif"


def test_choice_list_is_short_and_readable():
    text = choice_list(vocabulary.POLARITAS)
    assert text.startswith("Positif, Negatif (atau Maksimal, Minimal")
    assert text.endswith("…)")
    assert choice_list(vocabulary.AKUMULASI).startswith("Kumulatif, Akhir, Rata-rata (atau ")
    assert "Selesai" in choice_list(vocabulary.STATUS) and len(choice_list(vocabulary.STATUS)) < 200


SALURAN = [
    ("WA", "WhatsApp", None),
    ("whatsapp", "WhatsApp", None),
    ("Whats App", "WhatsApp", None),
    ("LAPOR!", "SP4N-LAPOR!", None),
    ("lapor.go.id", "SP4N-LAPOR!", None),
    ("Tatap Muka", "Datang Langsung", None),
    ("SMS 1708", "SMS", None),
    (1708, "SMS", None),
    ("Facebook", "Media Sosial", None),
    ("E-mail", "Email", None),
    ("posko wali kota", "Posko", None),
    ("Twitter/X", "Media Sosial", "Twitter/X"),
    ("via WA", "WhatsApp", "via WA"),
    ("Radio RRI", "Lainnya", "Radio RRI"),
    (" Kotak Saran ", "Lainnya", "Kotak Saran"),
    (None, None, None),
    ("-", None, None),
]


@pytest.mark.parametrize(("value", "channel", "note"), SALURAN)
def test_parse_saluran(value, channel, note):
    got, catatan = parse_saluran(pd.Series([value], dtype=object))
    assert (None if missing(got.iloc[0]) else got.iloc[0]) == channel
    assert (None if missing(catatan.iloc[0]) else catatan.iloc[0]) == note


def test_parse_saluran_many_rows():
    s = pd.Series(["WA", "Radio", None, "via WA", 1708, "WA"], index=list("abcdef"), dtype=object)
    channel, note = parse_saluran(s)
    assert channel.tolist()[:2] == ["WhatsApp", "Lainnya"] and missing(channel["c"])
    assert channel.tolist()[3:] == ["WhatsApp", "SMS", "WhatsApp"]
    assert note["b"] == "Radio" and note["d"] == "via WA" and note[["a", "e", "f"]].isna().all()


def test_parsers_agree_on_str_and_object_columns():
    cells = ["85,5", None, "x", "27/2/2018", "Maret", "", "Ya", "TW II", "2018"] * 50
    for parser in (parse_numbers, parse_dates, parse_months, parse_year, parse_yes_no):
        a = parser(pd.Series(cells, dtype="str"))
        b = parser(pd.Series(cells, dtype=object))
        pd.testing.assert_series_equal(a[0], b[0])
        pd.testing.assert_series_equal(a[1], b[1])


# --- names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dinas Kesehatan Kota Kupang", "dinas kesehatan"),
        ("  DINAS   Kesehatan ", "dinas kesehatan"),
        ("Satpol-PP", "satpol pp"),
        ("Kec. Alak", "kec alak"),
        ("Kota Kupang", "kota kupang"),
        ("rata_rata", "rata rata"),
        (12.0, "12"),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


def test_normalize_key_series():
    got = normalize_key(pd.Series(["Dinas  PU", None, "dinas pu kota kupang", 7]))
    assert got.iloc[0] == got.iloc[2] == "dinas pu" and missing(got.iloc[1])
    assert got.iloc[3] == "7"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Target (%)", "target"),
        ("Anggaran (Rp)", "anggaran"),
        ("Target 2018", "target"),
        ("Target [Tahunan]", "target"),
        ("Tanggal\nMasuk*", "tanggal masuk"),
        ("Realisasi s.d. Bulan Ini", "realisasi s d bulan ini"),
        ("Target TW I (2018)", "target tw i"),
        ("2018", "2018"),
    ],
)
def test_normalize_header(text, expected):
    assert normalize_header(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dinas Kesehtan", "Dinas Kesehatan"),
        ("dinas kesehatan kota kupang", "Dinas Kesehatan"),
        ("Bappeda", "Bappeda"),
        ("Zzzz", None),
        ("", None),
    ],
)
def test_suggest(name, expected):
    assert suggest(name, ["Dinas Kesehatan", "Dinas Pendidikan", "Bappeda"]) == expected


# --- personal data -------------------------------------------------------------------------------
PII = [
    ("hubungi 081234567890", "hubungi [telepon disamarkan]", "telepon"),
    ("HP 0812-3456-7890.", "HP [telepon disamarkan].", "telepon"),
    ("WA 0812 3456 789", "WA [telepon disamarkan]", "telepon"),
    ("WA: 0812.3456.7890", "WA: [telepon disamarkan]", "telepon"),
    ("+62 812 3456 7890", "[telepon disamarkan]", "telepon"),
    ("+6281234567890", "[telepon disamarkan]", "telepon"),
    ("62 81234567890", "[telepon disamarkan]", "telepon"),
    ("NIK 5371012345678901", "NIK [NIK disamarkan]", "nik"),
    ("NIK 5371 0123 4567 8901", "NIK [NIK disamarkan]", "nik"),
    ("NIK 537101.010180.0001", "NIK [NIK disamarkan]", "nik"),
    ("kirim ke budi.s@gmail.com ya", "kirim ke [email disamarkan] ya", "email"),
    ("Rp 1.250.000", None, None),
    ("anggaran Rp 628.000.000", None, None),
    ("tahun 2018, RT 05/RW 02", None, None),
    ("tanggal 08-02-2018 14:30", None, None),
    ("pukul 08.00-16.00", None, None),
    ("nomor 12345678", None, None),
    ("telp 0812", None, None),
    ("1234567890123456789", None, None),
]


@pytest.mark.parametrize(("text", "masked", "kind"), PII)
def test_mask_pii(text, masked, kind):
    got, counts = mask_pii(pd.Series([text]))
    assert got.iloc[0] == (masked if masked else text)
    assert counts == {k: int(k == kind) for k in ("telepon", "nik", "email")}


def test_mask_pii_keeps_non_text_and_counts_all():
    s = pd.Series(["a 08123456789 b 08129876543", None, 5, "x@y.id"], index=[4, 5, 6, 7])
    got, counts = mask_pii(s)
    assert got.tolist()[1:3] == [None, 5] and list(got.index) == [4, 5, 6, 7]
    assert counts == {"telepon": 2, "nik": 0, "email": 1}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789 .-+@abc/RTW", max_size=40),
            st.from_regex(r"(08|\+62 ?8)[0-9 .-]{8,14}", fullmatch=True),
            st.from_regex(r"[1-9][0-9]{15}", fullmatch=True),
            st.emails(),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mask_pii_is_idempotent(parts):
    once, _ = mask_pii(pd.Series([" ".join(parts)]))
    twice, counts = mask_pii(once)
    assert twice.iloc[0] == once.iloc[0] and counts == {"telepon": 0, "nik": 0, "email": 0}


TICKETS = [
    "KPG-2018-000123", "LAPOR-20180227-0001", "0812-3456-7890", "T/081234567890", "x(0380)821238",
    "+62 812 3456 7890", "a+1 415 555 0120", "5371012345678901", "NIK.5371 0123 4567 8901",
    "budi@mail.id", "budi [at] mail [dot] id", "62 81234567890", "2018 0812345678", "\uff10\uff18\uff11\uff12345678901",
    "A-08123456789", "12-0812345678", "(0812)34567890", "1234567890123456789", "Rp 628.000.000-AB",
]  # fmt: skip


@pytest.mark.parametrize("ticket", TICKETS)
def test_ticket_prefilter_keeps_every_personal_ticket(ticket):
    values = np.array([ticket], dtype=object)
    assert holds_personal_data(ticket) <= (len(candidates(values)) == 1)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 .-+()@[]atKPG/_\t\n", min_size=9, max_size=30))
def test_ticket_prefilter_is_a_necessary_condition(ticket):
    values = np.array([ticket], dtype=object)
    assert holds_personal_data(ticket) <= (len(candidates(values)) == 1)


def test_plain_tickets_skip_the_patterns_and_personal_ones_are_hashed():
    tickets = pd.Series(["KPG-2018-000001", "KPG-2018-000002", "WA 081234567890", None, 7])
    assert candidates(tickets.to_numpy(dtype=object)).tolist() == [2]
    out, n = hash_personal_tickets(tickets, b"k")
    assert n == 1 and out.iloc[2].startswith("H-") and out.iloc[:2].tolist() == tickets.iloc[:2].tolist()


# --- wilayah -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wilayah() -> Wilayah:
    return Wilayah.load()


def test_wilayah_reference(wilayah):
    assert len(wilayah.kecamatan_names) == 6 and len(wilayah.kelurahan_names) == 51
    assert wilayah.kecamatan_of("Oebufu") == "Oebobo"
    assert wilayah.kecamatan_of("air nona") == "Kota Raja"
    assert wilayah.kecamatan_of("Atlantis") is None


WILAYAH = [
    ("Alak", "Namosain", "Alak", "Namosain"),
    ("kec. alak", "Batu Plat", "Alak", "Batuplat"),
    ("Kecamatan Kota Raja", "Kel. Naikoten 1", "Kota Raja", "Naikoten I"),
    ("OEBOBO", "tdm", "Oebobo", "Tuak Daun Merah"),
    (None, "Oebufu", "Oebobo", "Oebufu"),
    ("", "Kelurahan Air Nona", "Kota Raja", "Airnona"),
    ("Maulafa", None, "Maulafa", None),
    (None, None, None, None),
]


@pytest.mark.parametrize(("kec", "kel", "want_kec", "want_kel"), WILAYAH)
def test_wilayah_normalize(wilayah, kec, kel, want_kec, want_kel):
    got = wilayah.normalize(pd.Series([kec], dtype=object), pd.Series([kel], dtype=object))
    assert got.problems == []
    assert (None if missing(got.kecamatan.iloc[0]) else got.kecamatan.iloc[0]) == want_kec
    assert (None if missing(got.kelurahan.iloc[0]) else got.kelurahan.iloc[0]) == want_kel


@pytest.mark.parametrize(
    ("kec", "kel", "field", "message", "expected"),
    [
        (
            None,
            "Oebofu",
            "kelurahan",
            "kelurahan 'Oebofu' tidak dikenal",
            "nama kelurahan di Kota Kupang, mungkin maksudnya 'Oebufu'",
        ),
        (
            "Alak",
            "Oebufu",
            "kelurahan",
            "kelurahan Oebufu tidak berada di Kecamatan Alak",
            "kelurahan di Kecamatan Alak, atau kecamatan Oebobo",
        ),
        ("Kota Lma", None, "kecamatan", "kecamatan 'Kota Lma' tidak dikenal", "'Kota Lama'"),
        ("Atlantis", None, "kecamatan", "kecamatan 'Atlantis' tidak dikenal", "Kota Kupang"),
    ],
)
def test_wilayah_problems(wilayah, kec, kel, field, message, expected):
    got = wilayah.normalize(
        pd.Series([kec], index=["r7"], dtype=object), pd.Series([kel], index=["r7"], dtype=object)
    )
    assert len(got.problems) == 1
    label, got_field, got_message, got_expected = got.problems[0]
    assert (label, got_field, got_message) == ("r7", field, message)
    assert expected in got_expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kelurahan Oebufu", "Oebufu"),
        ("Kel. Oebufu", "Oebufu"),
        ("Lurah Oebufu", "Oebufu"),
        ("Kantor Kelurahan Air Nona", "Airnona"),
        ("Kelurahan Alak Kota Kupang", "Alak"),
        ("Oebufu", None),
        ("Kecamatan Alak", None),
        ("Kelurahan Atlantis", None),
    ],
)
def test_kelurahan_office(text, expected):
    assert kelurahan_office(text) == expected
