"""PK, realisasi and complaint frames for the metrics tests (one row per call, the rest blank)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME
from kinerja.metrics.capaian import indicator_results

UNITS = pd.DataFrame(
    {
        "kode": ["DINKES", "DISDIK", "KEC-OEBOBO", "PDAM"],
        "nama": ["Dinas Kesehatan", "Dinas Pendidikan", "Kecamatan Oebobo", "Perumda Air Minum"],
        "jenis": ["Dinas", "Dinas", "Kecamatan", "Luar Pemkot"],
        "alias": [None, None, None, None],
    }
)


def pk_row(unit: str, kunci: str, target: float | tuple[float, float], **kw: object) -> dict:
    lo, hi = target if isinstance(target, tuple) else (target, target)
    row = {c: None for c in PK_FRAME}
    row.update(
        unit=unit, tahun=2018, urutan=kw.pop("urutan", 1), kunci=kunci, kode_indikator=None,
        indikator=f"Indikator {kunci}", sasaran="Sasaran", satuan="%",
        target=f"{lo:g}-{hi:g}" if lo != hi else f"{lo:g}", target_min=float(lo),
        target_max=float(hi), tw1=np.nan, tw2=np.nan, tw3=np.nan, tw4=np.nan,
        polaritas="positif", akumulasi="akhir", sumber_data=None,
    )  # fmt: skip
    row.update(kw)
    return row


def pk_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=PK_FRAME)


def real_frame(*rows: tuple) -> pd.DataFrame:
    """Rows of (unit, kunci, bulan, realisasi)."""
    out = pd.DataFrame(rows, columns=["unit", "kunci", "bulan", "realisasi"])
    out["tahun"] = 2018
    for c in REALISASI_FRAME:
        if c not in out:
            out[c] = None
    return out[REALISASI_FRAME]


def result_of(pk: pd.DataFrame, real: pd.DataFrame, month: int) -> pd.Series:
    return indicator_results(pk, real, 2018, month).iloc[0]


def scorecard_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    pk = pk_frame(
        pk_row("DINKES", "a", 100), pk_row("DINKES", "b", 100, urutan=2),
        pk_row("DISDIK", "c", 100), pk_row("KEC-OEBOBO", "d", 100),
        pk_row("PDAM", "e", 100),
    )  # fmt: skip
    real = real_frame(
        ("DINKES", "a", 1, 150.0),  # 150 % counts as 120 in the score
        ("DISDIK", "c", 2, 90.0),
        ("PDAM", "e", 1, 100.0),
    )
    return pk, real


def complaint_frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for c in PENGADUAN_FRAME:
        if c not in out:
            out[c] = None
    for c in ("tanggal_masuk", "tanggal_verifikasi", "tanggal_disposisi", "tanggal_tanggapan",
              "tanggal_selesai"):  # fmt: skip
        out[c] = pd.to_datetime(out[c], format="mixed")
    return out[PENGADUAN_FRAME]
