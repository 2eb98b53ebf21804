"""Bulk insert of canonical frames: chunked executemany on SQLite, COPY (CSV made by Arrow) on PostgreSQL."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja.store.tables import DATE, field_type

CHUNK_ROWS = 50_000  # rows converted to driver values at a time (a full sheet never is, at once)

Progress = Callable[[int], None]


def _text_dates(s: pd.Series) -> np.ndarray:
    # Same text SQLAlchemy writes for DateTime on SQLite, so both stay comparable.
    text = pa.array(s.astype("datetime64[us]")).cast(pa.string())
    return np.asarray(text.to_numpy(zero_copy_only=False), dtype=object)


def _py_column(s: pd.Series, kind: str, sqlite: bool) -> list[Any]:
    """Python objects for the driver: str/int/float/bool/datetime or None."""
    if kind == DATE:
        if sqlite:
            return _text_dates(s).tolist()
        arr = s.to_numpy(dtype=object).copy()
        arr[s.isna().to_numpy()] = None
        return arr.tolist()
    return s.to_numpy(dtype=object, na_value=None).tolist()


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in key order: B-tree inserts then append instead of splitting pages at random."""
    if "id" not in frame.columns or len(frame) < 2:
        return frame
    order = pc.sort_indices(pa.array(frame["id"].astype(object), pa.large_string())).to_numpy()
    if (np.diff(order) == 1).all():
        return frame
    return frame.iloc[order]


def _copy_csv(conn: Connection, table: sa.Table, names: list[str], frame: pd.DataFrame) -> None:
    """COPY … FROM STDIN (FORMAT csv): the CSV text is written by Arrow, not row by row in Python."""
    arrays = []
    for n in names:
        s = frame[n]
        arr = pa.array(s.astype(object) if s.dtype == object else s, from_pandas=True)
        if field_type(n) == DATE:
            arr = arr.cast(pa.timestamp("us"))
        arrays.append(arr)
    buf = io.BytesIO()
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    pacsv.write_csv(pa.table(arrays, names=names), buf, options)
    raw: Any = conn.connection.driver_connection
    sql = f"COPY {table.name} ({', '.join(names)}) FROM STDIN WITH (FORMAT csv)"
    with raw.cursor() as cur, cur.copy(sql) as cp:
        cp.write(buf.getbuffer())


def insert_frame(
    conn: Connection, table: sa.Table, frame: pd.DataFrame, progress: Progress | None = None
) -> None:
    """Bulk insert a canonical frame in the connection's transaction, `CHUNK_ROWS` at a time.

    Blank text is NULL (canon), so COPY's CSV can tell NULL (unquoted empty) from text.
    `progress(rows_done)` is called after each chunk.
    """
    if frame.empty:
        return
    names = [c.name for c in table.columns if c.name in frame.columns]
    frame = _by_id(frame)
    dialect = conn.dialect.name
    for lo in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[lo : lo + CHUNK_ROWS]
        if dialect == "postgresql":
            _copy_csv(conn, table, names, part)
        else:
            cols = [_py_column(part[n], field_type(n), dialect == "sqlite") for n in names]
            insert_rows(conn, table, names, list(zip(*cols, strict=True)))
        if progress is not None:
            progress(lo + len(part))


def insert_rows(conn: Connection, table: sa.Table, names: Sequence[str], rows: list[tuple]) -> None:
    """Bulk insert tuples of driver values in `names` order, in the connection's transaction."""
    if not rows:
        return
    raw: Any = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        cols = ", ".join(names)
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row(row)
    elif conn.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in names)
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
        raw.executemany(sql, rows)  # raw executemany: ~3x faster than Core here
    else:
        conn.execute(table.insert(), [dict(zip(names, r, strict=True)) for r in rows])
