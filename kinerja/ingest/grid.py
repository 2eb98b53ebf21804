"""A sheet's cells kept column by column: all-text columns as Arrow, the others as object arrays.

Built from rows in chunks (python-calamine's `iter_rows`), so a full sheet (1,048,575 rows) never
exists as one list of Python lists next to calamine's own copy: each chunk becomes compact columns
and its Python rows are dropped. Rows are still available one at a time (header scan, merges,
trailing totals).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any, TypeAlias

import numpy as np
import pyarrow as pa

CHUNK_ROWS = 65_536

Column: TypeAlias = pa.Array | np.ndarray


def text_or_none(values: np.ndarray) -> pa.Array | None:
    """The values as Arrow text when every one is a str, else None."""
    try:
        return pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError):
        return None


def _as_objects(col: Column) -> np.ndarray:
    if isinstance(col, np.ndarray):
        return col
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype=object)


class Grid:
    """Rows × columns of cell values (empty cells are "", as calamine gives them)."""

    def __init__(self, columns: list[Column], height: int) -> None:
        self.columns = columns
        self.height = height
        self.width = len(columns)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Sequence[Any]],
        *,
        chunk: int = CHUNK_ROWS,
        progress: Callable[[int], None] | None = None,
    ) -> Grid:
        """Collect rows chunk by chunk into columns; short rows are padded with ""."""
        parts: list[list[Column]] = []
        width = height = 0
        it = iter(rows)
        while block := list(islice(it, chunk)):
            height += len(block)
            lens = set(map(len, block))
            w = max(lens)
            if w > width:  # a wider chunk: earlier chunks gain empty columns
                for cols in parts:
                    cols.extend(pa.array([""] * len(cols[0]), pa.large_string()) for _ in range(width, w))
                width = w
            if min(lens) < width:
                block = [[*r, *[""] * (width - len(r))] for r in block]
            grid = np.array(block, dtype=object).reshape(len(block), width)
            del block
            chunk_cols: list[Column] = []
            for c in range(width):
                text = text_or_none(grid[:, c])
                chunk_cols.append(text if text is not None else grid[:, c].copy())
            parts.append(chunk_cols)
            del grid
            if progress is not None:
                progress(height)
        columns: list[Column] = []
        for c in range(width):
            pieces = [cols[c] for cols in parts]  # every chunk has every column (padded above)
            if all(isinstance(p, pa.Array) for p in pieces):
                columns.append(pa.concat_arrays(pieces) if len(pieces) > 1 else pieces[0])
            else:
                columns.append(np.concatenate([_as_objects(p) for p in pieces]))
        return cls(columns, height)

    def __len__(self) -> int:
        return self.height

    def cell(self, r: int, c: int) -> Any:
        if c >= self.width or r >= self.height:
            return ""
        col = self.columns[c]
        return col[r].as_py() if isinstance(col, pa.Array) else col[r]

    def row(self, r: int) -> list[Any]:
        return [self.cell(r, c) for c in range(self.width)]

    def head(self, n: int) -> list[list[Any]]:
        """The first `n` rows as lists (header detection)."""
        return [self.row(r) for r in range(min(n, self.height))]

    def column(self, c: int, start: int = 0) -> Column:
        """Column `c` from row `start` on: Arrow text, or an object array."""
        if c >= self.width:
            return pa.array([""] * max(0, self.height - start), pa.large_string())
        col = self.columns[c]
        return col[start:] if isinstance(col, np.ndarray) else col.slice(start)

    def any_filled(self, is_blank: Callable[[Any], bool]) -> bool:
        """Whether some cell is not blank (text columns: each distinct value checked once)."""
        for col in self.columns:
            values = col.unique().to_pylist() if isinstance(col, pa.Array) else col
            if any(not is_blank(v) for v in values):
                return True
        return False
