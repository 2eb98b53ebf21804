"""Migration 0011: claims already stored are dated at their complaint's day; indicators get rumus standar."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic import command

from kinerja.store import revision
from kinerja.store.engine import connect, open_engine
from kinerja.store.readers import read_pengaduan, read_pk
from tests.helpers.databases import pg_database, url

ROWS = (
    "INSERT INTO unit (id, kode, nama, jenis) VALUES ('DINKES', 'DINKES', 'Dinas Kesehatan', 'Dinas')",
    "INSERT INTO indikator (id, unit, tahun, urutan, kunci, indikator, sasaran, satuan, target, target_min, "
    "target_max, polaritas, akumulasi) VALUES ('DINKES|2018|K1', 'DINKES', 2018, 1, 'K1', 'Indikator', 'S', 'persen', "
    "'80', 80, 80, 'positif', 'akhir')",
    "INSERT INTO pengaduan (id, no_tiket, tiket_turunan, tanggal_masuk, unit, status) VALUES "
    "('A1', 'A1', false, '2018-03-05 09:30:00', 'DINKES', 'selesai'), "
    "('A2', 'A2', false, '2018-04-01 08:00:00', 'DINKES', 'arsip'), "
    "('A3', 'A3', false, '2018-04-02 08:00:00', 'DINKES', NULL)",
)


def _check(db_url: str) -> None:
    engine = open_engine(db_url, create=True)
    with engine.begin() as conn:
        command.upgrade(revision.alembic_config(conn), "0014_whatsapp")  # the revision before 0011
        for stmt in ROWS:
            conn.exec_driver_sql(stmt)
    engine.dispose()
    engine = open_engine(db_url)
    revision.upgrade(engine)
    engine.dispose()
    engine = connect(db_url)
    try:
        comp = read_pengaduan(engine).set_index("no_tiket")
        day = pd.Timestamp("2018-03-05")
        assert [comp.at["A1", f] for f in ("klaim_belum", "klaim_proses", "klaim_selesai")] == [day, day, day]
        assert pd.isna(comp.at["A1", "klaim_arsip"]) and comp.at["A2", "klaim_arsip"] == pd.Timestamp(
            "2018-04-01"
        )
        assert comp.loc["A3", ["klaim_belum", "klaim_proses", "klaim_selesai", "klaim_arsip"]].isna().all()
        assert read_pk(engine)["rumus_capaian"].tolist() == ["standar"]
        with engine.connect() as conn:
            assert revision.current(conn) == revision.head()
            cols = {c["name"] for c in sa.inspect(conn).get_columns("realisasi")}
        assert {"pembilang", "penyebut"} <= cols
    finally:
        engine.dispose()


def test_0011_on_sqlite(tmp_path: Path) -> None:
    _check(url(tmp_path / "lama.db"))


@pytest.mark.postgres
def test_0011_on_postgresql() -> None:
    with pg_database() as db_url:
        _check(db_url)
