"""Complaint candidates from a chat: the gap, the owner's first reply, evidence, identities masked (issue 14)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from kinerja.errors import ChatExportError
from kinerja.ingest.whatsapp.candidates import build_intake, message_ids
from kinerja.ingest.whatsapp.chat import read_chat
from kinerja.ingest.whatsapp.identity import mask_identities, owner_senders, safe_file_name, sender_key
from kinerja.ingest.whatsapp.saran import KeywordTable, find_wilayah, shipped_keywords, suggest
from kinerja.ingest.wilayah import Wilayah

SECRET = b"k" * 32
CHAT = """27/02/18 14.05 - Pesan dan panggilan dienkripsi secara end-to-end.
27/02/18 14.05 - Yohanes Ndun: Sampah menumpuk di Oebufu, saya Yohanes, hp 0812 3456 7890
27/02/18 14.20 - Yohanes Ndun: IMG-20180227-WA0003.jpg (file terlampir)
27/02/18 14.30 - Posko Wali Kota: Baik Pak Yohanes, kami teruskan ke DLHK
27/02/18 14.40 - Yohanes Ndun: terima kasih
27/02/18 15.20 - Yohanes Ndun: lokasi: https://maps.google.com/?q=-10.17,123.60
27/02/18 15.21 - +62 813-1111-2222: Air PDAM mati di Oesapa @6281399998888
27/02/18 15.22 - +62 813-1111-2222: <Media tidak disertakan>
28/02/18 09.00 - Posko Wali Kota: Anda menghapus pesan ini
"""


def _intake(text: str = CHAT, gap: int = 30, **kw: object):
    chat = read_chat(text.encode(), "chat.txt")
    return chat, build_intake(chat, owner_senders(chat, "posko"), SECRET, gap_minutes=gap, **kw)


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        # 14.05, 14.20, 14.40 within 30 minutes of each other; 15.20 is 40 minutes after 14.40; the
        # owner's deleted message is no reply
        (30, [("Yohanes", datetime(2018, 2, 27, 14, 5), datetime(2018, 2, 27, 14, 30), 3, True),
              ("Yohanes", datetime(2018, 2, 27, 15, 20), None, 1, True),
              ("62813", datetime(2018, 2, 27, 15, 21), None, 2, False)]),
        # a reply answers the citizen's latest candidate before it, not an earlier one
        (10, [("Yohanes", datetime(2018, 2, 27, 14, 5), None, 1, False),
              ("Yohanes", datetime(2018, 2, 27, 14, 20), datetime(2018, 2, 27, 14, 30), 1, True),
              ("Yohanes", datetime(2018, 2, 27, 14, 40), None, 1, False),
              ("Yohanes", datetime(2018, 2, 27, 15, 20), None, 1, True),
              ("62813", datetime(2018, 2, 27, 15, 21), None, 2, False)]),
        (60, [("Yohanes", datetime(2018, 2, 27, 14, 5), datetime(2018, 2, 27, 14, 30), 4, True),
              ("62813", datetime(2018, 2, 27, 15, 21), None, 2, False)]),
    ],
)  # fmt: skip
def test_gap_groups_a_citizens_messages_and_the_owner_reply_is_tanggapan(gap: int, expected: list) -> None:
    _, intake = _intake(gap=gap)
    yohanes = sender_key(SECRET, "Yohanes Ndun")
    got = [
        (
            "Yohanes" if c.pengirim == yohanes else "62813",
            c.tanggal_masuk,
            c.tanggal_tanggapan,
            len(c.pesan),
            c.ada_bukti,
        )
        for c in intake.candidates
    ]
    assert got == expected


def test_identity_is_masked_and_never_kept() -> None:
    _, intake = _intake()
    text = " ".join(c.uraian for c in intake.candidates)
    for secret in ("Yohanes", "Ndun", "0812 3456 7890", "6281399998888", "813-1111-2222"):
        assert secret not in text
    assert "[nama disamarkan]" in text and "[telepon disamarkan]" in text
    assert intake.masked["nama"] == 1 and intake.masked["telepon"] == 2
    senders = set(intake.pesan["pengirim"])
    assert senders == {sender_key(SECRET, "Yohanes Ndun"), sender_key(SECRET, "+62 813-1111-2222"),
                       sender_key(SECRET, "Posko Wali Kota")}  # fmt: skip
    assert not any("Yohanes" in s or "813" in s for s in senders)
    # the same number written another way is the same citizen
    assert sender_key(SECRET, "0813-1111-2222") == sender_key(SECRET, "+62 813 1111 2222")


def test_media_left_out_is_not_evidence_and_says_so() -> None:
    _, intake = _intake()
    pdam = intake.candidates[-1]
    assert [a.jenis for a in pdam.lampiran] == ["media"] and not pdam.ada_bukti
    assert any("media tidak disertakan" in n for n in pdam.catatan)


@pytest.mark.parametrize(
    ("name", "jenis", "expected"),
    [("Rosa Ndun.vcf", "kontak", "kartu-kontak.vcf"), ("KTP Yohanes 0812 3456 7890.pdf", "dokumen",
      "KTP [nama disamarkan] [telepon disamarkan].pdf"), ("IMG-20180227-WA0003.jpg", "foto", "IMG-20180227-WA0003.jpg")],
)  # fmt: skip
def test_attachment_names_keep_no_identity(name: str, jenis: str, expected: str) -> None:
    assert safe_file_name(name, jenis, ["Yohanes Ndun"]) == expected


def test_message_ids_ignore_the_text_so_edits_and_deletions_keep_their_id() -> None:
    a = read_chat(b"27/02/18 14.05 - Budi: Jalan rusak\n27/02/18 14.05 - Budi: dua\n", "a.txt")
    b = read_chat(
        b"27/02/18 14.05 - Budi: Jalan rusak parah <Pesan ini diedit>\n27/02/18 14.05 - Budi: Pesan ini telah dihapus\n",
        "b.txt",
    )
    assert message_ids(a, SECRET) == message_ids(b, SECRET)
    assert len(set(message_ids(a, SECRET))) == 2


@pytest.mark.parametrize(
    ("text", "pemilik", "explicit", "expected"),
    [
        ("27/02/18 14.05 - Budi: a\n27/02/18 14.06 - Posko Wali Kota: b\n", "posko", (), {"Posko Wali Kota"}),
        ("27/02/18 14.05 - Budi: a\n27/02/18 14.06 - Pak Wali Kota: b\n", "walikota", (), {"Pak Wali Kota"}),
        ("27/02/18 14.05 - Budi: a\n27/02/18 14.06 - Ani: Anda menghapus pesan ini\n", "posko", (), {"Ani"}),
        ("27/02/18 14.05 - Budi: a\n27/02/18 14.06 - Ani: b\n", "posko", ("Ani",), {"Ani"}),
    ],
)  # fmt: skip
def test_owner_side(text: str, pemilik: str, explicit: tuple, expected: set) -> None:
    assert owner_senders(read_chat(text.encode(), "c.txt"), pemilik, explicit=explicit) == expected


def test_owner_from_a_one_to_one_chat_named_after_the_citizen() -> None:
    chat = read_chat(b"27/02/18 14.05 - Budi: a\n27/02/18 14.06 - Ani: b\n", "WhatsApp Chat with Budi.txt")
    assert owner_senders(chat, "walikota") == {"Ani"}


def test_owner_that_cannot_be_decided_is_a_precise_refusal() -> None:
    chat = read_chat(
        b"27/02/18 14.05 - Budi: a\n27/02/18 14.06 - Ani: b\n27/02/18 14.07 - Cici: c\n", "grup.txt"
    )
    with pytest.raises(ChatExportError, match=r"grup.txt: pengirim dari pihak pemilik telepon \(posko\) tidak dapat "
                       r"ditentukan di antara 3 pengirim \(diharapkan: sebutkan pengirimnya"):  # fmt: skip
        owner_senders(chat, "posko")


def test_reexport_skips_stored_messages_and_extends_a_waiting_candidate() -> None:
    first = "27/02/18 14.05 - Budi: Jalan rusak di Oebufu\n27/02/18 14.06 - Posko: ok\n"
    chat1, one = _intake(first)
    stored = dict(zip(one.pesan["id"], one.pesan["kandidat"].fillna(""), strict=True))
    more = (
        first
        + "27/02/18 14.20 - Budi: IMG-20180227-WA0001.jpg (file terlampir)\n28/02/18 10.00 - Budi: Lampu mati\n"
    )
    _, two = _intake(more, stored=stored, status={one.candidates[0].id: "baru"})
    assert two.skipped == 2 and len(two.pesan) == 2
    ext, new = two.candidates
    assert ext.id == one.candidates[0].id and ext.lanjutan and ext.ada_bukti and ext.uraian == ""
    assert not new.lanjutan and new.uraian == "Lampu mati"
    # once the first candidate is triaged, its late messages start a candidate of their own
    _, three = _intake(more, stored=stored, status={one.candidates[0].id: "diterima"})
    assert not three.candidates[0].lanjutan and three.candidates[0].id != one.candidates[0].id
    assert any("lanjutan" in n for n in three.candidates[0].catatan)


KEC_UNITS = pd.DataFrame(
    [["DLHK", "Dinas Lingkungan Hidup dan Kebersihan", "Dinas", "DLHK"], ["PDAM", "Perumda Air Minum Kota Kupang", "Luar Pemkot", "PDAM"],
     ["PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas", "PUPR"], ["DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas", None],
     ["KEC-OEBOBO", "Kecamatan Oebobo", "Kecamatan", None]],
    columns=["kode", "nama", "jenis", "alias"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kelurahan", "kecamatan", "kategori", "unit"),
    [
        ("Sampah menumpuk di Jl. Timor Raya Oebufu", "Oebufu", "Oebobo", "Sampah", "DLHK"),
        ("Air PDAM tidak mengalir di Batu Plat sudah 3 hari", "Batuplat", "Alak", "Air Bersih", "PDAM"),
        ("Jalan berlubang di TDM", "Tuak Daun Merah", "Oebobo", "Jalan Rusak", "PUPR"),
        ("KTP-el belum jadi, warga Kec. Oebobo", None, "Oebobo", "Administrasi Kependudukan", "DUKCAPIL"),
        ("Surat keterangan di kantor kelurahan Oebufu lambat", "Oebufu", "Oebobo", "Pelayanan Kelurahan", "KEC-OEBOBO"),
        ("Selamat pagi semua", None, None, None, None),
    ],
)  # fmt: skip
def test_suggestions_from_wilayah_and_keyword_table_with_reasons(
    text, kelurahan, kecamatan, kategori, unit
) -> None:
    (s,) = suggest([text], shipped_keywords(), KEC_UNITS)
    assert (s.kelurahan, s.kecamatan, s.kategori, s.unit) == (kelurahan, kecamatan, kategori, unit)
    assert len(s.alasan) == (kelurahan is not None or kecamatan is not None) + (kategori is not None)
    if kategori:
        assert f"kategori {kategori}" in s.alasan[-1] and "kata kunci" in s.alasan[-1]


def test_longer_phrases_weigh_more_in_the_keyword_table() -> None:
    table = KeywordTable(shipped_keywords())
    assert table.match("Lampu jalan mati di depan pasar")[:2] == ("Penerangan Jalan", "DISHUB")
    assert find_wilayah("tinggal di Kelapa Lima", Wilayah.load())[:2] == ("Kelapa Lima", "Kelapa Lima")


def test_mask_identities_counts_each_kind() -> None:
    out, counts = mask_identities(
        pd.Series(["Pak Yosef Nope di 0812-3456-7890 a@b.co"], dtype=object), ["Yosef Nope"]
    )
    assert out.iat[0] == "Pak [nama disamarkan] di [telepon disamarkan] [email disamarkan]"
    assert (counts["nama"], counts["telepon"], counts["email"]) == (1, 1, 1)
