"""Identities in a chat export (UU 27/2022): who owns the phone, keyed sender ids, names masked in text."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from kinerja.domain.text import keyed_hash, normalize_text
from kinerja.errors import ChatExportError
from kinerja.ingest.cells.pii import mask_pii
from kinerja.ingest.report import Problem
from kinerja.ingest.whatsapp.chat import Chat

NAMA_DISAMARKAN = "[nama disamarkan]"
TELEPON_DISAMARKAN = "[telepon disamarkan]"
_PHONE_LABEL = re.compile(r"^\+?[\d\s\-().]{7,}$")
_MENTION = re.compile(r"@\+?\d[\d\s\-]{6,}\d")
# Words of a contact's saved name that are not the person: titles, places, the city.
_NOT_A_NAME = {
    "pak", "bapak", "bpk", "ibu", "bu", "mama", "mam", "bapa", "om", "tante", "kaka", "kak", "adik", "bang",
    "rt", "rw", "kel", "kec", "kota", "kupang", "warga", "posko", "wali", "walikota", "admin", "dinas", "the",
}  # fmt: skip
OWNER_WORDS = {
    "posko": ("posko",),
    "walikota": ("wali kota", "walikota", "walkot"),
}
_CHAT_WITH = re.compile(
    r"(?:whatsapp chat with|chat whatsapp dengan|whatsapp chat -|chat whatsapp -)\s*(.+?)(?:\.txt|\.zip)?$",
    re.IGNORECASE,
)


def is_phone(label: str) -> bool:
    return bool(_PHONE_LABEL.match(label.strip()))


def sender_id(label: str) -> str:
    """The form of a sender label that is hashed: a phone number as 62… digits, else the name."""
    if is_phone(label):
        digits = re.sub(r"\D", "", label)
        return "62" + digits[1:] if digits.startswith("0") else digits
    return label


def sender_key(secret: bytes, label: str) -> str:
    """Keyed hash of a sender (counts one citizen's complaints; never reversible without the secret)."""
    return keyed_hash(secret, "wa-pengirim|" + sender_id(label))


def owner_senders(
    chat: Chat, pemilik: str, *, names: Iterable[str] = (), explicit: Iterable[str] = ()
) -> set[str]:
    """The labels of the phone owner's side: given, else found (own deletions, the owner's name, a
    1:1 chat named after the other party); ChatExportError when it cannot be decided."""
    senders = chat.senders
    chosen = {s for s in explicit if s}
    if chosen:
        missing = sorted(chosen - set(senders))
        if missing:
            raise ChatExportError(Problem(chat.file_name, f"{len(missing)} pengirim pemilik yang disebut tidak ada "
                                          "dalam ekspor", expected="nama pengirim persis seperti tertulis di ekspor").line())  # fmt: skip
        return chosen
    found = {m.pengirim for m in chat.messages if m.dihapus_pemilik and m.pengirim}
    words = [normalize_text(w) for w in (*OWNER_WORDS.get(pemilik, ()), *names) if w and normalize_text(w)]
    for label in senders:
        norm = f" {normalize_text(label)} "
        if any(f" {w} " in norm for w in words):
            found.add(label)
    if not found and len(senders) == 2:
        m = _CHAT_WITH.search(chat.file_name.rsplit("/", 1)[-1])
        if m:
            other = normalize_text(m[1])
            rest = [s for s in senders if normalize_text(s) != other]
            if len(rest) == 1:
                found.add(rest[0])
    if not found:
        raise ChatExportError(
            Problem(
                chat.file_name,
                f"pengirim dari pihak pemilik telepon ({pemilik}) tidak dapat ditentukan di antara "
                f"{len(senders)} pengirim",
                expected="sebutkan pengirimnya (CLI: --pengirim-pemilik NAMA; halaman: pilih pengirim pemilik)",
            ).line()
        )
    if len(found) == len(senders):
        raise ChatExportError(Problem(chat.file_name, "semua pengirim tampak sebagai pemilik telepon; tidak ada "
                                      "pesan warga", expected="ekspor chat dengan warga").line())  # fmt: skip
    return found


def contact_names(chat: Chat) -> list[str]:
    """Every name the export shows for a person: sender labels that are not numbers, contact cards."""
    names = {s for s in chat.senders if not is_phone(s)}
    for m in chat.messages:
        if m.lampiran and m.lampiran.jenis == "kontak" and m.lampiran.nama:
            base = re.sub(r"^\d{8}-", "", m.lampiran.nama.rsplit("/", 1)[-1]).rsplit(".", 1)[0]
            names.add(base)
    return sorted(names, key=len, reverse=True)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    parts: set[str] = set()
    for name in names:
        clean = " ".join(name.split())
        if len(clean) >= 3:
            parts.add(re.escape(clean))
        for token in re.findall(r"[^\W\d_]{3,}", clean):
            if token.casefold() not in _NOT_A_NAME:
                parts.add(re.escape(token))
    if not parts:
        return None
    alternatives = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mask_identities(texts: pd.Series, names: Iterable[str]) -> tuple[pd.Series, dict[str, int]]:
    """Texts with the export's contact names, @-mentions of numbers, phones, NIKs and e-mails masked."""
    pattern = _name_pattern(names)
    counts = {"nama": 0, "sebutan": 0}

    def one(text: object) -> object:
        if not isinstance(text, str):
            return text
        text, n = _MENTION.subn(TELEPON_DISAMARKAN, text)
        counts["sebutan"] += n
        if pattern is not None:
            text, k = pattern.subn(NAMA_DISAMARKAN, text)
            counts["nama"] += k
        return text

    pre = texts.map(one)
    masked, pii = mask_pii(pre.astype(object))
    pii["telepon"] += counts.pop("sebutan")
    return masked, counts | pii


def safe_file_name(name: str | None, jenis: str, names: Iterable[str]) -> str | None:
    """An attachment's file name fit to keep: a contact card never keeps its person's name."""
    if not name:
        return None
    base = name.rsplit("/", 1)[-1]
    if jenis == "kontak":
        return "kartu-kontak.vcf"
    masked, _ = mask_identities(pd.Series([base], dtype=object), names)
    return str(masked.iat[0])
