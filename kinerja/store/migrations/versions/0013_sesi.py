"""Server-side login sessions (table sesi): a refresh keeps the login; logout, disable and reset end it.

Revision ID: 0013_sesi
Revises: 0011_lkjip
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_sesi"
down_revision = "0011_lkjip"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sesi",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("nama", sa.Text(), nullable=False),
        sa.Column("mulai", sa.DateTime(), nullable=False),
        sa.Column("terakhir", sa.DateTime(), nullable=False),
        sa.Column("sso", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sesi_nama", "sesi", ["nama"])


def downgrade() -> None:
    op.drop_index("ix_sesi_nama", table_name="sesi")
    op.drop_table("sesi")
