"""Column mapping profiles (table profil_kolom): a header layout mapped once loads next month without asking.

Revision ID: 0012_profil_kolom
Revises: 0009_rahasia
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_profil_kolom"
down_revision = "0009_rahasia"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profil_kolom",
        sa.Column("nama", sa.Text(), nullable=False),
        sa.Column("jenis", sa.Text(), nullable=False),
        sa.Column("tanda", sa.Text(), nullable=False),
        sa.Column("pemetaan", sa.Text(), nullable=False),
        sa.Column("dibuat_oleh", sa.Text(), nullable=True),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=True),
        sa.Column("diubah_pada", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("nama"),
        sa.UniqueConstraint("tanda"),
    )


def downgrade() -> None:
    op.drop_table("profil_kolom")
