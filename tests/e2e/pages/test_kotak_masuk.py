"""The Kotak Masuk WhatsApp driven by AppTest: load a chat, accept, edit, merge, discard; the complaints then
appear on the Pengaduan page and in the CLI (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kinerja.cli import main
from kinerja.domain.vocabulary import TEXT_MIME
from kinerja.services.saran import classifier_info
from kinerja.store.engine import connect
from kinerja.views.kotak_masuk import TANPA_TUJUAN
from tests.helpers.accounts import cheap_hashes, create_accounts, login
from tests.helpers.apptest import clear_caches as _clear
from tests.helpers.databases import url

APP = str(Path(__file__).resolve().parents[3] / "app.py")
CHAT = """27/02/18 08.00 - Pesan dan panggilan dienkripsi secara end-to-end.
27/02/18 14.05 - Yohanes Ndun: Sampah menumpuk di Jl. Timor Raya Oebufu, hubungi 0812 3456 7890
27/02/18 14.06 - Yohanes Ndun: IMG-20180227-WA0003.jpg (file terlampir)
27/02/18 14.30 - Posko Wali Kota: Baik Pak Yohanes, kami teruskan ke DLHK
28/02/18 09.09 - +62 813-1111-2222: Air PDAM tidak mengalir di Oesapa sudah 3 hari
01/03/18 10.00 - Maria Lay: Lampu jalan mati di Kelapa Lima
01/03/18 11.00 - Maria Lay: Lampu jalan di Kelapa Lima masih mati
02/03/18 11.00 - Ani Tefa: Promo pulsa murah
"""


@pytest.fixture
def db(admin_db):
    """A fresh database with one admin account (tests/e2e/pages/conftest.py)."""
    return admin_db


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _page(path: str = "pages/kotak_masuk.py") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(path).run()
    _ok(login(at, "admin"))
    if not at.title or at.title[0].value != "Kotak Masuk WhatsApp":
        _ok(at.switch_page(path).run())
    return at


def _act(at: AppTest, button: str, rows: dict[int, dict], **widgets: object) -> AppTest:
    """Edit and tick rows of the triage table (its edit state), then press a button."""
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    for name, value in widgets.items():
        at.selectbox(key=name).set_value(value)
    _ok(at.run())  # the buttons enable once rows are ticked
    at.button(key=button).click()
    return _ok(at.run())


def _waiting(at: AppTest) -> list[str]:
    return at.data_editor[0].value["uraian"].str.split("\n").str[0].tolist()


def test_triage_an_upload_then_find_the_complaints(db, capsys) -> None:
    at = _page()
    assert any("Belum ada chat yang dimuat" in i.value for i in at.info)
    at.file_uploader(key="wa_berkas").upload("Chat WhatsApp dengan Posko.txt", CHAT.encode(), TEXT_MIME)
    at.selectbox(key="wa_pemilik").set_value("posko")
    _ok(at.run())
    at.button(key="wa_muat").click()
    _ok(at.run())
    assert any("5 kandidat pengaduan baru" in s.value for s in at.success)
    table = at.data_editor[0].value
    assert table["kategori"].tolist()[:3] == ["Sampah", "Air Bersih", "Penerangan Jalan"]
    assert table["bukti"].tolist() == [True, False, False, False, False]
    assert table["unit"].tolist()[-1] == TANPA_TUJUAN  # the advert has no destination: said so, not "None"
    assert table["pengirim"].tolist() == [1, 1, 2, 2, 1]  # Maria Lay wrote twice: counted, never named
    assert "0812" not in " ".join(table["uraian"]) and "Yohanes" not in " ".join(table["uraian"])
    # accept the first with an edit made in the table
    _act(at, "wa_terima", {0: {"pilih": True, "kategori": "Kebersihan Lingkungan"}})
    assert any("1 kandidat diterima sebagai pengaduan" in s.value for s in at.success)
    assert _waiting(at) == ["Air PDAM tidak mengalir di Oesapa sudah 3 hari", "Lampu jalan mati di Kelapa Lima",
                            "Lampu jalan di Kelapa Lima masih mati", "Promo pulsa murah"]  # fmt: skip
    # merge the two lamp messages, discard the advert as spam (kept, with the reason)
    _act(at, "wa_gabung", {1: {"pilih": True}, 2: {"pilih": True}})
    assert _waiting(at) == ["Air PDAM tidak mengalir di Oesapa sudah 3 hari", "Lampu jalan mati di Kelapa Lima",
                            "Promo pulsa murah"]  # fmt: skip
    _act(at, "wa_buang", {2: {"pilih": True}}, wa_alasan="spam")
    assert any("dibuang (Spam)" in s.value for s in at.success)
    _act(at, "wa_terima", {0: {"pilih": True}, 1: {"pilih": True, "bukti": True}})
    assert at.data_editor[0].value.empty
    # the complaints are on the Pengaduan page, Tanpa bukti shown where there is none
    _ok(at.switch_page("pages/pengaduan.py").run())
    daftar = next(d.value for d in at.dataframe if "No Tiket" in d.value.columns)
    assert sorted(daftar["Saluran"]) == ["WhatsApp"] * 3
    assert sorted(daftar["Kategori"]) == ["Air Bersih", "Kebersihan Lingkungan", "Penerangan Jalan"]
    assert daftar.set_index("Kategori").at["Air Bersih", "Bukti"] == "Tanpa bukti"
    assert daftar.set_index("Kategori").at["Penerangan Jalan", "Bukti"] == "Ada"
    # and in the command line
    capsys.readouterr()
    assert main(["--db", str(db.url), "wa", "kandidat", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert (
        out.count("Diterima (T-2018") == 3
        and out.count("Digabung ke") == 1
        and out.count("Dibuang: Spam") == 1
    )
    assert (
        main(["--db", str(db.url), "complaints", "--year", "2018", "--by", "saluran", "--format", "csv"]) == 0
    )
    assert any(line.startswith("WhatsApp,3,") for line in capsys.readouterr().out.splitlines())
    # retraining is on request; with 3 complaints the page says why it waits
    _ok(at.switch_page("pages/kotak_masuk.py").run())
    assert any("Belum dilatih" in c.value for c in at.caption)
    at.button(key="wa_latih").click()
    at.run()
    assert [e.value for e in at.error] == [
        "baru 3 pengaduan bertujuan dengan uraian; pengklasifikasi dilatih setelah paling sedikit 100"
    ]


def test_the_admin_sees_the_classifier_accuracy(demo_copy, monkeypatch) -> None:
    engine = connect(url(demo_copy))
    stored = classifier_info(engine)  # the demo trained it on its triaged complaints
    assert stored is not None and stored["n_uji"] > 0
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", url(demo_copy))
    _clear()
    with cheap_hashes():
        create_accounts(engine, ("admin",))
        at = _page()
    metric = next(m for m in at.metric if m.label == "Akurasi pada data uji")
    assert metric.value == f"{stored['akurasi'] * 100:.1f}".replace(".", ",") + " %"
    assert f"diuji pada {stored['n_uji']:,}".replace(",", ".") + " yang disisihkan" in metric.proto.help
    engine.dispose()
    _clear()
