"""WhatsApp intake through the services on SQLite and PostgreSQL: triage, the import path, rollback, re-export."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja import paths
from kinerja.domain.access import Scope
from kinerja.errors import AccessDenied, ChatExportError, TriageError
from kinerja.services import triase
from kinerja.services.saran import keyword_table, save_keywords
from kinerja.services.settings import save_settings
from kinerja.services.uploads import rollback_upload
from kinerja.services.whatsapp import import_chat, list_attachments, list_candidates
from kinerja.store.readers import list_uploads, read_pengaduan
from kinerja.store.tables import metadata
from tests.conftest import ADMIN

TODAY = pd.Timestamp("2018-12-31")
CHAT = """27/02/18 08.00 - Pesan dan panggilan dienkripsi secara end-to-end.
27/02/18 14.05 - Yohanes Ndun: Sampah menumpuk di Jl. Timor Raya Oebufu, hubungi 0812 3456 7890
27/02/18 14.06 - Yohanes Ndun: IMG-20180227-WA0003.jpg (file terlampir)
27/02/18 14.30 - Posko Wali Kota: Baik Pak Yohanes, kami teruskan ke DLHK
28/02/18 09.09 - +62 813-1111-2222: Air PDAM tidak mengalir di Oesapa sudah 3 hari
28/02/18 09.10 - +62 813-1111-2222: lokasi: https://maps.google.com/?q=-10.1718,123.6075
01/03/18 10.00 - Maria Lay: Lampu jalan mati di Kelapa Lima
01/03/18 11.00 - Maria Lay: Lampu jalan di Kelapa Lima masih mati
02/03/18 11.00 - Ani Tefa: Promo pulsa murah
"""


def _load(engine: Engine, text: str = CHAT, name: str = "WhatsApp Chat dengan Posko.txt", **kw: object):
    result = import_chat(engine, text.encode(), name, scope=ADMIN, pemilik="posko", **kw)
    return result, list_candidates(engine, result.unggahan_id)


def test_triage_accept_edit_merge_discard_through_the_import_path(engine: Engine) -> None:
    result, cand = _load(engine)
    assert (result.pesan_baru, result.kandidat_baru) == (8, 5)
    ids = cand["id"].tolist()
    sampah, pdam, lampu1, lampu2, promo = ids
    assert cand.loc[0, ["kelurahan", "kategori", "unit"]].tolist() == ["Oebufu", "Sampah", "DLHK"]
    assert cand.loc[0, "tanggal_tanggapan"] == pd.Timestamp("2018-02-27 14:30")
    assert cand["ada_bukti"].tolist() == [True, True, False, False, False]
    # edit (checked: an unknown unit is refused with a suggestion), merge, discard
    with pytest.raises(TriageError, match="perangkat daerah 'Dinas Perhubungn' tidak dikenal"):
        triase.edit_candidates(engine, {lampu1: {"unit": "Dinas Perhubungn"}}, scope=ADMIN)
    triase.edit_candidates(engine, {pdam: {"kategori": "Air Bersih", "unit": "Perumda Air Minum Kota Kupang",
                                           "kelurahan": "Oesapa Barat"}}, scope=ADMIN)  # fmt: skip
    assert triase.merge_candidates(engine, lampu1, [lampu2], scope=ADMIN) == lampu1
    assert triase.discard_candidates(engine, [promo], "spam", scope=ADMIN) == 1
    report = triase.accept_candidates(engine, [sampah, pdam, lampu1], scope=ADMIN, today=TODAY)
    assert report.stored and report.upload_id is not None
    comp = read_pengaduan(engine).set_index("kelurahan")
    assert len(comp) == 3 and set(comp["saluran"]) == {"WhatsApp"} and comp["tiket_turunan"].all()
    assert comp.at["Oesapa Barat", "unit"] == "PDAM" and comp.at["Oesapa Barat", "kecamatan"] == "Kelapa Lima"
    assert (
        comp.at["Kelapa Lima", "uraian"]
        == "Lampu jalan mati di Kelapa Lima\nLampu jalan di Kelapa Lima masih mati"
    )
    assert comp.at["Oebufu", "tanggal_tanggapan"] == pd.Timestamp("2018-02-27 14:30")
    assert "[telepon disamarkan]" in comp.at["Oebufu", "uraian"]
    after = list_candidates(engine).set_index("id")
    assert after.loc[[sampah, pdam, lampu1], "status"].tolist() == ["diterima"] * 3
    assert after.at[lampu2, "status"] == "digabung" and after.at[lampu2, "digabung_ke"] == lampu1
    assert (after.at[promo, "status"], after.at[promo, "alasan_buang"]) == ("dibuang", "spam")
    assert set(after.loc[[sampah, pdam, lampu1], "no_tiket"]) == set(comp["no_tiket"])
    # a triaged candidate cannot be triaged again
    with pytest.raises(TriageError, match="sudah ditriase"):
        triase.discard_candidates(engine, [sampah], "duplikat", scope=ADMIN)
    # the upload rolls back like any other: the complaints go, the candidates wait again
    rollback_upload(engine, report.upload_id, scope=ADMIN)
    assert read_pengaduan(engine).empty
    back = list_candidates(engine).set_index("id")
    assert triase.waiting(back.reset_index()).sum() == 3
    again = triase.accept_candidates(engine, [sampah], scope=ADMIN, today=TODAY)
    assert again.stored and len(read_pengaduan(engine)) == 1


def _snapshot(engine: Engine) -> dict[str, list]:
    with engine.connect() as conn:
        return {
            t.name: sorted(map(str, conn.execute(sa.select(t)).all()))
            for t in metadata.sorted_tables
            if t.name != "audit"
        }


def test_the_same_export_twice_changes_nothing_and_a_longer_one_adds_only_the_new(engine: Engine) -> None:
    first = CHAT.split("01/03/18")[0]
    _load(engine, first)
    before = _snapshot(engine)
    again, _ = _load(engine, first)
    assert (again.unggahan_id, again.pesan_baru, again.pesan_lama) == (None, 0, 5)
    assert _snapshot(engine) == before
    longer, _ = _load(engine, CHAT)
    assert (longer.pesan_baru, longer.pesan_lama, longer.kandidat_baru) == (3, 5, 3)
    assert len(list_candidates(engine)) == 5


def test_a_reply_in_a_later_export_reaches_an_accepted_complaint(engine: Engine) -> None:
    first = "27/02/18 14.05 - Budi Nalle: Sampah menumpuk di Oebufu\n27/02/18 14.00 - Posko: selamat siang\n"
    import_chat(engine, first.encode(), "grup.txt", scope=ADMIN, pemilik="posko")
    cid = list_candidates(engine)["id"].iat[0]
    assert triase.accept_candidates(engine, [cid], scope=ADMIN, today=TODAY).stored
    assert read_pengaduan(engine)["tanggal_tanggapan"].isna().all()
    later = first + "27/02/18 16.00 - Posko: sudah diteruskan ke DLHK\n"
    result = import_chat(engine, later.encode(), "grup.txt", scope=ADMIN, pemilik="posko")
    assert (result.pesan_baru, result.tanggapan_baru) == (1, 1)
    cand = list_candidates(engine)
    assert cand["diperbarui"].all() and triase.waiting(cand).all()
    assert triase.accept_candidates(engine, [cid], scope=ADMIN, today=TODAY).stored
    comp = read_pengaduan(engine)
    assert len(comp) == 1 and comp["tanggal_tanggapan"].iat[0] == pd.Timestamp("2018-02-27 16:00")
    assert not list_candidates(engine)["diperbarui"].any()


def test_the_owner_side_is_named_when_the_export_does_not_tell(engine: Engine) -> None:
    text = "27/02/18 14.05 - Budi Nalle: Sampah menumpuk\n27/02/18 14.06 - Ani: siap\n27/02/18 14.07 - Cici: +1\n"
    with pytest.raises(ChatExportError, match="pihak pemilik telepon"):
        import_chat(engine, text.encode(), "grup.txt", scope=ADMIN, pemilik="walikota")
    assert list_candidates(engine).empty
    result = import_chat(
        engine, text.encode(), "grup.txt", scope=ADMIN, pemilik="walikota", pengirim_pemilik=["Ani"]
    )
    assert result.kandidat_baru == 2


def test_only_the_admin_triages(engine: Engine) -> None:
    walikota = Scope("walikota", user="wk")
    with pytest.raises(AccessDenied):
        import_chat(engine, CHAT.encode(), "c.txt", scope=walikota, pemilik="posko")
    _, cand = _load(engine)
    with pytest.raises(AccessDenied):
        triase.accept_candidates(engine, cand["id"].tolist(), scope=Scope("opd", "DINKES", user="kadis"))


def test_media_is_kept_only_when_the_admin_turns_it_on(engine: Engine, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(paths, "MEDIA_DIR", tmp_path / "media")
    buf = io.BytesIO()
    body = (CHAT + "03/03/18 08.00 - Ani Tefa: Rosa Ndun.vcf (file terlampir)\n").encode()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("WhatsApp Chat dengan Posko.txt", body)
        zf.writestr("IMG-20180227-WA0003.jpg", b"\xff\xd8foto")
        zf.writestr("Rosa Ndun.vcf", b"BEGIN:VCARD\nFN:Rosa Ndun\nTEL:081299990000\nEND:VCARD")
    result = import_chat(engine, buf.getvalue(), "chat.zip", scope=ADMIN, pemilik="posko")
    att = list_attachments(engine).set_index("jenis")
    assert att.at["foto", "ukuran"] == 6 and len(att.at["foto", "sha256"]) == 64
    assert att.at["kontak", "nama"] == "kartu-kontak.vcf" and att["berkas"].isna().all()
    assert not (tmp_path / "media").exists()
    save_settings(engine, {"wa_simpan_media": True}, scope=ADMIN)
    buf2 = io.BytesIO()
    with zipfile.ZipFile(buf2, "w") as zf:
        zf.writestr(
            "chat.txt", body + b"04/03/18 08.00 - Ani Tefa: IMG-20180304-WA0009.jpg (file terlampir)\n"
        )
        zf.writestr("IMG-20180304-WA0009.jpg", b"\xff\xd8jalan")
        zf.writestr("Rosa Ndun.vcf", b"BEGIN:VCARD\nEND:VCARD")
    import_chat(engine, buf2.getvalue(), "chat2.zip", scope=ADMIN, pemilik="posko")
    kept = sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file())
    assert len(kept) == 1 and kept[0].endswith(".jpg") and "Rosa" not in kept[0]
    assert result.unggahan_id is not None
    assert list_uploads(engine).empty  # nothing accepted yet: no complaint upload


def test_the_admin_edits_the_keyword_table_and_the_suggestions_follow(engine: Engine) -> None:
    shipped = keyword_table(engine)
    extra = pd.DataFrame([{"kata": "promo pulsa|pulsa murah", "kategori": "Penipuan Daring",
                           "unit": "Dinas Komunikasi dan Informatika"}])  # fmt: skip
    bad = pd.DataFrame([{"kata": "promo", "kategori": "Penipuan Daring", "unit": "Dinas Kominfo Kota"},
                        {"kata": "", "kategori": "", "unit": ""}, {"kata": "", "kategori": "Lain", "unit": "PUPR"}])  # fmt: skip
    with pytest.raises(TriageError) as refused:
        save_keywords(engine, bad, scope=ADMIN)
    assert "baris 1: unit 'Dinas Kominfo Kota' tidak dikenal" in str(refused.value)
    assert "baris 3: kata dan kategori wajib diisi" in str(refused.value)  # the row the admin sees
    assert keyword_table(engine).equals(shipped)  # nothing stored
    with pytest.raises(AccessDenied):
        save_keywords(engine, extra, scope=Scope("opd", "KOMINFO", user="kadis"))
    assert (
        save_keywords(engine, pd.concat([shipped, extra], ignore_index=True), scope=ADMIN) == len(shipped) + 1
    )
    assert keyword_table(engine).iloc[-1].tolist() == [
        "promo pulsa|pulsa murah",
        "Penipuan Daring",
        "KOMINFO",
    ]
    _, cand = _load(engine)
    promo = cand.iloc[-1]
    assert (promo["kategori"], promo["unit"]) == ("Penipuan Daring", "KOMINFO")
    assert any("'promo pulsa'" in a for a in promo["saran"]["alasan"])
    assert save_keywords(engine, None, scope=ADMIN) == 0  # back to the shipped table
    assert keyword_table(engine).equals(shipped)
