"""Two app servers on one PostgreSQL (issue 15): an upload through replica A shows on replica B.

Two `streamlit run app.py` processes on 127.0.0.1 share one PostgreSQL database, as replicas
behind a reverse proxy do. B shows the empty store; A's admin uploads complaints and
saves them; B's next rerun reads the data version from the database and shows them. (Each
browser page keeps to one server, as sticky sessions do: a Streamlit session lives in one process.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.domain.vocabulary import XLSX_MIME as XLSX
from kinerja.store import readers as store
from kinerja.store.engine import connect
from tests.helpers.accounts import SANDI, cheap_hashes, create_accounts
from tests.helpers.browser import ARGS, CHROMIUM, require_browser, streamlit_servers
from tests.helpers.databases import pg_database, pg_template
from tests.helpers.xlsx import COMPLAINT_HEADER, Sheet, complaint_row, make_xlsx

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"
EMPTY = "Belum ada data pengaduan tersimpan"
NOTHING = "Belum ada Perjanjian Kinerja maupun data pengaduan tersimpan"
IDLE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
    "!document.querySelector('[data-testid=\"stSpinner\"]')"
)


def _idle(page) -> None:
    page.wait_for_function(IDLE, timeout=90_000, polling=250)
    page.wait_for_timeout(500)


def _text(page) -> str:
    text = page.locator("[data-testid='stMain']").text_content() or ""
    assert "Traceback" not in text, text[:2000]
    return text


def _login(page, base: str) -> None:
    """Fill and send the login form; the run it starts is awaited by `_signed_in`."""
    page.goto(base)
    page.get_by_label("Nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()


def _signed_in(page) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text="Pengaduan").wait_for(timeout=90_000)
    _idle(page)


def _go(page, link: str, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=link).first.click()
    page.wait_for_selector(f"[data-testid='stMain'] h1:has-text('{title}')", timeout=90_000)
    _idle(page)


def _complaints() -> bytes:
    rows = [complaint_row(f"KPG-{i}", **{"Tanggal Masuk": f"{5 + i:02d}/03/2018"}) for i in range(3)]
    return make_xlsx(Sheet("Pengaduan", [COMPLAINT_HEADER, *rows]))


def test_an_upload_through_one_replica_shows_on_the_other(tmp_path_factory) -> None:
    require_browser("uji dua replika aplikasi")
    from playwright.sync_api import sync_playwright

    with pg_database(pg_template(tmp_path_factory)) as db_url:
        engine = connect(db_url)
        with cheap_hashes():
            create_accounts(engine, ("admin",))
        with streamlit_servers(db_url, 2) as (base_a, base_b), sync_playwright() as p:
            assert base_a != base_b
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            on_a = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
            on_b = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
            _login(on_b, base_b)
            _login(on_a, base_a)  # both first runs at once
            _signed_in(on_b)
            assert NOTHING in _text(on_b)  # B has read (and cached) the empty store's years
            _signed_in(on_a)
            _go(on_a, "Unggah Data", "Unggah Data")
            on_a.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
                files=[{"name": "pengaduan_maret.xlsx", "mimeType": XLSX, "buffer": _complaints()}]
            )
            on_a.wait_for_selector("[data-testid='stMain'] :text('pengaduan_maret.xlsx —')", timeout=60_000)
            _idle(on_a)
            on_a.get_by_role("button", name="Simpan (1 berkas)").click()
            on_a.wait_for_selector(
                "[data-testid='stMain'] :text('tersimpan sebagai unggahan')", timeout=60_000
            )
            assert len(store.read_pengaduan(engine, 2018)) == 3  # stored once, in the shared database

            _go(on_b, "Pengaduan", "Pengaduan Masyarakat")  # B's next run reads the version from the database
            on_b.get_by_text("2018 · status per").first.wait_for(timeout=60_000)  # not the empty state
            _idle(on_b)
            text = _text(on_b)
            ARTIFACTS.mkdir(exist_ok=True)
            on_b.screenshot(path=str(ARTIFACTS / "replika_b_pengaduan.png"))
            assert EMPTY not in text
            assert "2018 · status per" in text, text[:1500]
            browser.close()
        engine.dispose()
