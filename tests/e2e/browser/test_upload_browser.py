"""Unggah Data in a real browser: a file goes through the upload widget, the preview appears, Simpan stores.

`streamlit run app.py` on a copy of the demo database, driven by the system Chromium; full-page
PNGs (good-file preview, bad-file report, history, completeness matrix) land in artifacts/.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from kinerja.domain.vocabulary import XLSX_MIME as XLSX
from kinerja.store import readers as store
from kinerja.store.engine import connect
from tests.helpers.accounts import SANDI, cheap_hashes, create_accounts
from tests.helpers.browser import ARGS, CHROMIUM, require_browser, streamlit_server
from tests.helpers.databases import copy_of, url
from tests.helpers.hostile import far_corner, hidden_far_cell
from tests.helpers.xlsx import REAL_HEADER, Sheet, make_xlsx

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    require_browser("uji peramban halaman Unggah Data")
    db_url = url(copy_of(demo_db, tmp_path_factory.mktemp("unggah_browser")))
    engine = connect(db_url)
    with cheap_hashes():
        create_accounts(engine, ("admin", "kadis.kesehatan"))  # with accounts the app asks for a login
    engine.dispose()
    with streamlit_server(db_url) as base:
        yield base, db_url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    pg = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    yield pg
    pg.close()


IDLE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
    "!document.querySelector('[data-testid=\"stSpinner\"]')"
)


def _idle(page) -> None:
    """Wait until the script run has finished (no running indicator, no spinner)."""
    try:
        page.wait_for_function(IDLE, timeout=90_000, polling=250)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "unggah_macet.png"))  # what was still running
        raise
    page.wait_for_timeout(600)


def _open(page, base: str, user: str = "admin") -> None:
    """Sign in through the login form (the admin by default), then open Unggah Data from the navigation."""
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(base)
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    link = page.locator("[data-testid='stSidebarNav'] a", has_text="Unggah Data")
    link.wait_for(timeout=90_000)
    _idle(page)  # let the default page finish before leaving it
    link.click()
    page.wait_for_selector("[data-testid='stMain'] h1:has-text('Unggah Data')", timeout=90_000)
    page.locator("[data-testid='stFileUploader']").wait_for(timeout=90_000)
    _idle(page)


def _text(page) -> str:
    text = page.locator("[data-testid='stMain']").text_content() or ""
    assert "Traceback" not in text, text[:2000]
    return text


def _shot(page, name: str) -> None:
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 60, 8_000)})
    page.wait_for_timeout(700)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size({"width": 1440, "height": 1000})


def _upload(page, name: str, data: bytes) -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": data}]
    )
    page.wait_for_selector(f"[data-testid='stMain'] :text('{name} —')", timeout=60_000)
    _idle(page)


def _tab(page, label: str, shows: str) -> None:
    page.get_by_role("tab", name=label).click()
    page.get_by_text(shows).first.wait_for(state="visible", timeout=90_000)
    _idle(page)


def _good_file(db_url: str) -> tuple[bytes, float]:
    """Dinas Kesehatan 2018: one value restated (+1) and, where a month is missing, one new value."""
    engine = connect(db_url)
    pk = store.read_pk(engine, tahun=2018, unit="DINKES")
    real = store.read_realisasi(engine, tahun=2018, unit="DINKES")
    engine.dispose()
    first = real.iloc[-1]
    rows = [
        ["Dinas Kesehatan", 2018, int(first["bulan"]), first["kunci"], None, float(first["realisasi"]) + 1]
    ]
    for kunci in pk["kunci"]:
        missing = sorted(set(range(1, 13)) - set(real.loc[real["kunci"] == kunci, "bulan"]))
        if missing:
            value = float(real.loc[real["kunci"] == kunci, "realisasi"].iloc[0])
            rows.append(["Dinas Kesehatan", 2018, missing[0], kunci, None, value])
            break
    return make_xlsx(Sheet("Realisasi", [REAL_HEADER, *rows])), float(first["realisasi"])


def test_upload_preview_and_simpan_in_the_browser(server, page):
    base, db_url = server
    data, old = _good_file(db_url)
    _open(page, base)
    _upload(page, "realisasi_dinkes.xlsx", data)
    text = _text(page)
    assert "realisasi_dinkes.xlsx — siap disimpan" in text
    assert "Pratinjau" in text and "menggantikan nilai yang sudah tersimpan" in text
    _shot(page, "unggah_pratinjau")
    before = len(store.list_uploads(connect(db_url)))
    page.get_by_role("button", name="Simpan (1 berkas)").click()
    page.wait_for_selector("[data-testid='stMain'] :text('tersimpan sebagai unggahan')", timeout=60_000)
    _idle(page)
    assert "Dinas Kesehatan (2018)" in _text(page)  # the link to the affected unit page
    assert len(store.list_uploads(connect(db_url))) == before + 1
    _shot(page, "unggah_tersimpan")
    _tab(page, "Riwayat", "Log kejadian")
    assert "realisasi_dinkes.xlsx" in _text(page)
    _shot(page, "unggah_riwayat")
    _tab(page, "Unggah", "Berkas data")
    page.get_by_role("link", name="Dinas Kesehatan (2018)").click()
    page.wait_for_selector("[data-testid='stMain'] :text('Perjanjian Kinerja 2018')", timeout=90_000)
    _idle(page)
    assert "Dinas Kesehatan · Perjanjian Kinerja 2018" in _text(page)  # opened on the affected unit


def test_bad_file_report_in_the_browser(server, page):
    base, _ = server
    bad = make_xlsx(Sheet("Realisasi", [
        REAL_HEADER,
        ["Dinas Kesehatan", 2018, 13, "DINKES-1.1", None, 80],
        ["Dinas Kesehatan", 2018, 2, "DINKES-9.9", None, 81],
        ["Dinas Kesehatn", 2018, 3, "DINKES-1.1", None, 82],
    ]))  # fmt: skip
    _open(page, base)
    _upload(page, "realisasi_salah.xlsx", bad)
    text = _text(page)
    assert "realisasi_salah.xlsx — 3 masalah, belum disimpan" in text
    assert "Unduh berkas dengan sel bermasalah ditandai" in text
    assert page.get_by_role("button", name="Simpan").is_disabled()
    _shot(page, "unggah_laporan_masalah")


def test_completeness_matrix_in_the_browser(server, page):
    base, _ = server
    _open(page, base)
    _tab(page, "Kelengkapan laporan", "Jumlah unit per bulan")
    text = _text(page)
    assert "Perangkat Daerah" in text and "belum lapor" in text
    _shot(page, "unggah_kelengkapan")
    _tab(page, "Kunci periode", "Bulan yang dikunci")
    _shot(page, "unggah_kunci")


def test_hostile_files_leave_the_server_and_other_sessions_working(server, browser):
    """Issue 10 §1: an OPD account's 1.6 kB far-corner file used to kill the whole server."""
    base, _ = server
    hostile = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    _open(hostile, base, "kadis.kesehatan")
    hostile.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(files=[
        {"name": "pojok.xlsx", "mimeType": XLSX, "buffer": far_corner()},
        {"name": "tengah.xlsx", "mimeType": XLSX, "buffer": hidden_far_cell()},
    ])  # fmt: skip
    hostile.wait_for_selector("[data-testid='stMain'] :text('tengah.xlsx —')", timeout=60_000)
    hostile.wait_for_selector("[data-testid='stMain'] :text('pojok.xlsx —')", timeout=60_000)
    _idle(hostile)
    text = _text(hostile)
    _shot(hostile, "unggah_berkas_berbahaya")
    assert "memakai area A1:XFD1048576" in text, text  # refused by the area scan, before any reading
    assert "berkas tidak dapat dibaca" in text  # the reader died in its own process, not the server's
    _shot(hostile, "unggah_berkas_berbahaya")
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as health:
        assert health.read() == b"ok"
    other = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    _open(other, base)  # a second session signs in and gets its page
    assert "Berkas data" in _text(other)
    other.close()
    hostile.close()


