"""Every spreadsheet in ../shared/real-files (issue 12): the `load` ones load, the `refuse` ones are told what they are not.

The files come from public SAKIP, e-monev and complaint projects that nobody here wrote; they are read
where they are, never copied into the repository. Expected cell values are read from the files
themselves (calamine for .xlsx/.xls, lxml for the HTML tables) and compared with what the store holds.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import lxml.html
import pandas as pd
import pytest
import python_calamine

from kinerja.cli import main
from kinerja.domain import vocabulary
from kinerja.domain.text import normalize_text
from kinerja.store.readers import list_uploads, read_pk, read_realisasi, read_units
from tests.helpers.xlsx import Sheet, make_xlsx

FOLDER = Path(__file__).resolve().parents[3].parent / "shared" / "real-files"
REQUIRED = os.environ.get("KINERJA_REQUIRE_REAL_FILES") == "1"
_ROW = re.compile(r"^\|\s*\d+\s*\|\s*`([^`]+)`\s*\|.*\|\s*(load|refuse)\s*\|\s*$")


@pytest.fixture(scope="module")
def folder() -> Path:
    if not (FOLDER / "README.md").exists():
        reason = f"folder berkas nyata {FOLDER} tidak ada (README.md-nya tidak ditemukan)"
        if REQUIRED:
            pytest.fail(f"{reason} — wajib karena KINERJA_REQUIRE_REAL_FILES=1", pytrace=False)
        pytest.skip(reason)
    return FOLDER


def expected_outcomes(folder: Path) -> dict[str, str]:
    """file name → `load` | `refuse`, as the folder's README says."""
    rows = (_ROW.match(line) for line in (folder / "README.md").read_text(encoding="utf-8").splitlines())
    return {m.group(1): m.group(2) for m in rows if m}


def cell(path: Path, sheet: str, ref: str) -> object:
    """One cell of an .xlsx/.xls as calamine reads it (A1 reference)."""
    col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(re.match(r"[A-Z]+", ref).group())))
    row = int(re.search(r"\d+", ref).group())
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return rows[row - 1][col - 1]


def html_rows(path: Path, tail: int) -> list[list[str]]:
    """The last `tail` cells of every body row of an HTML table (the columns no rowspan reaches)."""
    tree = lxml.html.fromstring(path.read_bytes())
    return [
        [" ".join(td.text_content().split()) for td in tr.findall("td")][-tail:] for tr in tree.iter("tr")
    ][1:]


