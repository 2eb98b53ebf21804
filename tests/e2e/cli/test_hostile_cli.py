"""Hostile files through the real entry point (issue 10 §1): exit 2, one Indonesian line per file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kinerja.store import readers as store
from kinerja.store.engine import connect
from tests.helpers.hostile import far_corner, hidden_far_cell
from tests.helpers.xlsx import COMPLAINT_HEADER, REAL_HEADER, Sheet, complaint_row, make_xlsx, pk_rows

ROOT = Path(__file__).resolve().parents[3]


def test_far_corner_and_hidden_far_cell_through_python_m_kinerja(db, tmp_path):
    # A subprocess on purpose: before issue 10 the reader aborted the whole process (SIGABRT).
    corner, hidden = tmp_path / "pojok.xlsx", tmp_path / "tengah.xlsx"
    corner.write_bytes(far_corner())
    hidden.write_bytes(hidden_far_cell())
    cmd = [sys.executable, "-m", "kinerja", "--db", db, "import", str(corner), str(hidden)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, lines  # one line per file, no backtrace of the dead reader
    assert lines[0].startswith("pojok.xlsx: sheet 'Pengaduan' memakai area A1:XFD1048576")
    assert lines[1].startswith("tengah.xlsx: berkas tidak dapat dibaca: ")
    assert "pojok.xlsx: DITOLAK" in done.stdout and "tengah.xlsx: DITOLAK" in done.stdout
    engine = connect(db)
    assert store.read_pengaduan(engine).empty and store.list_uploads(engine).empty
    engine.dispose()


def test_control_characters_in_a_file_name_are_not_printed_raw(db, run, tmp_path):
    """`kinerja uploads` prints stored file names: a terminal escape in one must not reach the screen."""
    name = "aduan\x1b]0;diretas\x07\x1b[2J\u202e.xlsx"
    path = tmp_path / name
    path.write_bytes(make_xlsx(Sheet("Pengaduan", [COMPLAINT_HEADER, complaint_row("E1")])))
    assert run(db, "import", str(path)).rc == 0
    listed = run(db, "uploads")
    assert listed.rc == 0 and "aduan" in listed.out
    assert [c for c in listed.out if (ord(c) < 32 and c != "\n") or c == "\u202e"] == []


def test_pk_that_drops_indicators_needs_hapus_indikator(db, run, tmp_path):
    """Issue 10 §6: a PK re-upload that drops an indicator deletes its realisasi only when confirmed."""
    pk, real = tmp_path / "pk.xlsx", tmp_path / "real.xlsx"
    pk.write_bytes(make_xlsx(Sheet("PK", pk_rows())))
    rows = [REAL_HEADER] + [["Dinas Kesehatan", 2018, m, "DINKES-2", None, 100 + m] for m in (1, 2)]
    real.write_bytes(make_xlsx(Sheet("Realisasi", rows)))
    assert run(db, "import", str(pk), str(real)).rc == 0
    smaller = tmp_path / "pk_baru.xlsx"
    smaller.write_bytes(make_xlsx(Sheet("PK", [r for r in pk_rows() if r[4] != "DINKES-2"])))
    refused = run(db, "import", str(smaller))
    assert refused.rc == 2
    assert (
        "PK ini menghapus 1 indikator beserta 2 realisasinya: 'Angka kematian ibu' (DINKES 2018, 2 realisasi)"
        in refused.err
    )
    assert "--hapus-indikator" in refused.err
    engine = connect(db)
    assert len(store.read_realisasi(engine)) == 2  # nothing changed
    confirmed = run(db, "import", "--hapus-indikator", str(smaller))
    assert confirmed.rc == 0, confirmed.err
    assert store.read_realisasi(engine).empty and set(store.read_pk(engine)["kunci"]) == {
        "DINKES-1",
        "DINKES-3",
    }
    engine.dispose()
