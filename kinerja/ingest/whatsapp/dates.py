"""The date and time of an export's lines: day/month order decided once for the whole file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from kinerja.errors import ChatExportError
from kinerja.ingest.report import Problem

HARI_BULAN, BULAN_HARI = "hari/bulan", "bulan/hari"
ORDERS = (HARI_BULAN, BULAN_HARI)
_PARTS = re.compile(r"[/.\-]")
ORDER_HINT = "pilih urutan tanggal saat mengunggah (hari/bulan atau bulan/hari)"


@dataclass(frozen=True)
class Stamp:
    """The date and time text of one line, as exported."""

    baris: int
    date: str
    time: str
    ampm: str | None = None


def _parts(date: str) -> tuple[int, int, int]:
    a, b, y = (int(x) for x in _PARTS.split(date))
    return a, b, (2000 + y if y < 100 else y)


def _valid(day: int, month: int, year: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def _reading(parts: list[tuple[int, int, int]], order: str) -> list[tuple[int, int, int]] | None:
    """(year, month, day) of every line under one order, or None when a date is impossible."""
    out = []
    for a, b, y in parts:
        day, month = (a, b) if order == HARI_BULAN else (b, a)
        if not _valid(day, month, y):
            return None
        out.append((y, month, day))
    return out


def decide_order(dates: list[tuple[int, str]], file_name: str, urutan: str | None = None) -> str:
    """Day/month order of the whole file: the only one under which every date exists, else the only
    one under which the dates run forward (a chat is in time order); else ChatExportError."""
    parts = [_parts(d) for _, d in dates]
    if urutan is not None:
        if urutan not in ORDERS:
            raise ChatExportError(
                f"urutan tanggal '{urutan}' tidak dikenal (diharapkan: {', '.join(ORDERS)})"
            )
        if _reading(parts, urutan) is None:
            row = next(n for (n, _), p in zip(dates, parts, strict=True) if _reading([p], urutan) is None)
            text = next(d for n, d in dates if n == row)
            raise ChatExportError(Problem(file_name, f"tanggal '{text}' tidak sah bila dibaca {urutan}", row=row,
                                          expected=f"tanggal yang ada dengan urutan {urutan}").line())  # fmt: skip
        return urutan
    readings = {o: r for o in ORDERS if (r := _reading(parts, o)) is not None}
    if not readings:
        row, text = _first_clash(dates, parts)
        raise ChatExportError(Problem(file_name, f"tanggal tidak konsisten: '{text}' tidak cocok dengan "
                                      "urutan hari/bulan maupun bulan/hari tanggal lain", row=row,
                                      expected="satu urutan tanggal dalam seluruh berkas").line())  # fmt: skip
    if len(readings) == 1:
        return next(iter(readings))
    forward = [o for o, r in readings.items() if all(x <= y for x, y in zip(r, r[1:], strict=False))]
    if len(forward) == 1:
        return forward[0]
    row, text = dates[0]
    raise ChatExportError(
        Problem(
            file_name,
            f"urutan hari dan bulan tidak dapat ditentukan: semua tanggal (mis. '{text}') dapat dibaca "
            "sebagai hari/bulan maupun bulan/hari",
            row=row,
            expected=f"ekspor yang memuat tanggal dengan hari di atas 12, atau {ORDER_HINT}",
        ).line()
    )


def _first_clash(dates: list[tuple[int, str]], parts: list[tuple[int, int, int]]) -> tuple[int, str]:
    for (n, text), (a, b, _) in zip(dates, parts, strict=True):
        if a > 12 and any(p[1] > 12 for p in parts):
            return n, text
        if a > 31 or b > 31 or (a > 12 and b > 12):
            return n, text
    return dates[0]


def stamp_of(s: Stamp, order: str, file_name: str) -> datetime:
    """The line's time (as the phone showed it: WITA for a phone in Kupang)."""
    a, b, year = _parts(s.date)
    day, month = (a, b) if order == HARI_BULAN else (b, a)
    fields = [int(x) for x in re.split(r"[.:]", s.time)]
    hour, minute, second = fields[0], fields[1], fields[2] if len(fields) > 2 else 0
    if s.ampm:
        pm = s.ampm.strip().lower().startswith("p")
        if not 1 <= hour <= 12:
            raise ChatExportError(Problem(file_name, f"jam '{s.time} {s.ampm}' tidak sah", row=s.baris,
                                          expected="jam 1–12 dengan AM/PM").line())  # fmt: skip
        hour = (hour % 12) + (12 if pm else 0)
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise ChatExportError(Problem(file_name, f"jam '{s.time}' tidak sah", row=s.baris,
                                      expected="jam 00.00–23.59").line()) from None  # fmt: skip
