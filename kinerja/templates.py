"""Workbook writers: blank canonical templates with a Petunjuk sheet and the full data export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kinerja import schema
from kinerja.report import column_letter
from kinerja.schema import Column

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
WITA = "Asia/Makassar"
TEMPLATE_ROWS = 5000  # rows of a blank template that get data validation lists
DATE_COLUMNS = frozenset({*schema.COMPLAINT_DATES, "tanggal_perjanjian"})
NUMBER_COLUMNS = frozenset(
    {"tahun", "bulan", "tw1", "tw2", "tw3", "tw4", "anggaran", "realisasi", "realisasi_anggaran"}
)  # fmt: skip
STATUS_WORDING = {key: names[0] for key, names in schema.STATUS.items()}
YA_TIDAK = ["Ya", "Tidak"]
WIDTHS = {
    "unit": 30, "sasaran": 40, "indikator": 45, "sumber_data": 30, "program": 35,
    "anggaran": 18, "nama_kepala": 28, "uraian": 50, "kategori": 20, "saluran": 16,
    "kecamatan": 18, "kelurahan": 20, "keterangan": 30, "bukti": 25, "nama": 40, "alias": 40,
    "tanggal_masuk": 17, "realisasi_anggaran": 18,
}  # fmt: skip
# Cheap dropdowns. "warning" lets a user keep a synonym the importer also accepts (DOMAIN §4).
CHOICES: dict[str, tuple[list[str], str]] = {
    "polaritas": (list(schema.POLARITAS), "warning"),
    "akumulasi": (list(schema.AKUMULASI), "warning"),
    "status": (list(STATUS_WORDING.values()), "warning"),
    "ada_bukti": (YA_TIDAK, "warning"),
    "tinjau_lapangan": (YA_TIDAK, "warning"),
    "sumber_data": (list(schema.SUMBER_PENGADUAN), "warning"),
    "jenis": (list(schema.UNIT_JENIS), "warning"),
}

_TANGGAL = "Tanggal {} (dd/mm/yyyy). Urutan: masuk ≤ verifikasi ≤ disposisi ≤ tanggapan ≤ selesai."
# What each column means, by field; (kind, field) overrides the plain field.
HELP: dict[str | tuple[str, str], str] = {
    "unit": "Nama, kode atau alias perangkat daerah (mis. Dinas Kesehatan).",
    "tahun": "Tahun, empat angka (mis. 2025).",
    "sasaran": "Sasaran strategis. Perangkat Daerah, Tahun dan Sasaran yang kosong mengikuti "
    "baris di atasnya.",
    "indikator": "Nama indikator kinerja.",
    "kode_indikator": "Kode indikator (opsional); bila diisi, realisasi dicocokkan dengannya.",
    "satuan": "Satuan ukur (%, orang, dokumen, Rp, …).",
    "target": "Target tahunan, tidak negatif: angka (85,5 atau angka Excel) atau rentang 80-90 "
    "(juga 80 – 90 dan 80 s.d. 90).",
    "polaritas": "positif (semakin tinggi semakin baik; bawaan bila kosong) atau negatif "
    "(semakin rendah semakin baik).",
    "akumulasi": "kumulatif (realisasi bulanan dijumlahkan), akhir (nilai bulan terakhir; bawaan "
    "bila kosong) atau rata_rata (rata-rata bulan yang dilaporkan).",
    "sumber_data": "Kosongkan, kecuali untuk indikator yang realisasinya dihitung dari data pengaduan: "
    "isi salah satu dari " + ", ".join(schema.SUMBER_PENGADUAN) + ". Realisasi indikator seperti itu "
    "dihitung otomatis dan tidak diunggah.",
    "program": "Nama program (opsional).",
    "anggaran": "Pagu anggaran dalam rupiah (opsional), mis. 1.250.000.000 atau angka Excel.",
    "nama_kepala": "Nama kepala perangkat daerah, pihak pertama PK (opsional).",
    "tanggal_perjanjian": "Tanggal penandatanganan PK, dd/mm/yyyy (opsional).",
    "bulan": "Bulan 1–12 atau nama bulan (Januari, Agt, Des). Triwulan TW I–TW IV dicatat "
    "pada bulan 3, 6, 9 dan 12.",
    (schema.REALISASI, "kode_indikator"): "Kode indikator seperti di PK; bila kosong, indikator "
    "dicocokkan dengan namanya.",
    (schema.REALISASI, "indikator"): "Nama indikator seperti di PK (wajib bila Kode Indikator "
    "kosong).",
    "realisasi": "Realisasi bulan itu dalam satuan indikator. Sel kosong berarti belum "
    "dilaporkan, bukan nol.",
    "realisasi_anggaran": "Realisasi anggaran dalam rupiah (opsional).",
    "keterangan": "Catatan (opsional).",
    "bukti": "Tautan atau nama dokumen bukti (opsional).",
    "no_tiket": "Nomor tiket/registrasi (opsional). Bila kosong, sistem membuat nomor dari "
    "Tanggal Masuk (dengan jam), Saluran, Kelurahan dan Uraian.",
    "tanggal_masuk": "Tanggal pengaduan diterima, dd/mm/yyyy atau dd/mm/yyyy hh:mm.",
    "saluran": ", ".join(schema.SALURAN) + ". Saluran lain disimpan sebagai "
    f"{schema.SALURAN_LAINNYA} dengan teks aslinya.",
    "kategori": "Topik pengaduan (mis. Air Bersih, Jalan, Sampah).",
    "uraian": "Isi singkat pengaduan, TANPA identitas pelapor. Nomor HP, NIK dan e-mail di "
    "dalam uraian disamarkan sebelum disimpan.",
    "kecamatan": "Kecamatan di Kota Kupang; boleh kosong bila Kelurahan diisi.",
    "kelurahan": "Kelurahan di Kota Kupang.",
    (schema.PENGADUAN, "unit"): "Perangkat daerah yang menerima disposisi (nama, kode atau "
    "alias). Instansi di luar Pemkot (PDAM, PLN, BPJS, …) didaftarkan dulu di sheet Unit.",
    "tanggal_verifikasi": _TANGGAL.format("verifikasi oleh admin"),
    "tanggal_disposisi": _TANGGAL.format("disposisi ke perangkat daerah"),
    "tanggal_tanggapan": _TANGGAL.format("tanggapan/tindak lanjut pertama"),
    "tanggal_selesai": _TANGGAL.format("pengaduan selesai"),
    "status": "; ".join(f"{names[0]} (juga: {', '.join(names[1:])})" for names in
    schema.STATUS.values()) + ". Status dihitung dari tanggal; Arsip hanya dari kolom ini.",
    "ada_bukti": "Ya/Tidak (juga Ada/Tidak Ada, Y/T, Y/N, 1/0, ✓) — pelapor menyertakan bukti.",
    "tinjau_lapangan": "Ya/Tidak — pengaduan ditinjau ke lapangan.",
    "kode": "Kode unit, unik (mis. DINKES).",
    "nama": "Nama resmi unit (mis. Dinas Kesehatan Kota Kupang).",
    "jenis": ", ".join(schema.UNIT_JENIS) + f". {schema.LUAR_PEMKOT} tidak masuk penilaian PK.",
    "alias": "Nama lain (opsional), dipisah | (mis. PDAM|Perumda Air Minum).",
}  # fmt: skip
for _q, _tw in enumerate(schema.TW_NAMES, start=1):
    HELP[f"tw{_q}"] = (
        f"Target sampai akhir {_tw} (opsional), satuan sama dengan target tahunan; kumulatif untuk "
        f"akumulasi kumulatif. Bila kosong: kumulatif → target × {_q}/4, lainnya → target tahunan."
    )
REQUIRED_TEXT = {
    (schema.REALISASI, "bulan"): "Ya",
    (schema.REALISASI, "indikator"): "Ya*",
    (schema.REALISASI, "kode_indikator"): "Ya*",
}
GENERAL_NOTES = (
    "Baris 1 adalah judul kolom; jangan diubah. Isi data mulai baris 2.",
    "Satu berkas boleh berisi beberapa sheet (PK, Realisasi, Pengaduan, Unit); "
    "sheet dikenali dari namanya atau dari judul kolomnya.",
    "Angka: 85,5 atau angka Excel; ribuan 1.250.000; rupiah boleh ditulis Rp 1.250.000. "
    "Target rentang ditulis 80-90.",
    "Bulan: 1–12 atau nama bulan. Tanggal: dd/mm/yyyy (mis. 27/02/2018) atau tanggal Excel.",
    "Ya/Tidak: Ya, Tidak, Y, T, 1, 0 atau ✓.",
    "Unggah ulang aman: berkas yang sama dua kali tidak mengubah apa pun, dan sel kosong tidak "
    "menghapus data yang sudah tersimpan.",
    "DILARANG mengisi identitas pelapor (nama, No HP/WA, NIK, e-mail, alamat): UU 27/2022 "
    "tentang Pelindungan Data Pribadi. Kolom seperti itu dibuang saat diunggah.",
)


class _Float17(float):
    """A float that XlsxWriter writes with all 17 significant digits (it uses `.16G`)."""

    def __format__(self, spec: str) -> str:
        return repr(float(self))


def _exact(x: float) -> float:
    # XlsxWriter formats numbers with "%.16G", which loses the last digit of some floats
    # (0.1 + 0.2); the export must round-trip exactly, so those get repr's 17 digits.
    return x if float(f"{x:.16G}") == x else _Float17(x)


def _open(fp: BinaryIO | Path | str, **options: Any) -> Workbook:
    target = str(fp) if isinstance(fp, (str, Path)) else fp
    return xlsxwriter.Workbook(target, options)


def _header(wb: Workbook, ws: Worksheet, columns: Sequence[Column]) -> dict[str, Format]:
    """Bold frozen header row and column widths; returns the date format of each date field."""
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    date = wb.add_format({"num_format": DATE_FORMAT})
    stamp = wb.add_format({"num_format": DATETIME_FORMAT})
    formats = {f: stamp if f == "tanggal_masuk" else date for f in DATE_COLUMNS}
    for i, col in enumerate(columns):
        width = WIDTHS.get(col.field, max(len(col.name) + 3, 12))
        ws.set_column(i, i, width, formats.get(col.field))
        ws.write_string(0, i, col.name, bold)
    ws.freeze_panes(1, 0)
    return formats


def _validate(ws: Worksheet, columns: Sequence[Column], last_row: int) -> None:
    for i, col in enumerate(columns):
        if col.field not in CHOICES:
            continue
        values, error_type = CHOICES[col.field]
        ws.data_validation(1, i, last_row, i, {
            "validate": "list", "source": values, "error_type": error_type,
            "error_title": col.name, "error_message": "Nilai yang diterima: " + ", ".join(values),
        })  # fmt: skip


def _petunjuk(wb: Workbook, kind: str, columns: Sequence[Column], extra: Sequence[str]) -> None:
    ws = wb.add_worksheet("Petunjuk")
    title = wb.add_format({"bold": True, "font_size": 14})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 28, wrap)
    ws.set_column(1, 1, 8, wrap)
    ws.set_column(2, 2, 100, wrap)
    ws.write_string(0, 0, f"Petunjuk pengisian sheet {schema.KIND_LABEL[kind]}", title)
    row = 2
    for note in (*GENERAL_NOTES, *extra):
        ws.write_string(row, 0, "• " + note)
        row += 1
    row += 1
    for i, text in enumerate(("Kolom", "Wajib", "Arti dan nilai yang diterima")):
        ws.write_string(row, i, text, bold)
    for i, col in enumerate(columns):
        row += 1
        required = REQUIRED_TEXT.get((kind, col.field), "Ya" if col.required else "Tidak")
        # "Kolom D: Tanggal Masuk", not the bare name: a bare header name in the first rows could
        # make the importer take this sheet for a data sheet.
        ws.write_string(row, 0, f"Kolom {column_letter(i)}: {col.name}", wrap)
        ws.write_string(row, 1, required, wrap)
        ws.write_string(row, 2, HELP.get((kind, col.field), HELP.get(col.field, "")), wrap)
    if any(r == "Ya*" for (k, _), r in REQUIRED_TEXT.items() if k == kind):
        ws.write_string(row + 2, 0, "* Isi Kode Indikator atau Indikator Kinerja (salah satu).")


def write_template(
    kind: str,
    fp: BinaryIO | Path | str,
    *,
    unit: str | None = None,
    year: int | None = None,
    indicators: pd.DataFrame | None = None,
) -> None:
    """Write the blank canonical template of one sheet kind (pk, realisasi, pengaduan, unit).

    For realisasi, `indicators` (PK_FRAME rows of one unit and year) pre-fills one row per month
    and indicator, with `unit` (display name) and `year` when given, else the frame's own values;
    complaint-linked indicators are left out (computed, never uploaded). Otherwise `unit` and
    `year` are ignored.
    """
    if kind not in schema.COLUMNS:
        raise ValueError(f"jenis template tidak dikenal: {kind!r}")
    columns = schema.COLUMNS[kind]
    wb = _open(fp)
    ws = wb.add_worksheet(schema.KIND_LABEL[kind])
    formats = _header(wb, ws, columns)
    extra: list[str] = []
    n = 0
    if indicators is not None and kind == schema.REALISASI:
        rows, skipped = _prefill(indicators, unit, year)
        n = _write_rows(ws, columns, {c.field: _cells(rows, c.field) for c in columns}, formats)
        extra.append("Baris sudah disiapkan per bulan dan indikator; cukup isi kolom Realisasi.")
        if skipped:
            names = "; ".join(skipped)
            extra.append(f"Indikator yang dihitung dari data pengaduan tidak dicantumkan: {names}.")
    ws.autofilter(0, 0, max(n, 1), len(columns) - 1)
    _validate(ws, columns, max(TEMPLATE_ROWS, n + 1000))
    _petunjuk(wb, kind, columns, extra)
    wb.close()


def _prefill(indicators: pd.DataFrame, unit: str | None, year: int | None) -> tuple[pd.DataFrame, list[str]]:
    """Rows month by month, indicators in PK order; complaint-linked indicators left out."""
    frame = indicators.sort_values("urutan", kind="stable") if "urutan" in indicators else indicators
    linked = _column(frame, "sumber_data").fillna("").astype(str).str.strip().str.lower()
    linked = linked.str.startswith("pengaduan:")
    skipped = [str(name) for name in frame.loc[linked, "indikator"]]
    keep = frame.loc[~linked]
    rows = pd.concat([keep.assign(bulan=month) for month in range(1, 13)], ignore_index=True)
    if unit is not None:
        rows["unit"] = unit
    if year is not None:
        rows["tahun"] = year
    return rows.reindex(columns=[c.field for c in schema.REALISASI_COLUMNS]), skipped


# --- Export ------------------------------------------------------------------------------------


def _texts(values: pd.Series) -> list[str | None]:
    blank = values.isna().tolist()
    return [None if b or v == "" else str(v) for b, v in zip(blank, values.tolist(), strict=True)]


def _numbers(values: pd.Series) -> list[float | None]:
    floats = pd.to_numeric(values, errors="coerce").astype("float64").tolist()
    return [None if x != x else _exact(x) for x in floats]


def _serials(values: pd.Series) -> list[float | None]:
    """Excel serial day numbers of dates (tz-aware dates are shown in WITA)."""
    stamps = pd.to_datetime(values, errors="coerce")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_convert(WITA).dt.tz_localize(None)
    delta = stamps - pd.Timestamp("1899-12-30")  # Excel's epoch incl. its 1900 leap-year quirk
    days = delta.dt.days
    serial = days + (delta - pd.to_timedelta(days, unit="D")).dt.total_seconds() / 86400
    return [None if x != x else _exact(x) for x in serial.astype("float64").tolist()]


def _yes_no(values: pd.Series) -> list[str | None]:
    blank = values.isna().tolist()
    return [
        None if b else (v or None) if isinstance(v, str) else "Ya" if v else "Tidak"
        for b, v in zip(blank, values.tolist(), strict=True)
    ]


def _column(frame: pd.DataFrame, field: str) -> pd.Series:
    if field in frame:
        return frame[field]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _cells(frame: pd.DataFrame, field: str) -> list[Any]:
    values = _column(frame, field)
    if field in DATE_COLUMNS:
        return _serials(values)
    if field in NUMBER_COLUMNS:
        return _numbers(values)
    if field in ("ada_bukti", "tinjau_lapangan"):
        return _yes_no(values)
    return _texts(values)


def _write_rows(
    ws: Worksheet, columns: Sequence[Column], cells: dict[str, list[Any]], formats: dict[str, Format]
) -> int:
    """Write the cells below the header, row by row (constant_memory needs rows in order)."""
    present = [(i, col.field) for i, col in enumerate(columns) if col.field in cells]
    places = [(i, formats.get(field)) for i, field in present]
    # The undecorated writers skip XlsxWriter's A1-notation wrapper: ~20 % faster on 100k rows.
    write_string = getattr(ws, "_write_string", ws.write_string)
    write_number = getattr(ws, "_write_number", ws.write_number)
    n = 0
    for n, values in enumerate(zip(*(cells[f] for _, f in present), strict=True), start=1):
        for (i, fmt), value in zip(places, values, strict=True):
            if value is None:
                continue
            if value.__class__ is str:
                write_string(n, i, value)
            else:
                write_number(n, i, value, fmt)
    return n


def _write_sheet(wb: Workbook, kind: str, cells: dict[str, list[Any]]) -> None:
    columns = schema.COLUMNS[kind]
    ws = wb.add_worksheet(schema.KIND_LABEL[kind])
    n = _write_rows(ws, columns, cells, _header(wb, ws, columns))
    ws.autofilter(0, 0, max(n, 1), len(columns) - 1)


def _target_cell(text: Any, lo: Any, hi: Any) -> float | str | None:
    """A range target as its text (`80-90`), a single target as a number."""
    has_text = isinstance(text, str) and bool(text.strip())
    if pd.notna(lo) and pd.notna(hi):
        if float(lo) == float(hi):
            return _exact(float(lo))
        if has_text:
            return text.strip()
        # Comma decimals: a text "1.125" would read back as 1125 (DOMAIN §4, thousands dots).
        return "-".join(repr(float(x)).removesuffix(".0").replace(".", ",") for x in (lo, hi))
    if has_text:
        return text.strip()  # not parsed yet: the importer parses it as it did the first time
    return None if text is None or pd.isna(text) else _exact(float(text))


def _unit_cells(units: pd.DataFrame) -> dict[str, list[Any]]:
    def join(v: Any) -> Any:
        iterable = not isinstance(v, str) and hasattr(v, "__iter__")
        return "|".join(str(a) for a in v if a) if iterable else v

    alias = _column(units, "alias").map(join)
    return {
        "kode": _texts(_column(units, "kode")),
        "nama": _texts(_column(units, "nama")),
        "jenis": _texts(_column(units, "jenis")),
        "alias": _texts(alias),
    }


def _pk_cells(pk: pd.DataFrame) -> dict[str, list[Any]]:
    frame = pk.sort_values(["unit", "tahun", "urutan"], kind="stable") if len(pk) else pk
    cells = {c.field: _cells(frame, c.field) for c in schema.PK_COLUMNS}
    parts = [_column(frame, f).tolist() for f in ("target", "target_min", "target_max")]
    cells["target"] = [_target_cell(*t) for t in zip(*parts, strict=True)]
    return cells


def _realisasi_cells(realisasi: pd.DataFrame, pk: pd.DataFrame) -> dict[str, list[Any]]:
    keys = ["unit", "tahun", "kunci"]
    info = pd.DataFrame(
        {f: _column(pk, f) for f in [*keys, "urutan", "kode_indikator", "indikator", "sumber_data"]}
    )
    info = info.drop_duplicates(keys, keep="last")
    if info.empty:  # merging an empty object column on an int column raises
        info = info.astype({k: realisasi[k].dtype for k in keys if k in realisasi})
    frame = realisasi.drop(columns=["kode_indikator", "indikator"], errors="ignore")
    frame = frame.merge(info, on=keys, how="left", validate="many_to_one")
    # Complaint-linked indicators are computed; an uploaded value would be refused (DOMAIN §2.2).
    linked = frame["sumber_data"].fillna("").astype(str).str.lower().str.startswith("pengaduan:")
    frame = frame.loc[~linked]
    frame = frame.sort_values(["unit", "tahun", "bulan", "urutan", "kunci"], kind="stable")
    frame["indikator"] = frame["indikator"].where(frame["indikator"].notna(), frame["kunci"])
    return {c.field: _cells(frame, c.field) for c in schema.REALISASI_COLUMNS}


def _pengaduan_cells(pengaduan: pd.DataFrame) -> dict[str, list[Any]]:
    frame = pengaduan
    cells = {c.field: _cells(frame, c.field) for c in schema.PENGADUAN_COLUMNS}
    # Derived ids stay blank so the importer derives the same id again (DOMAIN §4).
    derived = _column(frame, "tiket_turunan").fillna(False).astype(bool).tolist()
    cells["no_tiket"] = [None if d else t for d, t in zip(derived, cells["no_tiket"], strict=True)]
    notes = _texts(_column(frame, "saluran_catatan"))
    cells["saluran"] = [
        n if s == schema.SALURAN_LAINNYA and n else s for s, n in zip(cells["saluran"], notes, strict=True)
    ]
    cells["status"] = [STATUS_WORDING.get(s, s) if s else None for s in cells["status"]]
    return cells


def write_export(
    fp: BinaryIO | Path | str,
    *,
    units: pd.DataFrame,
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    pengaduan: pd.DataFrame,
) -> None:
    """Write the stored data as one canonical workbook (Unit, PK, Realisasi, Pengaduan).

    A fixed point of the importer: importing the export changes nothing. Units are written by
    kode; derived complaint ids are left blank; numbers and dates are Excel values.
    """
    wb = _open(fp, constant_memory=True)
    _write_sheet(wb, schema.UNIT, _unit_cells(units))
    _write_sheet(wb, schema.PK, _pk_cells(pk))
    _write_sheet(wb, schema.REALISASI, _realisasi_cells(realisasi, pk))
    _write_sheet(wb, schema.PENGADUAN, _pengaduan_cells(pengaduan))
    wb.close()
