"""The Kotak Masuk WhatsApp and the Ringkasan integrity panel in a real browser, at 1440 px and 390 px.

`streamlit run app.py` on a copy of the demo database with one more posko export waiting for
triage; the screenshots land in artifacts/ (kotak_masuk_1440.png, kotak_masuk_390.png,
ringkasan_integritas.png).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.demo.whatsapp import write_chats
from kinerja.services.whatsapp import import_chat
from kinerja.store.engine import connect
from tests.conftest import ADMIN
from tests.helpers.accounts import SANDI, cheap_hashes, create_accounts
from tests.helpers.browser import ARGS, CHROMIUM, require_browser, streamlit_server
from tests.helpers.databases import copy_of, url

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"
IDLE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
    "!document.querySelector('[data-testid=\"stSpinner\"]')"
)


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    require_browser("uji peramban Kotak Masuk WhatsApp")
    folder = tmp_path_factory.mktemp("kotak_masuk_browser")
    db_url = url(copy_of(demo_db, folder))
    engine = connect(db_url)
    chat = write_chats(folder / "wa", seed=2019)[0]  # another posko export, still to be triaged
    import_chat(engine, chat.path.read_bytes(), chat.path.name, scope=ADMIN, pemilik="posko")
    with cheap_hashes():
        create_accounts(engine, ("admin",))
    engine.dispose()
    with streamlit_server(db_url) as base:
        yield base


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
        pg.goto(server)
        pg.get_by_label("Nama pengguna").fill("admin")
        pg.get_by_label("Kata sandi").fill(SANDI)
        pg.get_by_role("button", name="Masuk").click()
        yield pg
        browser.close()


def _idle(page) -> None:
    page.wait_for_function(IDLE, timeout=90_000, polling=250)
    page.wait_for_timeout(800)


def _shot(page, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    page.wait_for_timeout(800)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height) + 60, 6_000)})
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size({"width": 1440, "height": 1000})


def test_kotak_masuk_shows_the_candidates_with_their_suggestions(page) -> None:
    link = page.locator("[data-testid='stSidebarNav'] a", has_text="Kotak Masuk WhatsApp")
    link.wait_for(timeout=90_000)
    _idle(page)
    link.click()
    page.wait_for_selector("[data-testid='stMain'] h1:has-text('Kotak Masuk WhatsApp')", timeout=90_000)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=90_000)
    _idle(page)
    text = page.locator("[data-testid='stMain']").text_content() or ""
    assert "Traceback" not in text
    assert "kandidat menunggu triase" in text and "iOS (Indonesia)" not in text.split("Unggahan chat")[0]
    assert page.locator("[data-testid='stDataFrame'] canvas").count() >= 1  # the triage grid is drawn
    for button in ("Simpan perubahan", "Gabungkan", "Buang"):
        assert page.get_by_role("button", name=button).count() == 1
    _shot(page, "kotak_masuk_1440", 1440)
    _shot(page, "kotak_masuk_390", 390)


def test_ringkasan_shows_the_integrity_flags(page) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text="Ringkasan Kota").click()
    page.get_by_text("Angka mana yang dapat dipercaya").wait_for(timeout=90_000)
    _idle(page)
    panel = page.locator("[data-testid='stMain']").text_content() or ""
    assert "Kecamatan Alak" in panel and "Melaporkan 92,86" in panel and "63,2 %" in panel
    page.get_by_text("Angka mana yang dapat dipercaya").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ringkasan_integritas.png"))
