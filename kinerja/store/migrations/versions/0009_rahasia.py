"""Per-installation secrets (table rahasia) for keyed hashes of identities and ticket numbers.

Revision ID: 0009_rahasia
Revises: 0001_baseline
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_rahasia"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rahasia",
        sa.Column("kunci", sa.Text(), nullable=False),
        sa.Column("nilai", sa.Text(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("kunci"),
    )


def downgrade() -> None:
    op.drop_table("rahasia")