def test_mapping_step_in_the_browser(server, page):
    """Issue 12 §3: an unknown layout shows its header cells with a Kinerja column to pick for each."""
    base, _ = server
    header = ["Satker", "Thn", "Tujuan Satker", "Uraian Indikator", "Ukuran", "Sasaran Angka"]
    unknown = make_xlsx(
        Sheet("Data", [header, ["Dinas Kesehatan", 2018, "Derajat kesehatan", "Balita ditimbang", "%", 85]])
    )
    _open(page, base)
    _upload(page, "pk_satker.xlsx", unknown)
    page.get_by_text("Petakan kolom berkas ini").first.wait_for(timeout=60_000)
    _idle(page)
    text = _text(page)
    assert "pk_satker.xlsx — 1 masalah, belum disimpan" in text
    for letter, name in zip("ABCDEF", header, strict=True):
        assert f"{letter} · {name}" in text
    assert page.get_by_role("button", name="Simpan profil").is_visible()
    _shot(page, "unggah_pemetaan_kolom")
    page.set_viewport_size({"width": 390, "height": 1000})
    page.wait_for_timeout(700)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 390, "height": min(int(height) + 60, 8_000)})
    page.wait_for_timeout(700)
    page.screenshot(path=str(ARTIFACTS / "unggah_pemetaan_kolom_390.png"))
