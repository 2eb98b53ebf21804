"""No identity is stored (UU 27/2022): every phone number and contact name of the demo's WhatsApp exports is
searched for in the stored database — the SQLite file and its WAL, and a pg_dump of PostgreSQL — and in the log."""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja.demo.whatsapp import DemoChat, load_whatsapp, write_chats
from kinerja.services.whatsapp import list_candidates
from kinerja.store.readers import read_pengaduan

PG_DUMP = "/usr/lib/postgresql/15/bin/pg_dump"
_PHONE = re.compile(r"(?:\+62|\b0)[\s-]?8[\d\s-]{7,16}\d")


def _export_text(chat: DemoChat) -> str:
    raw = chat.path.read_bytes()
    if chat.path.suffix != ".zip":
        return raw.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".txt"))


def _needles(chats: list[DemoChat]) -> tuple[set[str], set[str]]:
    """(phone numbers as their last 9+ digits, contact names) found anywhere in the exports."""
    phones, names = set(), set()
    for chat in chats:
        text = _export_text(chat)
        for m in _PHONE.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            phones.add(digits.removeprefix("62").removeprefix("0"))
        names |= {c for c in chat.contacts if not c.startswith("+")}
    return phones, names


def _assert_absent(blob: str, phones: set[str], names: set[str], where: str) -> None:
    digits = re.sub(r"[\s\-]", "", blob)
    low = blob.casefold()
    found = [p for p in phones if p in digits] + [n for n in names if n.casefold() in low]
    assert not found, f"{where} memuat identitas: {found[:5]}"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> list[DemoChat]:
    return write_chats(tmp_path_factory.mktemp("wa"))


def test_the_exports_do_hold_identities_to_look_for(exports: list[DemoChat]) -> None:
    phones, names = _needles(exports)
    assert len(phones) >= 60 and len(names) >= 30
    for chat in exports:  # the search finds them where they are
        with pytest.raises(AssertionError, match="memuat identitas"):
            _assert_absent(_export_text(chat), phones, names, "ekspor")


def _sqlite_bytes(engine: Engine) -> str:
    path = Path(str(engine.url.database))
    parts = [path.read_bytes()] + [
        p.read_bytes() for p in (path.with_name(path.name + "-wal"),) if p.exists()
    ]
    return b"\n".join(parts).decode("utf-8", errors="ignore")


def _pg_dump(engine: Engine) -> str:
    if not Path(PG_DUMP).exists() and shutil.which("pg_dump") is None:
        pytest.fail("pg_dump tidak ada")
    url = engine.url
    cmd = [PG_DUMP if Path(PG_DUMP).exists() else "pg_dump", "-h", str(url.host), "-p", str(url.port or 5432),
           "-U", str(url.username), "--no-owner", str(url.database)]  # fmt: skip
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def test_no_phone_number_or_contact_name_is_stored(
    engine: Engine, exports: list[DemoChat], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    phones, names = _needles(exports)
    with caplog.at_level(logging.DEBUG):
        reports = load_whatsapp(engine, tmp_path / "wa")  # the demo's path: import, triage, accept
    assert len(reports) == 3 and all(r.stored for r in reports)
    assert len(read_pengaduan(engine)) >= 150 and len(list_candidates(engine)) >= 165
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))  # the SQLite WAL is still there while a connection is open
        blob = _sqlite_bytes(engine) if engine.dialect.name == "sqlite" else _pg_dump(engine)
    assert "Sampah" in blob and "[telepon disamarkan]" in blob  # the search reads the stored text
    _assert_absent(blob, phones, names, engine.dialect.name)
    _assert_absent("\n".join(r.getMessage() for r in caplog.records), phones, names, "log")


def test_the_demo_database_holds_no_identity(demo_db: Path, exports: list[DemoChat]) -> None:
    phones, names = _needles(exports)
    parts = [demo_db.read_bytes()] + [p.read_bytes() for p in demo_db.parent.glob(demo_db.name + "-wal")]
    _assert_absent(b"\n".join(parts).decode("utf-8", "ignore"), phones, names, "data contoh")
