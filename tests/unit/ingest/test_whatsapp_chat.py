"""WhatsApp chat exports: every format and every special line, and the exports refused (issue 14)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime

import pytest

from kinerja.errors import ChatExportError
from kinerja.ingest.whatsapp.chat import DIHAPUS, LAMPIRAN, SISTEM, TEKS, read_chat

LRM, NNBSP = "\u200e", "\u202f"
T = datetime(2018, 2, 27, 14, 5)


def _one(line: str, name: str = "chat.txt") -> object:
    """The first message of a one-line export (a second line anchors the day/month order)."""
    anchor = "[28/02/18 09.00.00] Posko: ok" if line.startswith("[") else "28/02/18 09.00 - Posko: ok"
    chat = read_chat(f"{line}\n{anchor}\n".encode(), name)
    return chat.messages[0]


@pytest.mark.parametrize(
    ("text", "fmt", "when", "sender", "body"),
    [
        ("27/02/18 14.05 - +62 812-3456-7890: Jalan di Oebufu rusak\n28/02/18 09.00 - Posko: ok",
         "Android (Indonesia)", T, "+62 812-3456-7890", "Jalan di Oebufu rusak"),
        ("27/02/2018 14:05 - Budi: Jalan rusak\n28/02/2018 09:00 - Posko: ok",
         "Android (Indonesia)", T, "Budi", "Jalan rusak"),
        (f"2/27/18, 2:05{NNBSP}PM - Name: Road is broken\n2/28/18, 9:00{NNBSP}AM - Posko: ok",
         "Android (Inggris)", T, "Name", "Road is broken"),
        ("2/27/18, 12:05 AM - Name: midnight\n2/28/18, 9:00 AM - Posko: ok",
         "Android (Inggris)", datetime(2018, 2, 27, 0, 5), "Name", "midnight"),
        ("[27/02/18 14.05.12] Nama: Jalan rusak\n[28/02/18 09.00.00] Posko: ok",
         "iOS (Indonesia)", datetime(2018, 2, 27, 14, 5, 12), "Nama", "Jalan rusak"),
        (f"{LRM}[2/27/18, 2:05:12 PM] Name: Road\n[2/28/18, 9:00:00 AM] Posko: ok <This message was edited>",
         "iOS (Inggris)", datetime(2018, 2, 27, 14, 5, 12), "Name", "Road"),
    ],
)  # fmt: skip
def test_each_format(text: str, fmt: str, when: datetime, sender: str, body: str) -> None:
    chat = read_chat(text.encode(), "chat.txt")
    first = chat.messages[0]
    assert (chat.format, first.waktu, first.pengirim, first.teks, first.jenis) == (
        fmt,
        when,
        sender,
        body,
        TEKS,
    )


@pytest.mark.parametrize(
    ("line", "jenis", "teks", "lampiran", "extra"),
    [
        # multi-line message and emoji
        ("27/02/18 14.05 - Budi: baris satu\nbaris dua 😡🙏", TEKS, "baris satu\nbaris dua 😡🙏", None, {}),
        # edited
        ("27/02/18 14.05 - Budi: Jalan rusak <Pesan ini diedit>", TEKS, "Jalan rusak", None, {"diedit": True}),
        ("27/02/18 14.05 - Budi: Road <This message was edited>", TEKS, "Road", None, {"diedit": True}),
        # deleted (by the sender, by the phone's owner)
        ("27/02/18 14.05 - Budi: Pesan ini telah dihapus", DIHAPUS, "", None, {"dihapus_pemilik": False}),
        ("27/02/18 14.05 - Budi: This message was deleted", DIHAPUS, "", None, {}),
        ("27/02/18 14.05 - Posko: Anda menghapus pesan ini", DIHAPUS, "", None, {"dihapus_pemilik": True}),
        (f"[27/02/18 14.05.00] Posko: {LRM}You deleted this message.", DIHAPUS, "", None, {"dihapus_pemilik": True}),
        # system lines: encryption, group events (a colon inside a subject too)
        ("27/02/18 14.05 - Pesan dan panggilan dienkripsi secara end-to-end. Ketuk untuk info selengkapnya.", SISTEM, "", None, {}),
        ("27/02/18 14.05 - Messages and calls are end-to-end encrypted. Tap to learn more.", SISTEM, "", None, {}),
        ("27/02/18 14.05 - +62 812-3456-7890 bergabung menggunakan tautan undangan grup ini", SISTEM, "", None, {}),
        ("27/02/18 14.05 - Budi menambahkan +62 813-1111-2222", SISTEM, "", None, {}),
        ("27/02/18 14.05 - Budi keluar", SISTEM, "", None, {}),
        ('27/02/18 14.05 - Budi mengubah subjek dari "Aduan: A" ke "B"', SISTEM, "", None, {}),
        (f"[27/02/18 14.05.00] Posko Kupang: {LRM}Budi joined using this group's invite link", SISTEM, "", None, {}),
        ("27/02/18 14.05 - Kode keamanan Anda dengan Budi berubah", SISTEM, "", None, {}),
        # media left out of the export
        ("27/02/18 14.05 - Budi: <Media tidak disertakan>", LAMPIRAN, "", ("media", None), {}),
        ("27/02/18 14.05 - Budi: <Media omitted>", LAMPIRAN, "", ("media", None), {}),
        (f"[27/02/18 14.05.00] Budi: {LRM}image omitted", LAMPIRAN, "", ("foto", None), {}),
        (f"[27/02/18 14.05.00] Budi: {LRM}gambar tidak disertakan", LAMPIRAN, "", ("foto", None), {}),
        (f"[27/02/18 14.05.00] Budi: {LRM}kartu kontak tidak disertakan", LAMPIRAN, "", ("kontak", None), {}),
        # attachments of every kind (Android: name + "(file terlampir)", caption below; iOS: <terlampir: …>)
        ("27/02/18 14.05 - Budi: IMG-20180227-WA0003.jpg (file terlampir)\nini fotonya", LAMPIRAN, "ini fotonya",
         ("foto", "IMG-20180227-WA0003.jpg"), {}),
        ("27/02/18 14.05 - Budi: VID-20180227-WA0004.mp4 (file attached)", LAMPIRAN, "", ("video", "VID-20180227-WA0004.mp4"), {}),
        ("27/02/18 14.05 - Budi: PTT-20180227-WA0005.opus (file terlampir)", LAMPIRAN, "", ("audio", "PTT-20180227-WA0005.opus"), {}),
        ("27/02/18 14.05 - Budi: AUD-20180227-WA0006.m4a (file terlampir)", LAMPIRAN, "", ("audio", "AUD-20180227-WA0006.m4a"), {}),
        ("27/02/18 14.05 - Budi: STK-20180227-WA0007.webp (file terlampir)", LAMPIRAN, "", ("stiker", "STK-20180227-WA0007.webp"), {}),
        ("27/02/18 14.05 - Budi: Surat keterangan.pdf (file terlampir)", LAMPIRAN, "", ("dokumen", "Surat keterangan.pdf"), {}),
        ("27/02/18 14.05 - Budi: Rosa Ndun.vcf (file terlampir)", LAMPIRAN, "", ("kontak", "Rosa Ndun.vcf"), {}),
        (f"[27/02/18 14.05.00] Budi: {LRM}<terlampir: 00000012-PHOTO-2018-02-27-14-05-00.jpg>", LAMPIRAN, "",
         ("foto", "00000012-PHOTO-2018-02-27-14-05-00.jpg"), {}),
        (f"[27/02/18 14.05.00] Budi: Laporan.pdf • 2 halaman {LRM}<attached: 00000013-Laporan.pdf>", LAMPIRAN, "",
         ("dokumen", "00000013-Laporan.pdf"), {}),
        # shared locations
        ("27/02/18 14.05 - Budi: lokasi: https://maps.google.com/?q=-10.1718,123.6075", LAMPIRAN, "", ("lokasi", "lokasi"),
         {"koordinat": "-10.1718,123.6075"}),
        ("27/02/18 14.05 - Budi: location: https://maps.google.com/?q=-10.17,123.60", LAMPIRAN, "", ("lokasi", "lokasi"),
         {"koordinat": "-10.17,123.60"}),
        ("27/02/18 14.05 - Budi: Lokasi terkini dibagikan", LAMPIRAN, "", ("lokasi", "lokasi terkini"), {}),
    ],
)  # fmt: skip
def test_each_special_line(line: str, jenis: str, teks: str, lampiran: tuple | None, extra: dict) -> None:
    m = _one(line)
    assert (m.jenis, m.teks) == (jenis, teks)
    assert (m.pengirim is None) == (jenis == SISTEM)
    got = None if m.lampiran is None else (m.lampiran.jenis, m.lampiran.nama)
    assert got == lampiran
    for key, value in extra.items():
        actual = m.lampiran.koordinat if key == "koordinat" else getattr(m, key)
        assert actual == value, key


def test_day_month_order_from_a_day_above_twelve_and_from_time_order() -> None:
    text = "03/02/18 10.00 - A: satu\n13/02/18 10.00 - A: dua\n"
    assert read_chat(text.encode(), "c.txt").urutan == "hari/bulan"
    us = "2/3/18, 10:00 AM - A: one\n2/13/18, 10:00 AM - A: two\n"
    assert read_chat(us.encode(), "c.txt").urutan == "bulan/hari"
    # no day above 12, but only one reading runs forward: 01/02 → 02/01 is 1 Feb → 2 Jan backwards
    forward = "02/01/18 10.00 - A: satu\n01/02/18 10.00 - A: dua\n"
    chat = read_chat(forward.encode(), "c.txt")
    assert chat.urutan == "hari/bulan" and chat.messages[1].waktu == datetime(2018, 2, 1, 10)


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


CHAT = b"27/02/18 14.05 - Budi: IMG-20180227-WA0003.jpg (file terlampir)\n28/02/18 09.00 - Posko: ok\n"


def test_zip_with_media_gives_size_and_sha256() -> None:
    chat = read_chat(
        _zip({"WhatsApp Chat with Budi.txt": CHAT, "IMG-20180227-WA0003.jpg": b"\xff\xd8abc"}), "x.zip"
    )
    assert chat.media_info("IMG-20180227-WA0003.jpg") == (5, hashlib.sha256(b"\xff\xd8abc").hexdigest())
    assert chat.media("IMG-20180227-WA0003.jpg") == b"\xff\xd8abc"
    assert chat.media_info("IMG-lain.jpg") is None


@pytest.mark.parametrize(
    ("data", "name", "needle"),
    [
        (b"Laporan rapat bulanan\nTidak ada tanggal di sini\n", "catatan.txt", "bukan ekspor chat WhatsApp: tidak ada baris yang diawali tanggal dan jam"),
        (b"", "kosong.txt", "bukan ekspor chat WhatsApp"),
        (b"\xff\xfe\x00\x00garbage", "biner.txt", "bukan teks UTF-8"),
        (b"PK\x03\x04rusak", "rusak.zip", "berkas .zip rusak"),
        (_zip({"foto.jpg": b"x"}), "media.zip", "tidak berisi ekspor chat WhatsApp (.txt)"),
        (_zip({"a.txt": CHAT, "b.txt": CHAT}), "dua.zip", "memuat 2 chat WhatsApp"),
        (b"01/02/18 10.00 - A: satu\n01/02/18 11.00 - A: dua\n02/03/18 10.00 - A: tiga\n", "ragu.txt",
         "ragu.txt · baris 1: urutan hari dan bulan tidak dapat ditentukan: semua tanggal (mis. '01/02/18')"),
        (b"13/02/18 10.00 - A: satu\n02/13/18 10.00 - A: dua\n", "campur.txt", "campur.txt · baris 1: tanggal tidak konsisten"),
        (b"27/02/18 25.61 - A: satu\n", "jam.txt", "jam.txt · baris 1: jam '25.61' tidak sah"),
    ],
)  # fmt: skip
def test_refused_with_a_precise_indonesian_message(data: bytes, name: str, needle: str) -> None:
    with pytest.raises(ChatExportError) as exc:
        read_chat(data, name)
    assert needle in str(exc.value)
    assert "(diharapkan:" in str(exc.value)


def test_the_uploader_may_state_the_order_of_an_ambiguous_file() -> None:
    text = b"01/02/18 10.00 - A: satu\n01/02/18 11.00 - A: dua\n02/03/18 10.00 - A: tiga\n"
    chat = read_chat(text, "ragu.txt", urutan="bulan/hari")
    assert chat.messages[2].waktu == datetime(2018, 2, 3, 10)
