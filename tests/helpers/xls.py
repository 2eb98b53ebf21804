"""A minimal Excel 97-2003 (.xls, BIFF8 in an OLE2 container) writer for tests: text and number cells only."""

from __future__ import annotations

import struct

SECTOR = 512
END, FREE, FAT_SECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _text(value: str, wide_length: bool) -> bytes:
    data = value.encode("utf-16-le")
    head = struct.pack("<H", len(value)) if wide_length else struct.pack("<B", len(value))
    return head + b"\x01" + data  # fHighByte = 1: UTF-16 characters


def _cells(rows: list[list[object]]) -> bytes:
    out = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out += _record(0x0203, struct.pack("<HHHd", r, c, 0x0F, float(value)))
            else:
                out += _record(0x0204, struct.pack("<HHH", r, c, 0x0F) + _text(str(value), True))
    return out


def _workbook(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    xf = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    cell_xf = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    font = _record(
        0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + _text("Arial", False)
    )
    head = _bof(0x0005) + font * 5 + xf * 15 + cell_xf
    bodies = [_bof(0x0010) + _cells(rows) + _record(0x000A, b"") for _, rows in sheets]
    bound_len = sum(len(_record(0x0085, struct.pack("<IBB", 0, 0, 0) + _text(n, False))) for n, _ in sheets)
    offset = len(head) + bound_len + 4  # + the globals' EOF
    bounds = b""
    for (name, _), body in zip(sheets, bodies, strict=True):
        bounds += _record(0x0085, struct.pack("<IBB", offset, 0, 0) + _text(name, False))
        offset += len(body)
    return head + bounds + _record(0x000A, b"") + b"".join(bodies)


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NOSTREAM, NOSTREAM, child)
        + b"\0" * 16
        + b"\0" * 4
        + b"\0" * 16
        + struct.pack("<IQ", start, size)
    )


def make_xls(*sheets: tuple[str, list[list[object]]]) -> bytes:
    """An .xls with the given sheets (name, rows); the stream is padded past the 4 KiB mini-stream cutoff."""
    stream = _workbook(list(sheets))
    stream += b"\0" * max(0, 4096 - len(stream))
    n = -(-len(stream) // SECTOR)
    assert n <= 126, "test workbooks stay small"
    fat = [FAT_SECT, END] + [3 + i for i in range(n - 1)] + [END]
    fat += [FREE] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    directory = _entry("Root Entry", 5, 1, END, 0) + _entry("Workbook", 2, NOSTREAM, 2, len(stream))
    directory += _entry("", 0, NOSTREAM, 0, 0) * 2
    return header + struct.pack("<128I", *fat) + directory + stream.ljust(n * SECTOR, b"\0")
