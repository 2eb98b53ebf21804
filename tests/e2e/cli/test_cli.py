"""`python -m kinerja …` as an admin runs it: exit codes, stderr lines, no tracebacks.

The commands run in-process (`kinerja.cli.main(argv)`); one subprocess proves the entry point and
two prove that a reader closing the pipe early (`… | head -1`) costs no traceback.
"""

from __future__ import annotations

import ast
import fcntl
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from kinerja.domain import vocabulary
from kinerja.domain.settings import SPECS, Settings
from kinerja.services.settings import load_settings
from kinerja.store.audit import read_audit
from kinerja.store.engine import connect
from tests.helpers.databases import url
from tests.helpers.xlsx import COMPLAINT_HEADER, REAL_HEADER, Sheet, complaint_row, make_xlsx, pk_rows

ROOT = Path(__file__).resolve().parents[3]
ENGLISH = ("usage:", "options:", "positional arguments", "the following arguments are required",
           "invalid int value", "invalid choice", "unrecognized arguments", "show this help")  # fmt: skip


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def one_line(err: str) -> str:
    """stderr as exactly one line without a traceback; the line."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_kinerja_never_imports_streamlit() -> None:
    """STYLE.md: the pure core never imports streamlit (checked on the source, every module)."""
    offenders = []
    for path in (ROOT / "kinerja").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def test_entry_point_runs_and_imports_no_streamlit() -> None:
    """The one real `python -m kinerja` subprocess: the entry point works, and loads no streamlit."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "kinerja", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("pemakaian: python -m kinerja ")
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line]
    assert "kinerja.cli" in imported and "kinerja.services.importer" in imported
    assert [m for m in imported if m.split(".")[0] == "streamlit"] == []


def test_import_ok_then_refused_file_exits_2_with_lines(run, db: str, tmp_path: Path) -> None:
    good = write(tmp_path, "PK.xlsx", make_xlsx(Sheet("PK", pk_rows())))
    bad = write(
        tmp_path,
        "Aduan.xlsx",
        make_xlsx(
            Sheet("Pengaduan", [COMPLAINT_HEADER, complaint_row("X", **{"Tanggal Masuk": "31/02/2018"})])
        ),
    )
    first = run(db, "import", good)
    assert first.rc == 0, first.err
    assert "3 baru" in first.out
    second = run(db, "import", good, bad)
    assert second.rc == 2
    assert "Traceback" not in second.err
    assert (
        "Aduan.xlsx · Pengaduan · baris 2 · kolom B (Tanggal Masuk): '31/02/2018' bukan tanggal yang sah (diharapkan: "
        in second.err
    )
    assert "PK.xlsx: disimpan" in second.out and "3 tetap" in second.out


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".xls"),
        ("teks.xlsx", b"bukan workbook", "bukan berkas Excel"),
        ("kosong.xlsx", b"", "kosong"),
    ],
)
def test_bad_files_get_one_line_no_traceback(
    run, db: str, tmp_path: Path, name: str, data: bytes, text: str
) -> None:
    out = run(db, "import", write(tmp_path, name, data))
    assert out.rc == 2
    assert "Traceback" not in out.err + out.out
    assert text in out.err and out.err.startswith(name)


def test_missing_file_is_a_message(run, db: str) -> None:
    out = run(db, "import", "/tidak/ada.xlsx")
    assert out.rc == 2 and "Traceback" not in out.err and "tidak dapat dibuka" in out.err


def test_partial_flag_stores_valid_rows(run, db: str, tmp_path: Path) -> None:
    rows = [COMPLAINT_HEADER, complaint_row("OK1"), complaint_row("BAD", Status="Beres")]
    path = write(tmp_path, "campur.xlsx", make_xlsx(Sheet("Pengaduan", rows)))
    assert run(db, "import", path).rc == 2
    out = run(db, "import", "--sebagian", path)
    assert out.rc == 0, out.err
    assert "1 baris dilewati" in out.out


