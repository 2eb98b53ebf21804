"""Personal data in free text (UU 27/2022): what a phone number, NIK or e-mail address looks like, masked.

People write numbers every way a keyboard allows: `(0380)821238`, `0380-821235`, `021–5550817`
(an en dash), full-width digits, non-breaking spaces, `+1 415 555 0120`, one digit at a time
(`0 8 1 2 …`), and e-mails as `budi [at] mail [dot] id`. A text is first *prepared* (NFKC, which
turns full-width digits and odd spaces into plain ones; every dash a hyphen; invisible format
characters dropped), then the patterns below run on it. A text with nothing to mask is kept as
written; a masked one is stored in its prepared form.
"""

from __future__ import annotations

import re
import unicodedata

TOKENS = {"email": "[email disamarkan]", "nik": "[NIK disamarkan]", "telepon": "[telepon disamarkan]"}
KINDS = tuple(TOKENS)

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")

# One more digit after an optional single separator: a space, dot or hyphen, or a bracket
# around an area code — `(0380)821238`, `0380 821 236`, `0 8 1 2 …`.
_U = r"(?:[ .\-]|\)\s?|\s?\()?\d"
_START = r"(?<![\w@+])(?<!\d[ .\-])"  # not the middle of a word or of a longer number
_NOT_DATE = r"(?!\d[-/.]\d{1,2}[-/.]\d{2,4}(?!\d))"  # 08-02-2018 is a date
_NOT_AMOUNT = r"(?!\d{0,2}(?:\.\d{3})+(?!\d))"  # 1.250.000.000 is money
_END = r"(?![ .\-]?\d)"
_PHONE = re.compile(
    rf"{_START}\(?0{_NOT_DATE}(?:{_U}){{8,13}}{_END}"  # 0… (mobile or landline with area code)
    rf"|(?<![\w@])\+\s?[1-9](?:{_U}){{7,14}}{_END}"  # +62 …, +1 415 555 0120
    rf"|{_START}6{_NOT_AMOUNT}2[ .\-]?8(?:{_U}){{6,12}}{_END}"  # 62 8… (not Rp 628.000.000)
)
_NIK = re.compile(rf"{_START}[1-9]{_NOT_AMOUNT}(?:[ .\-]?\d){{15}}{_END}")
_AT = r"(?:\s?@\s?|\s*[\[({<]\s*(?:at|et|@)\s*[\])}>]\s*)"
_DOT = r"(?:\s?\.\s?|\s*[\[({<]\s*(?:dot|titik|\.)\s*[\])}>]\s*)"
_EMAIL = re.compile(rf"[\w.%+\-]+{_AT}[\w\-]+(?:{_DOT}[\w\-]+)*{_DOT}[A-Za-z]{{2,}}\b", re.IGNORECASE)
PATTERNS = (("email", _EMAIL), ("nik", _NIK), ("telepon", _PHONE))

# Quick tests for "may hold personal data" (RE2-compatible, used by the Arrow fast path).
MAY_HOLD_EMAIL = r"[@\x{ff20}\x{fe6b}]|[\[({<]\s*(?i:at|et)\s*[\])}>]"
MIN_DIGITS = 9  # a text with fewer digits holds no phone number or NIK


# Unicode's format characters (category Cf: zero-width space, soft hyphen, bidi controls …).
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_DIGIT = re.compile(r"\d")
_MAIL_HINT = re.compile(r"[@\uff20\ufe6b]|[\[({<]\s*(?:at|et)\s*[\])}>]", re.IGNORECASE)


def prepare(text: str) -> str:
    """NFKC, every dash a hyphen, every space a plain one, format characters (zero-width …) gone."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_SPACES)
    return FORMAT_CHARACTERS.sub("", text)


def may_hold(text: str) -> bool:
    """A quick test: enough digits of any script for a phone number or NIK, or an `@`-like sign."""
    return len(_DIGIT.findall(text)) >= MIN_DIGITS or _MAIL_HINT.search(text) is not None


def mask_text(text: str) -> tuple[str, dict[str, int]]:
    """`text` with e-mails, NIKs and phone numbers masked, and how many of each (idempotent)."""
    counts = dict.fromkeys(KINDS, 0)
    if not may_hold(text):
        return text, counts
    prepared = prepare(text)
    out = prepared
    for kind, pattern in PATTERNS:
        out, counts[kind] = pattern.subn(TOKENS[kind], out)
    return (out if any(counts.values()) else text), counts


def holds_personal_data(text: str) -> bool:
    """Whether a text (a ticket number, a channel note) contains a phone number, NIK or e-mail."""
    if not may_hold(text):
        return False
    prepared = prepare(text)
    return any(pattern.search(prepared) for _, pattern in PATTERNS)


def mask_value(value: object) -> object:
    """Text masked; any other value unchanged (for records kept as JSON)."""
    return mask_text(value)[0] if isinstance(value, str) else value
