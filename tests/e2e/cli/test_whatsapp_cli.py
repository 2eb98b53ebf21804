"""`python -m kinerja wa import … --pemilik posko [--terima-saran]`, `wa kandidat`, `wa latih`, `integritas`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kinerja.demo.whatsapp import PER_EXPORT, write_chats
from tests.helpers.databases import url


@pytest.fixture(scope="module")
def chats(tmp_path_factory: pytest.TempPathFactory):
    return write_chats(tmp_path_factory.mktemp("wa"))


def test_wa_import_with_suggestions_accepted_then_listed(run, db: str, chats) -> None:
    zipped = next(c for c in chats if c.path.suffix == ".zip")
    r = run(db, "wa", "import", str(zipped.path), "--pemilik", "posko", "--terima-saran")
    assert r.rc == 0, r.err
    assert r.out.startswith("berkas #1 (.zip): unggahan chat #1\n  format Android (Inggris):")
    assert "pengaduan tanpa No Tiket diberi nomor turunan" in r.out and "disimpan (unggahan #1)" in r.out
    for name in [zipped.path.stem, *zipped.contacts]:  # the chat's name and its people never appear
        assert name not in r.out + r.err
    again = run(db, "wa", "import", str(zipped.path), "--pemilik", "posko", "--terima-saran")
    assert again.rc == 0 and "tidak ada yang baru" in again.out and "0 pesan baru" in again.out
    listed = run(db, "wa", "kandidat", "--status", "diterima", "--format", "csv")
    assert listed.rc == 0 and listed.out.count("\n") >= PER_EXPORT  # header + accepted rows
    assert "Diterima (T-2018" in listed.out
    by = run(db, "complaints", "--year", "2018", "--by", "saluran", "--format", "csv")
    assert by.rc == 0 and any(line.startswith("WhatsApp,") for line in by.out.splitlines())


def test_a_file_that_is_not_an_export_is_refused_in_one_line(run, db: str, tmp_path: Path) -> None:
    path = tmp_path / "Chat WhatsApp dengan Budi Nalle.txt"
    path.write_text("Notulen rapat\nTidak ada pesan\n")
    r = run(db, "wa", "import", str(path), "--pemilik", "walikota")
    assert r.rc == 2 and "Budi" not in r.out + r.err
    assert r.err.strip() == (
        "berkas #1 (.txt): bukan ekspor chat WhatsApp: tidak ada baris yang diawali tanggal dan jam (diharapkan: "
        "berkas .txt atau .zip dari menu Ekspor chat WhatsApp, mis. '27/02/18 14.05 - Nama: pesan')"
    )


def test_ambiguous_dates_are_refused_until_the_order_is_given(run, db: str, tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("01/02/18 10.00 - Budi: Sampah di Oebufu\n01/02/18 11.00 - Posko Wali Kota: siap\n")
    r = run(db, "wa", "import", str(path), "--pemilik", "posko")
    assert r.rc == 2 and "urutan hari dan bulan tidak dapat ditentukan" in r.err
    ok = run(db, "wa", "import", str(path), "--pemilik", "posko", "--tanggal", "hari/bulan")
    assert ok.rc == 0 and "1 kandidat pengaduan baru" in ok.out


def test_wa_latih_needs_enough_complaints(run, db: str) -> None:
    r = run(db, "wa", "latih")
    assert r.rc == 2 and r.err.startswith("galat: baru 0 pengaduan bertujuan dengan uraian")


def test_integritas_report_names_camat_alak(run, demo_copy: Path) -> None:
    r = run(url(demo_copy), "integritas", "--year", "2018", "--format", "csv")
    assert r.rc == 0, r.err
    alak = next(line for line in r.out.splitlines() if "Kecamatan Alak" in line)
    assert "melaporkan 92,86" in alak and "63,2 %" in alak
    # 5 tickets behind it, and more
    assert re.search(r'"(?:(?:T-|KPG-)2018\S+, ){4}(?:T-|KPG-)2018\S+ …"$', alak)
