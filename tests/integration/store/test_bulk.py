"""Bulk insert (issue 15): chunked executemany on SQLite, COPY with Arrow-made CSV on PostgreSQL, values exact."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa
from pandas.testing import assert_frame_equal
from sqlalchemy.engine import Engine

from kinerja.store import bulk
from kinerja.store.frames import canon, read_frame, select_raw
from kinerja.store.tables import pengaduan, realisasi

EDGE_TEXT = [
    'kutip "ganda", koma',
    "baris\nbaru dan \\ garis miring",
    "ñ Ä ✓ — emoji 🙂",
    "  spasi di tepi  ",
    "NULL",
    r"\N",
    "a" * 5000,
]
EDGE_FLOATS = [0.1 + 0.2, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 123456789.12345679, 2 / 3]


def _complaints(n: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "id": [f"T{i:05d}" for i in range(n)][::-1],  # reverse order: inserted sorted by id
            "no_tiket": [f"T{i:05d}" for i in range(n)][::-1],
            "tiket_turunan": [i % 2 == 0 for i in range(n)],
            "tanggal_masuk": pd.Timestamp("2018-02-27 08:30:15.123456") + pd.to_timedelta(range(n), unit="h"),
            "uraian": [EDGE_TEXT[i % len(EDGE_TEXT)] if i % 3 else None for i in range(n)],
            "ada_bukti": pd.array([None if i % 5 == 0 else i % 2 == 1 for i in range(n)], dtype="boolean"),
        }
    )
    return canon(frame, ["id", *[c.name for c in pengaduan.columns if c.name != "id"]])


def _read(engine: Engine, table: sa.Table, columns: list[str]) -> pd.DataFrame:
    with engine.connect() as conn:
        out = read_frame(conn, select_raw(conn, table, columns), columns)
    return out.sort_values("id").reset_index(drop=True)


def test_complaints_come_back_exactly_in_chunks(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 7)  # several chunks, the last one short
    frame = _complaints(30)
    seen: list[int] = []
    with engine.begin() as conn:
        bulk.insert_frame(conn, pengaduan, frame, seen.append)
    assert seen == [7, 14, 21, 28, 30]
    back = _read(engine, pengaduan, list(frame.columns))
    expected = frame.sort_values("id").reset_index(drop=True)
    assert_frame_equal(back, expected, check_exact=True)
    assert back["uraian"].isna().sum() == 10  # NULL stays NULL; the text "NULL" and "\N" stay text
    assert set(back["uraian"].dropna()) == set(EDGE_TEXT)


def test_floats_round_trip_exactly(engine: Engine) -> None:
    frame = canon(
        pd.DataFrame(
            {
                "id": [f"U|2018|k|{i}" for i in range(len(EDGE_FLOATS) + 1)],
                "unit": "U",
                "tahun": 2018,
                "kunci": "k",
                "bulan": list(range(1, len(EDGE_FLOATS) + 2)),
                "realisasi": [*EDGE_FLOATS, None],
            }
        ),
        ["id", *[c.name for c in realisasi.columns if c.name != "id"]],
    )
    with engine.begin() as conn:
        bulk.insert_frame(conn, realisasi, frame)
    back = _read(engine, realisasi, list(frame.columns))
    assert back["realisasi"].iloc[:-1].tolist() == EDGE_FLOATS
    assert pd.isna(back["realisasi"].iloc[-1])
