"""SQL clauses for a Scope: which rows and columns of another unit a reader may see (issue 6)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja.domain.access import CAMAT, Scope
from kinerja.store.frames import raw_column


def unit_clause(scope: Scope | None, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool] | None:
    """SQL condition "this row belongs to a unit whose detail the scope may read" (None: all)."""
    if scope is None or scope.reads_all or scope.may_view_other_units:
        return None
    return column == scope.unit


def pengaduan_clause(scope: Scope | None, table: sa.Table) -> sa.ColumnElement[bool] | None:
    """SQL condition on the pengaduan table: complaints sent to the unit; a camat's also those
    located in the kecamatan. None when the scope reads every complaint."""
    if scope is None or scope.reads_all:
        return None
    mine = table.c.unit == scope.unit
    if scope.role == CAMAT:
        return sa.or_(mine, table.c.kecamatan == scope.kecamatan)
    return mine


def scoped_columns(
    conn: Connection, table: sa.Table, columns: Sequence[str], scope: Scope | None, keep: Sequence[str]
) -> list[Any]:
    """`columns` of `table`; for units outside the scope's detail, only `keep` (others NULL, in SQL)."""
    mine = unit_clause(scope, table.c.unit)
    out = []
    for c in columns:
        col: Any = table.c[c]
        if mine is not None and c not in keep:
            masked: Any = sa.case((mine, col), else_=sa.null())
            if conn.dialect.name == "sqlite" and isinstance(col.type, sa.DateTime | sa.Boolean):
                kind = sa.Text if isinstance(col.type, sa.DateTime) else sa.Integer
                masked = sa.type_coerce(masked, kind)
            out.append(masked.label(c))
        else:
            out.append(raw_column(conn, col))
    return out
