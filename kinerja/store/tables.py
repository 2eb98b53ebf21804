"""The store's tables (SQLAlchemy Core) and the storage kind of every canonical field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME

TEXT, INT, FLOAT, DATE, BOOL = "text", "int", "float", "date", "bool"

_INTS: tuple[str, ...] = ("tahun", "urutan", "bulan")

_FLOATS: tuple[str, ...] = ("target_min", "target_max", "tw1", "tw2", "tw3", "tw4")

_FLOATS += ("anggaran", "realisasi", "realisasi_anggaran")

_DATES: tuple[str, ...] = ("tanggal_perjanjian", "tanggal_masuk", "tanggal_verifikasi")

_DATES += ("tanggal_disposisi", "tanggal_tanggapan", "tanggal_selesai")

_BOOLS: tuple[str, ...] = ("tiket_turunan", "ada_bukti", "tinjau_lapangan")


def field_type(name: str) -> str:
    """Storage kind of a canonical field (every other field is text)."""
    for kind, names in ((INT, _INTS), (FLOAT, _FLOATS), (DATE, _DATES), (BOOL, _BOOLS)):
        if name in names:
            return kind
    return TEXT


_SA_TYPES: dict[str, Any] = {
    TEXT: sa.Text,
    INT: sa.Integer,
    FLOAT: sa.Double,
    DATE: sa.DateTime,
    BOOL: sa.Boolean,
}


def _data_table(name: str, fields: Sequence[str], *indexes: tuple[str, ...]) -> sa.Table:
    cols = [sa.Column(f, _SA_TYPES[field_type(f)](), nullable=f != "tiket_turunan") for f in fields]
    idx = [sa.Index(f"ix_{name}_{'_'.join(i)}", *i) for i in indexes]
    return sa.Table(name, metadata, sa.Column("id", sa.Text, primary_key=True), *cols, *idx)


metadata = sa.MetaData()

PK_HEAD = ["unit", "tahun", "nama_kepala", "tanggal_perjanjian"]

INDIKATOR_FIELDS = [c for c in PK_FRAME if c not in ("nama_kepala", "tanggal_perjanjian")]

unit = _data_table("unit", UNIT_FRAME)

pk = _data_table("pk", PK_HEAD, ("tahun",), ("unit", "tahun"))

indikator = _data_table("indikator", INDIKATOR_FIELDS, ("tahun",), ("unit", "tahun"))

realisasi = _data_table("realisasi", REALISASI_FRAME, ("tahun",), ("unit", "tahun"))

pengaduan = _data_table("pengaduan", PENGADUAN_FRAME, ("tanggal_masuk",), ("unit",))

DATA_TABLES: dict[str, sa.Table] = {t.name: t for t in (unit, pk, indikator, realisasi, pengaduan)}

upload = sa.Table(
    "upload",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nama_file", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text),
    sa.Column("pengguna", sa.Text),
    sa.Column("waktu", sa.DateTime, nullable=False),  # UTC, naive
    sa.Column("status", sa.Text, nullable=False, server_default="aktif"),  # aktif | dibatalkan
    sa.Column("dibatalkan_oleh", sa.Text),
    sa.Column("dibatalkan_pada", sa.DateTime),  # UTC, naive
    sa.Column("ringkasan", sa.Text),  # JSON
    sa.Column("baris_dilewati", sa.Text),  # JSON list of skipped rows (DOMAIN §4)
)

perubahan = sa.Table(
    "perubahan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("upload_id", sa.Integer, sa.ForeignKey("upload.id"), nullable=False),
    sa.Column("tabel", sa.Text, nullable=False),
    sa.Column("kunci", sa.Text, nullable=False),
    sa.Column("sebelum", sa.Text),  # JSON before-image; NULL when the upload added the row
    sa.Column("sesudah", sa.Text),  # JSON after-image of an updated row; NULL when added/deleted
    sa.Index("ix_perubahan_upload_tabel_kunci", "upload_id", "tabel", "kunci"),
)

pengaturan = sa.Table(
    "pengaturan",
    metadata,
    sa.Column("kunci", sa.Text, primary_key=True),
    sa.Column("nilai", sa.Text),  # JSON
    sa.Column("diubah_oleh", sa.Text),
    sa.Column("diubah_pada", sa.DateTime),  # UTC, naive
)

# Accounts (issue 6): Argon2 hash only, never the password; opd/camat bound to one unit.
pengguna = sa.Table(
    "pengguna",
    metadata,
    sa.Column("nama", sa.Text, primary_key=True),  # user name, lower case
    sa.Column("hash", sa.Text, nullable=False),  # Argon2id (argon2-cffi)
    sa.Column("peran", sa.Text, nullable=False),  # walikota | admin | opd | camat
    sa.Column("unit", sa.Text),  # unit kode (opd, camat)
    sa.Column("email", sa.Text, unique=True),  # single sign-on (st.login) mapping
    sa.Column("aktif", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("gagal", sa.Integer, nullable=False, server_default="0"),  # failed logins in a row
    sa.Column("terkunci_sampai", sa.DateTime),  # UTC, naive
    sa.Column("dibuat_pada", sa.DateTime),  # UTC, naive
    sa.Column("login_terakhir", sa.DateTime),  # UTC, naive
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("waktu", sa.DateTime, nullable=False),  # UTC, naive
    sa.Column("pelaku", sa.Text),
    sa.Column("aksi", sa.Text, nullable=False),
    sa.Column("detail", sa.Text),  # JSON, never a password or hash
    sa.Index("ix_audit_waktu", "waktu"),
)

# Locked months (issue 5): realisasi for a locked (tahun, bulan) is refused until unlocked;
# each lock and unlock is also written to `audit` (aksi kunci_periode / buka_kunci_periode).
periode_kunci = sa.Table(
    "periode_kunci",
    metadata,
    sa.Column("tahun", sa.Integer, primary_key=True),
    sa.Column("bulan", sa.Integer, primary_key=True),
    sa.Column("dikunci_oleh", sa.Text),
    sa.Column("dikunci_pada", sa.DateTime),  # UTC, naive
)

# Per-installation secrets (keyed hashes of identities and tickets, UU 27/2022): made once, never shown.
rahasia = sa.Table(
    "rahasia",
    metadata,
    sa.Column("kunci", sa.Text, primary_key=True),
    sa.Column("nilai", sa.Text, nullable=False),  # hex
    sa.Column("dibuat_pada", sa.DateTime),  # UTC, naive
)

# WhatsApp intake (issue 14). No phone number, contact name or chat file name is ever stored
# (UU 27/2022): senders and messages are keyed hashes (kinerja.domain.text.keyed_hash).
wa_unggahan = sa.Table(
    "wa_unggahan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("waktu", sa.DateTime, nullable=False),  # UTC, naive
    sa.Column("pengguna", sa.Text),
    sa.Column("pemilik", sa.Text, nullable=False),  # posko | walikota | unit
    sa.Column("pemilik_unit", sa.Text),  # unit kode when the phone is a unit's
    sa.Column("format", sa.Text),  # "Android (Indonesia)", "iOS (Inggris)" …
    sa.Column("sha256", sa.Text),  # of the uploaded bytes
    sa.Column("pesan_baru", sa.Integer, nullable=False, server_default="0"),
    sa.Column("pesan_lama", sa.Integer, nullable=False, server_default="0"),
    sa.Column("kandidat_baru", sa.Integer, nullable=False, server_default="0"),
    sa.Column("ringkasan", sa.Text),  # JSON: masked counts, notices
)
wa_pesan = sa.Table(
    "wa_pesan",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),  # keyed id: sender, minute, place in the minute
    sa.Column("unggahan_id", sa.Integer, sa.ForeignKey("wa_unggahan.id"), nullable=False),
    sa.Column("waktu", sa.DateTime, nullable=False),  # as the phone showed it (WITA)
    sa.Column("pengirim", sa.Text, nullable=False),  # keyed hash of the sender
    sa.Column("sisi", sa.Text, nullable=False),  # warga | pemilik
    sa.Column("kandidat", sa.Text),
    sa.Index("ix_wa_pesan_kandidat", "kandidat"),
)
wa_kandidat = sa.Table(
    "wa_kandidat",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),  # the keyed id of its first message
    sa.Column("unggahan_id", sa.Integer, sa.ForeignKey("wa_unggahan.id"), nullable=False),
    sa.Column("pengirim", sa.Text, nullable=False),  # keyed hash of the citizen
    sa.Column("tanggal_masuk", sa.DateTime, nullable=False),
    sa.Column("tanggal_tanggapan", sa.DateTime),
    sa.Column("uraian", sa.Text),  # masked
    sa.Column("jumlah_pesan", sa.Integer, nullable=False, server_default="0"),
    sa.Column("ada_bukti", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("catatan", sa.Text),  # JSON list
    sa.Column("saran", sa.Text),  # JSON: kelurahan, kecamatan, kategori, unit, alasan, sumber_unit
    sa.Column("kelurahan", sa.Text),  # the admin's values (suggestions until edited)
    sa.Column("kecamatan", sa.Text),
    sa.Column("kategori", sa.Text),
    sa.Column("unit", sa.Text),
    sa.Column(
        "status", sa.Text, nullable=False, server_default="baru"
    ),  # baru | diterima | dibuang | digabung
    sa.Column("alasan_buang", sa.Text),  # bukan_pengaduan | spam | duplikat
    sa.Column("digabung_ke", sa.Text),
    sa.Column("upload_id", sa.Integer),  # the complaint upload that stored it
    sa.Column("no_tiket", sa.Text),
    sa.Column("diperbarui", sa.Boolean, nullable=False, server_default=sa.false()),  # news after acceptance
    sa.Column("ditriase_oleh", sa.Text),
    sa.Column("ditriase_pada", sa.DateTime),  # UTC, naive
    sa.Index("ix_wa_kandidat_unggahan", "unggahan_id"),
    sa.Index("ix_wa_kandidat_status", "status"),
)
wa_lampiran = sa.Table(
    "wa_lampiran",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kandidat", sa.Text, nullable=False),
    sa.Column("jenis", sa.Text, nullable=False),
    sa.Column("nama", sa.Text),  # file name without identity (a contact card never keeps its name)
    sa.Column("ukuran", sa.Integer),
    sa.Column("sha256", sa.Text),
    sa.Column("koordinat", sa.Text),
    sa.Column("berkas", sa.Text),  # path under data/media when media storage is on
    sa.Index("ix_wa_lampiran_kandidat", "kandidat"),
)
wa_kata_kunci = sa.Table(
    "wa_kata_kunci",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kata", sa.Text, nullable=False),  # phrases separated by |
    sa.Column("kategori", sa.Text, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),  # unit kode, or "(kecamatan)"
)
wa_model = sa.Table(
    "wa_model",
    metadata,
    sa.Column("kunci", sa.Text, primary_key=True),
    sa.Column("model", sa.Text, nullable=False),  # JSON (vocabulary, idf, weights), never a pickle
    sa.Column("akurasi", sa.Double),
    sa.Column("jumlah", sa.Integer),
    sa.Column("dilatih_oleh", sa.Text),
    sa.Column("dilatih_pada", sa.DateTime),  # UTC, naive
)

# Column mapping profiles (issue 12 §3): a header layout (tanda) the admin mapped once, by name.
profil_kolom = sa.Table(
    "profil_kolom",
    metadata,
    sa.Column("nama", sa.Text, primary_key=True),
    sa.Column("jenis", sa.Text, nullable=False),  # sheet kind: pk | realisasi | pengaduan | unit
    sa.Column("tanda", sa.Text, nullable=False, unique=True),  # the header's normalised names
    sa.Column("pemetaan", sa.Text, nullable=False),  # JSON {header as printed: field, "" = ignored}
    sa.Column("dibuat_oleh", sa.Text),
    sa.Column("dibuat_pada", sa.DateTime),  # UTC, naive
    sa.Column("diubah_pada", sa.DateTime),  # UTC, naive
)
