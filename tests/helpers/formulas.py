"""Scanning what the app writes for a person: any cell a spreadsheet would run as a formula (OWASP)."""

from __future__ import annotations

import csv
import io
import re
import zipfile

START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?%?$")  # -3.5 is a number, not a formula
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")


def _unsafe(text: str) -> bool:
    return text.startswith(START) and not _NUMBER.match(text.strip())


def unsafe_csv(data: bytes | str) -> list[str]:
    """Cells of a CSV that start like a formula (numbers such as -2.10 excepted)."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row if _unsafe(cell)]


def unsafe_xlsx(data: bytes) -> list[str]:
    """Formula elements and text that starts like one, in every sheet and the shared strings."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            if not name.endswith(".xml") or not (
                name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"
            ):
                continue
            xml = book.read(name)
            found += [f"{name}: rumus {m.decode()[:60]}" for m in re.findall(rb"<(?:\w+:)?f[ >][^<]*", xml)]
            for m in _TEXT.findall(xml):
                text = m.decode()
                text = (
                    text.replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", '"')
                )
                if _unsafe(text):
                    found.append(f"{name}: {text[:60]}")
    return found
