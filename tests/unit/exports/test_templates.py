"""Workbook writers: templates and the round-tripping export."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kinerja.domain import schema, vocabulary
from kinerja.exports.export import write_export
from kinerja.exports.templates import write_template

KINDS = {
    schema.PK: ("PK", schema.PK_COLUMNS),
    schema.REALISASI: ("Realisasi", schema.REALISASI_COLUMNS),
    schema.PENGADUAN: ("Pengaduan", schema.PENGADUAN_COLUMNS),
    schema.UNIT: ("Unit", schema.UNIT_COLUMNS),
}
TRICKY = 0.1 + 0.2  # 0.30000000000000004: needs 17 significant digits


def _open(buf: io.BytesIO) -> openpyxl.Workbook:
    buf.seek(0)
    return openpyxl.load_workbook(buf)


def _header(ws) -> list[str]:
    return [c.value for c in ws[1] if c.value is not None]


def _indicators() -> pd.DataFrame:
    rows = [
        ("IKU-1", "IKU-1", "Angka harapan hidup", None),
        ("cakupan imunisasi", None, "Cakupan imunisasi", None),
        ("pengaduan ditindaklanjuti", None, "Pengaduan ditindaklanjuti", "pengaduan:selesai_pct"),
    ]
    frame = pd.DataFrame(
        [
            {"unit": "DINKES", "tahun": 2025, "urutan": i, "kunci": k, "kode_indikator": kode,
             "indikator": name, "sumber_data": sumber}
            for i, (k, kode, name, sumber) in enumerate(rows, start=1)
        ]
    )  # fmt: skip
    return frame.reindex(columns=schema.PK_FRAME)


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_header_and_petunjuk(kind: str, tmp_path) -> None:
    path = tmp_path / f"{kind}.xlsx"
    write_template(kind, path)
    wb = openpyxl.load_workbook(path)
    sheet, columns = KINDS[kind]
    assert wb.sheetnames == [sheet, "Petunjuk"]
    ws = wb[sheet]
    assert _header(ws) == [c.name for c in columns]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    assert ws.max_row == 1  # blank
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "UU 27/2022" in petunjuk
    assert "beberapa sheet" in petunjuk
    for col in columns:
        assert f": {col.name}" in petunjuk


def test_template_validations_and_petunjuk_values() -> None:
    buf = io.BytesIO()
    write_template(schema.PENGADUAN, buf)
    wb = _open(buf)
    sources = [dv.formula1 for dv in wb["Pengaduan"].data_validations.dataValidation]
    assert any("Belum Diverifikasi" in f and "Arsip" in f for f in sources)
    assert any('"Ya,Tidak"' == f for f in sources)
    buf = io.BytesIO()
    write_template(schema.PK, buf)
    wb = _open(buf)
    sources = [dv.formula1 for dv in wb["PK"].data_validations.dataValidation]
    assert '"positif,negatif"' in sources
    assert '"kumulatif,akhir,rata_rata"' in sources
    text = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    for expected in (*vocabulary.SUMBER_PENGADUAN, "80-90", "85,5", "dd/mm/yyyy", "rata_rata"):
        assert expected in text


def test_realisasi_template_prefilled_without_complaint_indicators() -> None:
    buf = io.BytesIO()
    write_template(schema.REALISASI, buf, unit="Dinas Kesehatan", year=2025, indicators=_indicators())
    buf.seek(0)
    frame = pd.read_excel(buf, sheet_name="Realisasi", engine="calamine")
    n = len(schema.REALISASI_COLUMNS)  # the canonical columns first; grey information columns follow
    assert list(frame.columns)[:n] == [c.name for c in schema.REALISASI_COLUMNS]
    assert len(frame) == 24
    counts = frame["Indikator Kinerja"].value_counts()
    assert counts.to_dict() == {"Angka harapan hidup": 12, "Cakupan imunisasi": 12}
    assert sorted(frame["Bulan"].unique()) == list(range(1, 13))
    assert set(frame["Perangkat Daerah"]) == {"Dinas Kesehatan"}
    assert set(frame["Tahun"]) == {2025}
    assert frame["Realisasi"].isna().all()
    kode = frame.loc[frame["Indikator Kinerja"] == "Angka harapan hidup", "Kode Indikator"]
    assert set(kode) == {"IKU-1"}
    assert frame.loc[frame["Indikator Kinerja"] == "Cakupan imunisasi", "Kode Indikator"].isna().all()
    wb = _open(buf)
    text = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "Pengaduan ditindaklanjuti" in text and "pengaduan" in text


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        write_template("anggaran", io.BytesIO())


# --- Export -------------------------------------------------------------------------------------


def _frames() -> dict[str, pd.DataFrame]:
    units = pd.DataFrame(
        {
            "kode": ["DINKES", "PDAM"],
            "nama": ["Dinas Kesehatan", "Perumda Air Minum Tirta Lontar"],
            "jenis": ["Dinas", "Luar Pemkot"],
            "alias": [None, ["PDAM", "Perumda Air Minum"]],
        }
    )
    pk = _indicators()
    pk["sasaran"] = "Meningkatnya derajat kesehatan"
    pk["satuan"] = ["tahun", "%", "%"]
    pk["target"] = [str(TRICKY), "80-90", "90"]
    pk["target_min"] = [TRICKY, 80.0, 90.0]
    pk["target_max"] = [TRICKY, 90.0, 90.0]
    pk["tw1"] = [1 / 3, np.nan, np.nan]
    pk["tw4"] = [TRICKY, 90.0, np.nan]
    pk["polaritas"] = ["positif", "negatif", "positif"]
    pk["akumulasi"] = ["akhir", "rata_rata", "akhir"]
    pk["anggaran"] = [1_250_000_000.55, np.nan, np.nan]
    pk["nama_kepala"] = "dr. Ari Wijana"
    pk["tanggal_perjanjian"] = pd.Timestamp("2025-02-27")
    pk = pk.iloc[::-1]  # export sorts by urutan
    realisasi = pd.DataFrame(
        {
            "unit": "DINKES",
            "tahun": 2025,
            "kunci": ["IKU-1", "cakupan imunisasi", "pengaduan ditindaklanjuti"],
            "bulan": [3, 1, 1],
            "realisasi": [TRICKY, 87.25, 50.0],
            "realisasi_anggaran": [123456789.12, np.nan, np.nan],
            "keterangan": ["ok", None, None],
            "bukti": [None, "https://contoh/bukti.pdf", None],
        }
    )
    pengaduan = pd.DataFrame(
        {
            "no_tiket": ["LAPOR-001", "T-20250105-ABCDEF012345", "LAPOR-003"],
            "tiket_turunan": [False, True, False],
            "tanggal_masuk": pd.to_datetime(
                ["2025-01-05 08:31:17", "2025-01-06 23:59:59", "2025-02-01 00:00:00"]
            ),
            "saluran": ["SP4N-LAPOR!", "WhatsApp", "Lainnya"],
            "saluran_catatan": [None, None, "Kotak saran"],
            "kategori": ["Air Bersih", "Jalan", None],
            "uraian": ["Air tidak mengalir", "Jalan berlubang", "Lampu mati"],
            "kecamatan": ["Oebobo", "Maulafa", None],
            "kelurahan": ["Oebufu", "Penfui", None],
            "unit": ["PDAM", "DINKES", None],
            "tanggal_verifikasi": pd.to_datetime(["2025-01-06", None, None]),
            "tanggal_disposisi": pd.to_datetime(["2025-01-06 10:00", None, None]),
            "tanggal_tanggapan": pd.to_datetime(["2025-01-08", None, None]),
            "tanggal_selesai": pd.to_datetime(["2025-01-20", None, None]),
            "status": ["selesai", "belum_diverifikasi", "arsip"],
            "ada_bukti": pd.array([True, False, None], dtype="boolean"),
            "tinjau_lapangan": [False, None, True],
        }
    )
    return {"units": units, "pk": pk, "realisasi": realisasi, "pengaduan": pengaduan}


@pytest.fixture(scope="module")
def exported() -> dict[str, pd.DataFrame]:
    buf = io.BytesIO()
    write_export(buf, **_frames())
    buf.seek(0)
    return pd.read_excel(buf, sheet_name=None, engine="calamine")


def test_export_sheets_and_headers(exported) -> None:
    assert list(exported) == ["Unit", "PK", "Realisasi", "Pengaduan"]
    for sheet, columns in [(s, c) for s, c in KINDS.values()]:
        assert list(exported[sheet].columns) == [c.name for c in columns]


def test_export_units(exported) -> None:
    unit = exported["Unit"]
    assert unit["Kode"].tolist() == ["DINKES", "PDAM"]
    assert unit["Jenis"].tolist() == ["Dinas", "Luar Pemkot"]
    assert pd.isna(unit["Alias"][0]) and unit["Alias"][1] == "PDAM|Perumda Air Minum"


def test_export_pk_round_trips(exported) -> None:
    pk = exported["PK"]
    assert pk["Indikator Kinerja"].tolist() == [
        "Angka harapan hidup",
        "Cakupan imunisasi",
        "Pengaduan ditindaklanjuti",
    ]
    assert pk["Perangkat Daerah"].tolist() == ["DINKES"] * 3
    assert pk["Target"].tolist() == [TRICKY, "80-90", 90]  # floats exact, range as text
    assert pk["Target TW I"][0] == 1 / 3
    assert pk["Target TW IV"][0] == TRICKY and pk["Target TW IV"][1] == 90
    assert pd.isna(pk["Target TW II"]).all()
    assert pk["Anggaran"][0] == 1_250_000_000.55
    assert pk["Polaritas"].tolist() == ["positif", "negatif", "positif"]
    assert pk["Akumulasi"].tolist() == ["akhir", "rata_rata", "akhir"]
    assert pk["Kode Indikator"][0] == "IKU-1" and pd.isna(pk["Kode Indikator"][1])
    assert pk["Sumber Data"][2] == "pengaduan:selesai_pct"
    assert pk["Nama Kepala"][0] == "dr. Ari Wijana"
    assert pk["Tanggal Perjanjian"][0] == pd.Timestamp("2025-02-27")
    assert pk["Tahun"].tolist() == [2025] * 3


def test_export_realisasi_joins_indicator_names(exported) -> None:
    real = exported["Realisasi"]
    # month order; the complaint-linked indicator's realisasi is computed, so not exported
    assert real["Indikator Kinerja"].tolist() == ["Cakupan imunisasi", "Angka harapan hidup"]
    assert real["Bulan"].tolist() == [1, 3]
    assert pd.isna(real["Kode Indikator"][0]) and real["Kode Indikator"][1] == "IKU-1"
    assert real["Realisasi"].tolist() == [87.25, TRICKY]
    assert real["Realisasi Anggaran"][1] == 123456789.12
    assert real["Bukti"][0] == "https://contoh/bukti.pdf"
    assert real["Keterangan"][1] == "ok"


def test_export_pengaduan_round_trips(exported) -> None:
    p = exported["Pengaduan"]
    assert p["No Tiket"][0] == "LAPOR-001"
    assert pd.isna(p["No Tiket"][1])  # derived id: left blank so it is derived again
    assert p["Tanggal Masuk"].tolist() == list(
        pd.to_datetime(["2025-01-05 08:31:17", "2025-01-06 23:59:59", "2025-02-01 00:00:00"])
    )
    assert p["Tanggal Disposisi"][0] == pd.Timestamp("2025-01-06 10:00")
    assert p["Tanggal Selesai"][0] == pd.Timestamp("2025-01-20")
    assert p["Saluran"].tolist() == ["SP4N-LAPOR!", "WhatsApp", "Kotak saran"]
    assert p["Status"].tolist() == ["Selesai", "Belum Diverifikasi", "Arsip"]
    assert p["Ada Bukti"][0] == "Ya" and p["Ada Bukti"][1] == "Tidak"
    assert pd.isna(p["Ada Bukti"][2])
    assert p["Tinjau Lapangan"][0] == "Tidak" and p["Tinjau Lapangan"][2] == "Ya"
    assert pd.isna(p["Tinjau Lapangan"][1])
    assert p["Perangkat Daerah Tujuan"][0] == "PDAM" and pd.isna(p["Perangkat Daerah Tujuan"][2])


def test_export_cells_are_typed_and_formatted() -> None:
    buf = io.BytesIO()
    write_export(buf, **_frames())
    wb = _open(buf)
    pk, p = wb["PK"], wb["Pengaduan"]
    assert pk["G2"].data_type == "n" and pk["G3"].data_type == "s"  # Target
    assert p["B2"].number_format == "dd/mm/yyyy hh:mm"
    assert p["I2"].number_format == "dd/mm/yyyy"
    assert wb["PK"].freeze_panes == "A2"


def test_export_of_empty_frames_writes_headers_only(tmp_path) -> None:
    empty = {
        "units": pd.DataFrame(columns=schema.UNIT_FRAME),
        "pk": pd.DataFrame(columns=schema.PK_FRAME),
        "realisasi": pd.DataFrame(columns=schema.REALISASI_FRAME),
        "pengaduan": pd.DataFrame(columns=schema.PENGADUAN_FRAME),
    }
    path = tmp_path / "kosong.xlsx"
    write_export(path, **empty)
    wb = openpyxl.load_workbook(path)
    for sheet, columns in KINDS.values():
        assert _header(wb[sheet]) == [c.name for c in columns]
        assert wb[sheet].max_row == 1


def test_export_of_tz_aware_dates_is_in_wita() -> None:
    frames = _frames()
    p = frames["pengaduan"]
    p["tanggal_masuk"] = p["tanggal_masuk"].dt.tz_localize("Asia/Makassar").dt.tz_convert("UTC")
    buf = io.BytesIO()
    write_export(buf, **frames)
    buf.seek(0)
    back = pd.read_excel(buf, sheet_name="Pengaduan", engine="calamine")
    assert back["Tanggal Masuk"][0] == pd.Timestamp("2025-01-05 08:31:17")


def test_realisasi_template_shows_what_to_enter_read_only_with_validation() -> None:
    """Issue 13: Satuan, Target, Akumulasi and the stored values, grey and locked; validation on Bulan and Realisasi."""
    pk = _indicators().assign(satuan=["tahun", "%", "%"], target_min=[70.0, 80.0, 90.0],
                              target_max=[70.0, 90.0, 90.0], akumulasi=["akhir", "kumulatif", "akhir"])  # fmt: skip
    stored = pd.DataFrame({"unit": ["DINKES"] * 2, "tahun": [2025] * 2, "kunci": ["cakupan imunisasi"] * 2,
                           "bulan": [1, 2], "realisasi": [7.5, 8.25]})  # fmt: skip
    buf = io.BytesIO()
    write_template(schema.REALISASI, buf, unit="Dinas Kesehatan", year=2025, indicators=pk, stored=stored)
    ws = _open(buf)["Realisasi"]
    head = _header(ws)
    info = head.index("Info satuan")  # the grey columns follow every column people fill
    assert head[info - 2 : info] == ["Pembilang", "Penyebut"]
    assert head[info:] == [
        "Info satuan",
        "Info target tahunan",
        "Info akumulasi",
        "Tersimpan bulan ini",
        "Terakhir tersimpan",
    ]
    rows = {(r[2].value, r[4].value): [c.value for c in r] for r in ws.iter_rows(min_row=2)}
    jan = rows[(1, "Cakupan imunisasi")]
    assert jan[info:] == [
        "%",
        "80-90",
        "kumulatif: isi angka bulan itu saja (dijumlahkan)",
        "7,5",
        "8,25 (Feb)",
    ]
    assert rows[(3, "Cakupan imunisasi")][info + 3] == ""  # nothing stored for March
    assert rows[(1, "Angka harapan hidup")][info : info + 3] == [
        "tahun",
        "70",
        "akhir: isi posisi akhir bulan",
    ]
    assert ws.protection.sheet  # the grey and prefilled cells cannot be changed …
    assert ws["L2"].protection.locked and ws["L2"].fill.fgColor.rgb == "FFEDEDED"
    for cell in ("C2", "F2", "J2", "K2"):  # … the cells to fill can: Bulan, Realisasi, Pembilang, Penyebut
        assert not ws[cell].protection.locked
    checks = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    month = next(v for r, v in checks.items() if r.startswith("C2:"))
    assert (month.type, month.formula1, month.formula2) == ("whole", "1", "12")
    value = next(v for r, v in checks.items() if r.startswith("F2:"))
    assert (value.type, value.operator, value.formula1, value.errorStyle) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
        "warning",
    )


def test_filled_template_imports_without_notices_about_the_grey_columns(engine) -> None:
    from kinerja.services.importer import import_file
    from tests.conftest import ADMIN
    from tests.helpers.xlsx import Sheet, make_xlsx, pk_rows

    assert import_file(engine, make_xlsx(Sheet("PK", pk_rows())), "pk.xlsx", scope=ADMIN).stored
    from kinerja.store.readers import read_pk

    buf = io.BytesIO()
    write_template(
        schema.REALISASI, buf, unit="Dinas Kesehatan", year=2018, indicators=read_pk(engine, tahun=2018)
    )
    book = _open(buf)
    book["Realisasi"]["F2"] = 81  # January, the first indicator
    out = io.BytesIO()
    book.save(out)
    report = import_file(engine, out.getvalue(), "isi.xlsx", scope=ADMIN)
    assert report.stored and report.notices == [] and report.warnings == []
