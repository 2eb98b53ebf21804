"""The demo's chat events written as WhatsApp writes them: Android (Indonesian, English) and iOS."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

ANDROID_ID, ANDROID_EN, IOS_ID = "android-id", "android-en", "ios-id"


@dataclass(frozen=True)
class Event:
    """One line of a chat: who (None: a system line), when, what (teks | foto | video | dokumen |
    audio | kontak | stiker | lokasi | media | dihapus), the text, an attached file's name."""

    waktu: datetime
    pengirim: str | None
    jenis: str
    teks: str = ""
    berkas: str | None = None
    diedit: bool = False


_WORDS = {
    ANDROID_ID: {"attached": "(file terlampir)", "omitted": "<Media tidak disertakan>", "deleted": "Pesan ini telah dihapus",
                 "edited": "<Pesan ini diedit>", "location": "lokasi", "encrypted": "Pesan dan panggilan dienkripsi secara "
                 "end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.",
                 "joined": "bergabung menggunakan tautan undangan grup ini"},
    ANDROID_EN: {"attached": "(file attached)", "omitted": "<Media omitted>", "deleted": "This message was deleted",
                 "edited": "<This message was edited>", "location": "location", "encrypted": "Messages and calls are "
                 "end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
                 "joined": "joined using this group's invite link"},
    IOS_ID: {"attached": "terlampir", "omitted": "gambar tidak disertakan", "deleted": "Pesan ini telah dihapus.",
             "edited": "<Pesan ini diedit>", "location": "Lokasi", "encrypted": "Pesan dan panggilan dienkripsi secara "
             "end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.",
             "joined": "bergabung menggunakan tautan undangan grup ini"},
}  # fmt: skip
LRM = "\u200e"


def _stamp(t: datetime, style: str) -> str:
    if style == ANDROID_ID:
        return f"{t:%d/%m/%y %H.%M} - "
    if style == ANDROID_EN:
        hour = t.hour % 12 or 12
        return f"{t.month}/{t.day}/{t:%y}, {hour}:{t:%M}\u202f{'PM' if t.hour >= 12 else 'AM'} - "
    return f"[{t:%d/%m/%y %H.%M.%S}] "


def _body(e: Event, style: str) -> str:
    w = _WORDS[style]
    ios = style == IOS_ID
    if e.jenis == "dihapus":
        return (LRM if ios else "") + w["deleted"]
    if e.jenis == "lokasi":
        return f"{w['location']}: {e.teks}"
    if e.jenis == "media":
        return (LRM if ios else "") + w["omitted"]
    if e.jenis != "teks":
        if ios:
            head = f"{LRM}<{w['attached']}: {e.berkas}>"
        else:
            head = f"{e.berkas} {w['attached']}"
        return head + (f"\n{e.teks}" if e.teks else "")
    return e.teks + (f" {w['edited']}" if e.diedit else "")


def render(events: list[tuple[Event, str | None]], style: str, group: str) -> str:
    """The chat's text; each event with its sender's label (None: system line)."""
    w = _WORDS[style]
    lines = []
    for e, label in events:
        stamp = _stamp(e.waktu, style)
        if e.pengirim is None:
            text = w["encrypted"] if e.jenis == "enkripsi" else f"{label} {w['joined']}"
            lines.append(f"{stamp}{group}: {LRM}{text}" if style == IOS_ID else f"{stamp}{text}")
        else:
            lines.append(f"{stamp}{label}: {_body(e, style)}")
    return "\n".join(lines) + "\n"


def archive(text_name: str, text: str, media: dict[str, bytes]) -> bytes:
    """A .zip as "Lampirkan media" writes it: the chat text and the attached files."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(text_name, text)
        for name, content in media.items():
            zf.writestr(name, content)
    return buf.getvalue()
