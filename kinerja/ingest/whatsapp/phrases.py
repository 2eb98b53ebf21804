"""What WhatsApp writes in its exports, in Indonesian and English (Android and iOS): markers and system lines."""

from __future__ import annotations

import re

# Invisible marks WhatsApp puts around names, attachments and times (LRM, RLM, narrow/no-break spaces).
INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"), None)
SPACES = {0x202F: " ", 0x00A0: " ", 0x2007: " "}

# A message line starts with a date and a time; iOS puts them in brackets.
_DATE = r"(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})"
_TIME = r"(?P<time>\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)(?:\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?"
ANDROID_LINE = re.compile(rf"^{_DATE},?\s{_TIME}\s[-–]\s(?P<rest>.*)$")
IOS_LINE = re.compile(rf"^\[{_DATE},?\s{_TIME}\]\s(?P<rest>.*)$")
SENDER = re.compile(r"^(?P<sender>[^:\n]{1,120}?):\s(?P<text>.*)$", re.DOTALL)

DELETED = re.compile(
    r"^(?:pesan ini (?:telah )?dihapus|this message was deleted|anda menghapus pesan ini|"
    r"you deleted this message)\.?$",
    re.IGNORECASE,
)
DELETED_BY_OWNER = re.compile(r"^(?:anda menghapus pesan ini|you deleted this message)\.?$", re.IGNORECASE)
EDITED = re.compile(r"\s*<(?:pesan ini diedit|this message was edited)>\s*$", re.IGNORECASE)

# Attachments: Android `NAME (file terlampir)`, iOS `<terlampir: NAME>`; media left out of the export.
ATTACHED = re.compile(
    r"^(?P<name>[^\n<>]+?\.[A-Za-z0-9]{2,5})\s\((?:file terlampir|file attached)\)", re.IGNORECASE
)
IOS_ATTACHED = re.compile(r"<(?:attached|terlampir|lampiran):\s*(?P<name>[^>\n]+)>", re.IGNORECASE)
OMITTED = re.compile(
    r"^<?(?P<what>media|image|gambar|foto|video|audio|sticker|stiker|document|dokumen|gif|"
    r"contact card|kartu kontak)\s(?:omitted|tidak disertakan)>?$",
    re.IGNORECASE,
)
OMITTED_KIND = {
    "media": "media", "image": "foto", "gambar": "foto", "foto": "foto", "video": "video", "gif": "video",
    "audio": "audio", "sticker": "stiker", "stiker": "stiker", "document": "dokumen", "dokumen": "dokumen",
    "contact card": "kontak", "kartu kontak": "kontak",
}  # fmt: skip
LOCATION = re.compile(r"^(?:lokasi|location):\s*(?P<url>https?://\S+)\s*$", re.IGNORECASE)
COORDINATES = re.compile(r"[?&](?:q|query|ll)=(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)")
LIVE_LOCATION = re.compile(
    r"^(?:lokasi terkini dibagikan|berbagi lokasi terkini|live location shared)\.?$", re.IGNORECASE
)

# File name → attachment kind (WhatsApp's own prefixes first, then the extension).
PREFIX_KIND = (("IMG-", "foto"), ("PHOTO-", "foto"), ("VID-", "video"), ("VIDEO-", "video"),
               ("PTT-", "audio"), ("AUD-", "audio"), ("AUDIO-", "audio"), ("STK-", "stiker"),
               ("STICKER-", "stiker"), ("DOC-", "dokumen"))  # fmt: skip
EXT_KIND = {
    "jpg": "foto", "jpeg": "foto", "png": "foto", "heic": "foto", "mp4": "video", "3gp": "video",
    "mov": "video", "gif": "video", "opus": "audio", "ogg": "audio", "m4a": "audio", "mp3": "audio",
    "aac": "audio", "amr": "audio", "webp": "stiker", "vcf": "kontak",
}  # fmt: skip

# Lines without a sender (group events, notices), by the words of their Android or iOS form.
SYSTEM = re.compile(
    "|".join(
        (
            r"end-to-end",
            r"dienkripsi",
            r"terenkripsi",
            r"diamankan dengan enkripsi",
            r"\bbergabung\b",
            r"\bjoined\b",
            r"\bmenambahkan\b",
            r"\badded\b",
            r"\bkeluar$",
            r"\bleft$",
            r"\bmengeluarkan\b",
            r"\bremoved\b",
            r"membuat grup",
            r"created (?:group|this group)",
            r"mengubah (?:subjek|ikon|deskripsi|nomor|setelan|pengaturan)",
            r"changed (?:the subject|this group|the group|their phone number|to)",
            r"\bsekarang admin\b",
            r"now an admin",
            r"kode keamanan",
            r"security code",
            r"pesan sementara",
            r"disappearing messages",
            r"memblokir",
            r"blocked this contact",
            r"unblocked",
            r"akun bisnis",
            r"business account",
            r"panggilan (?:suara|video) tak terjawab",
            r"missed (?:voice|video) call",
            r"\bis a contact\b",
            r"adalah kontak",
            r"menghapus grup",
            r"deleted this group",
        )
    ),
    re.IGNORECASE,
)
# Words that tell the language of an export (for the report only).
ENGLISH = re.compile(
    r"\b(?:omitted|attached|deleted|encrypted|joined|added|left|edited|location)\b", re.IGNORECASE
)
INDONESIAN = re.compile(
    r"\b(?:disertakan|terlampir|dihapus|dienkripsi|terenkripsi|bergabung|menambahkan|diedit|lokasi)\b",
    re.IGNORECASE,
)
