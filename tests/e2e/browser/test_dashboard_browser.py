"""End to end in a real browser: `streamlit run app.py` on a demo database, driven by Chromium.

Figures on the pages are checked against the CLI's; a full-page PNG of each page is saved under
artifacts/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import pytest

from kinerja.cli import main
from kinerja.views import fmt

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # pragma: no cover - the skip below explains it
    PlaywrightTimeout = TimeoutError  # type: ignore[misc,assignment]
from tests.helpers.browser import ARGS, CHROMIUM, require_browser, streamlit_server
from tests.helpers.databases import copy_of, url

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"


def _cli(db_url: str, *args: str) -> list[dict[str, str]]:
    """The CLI's CSV (in-process `python -m kinerja --db URL … --format csv`) as rows."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", db_url, *args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    require_browser()
    db_url = url(copy_of(demo_db, tmp_path_factory.mktemp("browser")))
    with streamlit_server(db_url) as base:
        yield base, db_url


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
        yield pg
        browser.close()


def _open(page, base: str, path: str, name: str) -> str:
    """Open a page, wait until the script has finished, save a full-page PNG; return its text."""
    page.set_viewport_size({"width": 1440, "height": 1000})
    for attempt in (1, 2):  # a busy CI box may drop the first websocket session: reload once
        page.goto(f"{base}/{path}")
        try:
            page.wait_for_selector("[data-testid='stMain'] h1", timeout=45_000)
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
                "!document.querySelector('[data-testid=\"stSpinner\"]')", timeout=45_000, polling=250)  # fmt: skip
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    page.wait_for_function(  # tables draw on a canvas; their accessible copy fills in a moment later
        "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')]"
        ".every(d => !d.checkVisibility() || d.getBoundingClientRect().height < 5 || d.textContent.length > 0)", timeout=30_000, polling=250)  # fmt: skip
    page.wait_for_timeout(1500)  # plotly draws after the script ends
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    for _ in range(2):  # charts re-flow once the window is tall; measure again
        page.set_viewport_size({"width": 1440, "height": min(int(height) + 40, 12_000)})
        page.wait_for_timeout(800)
        height = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight"
        )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    text = page.locator("[data-testid='stMain']").text_content() or ""
    assert "Traceback" not in text and "Error" not in text, text[:2000]
    assert "NaN" not in text and " nan" not in text
    return text


def test_ringkasan_shows_cli_scorecard(server, page):
    base, db_url = server
    cli = _cli(db_url, "scorecard", "--year", "2018")
    text = _open(page, base, "", "ringkasan")
    top = cli[0]
    assert "Ringkasan Kota Kupang" in text and "Perlu perhatian" in text
    assert top["unit"] in text
    assert fmt.angka(float(top["nilai"]), 2) in text
    assert f"dari {fmt.bilangan(len(cli))}" in text  # units with a PK
    mean = sum(float(r["nilai"]) for r in cli if r["nilai"]) / sum(1 for r in cli if r["nilai"])
    assert fmt.angka(mean, 1) in text  # the "Rata-rata nilai unit" tile


def test_perangkat_daerah_shows_unit_nilai(server, page):
    base, db_url = server
    cli = {r["unit"]: r for r in _cli(db_url, "scorecard", "--year", "2018")}
    indicators = _cli(db_url, "indicators", "--year", "2018", "--unit", "BKAD")
    text = _open(page, base, "perangkat_daerah", "perangkat_daerah")
    unit = "Badan Keuangan dan Aset Daerah"  # first by name
    assert unit in text and "Perjanjian Kinerja" in text and "Tren per indikator" in text
    assert fmt.angka(float(cli[unit]["nilai"]), 2) in text
    assert indicators[0]["indikator"] in text
    assert fmt.persen(float(indicators[0]["capaian_periode"])) in text


def test_kecamatan_shows_six(server, page):
    base, db_url = server
    by_kec = _cli(db_url, "complaints", "--year", "2018", "--by", "kecamatan")
    text = _open(page, base, "kecamatan", "kecamatan")
    for row in by_kec:
        assert row["kelompok"] in text
    alak = next(r for r in by_kec if r["kelompok"] == "Alak")
    assert f"{fmt.bilangan(int(alak['masuk']))} aduan" in text


def test_pengaduan_totals_match_cli(server, page):
    base, db_url = server
    by_unit = _cli(db_url, "complaints", "--year", "2018")
    text = _open(page, base, "pengaduan", "pengaduan")
    assert fmt.bilangan(sum(int(r["masuk"]) for r in by_unit)) in text
    assert "Peringkat layanan" in text and "Wilson" in text


def test_metodologi_and_unduh(server, page):
    base, _ = server
    text = _open(page, base, "metodologi", "metodologi")
    assert "Permendagri 86/2017" in text and "hari kerja" in text
    text = _open(page, base, "unduh", "unduh")
    assert "Unduh Excel" in text and "Peringkat Unit" in text


def test_unduh_offers_the_lkjip_files(server, page, tmp_path):
    """Issue 11: the Unduh page's LKjIP section downloads a unit's .xlsx (checked) and .docx."""
    import openpyxl

    base, _ = server
    text = _open(page, base, "unduh", "unduh_lkjip")
    assert "Laporan Kinerja (LKjIP) per unit" in text
    assert "Unduh LKjIP (.xlsx)" in text and "Unduh LKjIP (.docx)" in text
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh LKjIP (.xlsx)").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name.startswith("lkjip_") and saved.suffix == ".xlsx"
    book = openpyxl.load_workbook(saved)
    assert book.sheetnames[0] == "Pengukuran Kinerja"
    assert book["Pengukuran Kinerja"]["A4"].value == "No"
