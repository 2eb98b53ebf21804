"""Published LAPOR! figures as table rows: the counts rebuilt as complaint records, the rates recomputed.

- KemenPANRB review of SP4N-LAPOR!, Provinsi NTT 2020: 265 laporan masuk, 107 selesai, 10 proses.
  tindak_lanjut_pct = (107 + 10) / 265 × 100 = 44.1509… → 44,15 %;
  selesai_pct = 107 / 265 × 100 = 40.3773… → 40,38 %; belum = 265 − 117 = 148.
- Kota Kupang LAPOR! 2023: 43 laporan — 10 ditindaklanjuti (selesai), 12 proses, 3 didisposisi
  (belum_ditindaklanjuti), 18 belum diverifikasi. belum = 3 + 18 = 21;
  tindak_lanjut_pct = (10 + 12) / 43 × 100 = 51.1627… → 51,16 %; selesai_pct = 10 / 43 × 100 = 23.2558… → 23,26 %.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kinerja.domain.schema import COMPLAINT_DATES, PENGADUAN_FRAME
from kinerja.domain.settings import Settings
from kinerja.metrics.capaian import indicator_results
from kinerja.metrics.kelompok import complaint_metrics
from kinerja.metrics.linked import complaint_realisasi
from kinerja.metrics.pengaduan import complaint_state
from tests.unit.metrics.pk_frames import pk_frame, pk_row

# How each stage is written as dates (offsets in days from tanggal_masuk), DOMAIN §3: selesai if
# Tanggal Selesai; else proses if Tanggal Tanggapan; else belum_ditindaklanjuti if disposed; else
# belum_diverifikasi.
BY_DATES = {
    "selesai": {"tanggal_selesai": 10},
    "proses": {"tanggal_tanggapan": 2},
    "belum_ditindaklanjuti": {"tanggal_disposisi": 1},
    "belum_diverifikasi": {},
}


def complaints(year: int, counts: dict[str, int], how: str) -> pd.DataFrame:
    """counts[stage] complaints, received on successive days from 2 January; stage as dates or as Status."""
    rows = []
    for stage, n in counts.items():
        for _ in range(n):
            masuk = pd.Timestamp(year, 1, 2) + pd.Timedelta(days=len(rows) % 300)
            row = {"no_tiket": f"L-{len(rows)}", "tanggal_masuk": masuk, "unit": "DINKES"}
            if how == "dates":
                row |= {col: masuk + pd.Timedelta(days=d) for col, d in BY_DATES[stage].items()}
            else:  # the Status column only (a claimed stage stands, DOMAIN §4)
                row["status"] = stage
            rows.append(row)
    out = pd.DataFrame(rows).reindex(columns=PENGADUAN_FRAME)
    for col in COMPLAINT_DATES:
        out[col] = pd.to_datetime(out[col])
    return out


NTT_2020 = {"selesai": 107, "proses": 10, "belum_ditindaklanjuti": 0, "belum_diverifikasi": 148}
KUPANG_2023 = {"selesai": 10, "proses": 12, "belum_ditindaklanjuti": 3, "belum_diverifikasi": 18}

EXAMPLES = [
    # name, year, counts, (masuk, selesai, proses, belum), tindak_lanjut_pct, selesai_pct
    ("NTT 2020", 2020, NTT_2020, (265, 107, 10, 148), 44.15, 40.38),
    ("Kota Kupang 2023", 2023, KUPANG_2023, (43, 10, 12, 21), 51.16, 23.26),
]


@pytest.mark.parametrize("how", ["dates", "status"])
@pytest.mark.parametrize(
    ("name", "year", "counts", "stages", "tindak_lanjut", "selesai"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_lapor_rates(name, year, counts, stages, tindak_lanjut, selesai, how) -> None:
    rows = complaints(year, counts, how)
    got = complaint_metrics(rows, year, as_of=date(year, 12, 31)).iloc[0]
    assert (got["masuk"], got["selesai"], got["proses"], got["belum"], got["arsip"]) == (*stages, 0)
    masuk, done, proses, _ = stages
    assert got["tindak_lanjut_pct"] == pytest.approx((done + proses) / masuk * 100)
    assert got["selesai_pct"] == pytest.approx(done / masuk * 100)
    assert (round(got["tindak_lanjut_pct"], 2), round(got["selesai_pct"], 2)) == (tindak_lanjut, selesai)


@pytest.mark.parametrize(
    ("name", "year", "counts", "stages", "_tl", "_s"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_lapor_stages_in_the_typed_state(name, year, counts, stages, _tl, _s) -> None:
    state = complaint_state(complaints(year, counts, "dates"), np.datetime64(f"{year}-12-31"), Settings())
    got = (state.p.sum(), state.selesai.sum(), state.proses.sum(), state.belum.sum())
    assert tuple(int(x) for x in got) == stages
    assert int(state.tunggakan.sum()) == stages[0] - stages[1]  # not selesai


def test_kupang_2023_as_a_linked_indicator() -> None:
    # A PK indicator "persentase pengaduan ditindaklanjuti" (target 80) computed from the 43
    # complaints: December realisasi 22 / 43 × 100 = 51.1627…; capaian 51.1627 / 80 × 100 =
    # 63.9534… → 63,95, kategori Rendah (≥ 51, < 66).
    pk = pk_frame(pk_row("DINKES", "tl", 80, tahun=2023, sumber_data="pengaduan:tindak_lanjut_pct"))
    real = complaint_realisasi(pk, complaints(2023, KUPANG_2023, "dates"), 2023, as_of=date(2023, 12, 31))
    december = real[real["bulan"] == 12]["realisasi"].tolist()
    assert december == [pytest.approx(22 / 43 * 100)]
    row = indicator_results(pk, real, 2023, 12).iloc[0]
    assert round(row["capaian_periode"], 2) == 63.95 and row["kategori"] == "Rendah"
