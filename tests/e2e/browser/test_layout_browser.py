"""Nothing truncated at phone width (390 × 844) or desk width (1440 × 1000) (issue 13).

A script in the page measures every visible tile value, tile label and table header: an element
whose text is cut off has `scrollWidth > clientWidth`. At desk width the named tables must also
show every column without a horizontal scroll (the ranking's "Δ bulan lalu" and "Kelengkapan",
Perangkat Daerah's Capaian tahunan, Proyeksi, Status and TW I–IV were off to the right). On the
phone, Ringkasan shows its ranking as a list and per-unit sparklines instead of the heatmap.
Screenshots (full page) are kept under artifacts/layout_*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.browser import ARGS, CHROMIUM, require_browser, streamlit_server
from tests.helpers.databases import copy_of, url

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SIZES = {"ponsel": (390, 844), "lebar": (1440, 1000)}
PAGES = {
    "": "Ringkasan",
    "perangkat_daerah": "Perangkat Daerah",
    "kecamatan": "Kecamatan",
    "pengaduan": "Pengaduan",
}
NO_SCROLL = {  # desk width: these tables show all their columns
    "": ["lebar_peringkat"],
    "perangkat_daerah": ["lebar_tabel_pk_0"],
    "kecamatan": ["tabel_kecamatan"],
    "pengaduan": ["tabel_layanan"],
}
MEASURE = """(noScroll) => {
  const shown = el => el.checkVisibility() && el.getBoundingClientRect().width > 0;
  const cut = el => el.scrollWidth > el.clientWidth + 1;
  const out = [];
  const check = (sel, what) => document.querySelectorAll(sel).forEach(el => {
    if (!shown(el)) return;
    const parts = [el, ...el.querySelectorAll('*')].filter(e => e.clientWidth > 0);
    if (parts.some(cut)) out.push(`${what}: ${el.innerText.trim().slice(0, 60)}`);
  });
  check('[data-testid="stMetricValue"]', 'nilai kartu');
  check('[data-testid="stMetricLabel"]', 'label kartu');
  check('[data-testid="stMetricDelta"], [data-testid="stMetricDeltaDescription"]', 'perubahan kartu');
  check('[data-testid="stTable"] th, [data-testid="stMarkdownContainer"] th', 'judul tabel');
  for (const key of noScroll) {
    const box = document.querySelector(`.st-key-${key}`);
    if (!box || !shown(box)) { out.push(`tabel ${key} tidak tampil`); continue; }
    const grid = box.querySelector('.dvn-scroller') || box.querySelector('[data-testid="stTable"] > div') || box;
    if (grid.scrollWidth > grid.clientWidth + 1) out.push(`tabel ${key} perlu digeser: ${grid.scrollWidth} > ${grid.clientWidth}`);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def page(demo_db, tmp_path_factory):
    require_browser("uji tata letak")
    from playwright.sync_api import sync_playwright

    db = url(copy_of(demo_db, tmp_path_factory.mktemp("layout")))
    with streamlit_server(db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
        yield base, pg
        browser.close()


def _open(pg, base: str, path: str, size: str) -> str:
    width, height = SIZES[size]
    pg.set_viewport_size({"width": width, "height": height})
    pg.goto(f"{base}/{path}")
    pg.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    pg.wait_for_selector(IDLE, timeout=60_000)
    pg.wait_for_timeout(1200)  # charts and grids draw after the script ends
    return pg.inner_text("[data-testid='stMain']")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", list(PAGES))
def test_nothing_is_truncated(page, path, size) -> None:
    base, pg = page
    text = _open(pg, base, path, size)
    assert PAGES[path].split()[0] in text
    problems = pg.evaluate(MEASURE, NO_SCROLL[path] if size == "lebar" else [])
    ARTIFACTS.mkdir(exist_ok=True)
    tall = pg.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight")
    pg.set_viewport_size({"width": SIZES[size][0], "height": min(int(tall) + 60, 14_000)})  # the whole page
    pg.wait_for_timeout(400)
    pg.screenshot(path=str(ARTIFACTS / f"layout_{path or 'ringkasan'}_{size}.png"))
    assert problems == [], problems
    if path == "" and size == "ponsel":  # the phone variant of the ranking and of the heatmap
        assert pg.locator(".st-key-ponsel_peringkat").is_visible()
        assert not pg.locator(".st-key-lebar_peringkat").is_visible()
        assert pg.locator(".st-key-ponsel_tren").is_visible()
        assert "Sangat Tinggi" in pg.inner_text(".st-key-ponsel_peringkat")
