"""Reading a WhatsApp chat export (.txt, or .zip with media): every line as a message, a system line or text."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from kinerja.errors import ChatExportError
from kinerja.ingest.report import Problem
from kinerja.ingest.whatsapp import phrases as ph
from kinerja.ingest.whatsapp.dates import Stamp, decide_order, stamp_of

MAX_TEXT_BYTES = 64 * 1024 * 1024  # a chat of 40,000 messages is a few MB
MAX_ZIP_ENTRIES = 20_000
EXAMPLE = "berkas .txt atau .zip dari menu Ekspor chat WhatsApp, mis. '27/02/18 14.05 - Nama: pesan'"
TEKS, LAMPIRAN, DIHAPUS, SISTEM = "teks", "lampiran", "dihapus", "sistem"


@dataclass(frozen=True)
class Attachment:
    """One attachment line: its kind, the file name as exported, whether the file is in the export."""

    jenis: str  # foto | video | dokumen | lokasi | audio | stiker | kontak | media
    nama: str | None = None
    disertakan: bool = False
    koordinat: str | None = None  # a shared location's "lat,lon"


@dataclass
class Message:
    """One message (or system line) of the export; `pengirim` is the raw label, never stored."""

    baris: int
    waktu: datetime
    pengirim: str | None
    teks: str = ""
    jenis: str = TEKS
    diedit: bool = False
    lampiran: Attachment | None = None
    dihapus_pemilik: bool = False  # "Anda menghapus pesan ini": the phone's owner wrote it


@dataclass
class Chat:
    """A read export: its messages, how it was written, and the media files a .zip carries."""

    file_name: str
    format: str  # e.g. "Android (Indonesia)"
    urutan: str  # "hari/bulan" or "bulan/hari"
    messages: list[Message]
    archive: bytes | None = None
    media_names: dict[str, str] = field(default_factory=dict)  # base name → name inside the .zip

    @property
    def senders(self) -> dict[str, int]:
        """Sender labels and their message counts, in order of first appearance."""
        out: dict[str, int] = {}
        for m in self.messages:
            if m.pengirim is not None:
                out[m.pengirim] = out.get(m.pengirim, 0) + 1
        return out

    def media(self, name: str) -> bytes | None:
        """The bytes of an attached file inside the .zip, or None."""
        inner = self.media_names.get(name)
        if inner is None or self.archive is None:
            return None
        with zipfile.ZipFile(io.BytesIO(self.archive)) as zf:
            return zf.read(inner)

    def media_info(self, name: str) -> tuple[int, str] | None:
        """(size, SHA-256) of an attached file inside the .zip, read in chunks; None when absent."""
        inner = self.media_names.get(name)
        if inner is None or self.archive is None:
            return None
        digest = hashlib.sha256()
        with zipfile.ZipFile(io.BytesIO(self.archive)) as zf, zf.open(inner) as fh:
            size = 0
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        return size, digest.hexdigest()


def refuse(file_name: str, message: str, row: int | None = None, expected: str = EXAMPLE) -> ChatExportError:
    return ChatExportError(Problem(file_name, message, row=row, expected=expected).line())


def read_chat(data: bytes, file_name: str, *, urutan: str | None = None) -> Chat:
    """A chat export read whole; ChatExportError (one precise Indonesian line) when it is not one."""
    if data[:4] == b"PK\x03\x04" or file_name.lower().endswith(".zip"):
        return _read_zip(data, file_name, urutan)
    return parse_text(_decode(data, file_name), file_name, urutan=urutan)


def _decode(data: bytes, file_name: str) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise refuse(file_name, f"berkas teks terlalu besar ({len(data) // 2**20} MB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(
            file_name, f"bukan teks UTF-8 (bita ke-{exc.start + 1} tidak sah); bukan ekspor chat WhatsApp"
        ) from None


def _read_zip(data: bytes, file_name: str, urutan: str | None) -> Chat:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise refuse(file_name, "berkas .zip rusak atau bukan .zip") from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX")]
        if len(infos) > MAX_ZIP_ENTRIES:
            raise refuse(
                file_name, f"berkas .zip berisi {len(infos)} berkas (paling banyak {MAX_ZIP_ENTRIES})"
            )
        texts = [i for i in infos if i.filename.lower().endswith(".txt")]
        if not texts:
            raise refuse(file_name, "berkas .zip tidak berisi ekspor chat WhatsApp (.txt)")
        chats: list[Chat] = []
        for info in texts:
            if info.file_size > MAX_TEXT_BYTES:
                raise refuse(file_name, f"{info.filename} terlalu besar ({info.file_size // 2**20} MB)")
            try:
                chats.append(parse_text(_decode(zf.read(info), file_name), file_name, urutan=urutan))
            except ChatExportError:
                if len(texts) == 1:
                    raise
        if len(chats) != 1:
            found = "tidak ada" if not chats else f"{len(chats)}"
            raise refuse(file_name, f"berkas .zip memuat {found} chat WhatsApp yang terbaca",
                         expected="satu chat per .zip (ekspor setiap chat sendiri-sendiri)")  # fmt: skip
        chat = chats[0]
        chat.archive = data
        chat.media_names = {i.filename.rsplit("/", 1)[-1]: i.filename for i in infos if i not in texts}
        return chat


@dataclass
class _Head:
    baris: int
    date: str
    time: str
    ampm: str | None
    rest: str
    extra: list[str] = field(default_factory=list)


def _heads(text: str) -> tuple[list[_Head], str]:
    lines = text.splitlines()
    android = ios = 0
    found: list[tuple[int, re.Match[str], str]] = []
    for n, raw in enumerate(lines, start=1):
        line = raw.translate(ph.SPACES).lstrip("\u200e\ufeff")
        m = ph.IOS_LINE.match(line)
        if m:
            ios += 1
            found.append((n, m, "ios"))
            continue
        m = ph.ANDROID_LINE.match(line)
        if m:
            android += 1
            found.append((n, m, "android"))
    style = "ios" if ios > android else "android"
    heads: list[_Head] = []
    starts = {n: m for n, m, s in found if s == style}
    for n, raw in enumerate(lines, start=1):
        m = starts.get(n)
        if m is not None:
            heads.append(_Head(n, m["date"], m["time"], m["ampm"], m["rest"]))
        elif heads:
            heads[-1].extra.append(raw.translate(ph.SPACES))
    return heads, style


def parse_text(text: str, file_name: str, *, urutan: str | None = None) -> Chat:
    """The messages of an export's text (see read_chat)."""
    heads, style = _heads(text)
    if not heads:
        raise refuse(file_name, "bukan ekspor chat WhatsApp: tidak ada baris yang diawali tanggal dan jam")
    order = decide_order([(h.baris, h.date) for h in heads], file_name, urutan)
    messages = []
    for h in heads:
        when = stamp_of(Stamp(h.baris, h.date, h.time, h.ampm), order, file_name)
        messages.append(_message(h, when, style))
    sample = "\n".join(m.teks for m in messages[:400]) + "\n".join(h.rest for h in heads[:400])
    lang = "Inggris" if len(ph.ENGLISH.findall(sample)) > len(ph.INDONESIAN.findall(sample)) else "Indonesia"
    if style == "android" and any(h.ampm for h in heads):
        lang = "Inggris"
    label = f"{'iOS' if style == 'ios' else 'Android'} ({lang})"
    return Chat(file_name, label, order, messages)


