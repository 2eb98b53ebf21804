"""Issue 11: Rumus Capaian and the Renstra target per indicator, realisasi as a fraction, dated status claims.

Claims already stored had no date: they are dated at their complaint's Tanggal Masuk (the day), so every
figure shown before the upgrade stays what it was; claims loaded from now on carry the date of
the file that made them. Indicators stored before get the rumus they were computed with (standar).

Revision ID: 0011_lkjip
Revises: 0014_whatsapp
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_lkjip"
down_revision = "0014_whatsapp"
branch_labels = None
depends_on = None

INDIKATOR: tuple[tuple[str, sa.types.TypeEngine], ...] = (
    ("rumus_capaian", sa.Text()),
    ("target_renstra", sa.Text()),
    ("target_renstra_min", sa.Double()),
    ("target_renstra_max", sa.Double()),
    ("tahun_renstra", sa.Integer()),
)
REALISASI: tuple[tuple[str, sa.types.TypeEngine], ...] = (
    ("pembilang", sa.Double()),
    ("penyebut", sa.Double()),
)
KLAIM = ("klaim_belum", "klaim_proses", "klaim_selesai", "klaim_arsip")
# Stored status → the claims it implies (a later stage implies the earlier ones).
IMPLIED = {
    "klaim_belum": ("belum_ditindaklanjuti", "proses", "selesai"),
    "klaim_proses": ("proses", "selesai"),
    "klaim_selesai": ("selesai",),
    "klaim_arsip": ("arsip",),
}


def upgrade() -> None:
    with op.batch_alter_table("indikator") as batch:
        for name, kind in INDIKATOR:
            batch.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table("realisasi") as batch:
        for name, kind in REALISASI:
            batch.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table("pengaduan") as batch:
        for name in KLAIM:
            batch.add_column(sa.Column(name, sa.DateTime(), nullable=True))
    op.execute(sa.text("UPDATE indikator SET rumus_capaian = 'standar' WHERE rumus_capaian IS NULL"))
    if op.get_bind().dialect.name == "sqlite":  # the text SQLAlchemy writes for a DateTime
        day = "date(tanggal_masuk) || ' 00:00:00.000000'"
    else:
        day = "date_trunc('day', tanggal_masuk)"
    for column, statuses in IMPLIED.items():
        words = ", ".join(f"'{s}'" for s in statuses)
        op.execute(sa.text(f"UPDATE pengaduan SET {column} = {day} WHERE status IN ({words})"))


def downgrade() -> None:
    with op.batch_alter_table("pengaduan") as batch:
        for name in reversed(KLAIM):
            batch.drop_column(name)
    with op.batch_alter_table("realisasi") as batch:
        for name, _ in reversed(REALISASI):
            batch.drop_column(name)
    with op.batch_alter_table("indikator") as batch:
        for name, _ in reversed(INDIKATOR):
            batch.drop_column(name)
