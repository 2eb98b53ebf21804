"""`python -m kinerja …` as an admin runs it: exit codes, stderr lines, no tracebacks."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.xlsx import COMPLAINT_HEADER, REAL_HEADER, Sheet, complaint_row, make_xlsx, pk_rows

ROOT = Path(__file__).resolve().parent.parent


def run(db: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", "--db", db, *args],
        cwd=ROOT, capture_output=True, text=True, input=stdin, timeout=300,
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_kinerja_never_imports_streamlit() -> None:
    """STYLE.md: the pure core never imports streamlit (checked on the source, every module)."""
    offenders = []
    for path in (ROOT / "kinerja").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []
    code = "import sys, kinerja.cli, kinerja.importer, kinerja.metrics; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_import_ok_then_refused_file_exits_2_with_lines(db: str, tmp_path: Path) -> None:
    good = write(tmp_path, "PK.xlsx", make_xlsx(Sheet("PK", pk_rows())))
    bad = write(
        tmp_path,
        "Aduan.xlsx",
        make_xlsx(
            Sheet("Pengaduan", [COMPLAINT_HEADER, complaint_row("X", **{"Tanggal Masuk": "31/02/2018"})])
        ),
    )
    first = run(db, "import", good)
    assert first.returncode == 0, first.stderr
    assert "3 baru" in first.stdout
    second = run(db, "import", good, bad)
    assert second.returncode == 2
    assert "Traceback" not in second.stderr
    assert (
        "Aduan.xlsx · Pengaduan · baris 2 · kolom B (Tanggal Masuk): '31/02/2018' bukan tanggal yang sah (diharapkan: "
        in second.stderr
    )
    assert "PK.xlsx: disimpan" in second.stdout and "3 tetap" in second.stdout


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".xls"),
        ("teks.xlsx", b"bukan workbook", "bukan berkas Excel"),
        ("kosong.xlsx", b"", "kosong"),
    ],
)
def test_bad_files_get_one_line_no_traceback(
    db: str, tmp_path: Path, name: str, data: bytes, text: str
) -> None:
    out = run(db, "import", write(tmp_path, name, data))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr + out.stdout
    assert text in out.stderr and out.stderr.startswith(name)


def test_missing_file_is_a_message(db: str) -> None:
    out = run(db, "import", "/tidak/ada.xlsx")
    assert out.returncode == 2 and "Traceback" not in out.stderr and "tidak dapat dibuka" in out.stderr


def test_partial_flag_stores_valid_rows(db: str, tmp_path: Path) -> None:
    rows = [COMPLAINT_HEADER, complaint_row("OK1"), complaint_row("BAD", Status="Beres")]
    path = write(tmp_path, "campur.xlsx", make_xlsx(Sheet("Pengaduan", rows)))
    assert run(db, "import", path).returncode == 2
    out = run(db, "import", "--sebagian", path)
    assert out.returncode == 0, out.stderr
    assert "1 baris dilewati" in out.stdout


def test_export_template_uploads_rollback(db: str, tmp_path: Path) -> None:
    assert run(db, "import", write(tmp_path, "PK.xlsx", make_xlsx(Sheet("PK", pk_rows())))).returncode == 0
    real = make_xlsx(Sheet("Realisasi", [REAL_HEADER, ["Dinkes", 2018, 1, "DINKES-1", None, 80]]))
    assert run(db, "import", write(tmp_path, "R.xlsx", real)).returncode == 0
    export = tmp_path / "ekspor.xlsx"
    assert run(db, "export", str(export)).returncode == 0
    again = run(db, "import", str(export))
    assert again.returncode == 0 and " baru" in again.stdout
    assert all(" 0 baru, 0 diperbarui" in line for line in again.stdout.splitlines() if "[" in line)
    tpl = tmp_path / "tpl.xlsx"
    out = run(db, "template", "realisasi", "-o", str(tpl), "--unit", "Dinas Kesehatan", "--year", "2018")
    assert out.returncode == 0, out.stderr
    sheet = openpyxl.load_workbook(tpl)["Realisasi"]
    assert {sheet.cell(r, 4).value for r in range(2, sheet.max_row + 1)} == {"DINKES-1", "DINKES-2"}
    history = run(db, "uploads")
    assert "R.xlsx" in history.stdout and "PK.xlsx" in history.stdout
    upload_id = next(line.split()[0] for line in history.stdout.splitlines() if "R.xlsx" in line)
    assert run(db, "rollback", upload_id).returncode == 0
    refused = run(db, "rollback", upload_id)
    assert refused.returncode == 2 and "sudah dibatalkan" in refused.stderr
    unknown = run(db, "template", "realisasi", "-o", str(tpl), "--unit", "Dinas Antah", "--year", "2018")
    assert unknown.returncode == 2 and "tidak dikenal" in unknown.stderr
