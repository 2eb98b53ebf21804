"""`python -m kinerja paket`: the meeting pack PDF — pages, every unit's nilai as printed, pictures."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from kinerja.views import fmt
from tests.helpers.databases import url

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} tidak ada (apt-get install poppler-utils; .ci/run memasangnya)")
    return found


def test_meeting_pack_pages_text_and_pictures(run, demo_db, tmp_path) -> None:
    db = url(demo_db)
    board = run(db, "scorecard", "--year", "2018", "--month", "6", "--format", "csv")
    units = list(csv.DictReader(io.StringIO(board.out)))
    out = tmp_path / "paket.pdf"
    done = run(db, "paket", "--year", "2018", "--month", "6", "-o", str(out))
    assert done.rc == 0, done.err
    info = subprocess.run([_tool("pdfinfo"), str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == 2 + len(units)  # cover, city summary, one page per unit with a PK
    assert "841.89 x 595.28" in info  # A4 landscape (points)
    text = subprocess.run([_tool("pdftotext"), "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    per_page = text.split("\f")
    assert "Paket Rapat Evaluasi" in per_page[0] and "Juni 2018" in per_page[0] and "WITA" in per_page[0]
    for u in units:  # every unit's nilai as the scorecard prints it, on the summary and on its own page
        nilai = fmt.angka(float(u["nilai"]), 2) if u["nilai"] else "belum lapor"
        assert nilai in per_page[1], (u["unit"], nilai)
        own = [p for p in per_page[2:] if p.lstrip().startswith(u["unit"])]
        assert own and f"Nilai {nilai}" in own[0], u["unit"]
    ARTIFACTS.mkdir(exist_ok=True)
    for page in (1, 3):
        subprocess.run([_tool("pdftoppm"), "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                        str(out), str(ARTIFACTS / f"paket_halaman_{page}")], check=True)  # fmt: skip
        assert (ARTIFACTS / f"paket_halaman_{page}.png").stat().st_size > 10_000


def test_meeting_pack_of_a_year_without_pk_is_one_line(run, demo_db, tmp_path) -> None:
    done = run(url(demo_db), "paket", "--year", "2016", "-o", str(tmp_path / "x.pdf"))
    assert done.rc == 2 and done.err.strip() == (
        "galat: belum ada Perjanjian Kinerja tahun 2016: paket rapat tidak dapat dibuat"
    )
    assert not (tmp_path / "x.pdf").exists()
