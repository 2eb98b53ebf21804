"""Indicators computed from complaints: their monthly realisasi (DOMAIN §2.2)."""

from __future__ import annotations

from datetime import date

import pytest

from kinerja.domain.schema import REALISASI_FRAME
from kinerja.metrics.capaian import indicator_results
from kinerja.metrics.linked import combined_realisasi, complaint_realisasi
from tests.unit.metrics.pk_frames import complaint_frame, pk_frame, pk_row, real_frame


def test_complaint_realisasi_last_value_stands() -> None:
    pk = pk_frame(
        pk_row("KEC-OEBOBO", "tl", 90, sumber_data="pengaduan:tindak_lanjut_pct",
               akumulasi="kumulatif"),
        pk_row("KEC-OEBOBO", "manual", 90, urutan=2),
    )  # fmt: skip
    comp = complaint_frame(
        {"no_tiket": "1", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-10",
         "tanggal_tanggapan": "2018-01-12"},
        {"no_tiket": "2", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-20"},
        {"no_tiket": "3", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-03-05",
         "tanggal_tanggapan": "2018-03-06", "tanggal_selesai": "2018-03-20"},
        {"no_tiket": "4", "unit": "DINKES", "tanggal_masuk": "2018-03-05"},
    )  # fmt: skip
    real = complaint_realisasi(pk, comp, 2018, as_of=date(2018, 4, 15))
    assert list(real.columns) == REALISASI_FRAME
    assert real["bulan"].tolist() == [1, 2, 3, 4]  # May … Dec have not happened yet
    assert real["realisasi"].tolist() == pytest.approx([50.0, 50.0, 200 / 3, 200 / 3])
    res = indicator_results(pk, real, 2018, 12).set_index("kunci")
    assert res.loc["tl", "akumulasi"] == "akhir"  # linked indicators are positions
    assert res.loc["tl", "realisasi"] == pytest.approx(200 / 3)
    # a month whose window holds no complaint has no row
    later = complaint_frame({"no_tiket": "9", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-03-05"})
    assert complaint_realisasi(pk, later, 2018, as_of=date(2018, 4, 1))["bulan"].tolist() == [
        3, 4
    ]  # fmt: skip


def test_combined_realisasi_replaces_uploaded_linked_values() -> None:
    pk = pk_frame(
        pk_row("KEC-OEBOBO", "tl", 90, sumber_data="pengaduan:selesai_pct"),
        pk_row("KEC-OEBOBO", "manual", 90, urutan=2),
    )
    uploaded = real_frame(("KEC-OEBOBO", "tl", 1, 99.0), ("KEC-OEBOBO", "manual", 1, 70.0))
    comp = complaint_frame(
        {"no_tiket": "1", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-10",
         "tanggal_selesai": "2018-01-12"},
        {"no_tiket": "2", "unit": "KEC-OEBOBO", "tanggal_masuk": "2018-01-20"},
    )  # fmt: skip
    both = combined_realisasi(pk, uploaded, comp, 2018, as_of=date(2018, 1, 31))
    got = dict(zip(both["kunci"], both["realisasi"], strict=True))
    assert got == {"manual": 70.0, "tl": 50.0}
