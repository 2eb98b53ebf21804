"""The demo's posko WhatsApp exports (three formats) went through triage, and its integrity flags (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kinerja.demo.whatsapp import PER_EXPORT
from kinerja.services.whatsapp import chat_uploads, list_candidates
from kinerja.store.engine import connect
from kinerja.store.readers import read_pengaduan, read_pk, read_realisasi, read_units
from kinerja.views.integritas import flags
from kinerja.views.year import build_year
from tests.helpers.databases import url


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Engine:
    engine = connect(url(demo_db))
    yield engine
    engine.dispose()


def test_three_exports_in_three_formats_went_through_triage(demo: Engine) -> None:
    up = chat_uploads(demo)
    assert sorted(up["format"]) == ["Android (Indonesia)", "Android (Inggris)", "iOS (Indonesia)"]
    assert (up["pemilik"] == "posko").all() and (up["menunggu"] == 0).all()
    cand = list_candidates(demo)
    accepted = cand[cand["status"] == "diterima"]
    assert len(accepted) == 3 * PER_EXPORT  # every complaint of the chats; greetings and thanks discarded
    assert set(cand.loc[cand["status"] == "dibuang", "alasan_buang"]) == {"bukan_pengaduan"}
    wa = read_pengaduan(demo).set_index("no_tiket").loc[accepted["no_tiket"]]
    assert (wa["saluran"] == "WhatsApp").all() and wa["unit"].notna().all() and wa["tiket_turunan"].all()
    assert 0.5 <= wa["ada_bukti"].mean() <= 0.85 and wa["tanggal_tanggapan"].notna().mean() > 0.8


@pytest.fixture(scope="module")
def year(demo: Engine):
    frames = {"units": read_units(demo), "pk": read_pk(demo, 2018), "realisasi": read_realisasi(demo, 2018),
              "pengaduan": read_pengaduan(demo, 2018)}  # fmt: skip
    return build_year(frames, 2018)


def test_camat_alak_reports_92_86_while_the_records_give_63_2(year) -> None:
    """The issue's case, with the demo's real figures: self-reported 92,86 vs 63,2 % measured."""
    f = flags(year, 12)
    alak = f[(f["jenis"] == "swalapor") & (f["unit"] == "KEC-ALAK")]
    assert len(alak) == 1
    row = alak.iloc[0]
    assert row["indikator"] == "Persentase penyelesaian pengaduan tepat waktu" and row["bulan"] == 12
    assert row["dilaporkan"] == 92.86 and round(row["diukur"], 1) == 63.2
    assert "melaporkan 92,86" in row["apa"] and "63,2 %" in row["apa"]
    assert row["jumlah"] == len(row["tiket"]) > 0  # the complaints behind the figure
    # ... and the counts said next to it are the figure's own: (dari − jumlah) ÷ dari = 63,2 %
    assert round(100 * (row["dari"] - row["jumlah"]) / row["dari"], 1) == 63.2


def test_the_demo_units_with_integrity_habits_are_flagged(year) -> None:
    f = flags(year, 12)
    kinds = set(zip(f["jenis"], f["unit"], strict=True))
    # catalogue BORONGAN, TUTUP_SEKETIKA
    assert {("akhir_bulan", "DISHUB"), ("tanpa_tanggapan", "PUPR")} <= kinds
    assert ("swalapor", "KEC-MAULAFA") not in kinds  # its indicator is computed from the records
