"""Column specs, synonyms and the canonical frames shared by reader, store and metrics (DOMAIN §4)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kinerja.domain.vocabulary import TW_NAMES

# --- Sheet kinds -----------------------------------------------------------------------------
PK = "pk"
REALISASI = "realisasi"
PENGADUAN = "pengaduan"
UNIT = "unit"

SHEET_NAMES: dict[str, list[str]] = {
    # normalised sheet name prefixes (DOMAIN §4: "equals or starts with")
    UNIT: ["unit", "perangkat daerah"],
    PENGADUAN: ["pengaduan", "aduan", "keluhan"],
    PK: ["perjanjian kinerja", "pk", "rencana aksi", "renaksi"],
    REALISASI: ["realisasi"],
}
# When several kinds match a header: Unit > Pengaduan > PK > Realisasi.
KIND_PRIORITY = [UNIT, PENGADUAN, PK, REALISASI]
KIND_LABEL = {PK: "PK", REALISASI: "Realisasi", PENGADUAN: "Pengaduan", UNIT: "Unit"}


@dataclass(frozen=True)
class Column:
    """One column of a workbook sheet: canonical field, the name templates use, synonyms."""

    field: str
    name: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


# Synonyms seen in real SAKIP, e-monev and complaint systems (issue 12 §2).
_UNIT_SYNONYMS = ("OPD", "Unit Kerja", "SKPD", "Unit")
_INDICATOR_SYNONYMS = (
    "Indikator", "Indikator Sasaran", "IKU", "Indikator Kinerja Utama",
    "Indikator Kinerja Program (Outcome)", "Indikator Kinerja Kegiatan (Output)",
)  # fmt: skip
_COMPLAINT_DATE = ("Tanggal Dibuat", "Tanggal Keluhan", "Tanggal Dilaporkan", "Tanggal Pelaporan")


def _tw_synonyms(q: int, prefix: str) -> tuple[str, ...]:
    roman = ("I", "II", "III", "IV")[q - 1]
    return tuple(f"{prefix}{p} {x}" for p in ("TW", "Triwulan") for x in (roman, str(q)))


PK_COLUMNS: tuple[Column, ...] = (
    Column("unit", "Perangkat Daerah", _UNIT_SYNONYMS, True),
    Column("tahun", "Tahun", (), True),
    Column("sasaran", "Sasaran Strategis", ("Sasaran",), True),
    Column("indikator", "Indikator Kinerja", _INDICATOR_SYNONYMS, True),
    Column("kode_indikator", "Kode Indikator", ("Kode",)),
    Column("satuan", "Satuan", (), True),
    Column("target", "Target", ("Target Tahunan", "Target Kinerja"), True),
    *(
        Column(f"tw{q}", f"Target {TW_NAMES[q - 1]}", _tw_synonyms(q, "Target ") + _tw_synonyms(q, ""))
        for q in range(1, 5)
    ),
    Column("polaritas", "Polaritas"),
    Column("akumulasi", "Akumulasi", ("Cara Akumulasi", "Sifat")),
    Column("sumber_data", "Sumber Data"),
    Column("program", "Program"),
    Column("anggaran", "Anggaran", ("Pagu",)),
    Column("nama_kepala", "Nama Kepala", ("Pihak Pertama",)),
    Column("tanggal_perjanjian", "Tanggal Perjanjian"),
)

REALISASI_COLUMNS: tuple[Column, ...] = (
    Column("unit", "Perangkat Daerah", _UNIT_SYNONYMS, True),
    Column("tahun", "Tahun", (), True),
    Column("bulan", "Bulan", ("Triwulan", "TW", "Triwulan Ke")),
    Column("kode_indikator", "Kode Indikator", ("Kode",)),
    Column("indikator", "Indikator Kinerja", _INDICATOR_SYNONYMS),
    Column(
        "realisasi",
        "Realisasi",
        ("Realisasi TW", "Realisasi Triwulan", "Realisasi Kinerja", "Realisasi Kinerja Pada Triwulan"),
    ),
    Column("realisasi_anggaran", "Realisasi Anggaran"),
    Column("keterangan", "Keterangan", ("Kendala yg Dihadapi", "Kendala yang Dihadapi", "Kendala")),
    Column("bukti", "Bukti", ("Link Bukti Dukung Kinerja", "Bukti Dukung", "Link Bukti Dukung")),
)

PENGADUAN_COLUMNS: tuple[Column, ...] = (
    Column(
        "no_tiket", "No Tiket", ("Nomor Tiket", "ID Laporan", "No Registrasi", "Kode Laporan", "TrackingID")
    ),
    Column(
        "tanggal_masuk", "Tanggal Masuk", ("Tanggal Laporan", "Tanggal Pengaduan", *_COMPLAINT_DATE), True
    ),
    Column("saluran", "Saluran", ("Kanal", "Media", "Channel")),
    Column("kategori", "Kategori", ("Topik", "Aspek")),
    Column("uraian", "Uraian", ("Deskripsi", "Isi Laporan", "IsiLaporan", "Isi Laporan/Pengaduan")),
    Column("kecamatan", "Kecamatan", ("Kec/Distrik",)),
    Column("kelurahan", "Kelurahan", ("Kelurahan/Kampung",)),
    Column("unit", "Perangkat Daerah Tujuan", ("OPD Tujuan", "Disposisi", "OPD Ditugaskan", "Instansi")),
    Column("tanggal_verifikasi", "Tanggal Verifikasi"),
    Column("tanggal_disposisi", "Tanggal Disposisi"),
    Column("tanggal_tanggapan", "Tanggal Tanggapan", ("Tanggal Tindak Lanjut",)),
    Column("tanggal_selesai", "Tanggal Selesai"),
    Column("status", "Status", ("StatusOPD",)),  # StatusOPD / StatusBupati: the unit's status counts
    Column("ada_bukti", "Ada Bukti", ("Bukti",)),
    Column("tinjau_lapangan", "Tinjau Lapangan"),
)

# Complainant identity columns: recognised so they can be dropped, never stored (UU 27/2022). An
# address beside the place of the problem is the complainant's, and dropped too (issue 12).
IDENTITY_COLUMNS: tuple[str, ...] = (
    "Nama Pelapor", "Nama", "Pelapor", "No HP", "No WA", "No HP/WA", "Nomor HP", "Nomor WA",
    "No Telepon", "Telepon Pelapor", "NIK", "NIK Pelapor", "Email", "Email Pelapor", "E-mail",
    "Alamat Pelapor", "Alamat", "Kontak Pelapor", "Kontak", "Nama Pelapor/NIK", "Domisili",
    "Domisili Pelapor", "Lokasi Pelapor", "Kelurahan Pelapor", "Kecamatan Pelapor",
)  # fmt: skip

UNIT_COLUMNS: tuple[Column, ...] = (
    Column("kode", "Kode", (), True),
    Column("nama", "Nama", (), True),
    Column("jenis", "Jenis"),
    Column("alias", "Alias"),
)

# Columns the reader understands but the templates never hand out (issue 12): a printed Capaian
# (checked against Kinerja's, never stored) and a complaint's Lokasi (split into kecamatan/kelurahan).
READ_ONLY_COLUMNS: dict[str, tuple[Column, ...]] = {
    REALISASI: (Column("capaian", "Capaian", ("Capaian Kinerja", "Persentase Capaian")),),
    PENGADUAN: (Column("lokasi", "Lokasi", ("Lokasi Kejadian", "Lokasi Masalah", "Tempat Kejadian")),),
}

COLUMNS: dict[str, tuple[Column, ...]] = {
    PK: PK_COLUMNS,
    REALISASI: REALISASI_COLUMNS,
    PENGADUAN: PENGADUAN_COLUMNS,
    UNIT: UNIT_COLUMNS,
}

# --- Canonical frames (what the reader produces and the store keeps) ---------------------------
# `_baris` is the Excel row number of the source (kept for error messages, never stored).
UNIT_FRAME = ["kode", "nama", "jenis", "alias"]
PK_FRAME = [
    "unit", "tahun", "urutan", "kunci", "kode_indikator", "indikator", "sasaran", "satuan",
    "target", "target_min", "target_max", "tw1", "tw2", "tw3", "tw4", "polaritas", "akumulasi",
    "sumber_data", "program", "anggaran", "nama_kepala", "tanggal_perjanjian",
]  # fmt: skip
REALISASI_FRAME = [
    "unit", "tahun", "kunci", "bulan", "realisasi", "realisasi_anggaran", "keterangan", "bukti",
]  # fmt: skip
PENGADUAN_FRAME = [
    "no_tiket", "tiket_turunan", "tanggal_masuk", "saluran", "saluran_catatan", "kategori",
    "uraian", "kecamatan", "kelurahan", "unit", "tanggal_verifikasi", "tanggal_disposisi",
    "tanggal_tanggapan", "tanggal_selesai", "status", "ada_bukti", "tinjau_lapangan",
]  # fmt: skip
DATE_FIELDS = ("tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan", "tanggal_selesai")
COMPLAINT_DATES = ("tanggal_masuk", *DATE_FIELDS)


@dataclass
class Batch:
    """Resolved, validated rows of one file, ready for the store (unit = unit kode)."""

    units: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=UNIT_FRAME))
    pk: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PK_FRAME))
    realisasi: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REALISASI_FRAME))
    pengaduan: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PENGADUAN_FRAME))

    def is_empty(self) -> bool:
        return all(len(f) == 0 for f in (self.units, self.pk, self.realisasi, self.pengaduan))

    def without_positions(self) -> Batch:
        """The same rows with only the canonical columns (no `_sheet`/`_baris`), as the store takes them."""
        return Batch(
            units=self.units[UNIT_FRAME],
            pk=self.pk[PK_FRAME],
            realisasi=self.realisasi[REALISASI_FRAME],
            pengaduan=self.pengaduan[PENGADUAN_FRAME],
        )