def _message(h: _Head, when: datetime, style: str) -> Message:
    m = ph.SENDER.match(h.rest)
    if m is None:
        return Message(h.baris, when, None, jenis=SISTEM)
    sender = m["sender"].translate(ph.INVISIBLE).strip()
    raw_text = m["text"]
    marked = raw_text.startswith("\u200e")
    body = "\n".join([raw_text, *h.extra]).translate(ph.INVISIBLE).strip()
    if style == "android" and len(sender.split()) > 1 and ph.SYSTEM.search(sender):
        return Message(h.baris, when, None, jenis=SISTEM)
    msg = Message(h.baris, when, sender)
    if ph.DELETED.match(body):
        msg.jenis, msg.dihapus_pemilik = DIHAPUS, bool(ph.DELETED_BY_OWNER.match(body))
        return msg
    if ph.EDITED.search(body):
        msg.diedit, body = True, ph.EDITED.sub("", body).strip()
    attached = _attachment(body)
    if attached is not None:
        msg.jenis, (msg.lampiran, body) = LAMPIRAN, attached
    elif marked and ph.SYSTEM.search(body):
        return Message(h.baris, when, None, jenis=SISTEM)  # iOS notices carry the chat's name as sender
    msg.teks = body
    return msg


def kind_of(name: str) -> str:
    """Attachment kind from a file name: WhatsApp's prefix (IMG-, VID-, PTT- …), else the extension."""
    base = name.rsplit("/", 1)[-1]
    upper = base.upper()
    for prefix, kind in ph.PREFIX_KIND:
        if upper.startswith(prefix) or f"-{prefix}" in upper:
            return kind
    ext = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    return ph.EXT_KIND.get(ext, "dokumen")


def _attachment(body: str) -> tuple[Attachment, str] | None:
    """(attachment, remaining caption) when the message is an attachment line."""
    if m := ph.ATTACHED.match(body):
        name = m["name"].strip()
        return Attachment(kind_of(name), name, True), body[m.end() :].strip()
    if m := ph.IOS_ATTACHED.search(body):
        name = m["name"].strip()
        rest = (body[: m.start()] + body[m.end() :]).strip()
        rest = re.sub(r"^.*•\s*\d+\s*(?:halaman|pages?)\s*", "", rest).strip()
        return Attachment(kind_of(name), name, True), rest
    first, _, rest = body.partition("\n")
    if m := ph.OMITTED.match(first.strip()):
        return Attachment(ph.OMITTED_KIND[m["what"].lower()]), rest.strip()
    if m := ph.LOCATION.match(first.strip()):
        c = ph.COORDINATES.search(m["url"])
        return Attachment("lokasi", "lokasi", False, f"{c[1]},{c[2]}" if c else None), rest.strip()
    if ph.LIVE_LOCATION.match(first.strip()):
        return Attachment("lokasi", "lokasi terkini"), rest.strip()
    return None
