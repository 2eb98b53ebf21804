"""Store tables, the engine factory and fast typed frame I/O for SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine

from kinerja.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "kinerja.db"
UNITS_CSV = ROOT / "data" / "units.csv"

TEXT, INT, FLOAT, DATE, BOOL = "text", "int", "float", "date", "bool"
_INTS: tuple[str, ...] = ("tahun", "urutan", "bulan")
_FLOATS: tuple[str, ...] = ("target_min", "target_max", "tw1", "tw2", "tw3", "tw4")
_FLOATS += ("anggaran", "realisasi", "realisasi_anggaran")
_DATES: tuple[str, ...] = ("tanggal_perjanjian", "tanggal_masuk", "tanggal_verifikasi")
_DATES += ("tanggal_disposisi", "tanggal_tanggapan", "tanggal_selesai")
_BOOLS: tuple[str, ...] = ("tiket_turunan", "ada_bukti", "tinjau_lapangan")


def field_type(name: str) -> str:
    """Storage kind of a canonical field (every other field is text)."""
    for kind, names in ((INT, _INTS), (FLOAT, _FLOATS), (DATE, _DATES), (BOOL, _BOOLS)):
        if name in names:
            return kind
    return TEXT


_SA_TYPES: dict[str, Any] = {
    TEXT: sa.Text,
    INT: sa.Integer,
    FLOAT: sa.Double,
    DATE: sa.DateTime,
    BOOL: sa.Boolean,
}


def _data_table(name: str, fields: Sequence[str], *indexes: tuple[str, ...]) -> sa.Table:
    cols = [sa.Column(f, _SA_TYPES[field_type(f)](), nullable=f != "tiket_turunan") for f in fields]
    idx = [sa.Index(f"ix_{name}_{'_'.join(i)}", *i) for i in indexes]
    return sa.Table(name, metadata, sa.Column("id", sa.Text, primary_key=True), *cols, *idx)


metadata = sa.MetaData()
PK_HEAD = ["unit", "tahun", "nama_kepala", "tanggal_perjanjian"]
INDIKATOR_FIELDS = [c for c in PK_FRAME if c not in ("nama_kepala", "tanggal_perjanjian")]

unit = _data_table("unit", UNIT_FRAME)
pk = _data_table("pk", PK_HEAD, ("tahun",), ("unit", "tahun"))
indikator = _data_table("indikator", INDIKATOR_FIELDS, ("tahun",), ("unit", "tahun"))
realisasi = _data_table("realisasi", REALISASI_FRAME, ("tahun",), ("unit", "tahun"))
pengaduan = _data_table("pengaduan", PENGADUAN_FRAME, ("tanggal_masuk",), ("unit",))
DATA_TABLES: dict[str, sa.Table] = {t.name: t for t in (unit, pk, indikator, realisasi, pengaduan)}

upload = sa.Table(
    "upload",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nama_file", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text),
    sa.Column("pengguna", sa.Text),
    sa.Column("waktu", sa.DateTime, nullable=False),  # UTC, naive
    sa.Column("status", sa.Text, nullable=False, server_default="aktif"),  # aktif | dibatalkan
    sa.Column("dibatalkan_oleh", sa.Text),
    sa.Column("dibatalkan_pada", sa.DateTime),  # UTC, naive
    sa.Column("ringkasan", sa.Text),  # JSON
    sa.Column("baris_dilewati", sa.Text),  # JSON list of skipped rows (DOMAIN §4)
)
perubahan = sa.Table(
    "perubahan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("upload_id", sa.Integer, sa.ForeignKey("upload.id"), nullable=False),
    sa.Column("tabel", sa.Text, nullable=False),
    sa.Column("kunci", sa.Text, nullable=False),
    sa.Column("sebelum", sa.Text),  # JSON before-image; NULL when the upload added the row
    sa.Column("sesudah", sa.Text),  # JSON after-image of an updated row; NULL when added/deleted
    sa.Index("ix_perubahan_upload_tabel_kunci", "upload_id", "tabel", "kunci"),
)
pengaturan = sa.Table(
    "pengaturan",
    metadata,
    sa.Column("kunci", sa.Text, primary_key=True),
    sa.Column("nilai", sa.Text),  # JSON
    sa.Column("diubah_oleh", sa.Text),
    sa.Column("diubah_pada", sa.DateTime),  # UTC, naive
)
# Accounts (issue 6): Argon2 hash only, never the password; opd/camat bound to one unit.
pengguna = sa.Table(
    "pengguna",
    metadata,
    sa.Column("nama", sa.Text, primary_key=True),  # user name, lower case
    sa.Column("hash", sa.Text, nullable=False),  # Argon2id (argon2-cffi)
    sa.Column("peran", sa.Text, nullable=False),  # walikota | admin | opd | camat
    sa.Column("unit", sa.Text),  # unit kode (opd, camat)
    sa.Column("email", sa.Text, unique=True),  # single sign-on (st.login) mapping
    sa.Column("aktif", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("gagal", sa.Integer, nullable=False, server_default="0"),  # failed logins in a row
    sa.Column("terkunci_sampai", sa.DateTime),  # UTC, naive
    sa.Column("dibuat_pada", sa.DateTime),  # UTC, naive
    sa.Column("login_terakhir", sa.DateTime),  # UTC, naive
)
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("waktu", sa.DateTime, nullable=False),  # UTC, naive
    sa.Column("pelaku", sa.Text),
    sa.Column("aksi", sa.Text, nullable=False),
    sa.Column("detail", sa.Text),  # JSON, never a password or hash
    sa.Index("ix_audit_waktu", "waktu"),
)
# Locked months (issue 5): realisasi for a locked (tahun, bulan) is refused until unlocked;
# each lock and unlock is also written to `audit` (aksi kunci_periode / buka_kunci_periode).
periode_kunci = sa.Table(
    "periode_kunci",
    metadata,
    sa.Column("tahun", sa.Integer, primary_key=True),
    sa.Column("bulan", sa.Integer, primary_key=True),
    sa.Column("dikunci_oleh", sa.Text),
    sa.Column("dikunci_pada", sa.DateTime),  # UTC, naive
)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy own BEGIN/COMMIT so plan and write of one file share one transaction.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def connect(url: str | None = None) -> Engine:
    """Engine for `url`, else $KINERJA_DB_URL, else data/kinerja.db; tables created, units seeded."""
    url = url or os.environ.get("KINERJA_DB_URL") or f"sqlite:///{DEFAULT_DB}"
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
    metadata.create_all(engine)
    with engine.begin() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(unit)).scalar_one() == 0:
            _seed_units(conn)
    return engine


def _seed_units(conn: Connection) -> None:
    """Reference units (DOMAIN §1: OPDs, the 6 kecamatan, common outside agencies)."""
    if not UNITS_CSV.exists():
        return
    ref = pd.read_csv(UNITS_CSV, dtype=str, keep_default_na=False)
    rows = [
        {"id": r.kode, "kode": r.kode, "nama": r.nama, "jenis": r.jenis or None}
        | {"alias": r.singkatan or None}
        for r in ref.itertuples(index=False)
    ]
    conn.execute(unit.insert(), rows)


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


def _py_column(s: pd.Series, kind: str, sqlite: bool) -> list[Any]:
    """Python objects for the driver: str/int/float/bool/datetime or None."""
    if kind == DATE:
        if sqlite:
            # Same text SQLAlchemy writes for DateTime on SQLite, so both stay comparable.
            return pa.array(s.astype("datetime64[us]")).cast(pa.string()).to_pylist()
        arr = s.to_numpy(dtype=object).copy()
        arr[s.isna().to_numpy()] = None
        return arr.tolist()
    return s.to_numpy(dtype=object, na_value=None).tolist()


def insert_frame(conn: Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Bulk insert a canonical frame (executemany on SQLite, COPY on PostgreSQL)."""
    if frame.empty:
        return
    names = [c.name for c in table.columns if c.name in frame.columns]
    sqlite = conn.dialect.name == "sqlite"
    cols = [_py_column(frame[n], field_type(n), sqlite) for n in names]
    insert_rows(conn, table, names, list(zip(*cols, strict=True)))


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
