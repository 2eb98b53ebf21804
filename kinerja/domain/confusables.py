"""Unit names that only look alike (UTS #39 skeletons): a zero-width space, a soft hyphen, full-width
letters or a Cyrillic `е` must not make a new unit that reads exactly like Dinas Kesehatan (issue 10).

`prepare_name` is Unicode normalisation (NFKC, format characters dropped): after it, full-width
letters and invisible characters are gone, and the name matches the stored one. `skeleton` also
maps the letters of other scripts that look like Latin ones (the Cyrillic and Greek rows of the
UTS #39 confusables table that matter for Latin names) to those, so a name written with them can be
recognised as a look-alike and refused.
"""

from __future__ import annotations

import unicodedata

from kinerja.domain.privacy import FORMAT_CHARACTERS

# Cyrillic and Greek letters whose UTS #39 prototype is a Latin letter (lower case after casefold).
_LOOKALIKE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ɡ": "g", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j", "ı": "i",
})  # fmt: skip


def prepare_name(text: str) -> str:
    """NFKC (full-width letters → ASCII) with format characters (zero-width space, soft hyphen) dropped."""
    if text.isascii():
        return text
    return FORMAT_CHARACTERS.sub("", unicodedata.normalize("NFKC", text))


def skeleton(text: str) -> str:
    """What a name looks like: prepared, case-folded, look-alike letters of other scripts made Latin."""
    return prepare_name(text).casefold().translate(_LOOKALIKE)


def foreign_letters(text: str) -> list[str]:
    """The characters that made a name look like another: `U+0435 CYRILLIC SMALL LETTER IE`."""
    prepared = prepare_name(text)
    return [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in dict.fromkeys(prepared)
            if not c.isascii() and c.casefold().translate(_LOOKALIKE).isascii()]  # fmt: skip