def run(capsys, db: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def number(text: object) -> float:
    return float(str(text).replace("%", "").replace(",", "."))


# --- the list itself ------------------------------------------------------------------------------
LOADS = {
    "rendyirawann__esakip-v2__EVALUASI RENJA BAPPEDALITBANG TAHUN 2025.xlsx": [],
    "kaizer26__sakip-app__Template_Import_Capaian_Kinerja (1).xlsx": ["--unit", "Dinas Kesehatan", "--tahun", "2026", "--triwulan", "2"],
    "Kyozen-1__emonev__template_impor_sasaran_indikator.xlsx": ["--unit", "Inspektorat", "--tahun", "2025"],
    "andreperiozaherpa__indigo__laporan_perencanaan.xls": ["--tahun", "2025"],
    "andreperiozaherpa__indigo__laporan_pencapaian.xls": ["--tahun", "2025", "--triwulan", "2"],
}  # fmt: skip
REFUSALS = {
    "andri000me__aplikasi_esakip__CASCADE BIRO ORGANISASI APBD Perubahan.xlsx": "bagan kotak-kotak (cascading)",
    "andri000me__aplikasi_esakip__CASCADING BIRO 2017.xls": "bagan kotak-kotak (cascading)",
    "andri000me__aplikasi_esakip__RENJA BIRO PEREKONOMIAN LAMPIRAN.xls": "tabel beberapa tahun (mis. target Renstra per tahun)",
    "andri000me__aplikasi_esakip__pohon kinerja 16.xlsx": "bagan (gambar bentuk dan garis",
    "andri000me__aplikasi_esakip__Pohon Kinerja 2016 arie 28 desember  2016.xlsx": "bagan (gambar bentuk dan garis",
    "kaizer26__sakip-app__Rekap Target Volume RO PPIS Pagu ALOKASI 2026 Tapin.xlsx": "tabel per bulan tanpa kolom Indikator Kinerja",
    "RfqiAlan__Indikator-Kinerja-Utama-Universitas-Samudra__DATA IKU TW III 1-8_olah lg.xlsx": "tidak ada baris judul kolom yang dikenali",
    "Kyozen-1__emonev__template_impor_sasaran.xlsx": "daftar sasaran tanpa indikator",
    "andreperiozaherpa__indigo__template_perencanaan.xlsx": "berkas tidak berisi baris data",
    "andreperiozaherpa__indigo__template_pencapaian.xlsx": "berkas tidak berisi baris data",
    "andreperiozaherpa__indigo__template_renaksi.xlsx": "berkas tidak berisi baris data",
    "yudhis55__kke-sakip-trenggalek__Copy of DRAFT KKE SAKIP(1).xlsx": "tabel tanpa kolom Indikator dan Target/Realisasi",
    "ichien86__esakip__data subkegiatan.xlsx": "daftar rujukan indikator (nomenklatur) tanpa target maupun realisasi",
    "rendyirawann__esakip-v2__sakip_kegiatans.csv": "tidak ada baris judul kolom yang dikenali",
    "AfifahKhoeriah__span-lstm__datatrain_8_117_119.csv": "daftar teks pengaduan tanpa Tanggal Masuk",
    "AfifahKhoeriah__span-lstm__datatest_check.csv": "daftar teks pengaduan tanpa Tanggal Masuk",
}  # fmt: skip


def test_every_file_of_the_folder_is_covered_as_its_readme_says(folder: Path) -> None:
    outcomes = expected_outcomes(folder)
    on_disk = {p.name for p in folder.iterdir() if p.name != "README.md"}
    assert set(outcomes) == on_disk
    assert {n for n, o in outcomes.items() if o == "load"} == set(LOADS)
    assert {n for n, o in outcomes.items() if o == "refuse"} == set(REFUSALS)


@pytest.mark.parametrize("name", sorted(REFUSALS), ids=lambda n: n.split("__")[-1][:40])
def test_a_refuse_file_is_refused_with_what_it_is_not(folder: Path, sqlite_engine, capsys, name: str) -> None:
    db = str(sqlite_engine.url)
    before = len(list_uploads(sqlite_engine))
    code, out, err = run(capsys, db, "import", str(folder / name))
    assert code == 2
    assert "Traceback" not in out + err and "galat tak terduga" not in err
    assert REFUSALS[name] in err, err
    assert len(list_uploads(sqlite_engine)) == before


# --- the files an admin would expect to load --------------------------------------------------------
def _load(capsys, db: str, folder: Path, name: str) -> str:
    code, out, err = run(capsys, db, "import", str(folder / name), *LOADS[name])
    assert code == 0, err
    assert "disimpan" in out and "Traceback" not in out + err
    return out


def _indicator(pk: pd.DataFrame, name: object) -> pd.Series:
    rows = pk[pk["indikator"].map(normalize_text) == normalize_text(str(name))]
    assert len(rows) == 1, name
    return rows.iloc[0]


def test_evaluasi_renja_e81_loads_pk_and_quarterly_realisasi(folder: Path, sqlite_engine, capsys) -> None:
    """Permendagri 86/2017 E.81: unit from the section row, year from the title, TW I–IV realisasi."""
    name = "rendyirawann__esakip-v2__EVALUASI RENJA BAPPEDALITBANG TAHUN 2025.xlsx"
    path, sheet = folder / name, "Realisasi TW IV"
    _load(capsys, str(sqlite_engine.url), folder, name)
    units = read_units(sheet_engine := sqlite_engine).set_index("nama")
    section = str(cell(path, sheet, "F10")).split(":", 1)[1].strip()  # "Perangkat Daerah : Badan …"
    kode = units.at[section, "kode"]
    year = int(re.search(r"\d{4}", str(cell(path, sheet, "A3"))).group())
    pk = read_pk(sheet_engine, tahun=year, unit=kode)
    row = _indicator(pk, cell(path, sheet, "H14"))
    assert (row["satuan"], row["target_max"], row["anggaran"], row["sasaran"]) == (
        cell(path, sheet, "I14"), cell(path, sheet, "N14"), cell(path, sheet, "O14"), cell(path, sheet, "F13"),
    )  # fmt: skip
    assert row["akumulasi"] == "kumulatif"  # the number row says `13 = 9 + 10 + 11 + 12`
    real = read_realisasi(sheet_engine, tahun=year)
    mine = real[(real["unit"] == kode) & (real["kunci"] == row["kunci"])].set_index("bulan")
    for month, value, spent in ((3, "P14", "R14"), (6, "S14", "U14"), (9, "V14", "X14"), (12, "Y14", "AA14")):
        assert mine.at[month, "realisasi"] == pytest.approx(cell(path, sheet, value))
        assert mine.at[month, "realisasi_anggaran"] == cell(path, sheet, spent)
    heading = str(cell(path, sheet, "G11"))  # "UNSUR PENUNJANG …": a heading, not an indicator
    assert not pk["indikator"].map(normalize_text).eq(normalize_text(heading)).any()
    assert not pk["indikator"].map(normalize_text).eq(normalize_text(str(cell(path, sheet, "H108")))).any()


def test_capaian_kinerja_quarterly_upload_loads_with_unit_year_and_quarter(
    folder: Path, sqlite_engine, capsys
) -> None:
    name = "kaizer26__sakip-app__Template_Import_Capaian_Kinerja (1).xlsx"
    path, sheet = folder / name, "Worksheet"
    db = str(sqlite_engine.url)
    codes = [
        r[0]
        for r in python_calamine.CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name(sheet)
        .to_python()[1:]
    ]
    header = [
        "Perangkat Daerah",
        "Tahun",
        "Sasaran",
        "Indikator Kinerja",
        "Kode Indikator",
        "Satuan",
        "Target",
    ]
    rows = [["Dinas Kesehatan", 2026, "S", f"Indikator {c}", c, "%", 100] for c in codes]
    pk_file = Path(sqlite_engine.url.database).with_name("PK_2026.xlsx")
    pk_file.write_bytes(make_xlsx(Sheet("PK", [header, *rows])))
    assert run(capsys, db, "import", str(pk_file))[0] == 0
    _load(capsys, db, folder, name)
    real = read_realisasi(sqlite_engine, tahun=2026).set_index("kunci")
    assert len(real) == len(codes) and set(real["bulan"]) == {6} and set(real["unit"]) == {"DINKES"}
    for r in (2, 14, 15):
        kode = str(cell(path, sheet, f"A{r}"))
        assert real.at[kode, "realisasi"] == cell(path, sheet, f"B{r}")
    assert real.at[str(cell(path, sheet, "A2")), "keterangan"] == cell(
        path, sheet, "C2"
    )  # Kendala yg Dihadapi
    assert real.at[str(cell(path, sheet, "A2")), "bukti"] == cell(
        path, sheet, "H2"
    )  # Link Bukti Dukung Kinerja


def test_emonev_indicator_list_loads_as_a_pk_without_sasaran(folder: Path, sqlite_engine, capsys) -> None:
    name = "Kyozen-1__emonev__template_impor_sasaran_indikator.xlsx"
    path, sheet = folder / name, "Sheet1"
    out = _load(capsys, str(sqlite_engine.url), folder, name)
    assert "kolom Sasaran Strategis tidak ada" in out
    pk = read_pk(sqlite_engine, tahun=2025, unit="INSPEKTORAT")
    assert len(pk) == 3 and pk["sasaran"].isna().all()
    for r in (2, 3, 4):
        row = _indicator(pk, cell(path, sheet, f"B{r}"))
        assert (row["target_max"], row["satuan"]) == (cell(path, sheet, f"C{r}"), cell(path, sheet, f"D{r}"))


def test_sikap_perencanaan_html_xls_loads_with_the_iku_codes(folder: Path, sqlite_engine, capsys) -> None:
    name = "andreperiozaherpa__indigo__laporan_perencanaan.xls"
    _load(capsys, str(sqlite_engine.url), folder, name)
    pk = read_pk(sqlite_engine, tahun=2025)
    names = read_units(sqlite_engine).set_index("kode")["nama"]
    for _, kode, iku, _, target, satuan, _, unit in html_rows(folder / name, 8):
        row = pk.set_index("kode_indikator").loc[kode]
        assert (row["indikator"], row["target_max"], row["satuan"]) == (iku, number(target), satuan)
        assert normalize_text(names[row["unit"]]).startswith(normalize_text(unit))


def test_sikap_pencapaian_loads_pk_and_realisasi_and_flags_a_wrong_printed_capaian(
    folder: Path, sqlite_engine, capsys
) -> None:
    name = "andreperiozaherpa__indigo__laporan_pencapaian.xls"
    out = _load(capsys, str(sqlite_engine.url), folder, name)
    pk = read_pk(sqlite_engine, tahun=2025).set_index("kode_indikator")
    real = read_realisasi(sqlite_engine, tahun=2025).set_index("kunci")
    rows = html_rows(folder / name, 10)
    for _, kode, iku, _, target, satuan, _, realisasi, _, _ in rows:
        assert (pk.at[kode, "indikator"], pk.at[kode, "target_max"], pk.at[kode, "satuan"]) == (
            iku,
            number(target),
            satuan,
        )
        assert (real.at[kode, "bulan"], real.at[kode, "realisasi"]) == (6, number(realisasi))
    # IKU 2-2 prints 75% for 4 against 6: Kinerja's capaian is 66,67 — a notice names both
    (row,) = [r for r in rows if r[1] == "IKU-22"]
    assert (
        f"Capaian tercetak {row[8].rstrip('%')} berbeda dengan capaian Kinerja 66,67 untuk indikator '{row[2]}'"
        in out
    )


def test_sikap_polarisasi_minimize_is_negatif_once_issue_11_lands(
    folder: Path, sqlite_engine, capsys
) -> None:
    """SIKAP writes `Polarisasi` Maximize/Minimize; issue 11 teaches Kinerja those words."""
    if "minimize" not in {normalize_text(w) for w in vocabulary.POLARITAS["negatif"]}:
        pytest.skip("menunggu issue 11: header Polarisasi dan nilai Maximize/Minimize belum dikenal")
    name = "andreperiozaherpa__indigo__laporan_pencapaian.xls"
    out = _load(capsys, str(sqlite_engine.url), folder, name)
    pk = read_pk(sqlite_engine, tahun=2025).set_index("kode_indikator")
    for _, kode, _, _, _, _, polarisasi, _, _, _ in html_rows(folder / name, 10):
        assert pk.at[kode, "polaritas"] == ("negatif" if polarisasi == "Minimize" else "positif")
    assert "IKU 3-1" not in out  # 3 against 6, Minimize: 150 — as printed, no notice
