"""Scrub personal data from stored skipped rows and upload notes (issue 10, UU 27/2022).

Before this revision "simpan baris yang valid saja" kept the skipped rows' cells as written:
a NIK, a phone number or an e-mail in any column reached the database, pg_dump and the Riwayat
download. Every text in `upload.baris_dilewati` and `upload.ringkasan` is masked here with the
same patterns the importer uses now (kinerja.domain.privacy). Not reversible: the downgrade
keeps the masked text.

Revision ID: 0010_scrub_skipped
Revises: 0013_sesi
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from kinerja.domain.privacy import mask_text

revision = "0010_scrub_skipped"
down_revision = "0013_sesi"
branch_labels = None
depends_on = None


def _masked(value: Any) -> Any:
    """Every string in a JSON value masked (keys are column names, kept)."""
    if isinstance(value, str):
        return mask_text(value)[0]
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    return value


def upgrade() -> None:
    conn = op.get_bind()
    upload = sa.table("upload", sa.column("id"), sa.column("baris_dilewati"), sa.column("ringkasan"))
    rows = conn.execute(sa.select(upload.c.id, upload.c.baris_dilewati, upload.c.ringkasan)).all()
    for uid, skipped, summary in rows:
        changes = {}
        for name, text in (("baris_dilewati", skipped), ("ringkasan", summary)):
            if not text:
                continue
            try:
                scrubbed = json.dumps(_masked(json.loads(text)), ensure_ascii=False, default=str)
            except ValueError:  # not JSON: masked as one text
                scrubbed = mask_text(text)[0]
            if scrubbed != text:
                changes[name] = scrubbed
        if changes:
            conn.execute(sa.update(upload).where(upload.c.id == uid).values(**changes))


def downgrade() -> None:
    pass  # masked personal data is not restored
