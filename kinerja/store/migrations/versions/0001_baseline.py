"""Baseline: the schema of Kinerja 0.1.0, the release before migrations (frozen; never edit).

Revision ID: 0001_baseline
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("pelaku", sa.Text(), nullable=True),
        sa.Column("aksi", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_waktu", "audit", ["waktu"], unique=False)
    op.create_table(
        "indikator",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=True),
        sa.Column("urutan", sa.Integer(), nullable=True),
        sa.Column("kunci", sa.Text(), nullable=True),
        sa.Column("kode_indikator", sa.Text(), nullable=True),
        sa.Column("indikator", sa.Text(), nullable=True),
        sa.Column("sasaran", sa.Text(), nullable=True),
        sa.Column("satuan", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("target_min", sa.Double(), nullable=True),
        sa.Column("target_max", sa.Double(), nullable=True),
        sa.Column("tw1", sa.Double(), nullable=True),
        sa.Column("tw2", sa.Double(), nullable=True),
        sa.Column("tw3", sa.Double(), nullable=True),
        sa.Column("tw4", sa.Double(), nullable=True),
        sa.Column("polaritas", sa.Text(), nullable=True),
        sa.Column("akumulasi", sa.Text(), nullable=True),
        sa.Column("sumber_data", sa.Text(), nullable=True),
        sa.Column("program", sa.Text(), nullable=True),
        sa.Column("anggaran", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_indikator_tahun", "indikator", ["tahun"], unique=False)
    op.create_index("ix_indikator_unit_tahun", "indikator", ["unit", "tahun"], unique=False)
    op.create_table(
        "pengaduan",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("no_tiket", sa.Text(), nullable=True),
        sa.Column("tiket_turunan", sa.Boolean(), nullable=False),
        sa.Column("tanggal_masuk", sa.DateTime(), nullable=True),
        sa.Column("saluran", sa.Text(), nullable=True),
        sa.Column("saluran_catatan", sa.Text(), nullable=True),
        sa.Column("kategori", sa.Text(), nullable=True),
        sa.Column("uraian", sa.Text(), nullable=True),
        sa.Column("kecamatan", sa.Text(), nullable=True),
        sa.Column("kelurahan", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("tanggal_verifikasi", sa.DateTime(), nullable=True),
        sa.Column("tanggal_disposisi", sa.DateTime(), nullable=True),
        sa.Column("tanggal_tanggapan", sa.DateTime(), nullable=True),
        sa.Column("tanggal_selesai", sa.DateTime(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("ada_bukti", sa.Boolean(), nullable=True),
        sa.Column("tinjau_lapangan", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pengaduan_tanggal_masuk", "pengaduan", ["tanggal_masuk"], unique=False)
    op.create_index("ix_pengaduan_unit", "pengaduan", ["unit"], unique=False)
    op.create_table(
        "pengaturan",
        sa.Column("kunci", sa.Text(), nullable=False),
        sa.Column("nilai", sa.Text(), nullable=True),
        sa.Column("diubah_oleh", sa.Text(), nullable=True),
        sa.Column("diubah_pada", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("kunci"),
    )
    op.create_table(
        "pengguna",
        sa.Column("nama", sa.Text(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False),
        sa.Column("peran", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("aktif", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("gagal", sa.Integer(), server_default="0", nullable=False),
        sa.Column("terkunci_sampai", sa.DateTime(), nullable=True),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=True),
        sa.Column("login_terakhir", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("nama"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "periode_kunci",
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("bulan", sa.Integer(), nullable=False),
        sa.Column("dikunci_oleh", sa.Text(), nullable=True),
        sa.Column("dikunci_pada", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("tahun", "bulan"),
    )
    op.create_table(
        "pk",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=True),
        sa.Column("nama_kepala", sa.Text(), nullable=True),
        sa.Column("tanggal_perjanjian", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pk_tahun", "pk", ["tahun"], unique=False)
    op.create_index("ix_pk_unit_tahun", "pk", ["unit", "tahun"], unique=False)
    op.create_table(
        "realisasi",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=True),
        sa.Column("kunci", sa.Text(), nullable=True),
        sa.Column("bulan", sa.Integer(), nullable=True),
        sa.Column("realisasi", sa.Double(), nullable=True),
        sa.Column("realisasi_anggaran", sa.Double(), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("bukti", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_realisasi_tahun", "realisasi", ["tahun"], unique=False)
    op.create_index("ix_realisasi_unit_tahun", "realisasi", ["unit", "tahun"], unique=False)
    op.create_table(
        "unit",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("kode", sa.Text(), nullable=True),
        sa.Column("nama", sa.Text(), nullable=True),
        sa.Column("jenis", sa.Text(), nullable=True),
        sa.Column("alias", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "upload",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("nama_file", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=True),
        sa.Column("pengguna", sa.Text(), nullable=True),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("status", sa.Text(), server_default="aktif", nullable=False),
        sa.Column("dibatalkan_oleh", sa.Text(), nullable=True),
        sa.Column("dibatalkan_pada", sa.DateTime(), nullable=True),
        sa.Column("ringkasan", sa.Text(), nullable=True),
        sa.Column("baris_dilewati", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "perubahan",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("tabel", sa.Text(), nullable=False),
        sa.Column("kunci", sa.Text(), nullable=False),
        sa.Column("sebelum", sa.Text(), nullable=True),
        sa.Column("sesudah", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["upload_id"],
            ["upload.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_perubahan_upload_tabel_kunci", "perubahan", ["upload_id", "tabel", "kunci"], unique=False
    )


def downgrade() -> None:
    for name in ("periode_kunci", "audit", "pengguna", "pengaturan", "perubahan", "upload",
                 "pengaduan", "realisasi", "indikator", "pk", "unit"):  # fmt: skip
        op.drop_table(name)