def test_export_template_uploads_rollback(run, db: str, tmp_path: Path) -> None:
    assert run(db, "import", write(tmp_path, "PK.xlsx", make_xlsx(Sheet("PK", pk_rows())))).rc == 0
    real = make_xlsx(Sheet("Realisasi", [REAL_HEADER, ["Dinkes", 2018, 1, "DINKES-1", None, 80]]))
    assert run(db, "import", write(tmp_path, "R.xlsx", real)).rc == 0
    export = tmp_path / "ekspor.xlsx"
    assert run(db, "export", str(export)).rc == 0
    again = run(db, "import", str(export))
    assert again.rc == 0 and " baru" in again.out
    assert all(" 0 baru, 0 diperbarui" in line for line in again.out.splitlines() if "[" in line)
    tpl = tmp_path / "tpl.xlsx"
    out = run(db, "template", "realisasi", "-o", str(tpl), "--unit", "Dinas Kesehatan", "--year", "2018")
    assert out.rc == 0, out.err
    sheet = openpyxl.load_workbook(tpl)["Realisasi"]
    assert {sheet.cell(r, 4).value for r in range(2, sheet.max_row + 1)} == {"DINKES-1", "DINKES-2"}
    history = run(db, "uploads")
    assert "R.xlsx" in history.out and "PK.xlsx" in history.out
    upload_id = next(line.split()[0] for line in history.out.splitlines() if "R.xlsx" in line)
    rolled = run(db, "--user", "budi.admin", "rollback", upload_id)
    assert rolled.rc == 0, rolled.err
    assert rolled.out == f"unggahan #{upload_id} dibatalkan (realisasi: 1)\n"
    engine = connect(db)
    last = read_audit(engine).iloc[0]
    assert (last["aksi"], last["pelaku"]) == (vocabulary.BATAL_UNGGAH, "budi.admin")
    assert last["detail"] == {"unggahan": int(upload_id), "baris": {"realisasi": 1}}
    n_events = len(read_audit(engine))
    refused = run(db, "rollback", upload_id)
    assert refused.rc == 2 and "sudah dibatalkan" in refused.err
    assert len(read_audit(engine)) == n_events  # a refused rollback records nothing
    engine.dispose()
    unknown = run(db, "template", "realisasi", "-o", str(tpl), "--unit", "Dinas Antah", "--year", "2018")
    assert unknown.rc == 2 and "tidak dikenal" in unknown.err


# --- settings ------------------------------------------------------------------------------------
def test_setting_list_names_every_key(run, db: str) -> None:
    out = run(db, "setting", "list")
    assert out.rc == 0 and out.err == ""
    assert [line.split(" = ")[0] for line in out.out.splitlines()] == list(SPECS)
    assert "sla_respon_hk = 5    # Batas tanggapan pertama (hari kerja)" in out.out.splitlines()


def test_setting_set_changes_the_setting_and_is_audited(run, db: str) -> None:
    out = run(db, "--user", "budi.admin", "setting", "set", "sla_respon_hk", "6")
    assert out.rc == 0, out.err
    assert out.out == "sla_respon_hk = 6 (disimpan; tercatat di log audit)\n"
    engine = connect(db)
    assert load_settings(engine).sla_respon_hk == 6
    log = read_audit(engine)
    assert len(log) == 1
    assert (log.iloc[0]["aksi"], log.iloc[0]["pelaku"]) == (vocabulary.UBAH_PENGATURAN, "budi.admin")
    assert log.iloc[0]["detail"] == {"sla_respon_hk": {"lama": "5", "baru": "6"}}
    engine.dispose()
    assert "sla_respon_hk = 6    #" in run(db, "setting", "list").out


@pytest.mark.parametrize(
    ("key", "value", "line"),
    [
        ("sla_respon_hk", "7x", "galat: sla_respon_hk: '7x' bukan angka (diharapkan: bilangan bulat 1–60)"),
        ("sla_respon_hk", "6,5", "galat: sla_respon_hk: '6,5' bukan bilangan bulat (diharapkan: bilangan bulat 1–60)"),
        ("sla_respon_hk", "61", "galat: sla_respon_hk: 61 di luar batas (diharapkan: bilangan bulat 1–60)"),
        ("tidak_ada", "1", "galat: pengaturan 'tidak_ada' tidak dikenal (diharapkan salah satu dari: "
                           + ", ".join(SPECS) + ")"),
        ("unit_lihat_unit_lain", "mungkin",
         "galat: unit_lihat_unit_lain: 'mungkin' bukan ya/tidak (diharapkan: ya atau tidak)"),
    ],
)  # fmt: skip
def test_setting_set_refuses_a_bad_value_with_one_line(run, db: str, key: str, value: str, line: str) -> None:
    out = run(db, "setting", "set", key, value)
    assert (out.rc, out.out) == (2, "")
    assert one_line(out.err) == line
    engine = connect(db)
    assert load_settings(engine) == Settings()  # nothing changed
    assert read_audit(engine).empty  # and nothing recorded
    engine.dispose()


# --- the database ----------------------------------------------------------------------------------
def test_unreachable_postgresql_is_one_line(run) -> None:
    out = run("postgresql+psycopg://nobody@127.0.0.1:1/x", "uploads")
    assert (out.rc, out.out) == (2, "")
    line = one_line(out.err)
    assert line.startswith("galat: basis data tidak dapat dihubungi (") and "127.0.0.1" in line


