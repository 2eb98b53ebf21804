"""Every entry goes through app.py's router, also the first deep link after a server (re)start.

Streamlit runs a file under pages/ on its own for the first request of a fresh server process
when a `pages/` folder exists (its multipage v1 mode); ui.router hands that run back to app.py.
Each test starts its own `streamlit run` server, so the deep link is the server's first request.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.store.engine import connect
from tests.helpers.accounts import cheap_hashes, create_accounts
from tests.helpers.browser import ARGS, CHROMIUM, require_browser, streamlit_server
from tests.helpers.databases import copy_of, url

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"
FILE_NAMES = ("app", "audit", "kecamatan", "metodologi", "pengaduan", "perangkat daerah", "perangkat_daerah",
              "ringkasan", "unduh", "unggah", "pengaturan")  # fmt: skip
ROUTER_TITLES = ("Ringkasan Kota", "Perangkat Daerah", "Kecamatan", "Pengaduan", "Unduh", "Metodologi")


def _first_visit(db_url: str, path: str, shot: str, ready: str) -> tuple[list[str], str]:
    """Start a fresh server, open `path` as its very first request; (sidebar link texts, page text).

    `ready` is a text the routed page shows: the run that ui.router hands over ends at once, so
    the test waits for the router's run to draw it, then for that run to finish.
    """
    from playwright.sync_api import sync_playwright

    with streamlit_server(db_url) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
        page.goto(f"{base}/{path}")
        page.get_by_text(ready).first.wait_for(timeout=60_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
        # a link reads "<icon name>\n<title>": keep the title
        links = [
            t.strip().splitlines()[-1]
            for t in page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
        ]
        text = page.inner_text("[data-testid='stApp']")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
        browser.close()
    return links, text


def test_first_deep_link_with_accounts_shows_the_login_form_alone(demo_db: Path, tmp_path: Path) -> None:
    require_browser("uji router")
    path = copy_of(demo_db, tmp_path)
    engine = connect(url(path))
    with cheap_hashes():
        create_accounts(engine, ("admin",))
    engine.dispose()
    links, text = _first_visit(url(path), "audit", "router_login_audit.png", "Nama pengguna")
    assert links == []  # nothing to navigate before a login: no file names, no pages
    assert "Nama pengguna" in text and "Kata sandi" in text
    assert "Log Audit" not in text  # the page behind the link is not run without the router
    assert "Keluar" not in text


def test_first_deep_link_in_mode_demo_uses_the_router_titles(demo_db: Path, tmp_path: Path) -> None:
    require_browser("uji router")
    path = copy_of(demo_db, tmp_path)
    links, text = _first_visit(
        url(path), "kecamatan", "router_demo_kecamatan.png", "Pengaduan yang berlokasi"
    )
    assert set(ROUTER_TITLES) <= set(links)
    # Streamlit's own discovery would list the files ("app", "audit", "kecamatan", …), all lower case.
    assert [link for link in links if link in FILE_NAMES] == []
    assert "Mode demo" in text
    assert "Pengaduan yang berlokasi di kecamatan" in text  # the Kecamatan page itself, run by the router
