"""HTML tables saved as .xls (what many government web apps export): each <table> a sheet, spans filled."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BLOCK_TAGS = {"br", "p", "div", "li"}


def is_html_table(data: bytes) -> bool:
    """An HTML document or fragment holding a <table> (a web app's "Excel" export)."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<table" in head


def _decode(data: bytes) -> str:
    found = _CHARSET.search(data[:4096])
    for encoding in ([found.group(1).decode("ascii", "ignore")] if found else []) + ["utf-8-sig", "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


class _Tables(HTMLParser):
    """Collects every outermost <table> as rows of (text, rowspan, colspan) cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self.depth = 0
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
        elif self.depth != 1:
            return
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            if not self.tables[-1]:
                self.tables[-1].append([])
            values = dict(attrs)
            self.cell, self.span = [], (_span(values.get("rowspan")), _span(values.get("colspan")))
        elif tag in _BLOCK_TAGS and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._close_cell()
            self.depth = max(0, self.depth - 1)
        elif self.depth == 1 and tag in ("td", "th", "tr"):
            self._close_cell()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def _close_cell(self) -> None:
        if self.cell is not None and self.tables and self.tables[-1]:
            text = " ".join("".join(self.cell).split())
            self.tables[-1][-1].append((text, *self.span))
        self.cell = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except ValueError:
        return 1


def _grid(cells: list[list[tuple[str, int, int]]]) -> tuple[list[list[object]], list]:
    """Rows of text with row- and colspans placed as an Excel merge would (value in every cell)."""
    taken: dict[tuple[int, int], str] = {}
    merges = []
    for r, row in enumerate(cells):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = text
            if rowspan > 1 or colspan > 1:
                merges.append(((r, c), (r + rowspan - 1, c + colspan - 1)))
            c += colspan
    height = max((r for r, _ in taken), default=-1) + 1
    width = max((c for _, c in taken), default=-1) + 1
    grid: list[list[object]] = [["" for _ in range(width)] for _ in range(height)]
    for (r, c), text in taken.items():
        grid[r][c] = text
    return grid, merges


def read_html_tables(data: bytes) -> list[tuple[str, list[list[object]], list]]:
    """Every outermost table as (name `Tabel N`, rows, merged ranges)."""
    parser = _Tables()
    parser.feed(_decode(data))
    parser.close()
    out = []
    for i, cells in enumerate(parser.tables, start=1):
        rows, merges = _grid(cells)
        out.append((f"Tabel {i}", rows, merges))
    return out
