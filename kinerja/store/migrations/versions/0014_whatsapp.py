"""WhatsApp intake (issue 14): chat uploads, message ids, candidates, attachments, keywords, classifier.

Revision ID: 0014_whatsapp
Revises: 0009_rahasia
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_whatsapp"
down_revision = "0012_profil_kolom"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wa_unggahan",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("pengguna", sa.Text(), nullable=True),
        sa.Column("pemilik", sa.Text(), nullable=False),
        sa.Column("pemilik_unit", sa.Text(), nullable=True),
        sa.Column("format", sa.Text(), nullable=True),
        sa.Column("sha256", sa.Text(), nullable=True),
        sa.Column("pesan_baru", sa.Integer(), server_default="0", nullable=False),
        sa.Column("pesan_lama", sa.Integer(), server_default="0", nullable=False),
        sa.Column("kandidat_baru", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ringkasan", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "wa_pesan",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("unggahan_id", sa.Integer(), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("pengirim", sa.Text(), nullable=False),
        sa.Column("sisi", sa.Text(), nullable=False),
        sa.Column("kandidat", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["unggahan_id"], ["wa_unggahan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_wa_pesan_kandidat", "wa_pesan", ["kandidat"])
    op.create_table(
        "wa_kandidat",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("unggahan_id", sa.Integer(), nullable=False),
        sa.Column("pengirim", sa.Text(), nullable=False),
        sa.Column("tanggal_masuk", sa.DateTime(), nullable=False),
        sa.Column("tanggal_tanggapan", sa.DateTime(), nullable=True),
        sa.Column("uraian", sa.Text(), nullable=True),
        sa.Column("jumlah_pesan", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ada_bukti", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("catatan", sa.Text(), nullable=True),
        sa.Column("saran", sa.Text(), nullable=True),
        sa.Column("kelurahan", sa.Text(), nullable=True),
        sa.Column("kecamatan", sa.Text(), nullable=True),
        sa.Column("kategori", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), server_default="baru", nullable=False),
        sa.Column("alasan_buang", sa.Text(), nullable=True),
        sa.Column("digabung_ke", sa.Text(), nullable=True),
        sa.Column("upload_id", sa.Integer(), nullable=True),
        sa.Column("no_tiket", sa.Text(), nullable=True),
        sa.Column("diperbarui", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("ditriase_oleh", sa.Text(), nullable=True),
        sa.Column("ditriase_pada", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["unggahan_id"], ["wa_unggahan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_wa_kandidat_unggahan", "wa_kandidat", ["unggahan_id"])
    op.create_index("ix_wa_kandidat_status", "wa_kandidat", ["status"])
    op.create_table(
        "wa_lampiran",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kandidat", sa.Text(), nullable=False),
        sa.Column("jenis", sa.Text(), nullable=False),
        sa.Column("nama", sa.Text(), nullable=True),
        sa.Column("ukuran", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.Text(), nullable=True),
        sa.Column("koordinat", sa.Text(), nullable=True),
        sa.Column("berkas", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_wa_lampiran_kandidat", "wa_lampiran", ["kandidat"])
    op.create_table(
        "wa_kata_kunci",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kata", sa.Text(), nullable=False),
        sa.Column("kategori", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "wa_model",
        sa.Column("kunci", sa.Text(), nullable=False),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("akurasi", sa.Double(), nullable=True),
        sa.Column("jumlah", sa.Integer(), nullable=True),
        sa.Column("dilatih_oleh", sa.Text(), nullable=True),
        sa.Column("dilatih_pada", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("kunci"),
    )


def downgrade() -> None:
    for name in ("wa_model", "wa_kata_kunci", "wa_lampiran", "wa_kandidat", "wa_pesan", "wa_unggahan"):
        op.drop_table(name)