def test_sqlite_path_in_a_missing_folder_is_refused_and_not_created(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the relative path below resolves here
    out = run("sqlite:///no/such/dir/x.db", "uploads")
    assert (out.rc, out.out) == (2, "")
    assert one_line(out.err) == (
        "galat: berkas basis data no/such/dir/x.db tidak ada; periksa --db, atau buat basis data baru "
        "dengan `python -m kinerja --db URL db upgrade`"
    )
    upgrade = run("sqlite:///no/such/dir/x.db", "db", "upgrade")
    assert upgrade.rc == 2
    assert (
        one_line(upgrade.err) == "galat: folder no/such/dir tidak ada; basis data tidak dapat dibuat di sana"
    )
    assert list(tmp_path.iterdir()) == []  # neither the file nor its folders


def test_missing_sqlite_file_is_refused_until_db_upgrade_creates_it(run, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = url(path)
    out = run(db, "uploads")
    assert (out.rc, out.out) == (2, "")
    assert one_line(out.err) == (
        f"galat: berkas basis data {path} tidak ada; periksa --db, atau buat basis data baru dengan "
        "`python -m kinerja --db URL db upgrade`"
    )
    assert list(tmp_path.iterdir()) == []
    created = run(db, "db", "upgrade")
    assert created.rc == 0, created.err
    assert re.fullmatch(r"basis data dinaikkan dari revisi \(kosong\) ke \S+\n", created.out)
    assert path.is_file()
    assert run(db, "uploads").out == "belum ada unggahan\n"
    again = run(db, "db", "upgrade")
    assert again.rc == 0 and again.out.startswith("basis data sudah pada revisi terbaru")
    status = run(db, "db", "status")
    assert status.rc == 0 and status.out.endswith(" · terbaru\n")


# --- Indonesian help and usage errors --------------------------------------------------------------
@pytest.mark.parametrize("argv", [["--help"], ["import", "--help"], ["setting", "set", "--help"]])
def test_help_is_indonesian(run, argv: list[str]) -> None:
    out = run(None, *argv)
    assert (out.rc, out.err) == (0, "")
    assert out.out.startswith("pemakaian: python -m kinerja")
    assert "tampilkan bantuan ini lalu keluar" in out.out
    assert [w for w in ENGLISH if w in out.out.lower()] == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import"], "python -m kinerja import: galat: argumen wajib belum diisi: BERKAS"),
        (["rollback", "abc"], "python -m kinerja rollback: galat: argumen NOMOR: 'abc' bukan bilangan bulat"),
        (["scorecard", "--year", "2018", "--format", "xml"],
         "python -m kinerja scorecard: galat: argumen --format: pilihan 'xml' tidak dikenal "
         "(pilih: 'table', 'csv', 'json')"),
        (["unggah"], "python -m kinerja: galat: argumen PERINTAH: pilihan 'unggah' tidak dikenal (pilih: "),
    ],
)  # fmt: skip
def test_usage_errors_are_indonesian(run, argv: list[str], message: str) -> None:
    out = run(None, *argv)
    assert (out.rc, out.out) == (2, "")
    lines = out.err.splitlines()  # the usage (may wrap), then one error line
    assert lines[0].startswith("pemakaian: python -m kinerja")
    assert lines[-1].startswith(message) and sum(": galat: " in line for line in lines) == 1
    assert [w for w in ENGLISH if w in out.err.lower()] == []


# --- a reader that goes away ------------------------------------------------------------------------
def _kinerja(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "kinerja", "--db", db, *args]


# stdout block-buffered, as in an admin's shell (a test runner may set PYTHONUNBUFFERED)
SHELL_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def test_scorecard_piped_into_head_prints_no_traceback(demo_db: Path) -> None:
    cmd = shlex.join(_kinerja(url(demo_db), "scorecard", "--year", "2018", "--format", "csv")) + " | head -1"
    out = subprocess.run(
        cmd, shell=True, cwd=ROOT, env=SHELL_ENV, capture_output=True, text=True, timeout=120
    )
    assert out.stdout == "unit,jenis,indikator,dilaporkan,kelengkapan_pct,nilai,kategori\n"
    assert out.stderr == "", out.stderr  # no Traceback, no BrokenPipeError, no "Exception ignored"


@pytest.mark.parametrize("command", ["scorecard", "indicators"])
def test_reader_closing_early_costs_no_traceback(demo_db: Path, command: str) -> None:
    """The pipe really breaks: a 4 KiB pipe whose reader takes one line (indicators: 18 KB of CSV,
    broken mid-print), or none at all (scorecard: 2 KB, still in stdout's buffer when the reader
    has gone, so the flush breaks); the CLI stops quietly with exit 1."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(_kinerja(url(demo_db), command, "--year", "2018", "--format", "csv"), cwd=ROOT,
                            env=SHELL_ENV, stdout=write_end, stderr=subprocess.PIPE, text=True)  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        if command == "indicators":
            assert reader.readline().startswith("unit,kode,indikator,")
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert (proc.returncode, err) == (1, "")
