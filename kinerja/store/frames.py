"""Fast typed frame I/O: canonical dtypes, id lists in one parameter, vectorised reads (bulk insert: bulk)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from kinerja.store.tables import DATE, FLOAT, INT, TEXT, field_type


# --- Canonical frames ------------------------------------------------------------------------
def canon(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """`frame` with exactly `columns` in canonical dtypes; blank text becomes missing."""
    out: dict[str, pd.Series] = {}
    index = frame.index
    for c in columns:
        s = frame[c] if c in frame.columns else pd.Series(None, index=index, dtype=object)
        kind = field_type(c)
        if kind == TEXT:
            s = s.astype("str")
            s = s.mask(s.str.strip() == "")
        elif kind == INT:
            s = pd.to_numeric(s).astype("Int64")
        elif kind == FLOAT:
            s = pd.to_numeric(s).astype("float64")
        elif kind == DATE:
            if s.dtype.kind != "M":
                s = pd.to_datetime(s, format="ISO8601")
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            s = s.astype("datetime64[us]")
        else:
            s = s.astype("boolean")
        out[c] = s
    return pd.DataFrame(out, index=index)


def isin(values: pd.Series, pool: Iterable[Any]) -> np.ndarray:
    """Boolean mask of `values` found in `pool` (hash lookup in Arrow; pandas' is per element)."""
    pool_arr = pa.array(list(pool), type=pa.string())
    found = pc.is_in(pa.array(values.astype("str")), value_set=pool_arr)
    return np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def id_in(conn: Connection, col: sa.ColumnElement[Any], ids: Sequence[str]) -> Any:
    """`col IN ids` as one statement with one parameter, however many ids.

    SQLite reads the list from a JSON array (json_each), PostgreSQL from a text[] (= ANY);
    either avoids the bound-parameter limits that would otherwise force chunking.
    """
    if conn.dialect.name == "postgresql":
        return col == sa.any_(sa.bindparam(None, list(ids), type_=postgresql.ARRAY(sa.Text)))
    if conn.dialect.name == "sqlite":
        each = sa.func.json_each(sa.bindparam(None, json.dumps(list(ids)), type_=sa.Text))
        return col.in_(sa.select(each.table_valued("value").c.value))
    return col.in_(list(ids))


def delete_ids(conn: Connection, table: sa.Table, ids: Sequence[str]) -> None:
    """DELETE rows by id."""
    if len(ids):
        conn.execute(table.delete().where(id_in(conn, table.c.id, ids)))


def raw_column(conn: Connection, col: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """`col` without SQLAlchemy's per-value result processing (parsed vectorised instead)."""
    if conn.dialect.name == "sqlite" and isinstance(col.type, sa.DateTime):
        return sa.type_coerce(col, sa.Text).label(col.key)
    if conn.dialect.name == "sqlite" and isinstance(col.type, sa.Boolean):
        return sa.type_coerce(col, sa.Integer).label(col.key)
    return col


def _typed(values: Sequence[Any], kind: str) -> pd.Series:
    """One fetched column as a typed Series, converted in Arrow (no per-value Python work)."""
    if kind == TEXT:
        return pd.Series(pa.array(values, type=pa.string()).to_pandas(), dtype="str")
    if kind == DATE:
        if any(isinstance(v, str) for v in values[:1000]):
            text = pa.array(values, type=pa.string())
            try:
                return pd.Series(text.cast(pa.timestamp("us")).to_pandas())
            except pa.ArrowInvalid:
                return pd.to_datetime(pd.Series(text.to_pandas(), dtype=object), format="ISO8601")
        return pd.Series(pa.array(values, type=pa.timestamp("us")).to_pandas())
    if kind == FLOAT:
        return pd.Series(np.array(values, dtype="float64"))
    return pd.Series(pd.array(values, dtype="Int64" if kind == INT else "boolean"))


def read_frame(conn: Connection, stmt: sa.Select[Any], columns: Sequence[str]) -> pd.DataFrame:
    """Run `stmt` (selecting `columns` by name) and return a canonical frame."""
    result = conn.execute(stmt)
    keys = list(result.keys())
    data = result.cursor.fetchall() if result.cursor is not None else []
    cols: list[Sequence[Any]] = list(zip(*data, strict=True)) if data else [()] * len(keys)
    raw = pd.DataFrame({k: _typed(v, field_type(k)) for k, v in zip(keys, cols, strict=True)})
    return canon(raw, columns).reset_index(drop=True)


def select_raw(conn: Connection, table: sa.Table, columns: Sequence[str]) -> sa.Select[Any]:
    """SELECT of `columns` of `table` suited to `read_frame`."""
    return sa.select(*[raw_column(conn, table.c[c]) for c in columns])


def fetch_by_ids(
    conn: Connection, table: sa.Table, ids: Sequence[str], columns: Sequence[str]
) -> pd.DataFrame:
    """Stored rows among `ids` (id column included)."""
    cols = ["id", *columns]
    where = id_in(conn, table.c.id, ids) if len(ids) else sa.false()
    return read_frame(conn, select_raw(conn, table, cols).where(where), cols)


def json_image(conn: Connection, table: sa.Table) -> str:
    """SQL expression for a row of `table` as JSON (the before/after images of `perubahan`)."""
    fields = [c.name for c in table.columns if c.name != "id"]
    if conn.dialect.name == "postgresql":
        pairs = ", ".join(f"'{f}', {table.name}.{f}" for f in fields)
        return f"json_build_object({pairs})::text"
    parts = []
    for f in fields:
        col = f"{table.name}.{f}"
        if field_type(f) == FLOAT:
            # SQLite's json_object prints 15 digits; 17 keep every double exact.
            col = f"CASE WHEN {col} IS NULL THEN NULL ELSE json(printf('%!.17g', {col})) END"
        parts.append(f"'{f}', {col}")
    return f"json_object({', '.join(parts)})"


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def dumps(value: Any) -> str:
    """JSON text for ringkasan, skipped rows and settings (dates as ISO, numpy as Python)."""
    return json.dumps(value, default=_json_default, ensure_ascii=False)
