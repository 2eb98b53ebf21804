"""Migration 0010: skipped rows stored before issue 10 (cells as written) lose their personal data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from kinerja.cli import main
from kinerja.store import revision
from kinerja.store.engine import open_engine
from tests.helpers.databases import pg_database, url

# What 0.1.0 kept for a skipped row: every cell as written, the problem quoting the bad value.
OLD_SKIPPED = [
    {
        "sheet": "Pengaduan",
        "baris": 7,
        "masalah": ["Pengaduan · baris 7 · kolom B (Tanggal Masuk): '0812-3456-7815' bukan tanggal"],
        "nilai": {
            "No Tiket": "WA-081277770000",
            "Uraian": "NIK 5371012345670001, telp (0380)821238, budi [at] mail [dot] id",
            "Saluran": "WA 0815 7000 0000",
            "Tahun": 2018,
        },
    }
]
OLD_SUMMARY = {"catatan": ["Pengaduan: kontak budi@mail.id tercatat"], "lembar": []}
MARKERS = ("5371012345670001", "821238", "budi", "0815 7000 0000", "081277770000", "0812-3456-7815")


def _upgrade_from_0014(db_url: str, capsys: pytest.CaptureFixture) -> dict:
    engine = open_engine(db_url, create=True)
    with engine.begin() as conn:
        command.upgrade(revision.alembic_config(conn), "0013_sesi")
        conn.execute(
            sa.text(
                "INSERT INTO upload (id, nama_file, sha256, pengguna, waktu, status, ringkasan, baris_dilewati) "
                "VALUES (1, 'P.xlsx', 'ab', 'admin', '2018-03-01 01:00:00', 'aktif', :r, :b)"
            ),
            {"r": json.dumps(OLD_SUMMARY), "b": json.dumps(OLD_SKIPPED)},
        )
    engine.dispose()
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    capsys.readouterr()
    engine = open_engine(db_url)
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT ringkasan, baris_dilewati FROM upload WHERE id = 1")).one()
        assert revision.current(conn) == revision.head()
    engine.dispose()
    return {"ringkasan": json.loads(row[0]), "baris_dilewati": json.loads(row[1])}


def _assert_scrubbed(stored: dict) -> None:
    text = json.dumps(stored, ensure_ascii=False)
    assert [m for m in MARKERS if m in text] == []
    (rec,) = stored["baris_dilewati"]
    assert (rec["sheet"], rec["baris"], rec["nilai"]["Tahun"]) == ("Pengaduan", 7, 2018)  # the rest is kept
    assert rec["nilai"]["Uraian"] == ("NIK [NIK disamarkan], telp [telepon disamarkan], [email disamarkan]")
    assert "'[telepon disamarkan]' bukan tanggal" in rec["masalah"][0]
    assert stored["ringkasan"]["catatan"] == ["Pengaduan: kontak [email disamarkan] tercatat"]


def test_0010_scrubs_skipped_rows_on_sqlite(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    _assert_scrubbed(_upgrade_from_0014(url(tmp_path / "lama.db"), capsys))


@pytest.mark.postgres
def test_0010_scrubs_skipped_rows_on_postgresql(capsys: pytest.CaptureFixture) -> None:
    with pg_database() as db_url:
        _assert_scrubbed(_upgrade_from_0014(db_url, capsys))
