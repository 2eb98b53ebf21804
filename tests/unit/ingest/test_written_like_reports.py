"""Cells as reports write them (issue 11): a number with its unit, a signed target, polarity words, budget headers."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.domain.schema import UNIT_FRAME
from kinerja.ingest.files import Reference, read_file, resolve_file
from kinerja.ingest.report import ERROR, NOTICE
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


# Each group of cases is one workbook, read once (a row per case: K0, K1, …); the tests look up their row.
LOADS = [("30 LPK", "LPK", 30.0), ("1.000 orang", "Orang", 1000.0), ("5,51 persen", "%", 5.51),
         ("5,51 %", "persen", 5.51), ("186 per 100.000 KH", "per 100.000 KH", 186.0)]  # fmt: skip
OTHER_UNIT = [
    ("30 LPK", "LPK", "dokumen"),
    ("1.000 orang", "orang", "LPK"),
    ("5,51 persen", "persen", "orang"),
]
SIGNED = [("≥ 95", "negatif", True), ("minimal 95", "positif", False), (">= 95", "Minimize", True),
          ("≤ 5", None, True), ("maksimal 5", "semakin kecil semakin baik", False),
          ("≤ 5 kasus", "negatif", False)]  # fmt: skip
WORDS = [("semakin kecil semakin baik", "negatif"), ("Semakin besar semakin baik", "positif"),
         ("Maximize", "positif"), ("Minimize", "negatif"), ("semakin tinggi semakin baik", "positif")]  # fmt: skip


def _cases(cases: list[tuple]) -> list[tuple]:
    return [(f"K{i}", *case) for i, case in enumerate(cases)]


# The `written` workbook's PK rows in order (row 2 is the first, below the header).
WRITTEN = (
    [f"K{i}" for i in range(len(LOADS))]
    + [f"S{i}" for i in range(len(SIGNED))]
    + [f"W{i}" for i in range(len(WORDS))]
)


def _row(report, sheet: str, kode: str, order: list[str] | None = None) -> list:  # type: ignore[no-untyped-def]
    excel_row = (order.index(kode) if order else int(kode[1:])) + 2
    return [p for p in report.problems if p.sheet == sheet and p.row == excel_row]


@pytest.fixture(scope="module")
def written():  # type: ignore[no-untyped-def]
    """One workbook, no errors expected: numbers with their unit (K0…), signed targets (S0…), polarity words (W0…)."""
    pk = [_pk(k, satuan, cell) for k, cell, satuan, _ in _cases(LOADS)]
    pk += [_pk(f"S{k[1:]}", "kasus", target, pol) for k, target, pol, _ in _cases(SIGNED)]
    pk += [_pk(f"W{k[1:]}", "%", 80, word) for k, word, _ in _cases(WORDS)]
    report, batch = _load(pk, [["Dinkes", 2018, 12, k, cell] for k, cell, _, _ in _cases(LOADS)])
    kode = batch.pk.set_index("kunci")["kode_indikator"]
    real = batch.realisasi.assign(kode=batch.realisasi["kunci"].map(kode)).set_index("kode")
    return report, batch.pk.set_index("kode_indikator"), real


@pytest.mark.parametrize(("kode", "cell", "satuan", "value"), _cases(LOADS), ids=[c[0] for c in LOADS])
def test_number_with_its_satuan_loads(written, kode: str, cell: str, satuan: str, value: float) -> None:
    report, pk, real = written
    assert not report.errors, [p.line() for p in report.errors]
    assert pk.at[kode, "target_min"] == value and pk.at[kode, "satuan"] == satuan
    assert real.at[kode, "realisasi"] == value


@pytest.fixture(scope="module")
def other_unit():  # type: ignore[no-untyped-def]
    """The unit word in the realisasi (target a plain 30), then in the target."""
    cases = _cases(OTHER_UNIT)
    in_real, _ = _load([_pk(k, satuan, 30) for k, _, _, satuan in cases],
                       [["Dinkes", 2018, 12, k, cell] for k, cell, _, _ in cases])  # fmt: skip
    in_target, _ = _load([_pk(k, satuan, cell) for k, cell, _, satuan in cases])
    return in_real, in_target


@pytest.mark.parametrize(
    ("kode", "cell", "unit", "satuan"), _cases(OTHER_UNIT), ids=[c[0] for c in OTHER_UNIT]
)
def test_number_with_another_unit_is_refused_naming_both(other_unit, kode, cell, unit, satuan) -> None:
    in_real, in_target = other_unit
    (real,) = _row(in_real, "Realisasi", kode)
    assert f"'{unit}'" in real.message and f"'{satuan}'" in real.message
    assert "E (Realisasi)" in real.column and real.level == ERROR
    assert not _row(in_real, "PK", kode)
    (target,) = _row(in_target, "PK", kode)
    assert f"'{unit}'" in target.message and f"'{satuan}'" in target.message
    assert "G (Target)" in target.column and target.level == ERROR


@pytest.mark.parametrize(
    ("kode", "target", "polaritas", "warned"), _cases(SIGNED), ids=[c[0] for c in SIGNED]
)
def test_signed_target_is_its_number_with_a_warning_on_contradiction(
    written, kode, target, polaritas, warned
) -> None:
    report, pk, _ = written
    kode = f"S{kode[1:]}"
    assert not report.errors, [p.line() for p in report.errors]
    assert pk.at[kode, "target_min"] == float(target.split()[1])
    notes = [p for p in _row(report, "PK", kode, WRITTEN) if "Polaritas" in p.message]
    assert bool(notes) is warned, [p.line() for p in report.notices]
    if warned:
        assert target in notes[0].message and notes[0].level == NOTICE


@pytest.mark.parametrize(("kode", "word", "polaritas"), _cases(WORDS), ids=[c[0] for c in WORDS])
def test_polarity_words_under_header_polarisasi(written, kode: str, word: str, polaritas: str) -> None:
    report, pk, _ = written
    kode = f"W{kode[1:]}"
    assert not report.errors, [p.line() for p in report.errors]
    assert pk.at[kode, "polaritas"] == polaritas
    assert pk.at[kode, "rumus_capaian"] == "standar"  # a blank Formula cell is the standard rule


@pytest.mark.parametrize("header", ["Pagu Anggaran (Rp)", "Pagu Anggaran"])
def test_pagu_anggaran_and_formula_headers_are_read(header: str) -> None:
    rows = [_pk("K1", "%", 80, rumus="maks 100", pagu="Rp 92.831.550.075"), _pk("K2", "%", 80, rumus="Kebalikan"),
            _pk("K3", "%", 80, rumus="rata-rata")]  # fmt: skip
    sheet = Sheet("PK", [[*PK_HEAD[:-1], header], *rows])
    parsed = resolve_file(read_file(make_xlsx(sheet), "pk.xlsx", today=TODAY), Reference(UNITS))
    report, pk = parsed.report, parsed.batch.pk
    assert pk["anggaran"].tolist()[0] == 92_831_550_075
    assert pk["rumus_capaian"].tolist()[:2] == ["maks_100", "kebalikan"]
    (bad,) = report.errors  # an unknown rule names the column and the three rules
    assert bad.row == 4 and "I (Formula)" in bad.column and "Kebalikan" in bad.expected


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


BAD_FRACTIONS = [([190, 10, 5350], "Realisasi 190 tidak sama"), ([None, 10, None], "harus diisi berdua"),
                 ([None, 10, 0], "Penyebut nol")]  # fmt: skip


@pytest.fixture(scope="module")
def bad_fractions():  # type: ignore[no-untyped-def]
    report, _ = _fractions(
        *(["Dinkes", 2018, 10 + i, "AKI", *cells] for i, (cells, _) in enumerate(BAD_FRACTIONS))
    )
    return report


@pytest.mark.parametrize(("excel_row", "text"), [(i + 2, t) for i, (_, t) in enumerate(BAD_FRACTIONS)])
def test_inconsistent_fractions_are_refused(bad_fractions, excel_row: int, text: str) -> None:
    (problem,) = (p for p in bad_fractions.problems if p.row == excel_row)
    assert text in problem.message and problem.level == ERROR, problem.line()


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
