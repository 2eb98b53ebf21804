"""Schema migrations (Alembic): a 0.1.0 database upgrades to head; a database behind the code is refused."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from kinerja import paths
from kinerja.cli import main
from kinerja.errors import DatabaseError, SchemaOutdated
from kinerja.store import revision
from kinerja.store.engine import connect, open_engine
from kinerja.store.readers import read_units
from tests.helpers.databases import pg_database, url

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# A unit and an upload as the 0.1.0 release stored them: they must survive the upgrade.
OLD_ROWS = (
    "INSERT INTO unit (id, kode, nama, jenis, alias) VALUES ('DINKES', 'DINKES', 'Dinas Kesehatan', 'Dinas', 'Dinkes')",
    "INSERT INTO upload (id, nama_file, sha256, pengguna, waktu, status, ringkasan, baris_dilewati) "
    "VALUES (1, 'PK_2018.xlsx', 'abc', 'admin', '2018-03-01 01:00:00', 'aktif', '{}', '[]')",
)


def _old_database(engine: sa.Engine, dialect: str) -> None:
    """Tables exactly as 0.1.0 created them (its DDL, kept as a fixture), with a few rows."""
    lines = (FIXTURES / f"schema_0_1_0_{dialect}.sql").read_text().splitlines()
    ddl = "\n".join(line for line in lines if not line.startswith("--"))
    with engine.begin() as conn:
        for stmt in (s.strip() for s in ddl.split(";")):
            if stmt:
                conn.exec_driver_sql(stmt)
        for stmt in OLD_ROWS:
            conn.exec_driver_sql(stmt)


def _assert_upgraded(db_url: str) -> None:
    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            assert sa.inspect(conn).has_table("alembic_version")
            assert revision.current(conn) == revision.head()
            assert (
                conn.execute(sa.text("SELECT nama_file FROM upload WHERE id = 1")).scalar_one()
                == "PK_2018.xlsx"
            )
        assert read_units(engine).set_index("kode").at["DINKES", "nama"] == "Dinas Kesehatan"
    finally:
        engine.dispose()


def test_db_upgrade_brings_a_0_1_0_sqlite_database_to_head(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db_url = url(tmp_path / "lama.db")
    engine = open_engine(db_url, create=True)
    _old_database(engine, "sqlite")
    engine.dispose()
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    assert "revisi" in capsys.readouterr().out
    _assert_upgraded(db_url)
    assert main(["--db", db_url, "db", "upgrade"]) == 0  # a second upgrade changes nothing
    assert "sudah pada revisi terbaru" in capsys.readouterr().out


@pytest.mark.postgres
def test_db_upgrade_brings_a_0_1_0_postgresql_database_to_head(capsys: pytest.CaptureFixture) -> None:
    with pg_database() as db_url:
        engine = open_engine(db_url)
        _old_database(engine, "postgresql")
        engine.dispose()
        assert main(["--db", db_url, "db", "upgrade"]) == 0
        _assert_upgraded(db_url)


def test_an_empty_database_is_not_used_until_it_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db_url = url(tmp_path / "baru.db")
    with pytest.raises(DatabaseError, match="tidak ada"):
        connect(db_url)
    assert not (tmp_path / "baru.db").exists()
    assert main(["--db", db_url, "db", "status"]) == 2
    assert not (tmp_path / "baru.db").exists()
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    assert main(["--db", db_url, "db", "status"]) == 0


@pytest.fixture
def newer_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The code one revision ahead of the database: a copy of the migrations with a 0002 that adds a column."""
    folder = tmp_path / "migrations"
    current_head = revision.head()
    shutil.copytree(revision.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "0002_uji.py").write_text(
        '"""Test revision: a new column."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f'revision = "0002_uji"\ndown_revision = "{current_head}"\nbranch_labels = None\ndepends_on = None\n\n\n'
        "def upgrade() -> None:\n"
        '    with op.batch_alter_table("unit") as batch:\n'
        '        batch.add_column(sa.Column("catatan_uji", sa.Text()))\n\n\n'
        "def downgrade() -> None:\n"
        '    with op.batch_alter_table("unit") as batch:\n'
        '        batch.drop_column("catatan_uji")\n'
    )
    monkeypatch.setattr(revision, "MIGRATIONS", folder)
    revision.head.cache_clear()
    yield "0002_uji"
    revision.head.cache_clear()


def test_a_database_behind_the_code_is_refused_then_upgraded(
    tmp_path: Path, newer_code: str, capsys: pytest.CaptureFixture
) -> None:
    db_url = url(tmp_path / "kota.db")
    previous = _down_revision_of(newer_code)
    engine = open_engine(db_url, create=True)
    with engine.begin() as conn:  # a database at the previous head, as the previous code left it
        command.upgrade(revision.alembic_config(conn), previous)
    engine.dispose()
    with pytest.raises(SchemaOutdated, match="db upgrade"):
        connect(db_url)
    assert main(["--db", db_url, "uploads"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and previous in err and newer_code in err
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    engine = connect(db_url)
    with engine.connect() as conn:
        assert "catatan_uji" in {c["name"] for c in sa.inspect(conn).get_columns("unit")}
    engine.dispose()


def test_the_default_sqlite_file_upgrades_itself(tmp_path: Path, newer_code: str, monkeypatch) -> None:
    default = tmp_path / "data" / "kinerja.db"
    monkeypatch.setattr(paths, "DEFAULT_DB", default)
    monkeypatch.setattr(paths, "DEFAULT_DB_URL", url(default))
    monkeypatch.delenv(paths.DB_URL_ENV, raising=False)
    engine = connect()  # created, at the newer head, without asking
    with engine.connect() as conn:
        assert revision.current(conn) == newer_code
    engine.dispose()


def _down_revision_of(name: str) -> str:
    text = (revision.MIGRATIONS / "versions" / f"{name}.py").read_text()
    return text.split('down_revision = "', 1)[1].split('"', 1)[0]


def test_the_head_read_from_the_files_is_alembics(newer_code: str) -> None:
    # the app checks the revision without importing Alembic (issue 15: start-up time)
    assert revision.head() == revision.alembic_head() == newer_code
