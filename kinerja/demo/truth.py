"""The truth behind the demo: Kota Kupang 2018 PKs and realisasi as canonical frames, seeded."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja import paths
from kinerja.demo import catalogue as sd
from kinerja.demo.complaints import build_pengaduan
from kinerja.demo.seed import TAHUN, TANGGAL_PK

PK_COLUMNS = [
    "unit_nama", "unit", "tahun", "urutan", "sasaran", "kode_indikator", "indikator", "satuan", "target",
    "target_min", "target_max", "tw1", "tw2", "tw3", "tw4", "polaritas", "akumulasi", "sumber_data",
    "program", "anggaran", "nama_kepala", "tanggal_perjanjian",
]  # fmt: skip


@dataclass
class DemoData:
    """The truth behind the demo workbooks (canonical values; `unit` is the unit kode)."""

    units: pd.DataFrame
    pk: pd.DataFrame
    realisasi: pd.DataFrame
    pengaduan: pd.DataFrame


def load_units() -> pd.DataFrame:
    """Reference units (data/units.csv)."""
    return pd.read_csv(paths.UNITS_CSV, dtype=str, keep_default_na=False)


def load_wilayah() -> pd.DataFrame:
    """Reference kecamatan and kelurahan (data/wilayah.csv)."""
    return pd.read_csv(paths.WILAYAH_CSV, dtype=str, keep_default_na=False)


def build_demo(seed: int = 2018) -> DemoData:
    """Build the seeded demo: PKs of 26 units, their monthly realisasi and ~3,000 complaints."""
    rng = np.random.default_rng(seed)
    units = load_units()
    names = dict(zip(units["kode"], units["nama"], strict=True))
    pk = _build_pk(names)
    realisasi = _build_realisasi(pk, rng)
    pengaduan = build_pengaduan(names, load_wilayah(), rng)
    used = units[units["kode"].isin(set(pk["unit"]) | set(pengaduan["unit"].dropna()))]
    return DemoData(used.reset_index(drop=True), pk, realisasi, pengaduan)


def target_text(target: sd.Target) -> str:
    """`85`, `7.5` or `80-90` (DOMAIN §2.1: a range prints as `80-90`)."""
    if isinstance(target, tuple):
        return f"{target[0]:g}-{target[1]:g}"
    return f"{target:g}"


def _build_pk(names: dict[str, str]) -> pd.DataFrame:
    rows = []
    for u in sd.DEMO_PK:
        urutan = 0
        for si, s in enumerate(u.sasaran, 1):
            for ii, ind in enumerate(s.indikator, 1):
                urutan += 1
                lo, hi = ind.target if isinstance(ind.target, tuple) else (ind.target, ind.target)
                tw = ind.tw or (math.nan,) * 4
                rows.append([
                    names[u.kode], u.kode, TAHUN, urutan, s.teks,
                    f"{u.prefix}-{si}.{ii}" if u.prefix else None, ind.indikator, ind.satuan,
                    target_text(ind.target), float(lo), float(hi), *map(float, tw),
                    ind.polaritas, ind.akumulasi,
                    None if (u.kode, ind.indikator) in sd.SWALAPOR else ind.sumber or None, s.program,
                    float(s.anggaran) if ii == 1 else math.nan, u.kepala, TANGGAL_PK,
                ])  # fmt: skip
    return pd.DataFrame(rows, columns=PK_COLUMNS)


def _target_path(ind: dict, m: int) -> float:
    """Expected to-date target at month m (DOMAIN §2.1)."""
    if m <= 0:
        return 0.0
    annual = (ind["target_min"] + ind["target_max"]) / 2
    q = math.ceil(m / 3)
    tw = [ind[f"tw{i}"] for i in range(1, 5)]
    if any(pd.isna(tw)):
        tw = [annual * i / 4 for i in range(1, 5)] if ind["akumulasi"] == "kumulatif" else [annual] * 4
    if ind["akumulasi"] != "kumulatif":
        return tw[q - 1]
    prev = tw[q - 2] if q > 1 else 0.0
    return prev + (tw[q - 1] - prev) * (m - 3 * (q - 1)) / 3


def _months(lapor: str, unit: str, rng: np.random.Generator) -> list[int]:
    periods = {"M": range(1, 13), "Q": (3, 6, 9, 12), "S": (6, 12), "Y": (5,)}[lapor]
    months = [m for m in periods if not (unit in sd.STOP_AFTER_OCT and m > 10)]
    if lapor == "M":  # a few gaps
        months = [m for m in months if m == months[-1] or rng.random() > 0.05]
    return months


def _value(ind: dict, m: int, step: int, perf: float, rng: np.random.Generator) -> float:
    """A realisasi near the target path: perf is the share of the target reached."""
    positif = ind["polaritas"] == "positif"
    factor = perf if positif else 2 - perf  # negatif: capaian = 2 - R/T
    t = _target_path(ind, m)
    if ind["akumulasi"] == "kumulatif":
        v = (t - _target_path(ind, m - step)) * factor * rng.lognormal(0, 0.2)
    elif ind["akumulasi"] == "akhir":
        drift = 0.94 + 0.06 * m / 12 if positif else 1.06 - 0.06 * m / 12
        v = t * factor * drift * rng.normal(1, 0.015)
    else:
        v = t * factor * rng.normal(1, 0.04)
    v = max(v, 0.0)
    if ind["satuan"] == "%" and positif:
        v = min(v, 100.0)
    digits = 0 if ind["satuan"] in sd.SATUAN_BULAT else 1 if ind["satuan"] == "%" else 2
    return float(round(v, digits))


def _build_realisasi(pk: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    lapor = {(u.kode, i.indikator): i.lapor for u in sd.DEMO_PK for s in u.sasaran for i in s.indikator}
    rows = []
    perf_u = 1.0
    for i, ind in enumerate(pk.to_dict("records")):
        unit = ind["unit"]
        if i == 0 or unit != pk["unit"].iat[i - 1]:
            perf_u = sd.PERFORMA.get(unit, float(np.clip(rng.normal(0.9, 0.08), 0.72, 1.1)))
        if pd.notna(ind["sumber_data"]):  # complaint-linked: computed, never uploaded (DOMAIN §2.2)
            continue
        perf = perf_u * float(np.clip(rng.normal(1.0, 0.04), 0.9, 1.1))
        lp = lapor[(unit, ind["indikator"])]
        step = 3 if lp == "Q" else 1
        reported = sd.SWALAPOR.get((unit, ind["indikator"]))
        for m in _months(lp, unit, rng):
            v = _value(ind, m, step, perf, rng)
            if reported is not None:  # the unit's own figure (issue 14), whatever the records say
                if m not in reported:
                    continue
                v = reported[m]
            rows.append([ind["unit_nama"], unit, TAHUN, m, ind["kode_indikator"], ind["indikator"], v])
    cols = ["unit_nama", "unit", "tahun", "bulan", "kode_indikator", "indikator", "realisasi"]
    return pd.DataFrame(rows, columns=cols)
