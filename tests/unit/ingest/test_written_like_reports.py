"""Cells as reports write them (issue 11): a number with its unit, a signed target, polarity words, budget headers."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.domain.schema import UNIT_FRAME
from kinerja.ingest.files import Reference, read_file, resolve_file
from tests.helpers.xlsx import Sheet, make_xlsx

TODAY = pd.Timestamp("2019-01-15")
UNITS = pd.DataFrame([["DINKES", "Dinas Kesehatan", "Dinas", None]], columns=UNIT_FRAME)
PK_HEAD = ["Perangkat Daerah", "Tahun", "Sasaran", "Indikator Kinerja", "Kode Indikator", "Satuan", "Target",
           "Polarisasi", "Formula", "Pagu Anggaran (Rp)"]  # fmt: skip
REAL_HEAD = ["Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Realisasi"]


def _load(pk_rows: list[list[object]], real_rows: list[list[object]] = ()):  # type: ignore[assignment]
    sheets = [Sheet("PK", [PK_HEAD, *pk_rows])]
    if real_rows:
        sheets.append(Sheet("Realisasi", [REAL_HEAD, *real_rows]))
    parsed = resolve_file(read_file(make_xlsx(*sheets), "pk.xlsx", today=TODAY), Reference(UNITS))
    return parsed.report, parsed.batch


def _pk(kode: str, satuan: str, target: object, polaritas: object = None, **kw: object) -> list[object]:
    return [
        "Dinkes",
        2018,
        "S",
        f"Indikator {kode}",
        kode,
        satuan,
        target,
        polaritas,
        kw.get("rumus"),
        kw.get("pagu"),
    ]


@pytest.mark.parametrize(
    ("cell", "satuan", "value"),
    [("30 LPK", "LPK", 30.0), ("1.000 orang", "Orang", 1000.0), ("5,51 persen", "%", 5.51),
     ("5,51 %", "persen", 5.51), ("186 per 100.000 KH", "per 100.000 KH", 186.0)],
)  # fmt: skip
def test_number_with_its_satuan_loads(cell: str, satuan: str, value: float) -> None:
    report, batch = _load([_pk("K1", satuan, cell)], [["Dinkes", 2018, 12, "K1", cell]])
    assert not report.errors, [p.line() for p in report.errors]
    assert batch.pk["target_min"].tolist() == [value]
    assert batch.realisasi["realisasi"].tolist() == [value]


@pytest.mark.parametrize(
    ("cell", "unit", "satuan"),
    [("30 LPK", "LPK", "dokumen"), ("1.000 orang", "orang", "LPK"), ("5,51 persen", "persen", "orang")],
)
def test_number_with_another_unit_is_refused_naming_both(cell: str, unit: str, satuan: str) -> None:
    report, _ = _load([_pk("K1", satuan, 30)], [["Dinkes", 2018, 12, "K1", cell]])
    real = [p for p in report.errors if p.sheet == "Realisasi"]
    assert len(real) == 1 and f"'{unit}'" in real[0].message and f"'{satuan}'" in real[0].message
    assert real[0].row == 2 and "E (Realisasi)" in real[0].column
    report, batch = _load([_pk("K1", satuan, cell)])
    target = [p for p in report.errors if p.sheet == "PK"]
    assert len(target) == 1 and f"'{unit}'" in target[0].message and f"'{satuan}'" in target[0].message
    assert "G (Target)" in target[0].column


@pytest.mark.parametrize(
    ("target", "polaritas", "warned"),
    [("≥ 95", "negatif", True), ("minimal 95", "positif", False), (">= 95", "Minimize", True),
     ("≤ 5", None, True), ("maksimal 5", "semakin kecil semakin baik", False), ("≤ 5 kasus", "negatif", False)],
)  # fmt: skip
def test_signed_target_is_its_number_with_a_warning_on_contradiction(target, polaritas, warned) -> None:
    report, batch = _load([_pk("K1", "kasus", target, polaritas)])
    assert not report.errors, [p.line() for p in report.errors]
    number = float(target.split()[1]) if " " in target else None
    assert batch.pk["target_min"].tolist() == [number]
    notes = [p for p in report.notices if "Polaritas" in p.message]
    assert bool(notes) is warned, [p.line() for p in report.notices]
    if warned:
        assert notes[0].row == 2 and target in notes[0].message


@pytest.mark.parametrize(
    ("word", "polaritas"),
    [("semakin kecil semakin baik", "negatif"), ("Semakin besar semakin baik", "positif"),
     ("Maximize", "positif"), ("Minimize", "negatif"), ("semakin tinggi semakin baik", "positif")],
)  # fmt: skip
def test_polarity_words_under_header_polarisasi(word: str, polaritas: str) -> None:
    report, batch = _load([_pk("K1", "%", 80, word)])
    assert not report.errors, [p.line() for p in report.errors]
    assert batch.pk["polaritas"].tolist() == [polaritas]


def test_pagu_anggaran_rp_and_formula_headers_are_read() -> None:
    report, batch = _load(
        [_pk("K1", "%", 80, rumus="maks 100", pagu="Rp 92.831.550.075"), _pk("K2", "%", 80, rumus="Kebalikan"),
         _pk("K3", "%", 80)]
    )  # fmt: skip
    assert not report.errors, [p.line() for p in report.errors]
    assert batch.pk["anggaran"].tolist()[0] == 92_831_550_075
    assert batch.pk["rumus_capaian"].tolist() == ["maks_100", "kebalikan", "standar"]
    bad, _ = _load([_pk("K1", "%", 80, rumus="rata-rata")])
    assert any("I (Formula)" in p.column and "Kebalikan" in p.expected for p in bad.errors)


FRACTION_HEAD = ["Perangkat Daerah", "Tahun", "Bulan", "Kode Indikator", "Realisasi", "Pembilang", "Penyebut"]


def _fractions(*rows: list[object], satuan: str = "per 100.000 KH"):
    book = make_xlsx(Sheet("PK", [PK_HEAD, _pk("AKI", satuan, 162, "negatif")]),
                     Sheet("Realisasi", [FRACTION_HEAD, *rows]))  # fmt: skip
    parsed = resolve_file(read_file(book, "aki.xlsx", today=TODAY), Reference(UNITS))
    return parsed.report, parsed.batch


def test_realisasi_from_pembilang_and_penyebut_is_exact() -> None:
    # Manggarai Timur 2019: AKI 10 kasus per 5.350 kelahiran hidup → 10 ÷ 5.350 × 100.000 = 186,9158…
    report, batch = _fractions(
        ["Dinkes", 2018, 12, "AKI", None, 10, "5.350"], ["Dinkes", 2018, 6, "AKI", "186,92", 10, 5350]
    )
    assert not report.errors, [p.line() for p in report.errors]
    assert batch.realisasi["realisasi"].tolist() == [10 / 5350 * 100_000] * 2  # the printed 186,92 agrees
    report, batch = _fractions(["Dinkes", 2018, 12, "AKI", None, 109, "1.977"], satuan="%")
    assert batch.realisasi["realisasi"].tolist() == [109 / 1977 * 100]


@pytest.mark.parametrize(
    ("row", "text"),
    [(["Dinkes", 2018, 12, "AKI", 190, 10, 5350], "Realisasi 190 tidak sama"),
     (["Dinkes", 2018, 12, "AKI", None, 10, None], "harus diisi berdua"),
     (["Dinkes", 2018, 12, "AKI", None, 10, 0], "Penyebut nol")],
)  # fmt: skip
def test_inconsistent_fractions_are_refused(row: list[object], text: str) -> None:
    report, _ = _fractions(row)
    assert any(text in p.message and p.row == 2 for p in report.errors), [p.line() for p in report.errors]


def test_riwayat_status_gives_the_claim_dates() -> None:
    head = ["No Tiket", "Tanggal Masuk", "Kelurahan", "Perangkat Daerah Tujuan", "Status", "Riwayat Status"]
    unit = pd.DataFrame(
        [["DLHK", "Dinas Lingkungan Hidup dan Kebersihan", "Dinas", None]], columns=UNIT_FRAME
    )
    rows = [["A1", "01/06/2018", "Oebufu", "DLHK", "Selesai", "Proses 30/06/2018; Selesai 14/09/2018"],
            ["A2", "01/06/2018", "Oebufu", "DLHK", "Proses", "Proses sejak 2018-06-30"],
            ["A3", "02/06/2018", "Oebufu", "DLHK", None, "Beres 30/06/2018"]]  # fmt: skip
    parsed = resolve_file(
        read_file(make_xlsx(Sheet("Pengaduan", [head, *rows])), "p.xlsx", today=TODAY), Reference(unit)
    )
    bad = [p for p in parsed.report.errors]
    assert len(bad) == 1 and bad[0].row == 4 and "F (Riwayat Status)" in bad[0].column
    comp = parsed.batch.pengaduan.set_index("no_tiket")
    day = pd.Timestamp
    assert comp.at["A1", "klaim_belum"] == day("2018-06-30") and comp.at["A1", "klaim_proses"] == day(
        "2018-06-30"
    )
    assert comp.at["A1", "klaim_selesai"] == day("2018-09-14")  # the history, not the file's date (2 June)
    assert comp.at["A2", "klaim_proses"] == day("2018-06-30") and pd.isna(comp.at["A2", "klaim_selesai"])
