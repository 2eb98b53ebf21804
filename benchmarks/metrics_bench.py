"""Benchmark: complaints-by-unit on 1,000,000 complaints and the scorecard on 2,000 indicators.

The complaints carry stage claims (issue 11), read as of the chosen date; the integrity flags
(issue 14) on the same data are timed apart. Goal: the median of 5 runs ≤ 0,5 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import holidays
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME  # noqa: E402
from kinerja.domain.settings import Settings  # noqa: E402
from kinerja.metrics.capaian import indicator_results, score_units  # noqa: E402
from kinerja.metrics.integritas import integrity_flags  # noqa: E402
from kinerja.metrics.kelompok import complaint_metrics  # noqa: E402

YEAR = 2018
AS_OF = date(2018, 12, 31)


def make_units(n: int) -> pd.DataFrame:
    kode = [f"U{i:02d}" for i in range(n)]
    return pd.DataFrame(
        {"kode": kode, "nama": [f"Unit {i:02d}" for i in range(n)], "jenis": "Dinas", "alias": None}
    )


def make_complaints(n: int, units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    start = np.datetime64(f"{YEAR}-01-01T00:00", "m")
    masuk = start + rng.integers(0, 365 * 24 * 60, n).astype("timedelta64[m]")
    day = np.timedelta64(1, "D")
    ver = masuk + rng.integers(0, 4, n) * day
    dis = ver + rng.integers(0, 3, n) * day
    tang = dis + rng.integers(0, 12, n) * day
    sel = tang + rng.integers(0, 80, n) * day
    nat = np.datetime64("NaT")
    frame = pd.DataFrame(
        {
            "no_tiket": np.arange(n).astype(str),
            "tanggal_masuk": masuk,
            "tanggal_verifikasi": np.where(rng.random(n) < 0.95, ver, nat),
            "tanggal_disposisi": np.where(rng.random(n) < 0.9, dis, nat),
            "tanggal_tanggapan": np.where(rng.random(n) < 0.8, tang, nat),
            "tanggal_selesai": np.where(rng.random(n) < 0.6, sel, nat),
            "unit": rng.choice(units["kode"].to_numpy(), n),
            "kecamatan": rng.choice(
                ["Alak", "Kelapa Lima", "Kota Lama", "Kota Raja", "Maulafa", "Oebobo"], n
            ),  # fmt: skip
            "saluran": rng.choice(["WhatsApp", "SP4N-LAPOR!", "Posko", "Datang Langsung"], n),
            "status": rng.choice(
                np.array(["arsip", None, "proses"], dtype=object), n, p=[0.03, 0.95, 0.02]
            ),  # fmt: skip
            "ada_bukti": pd.array(rng.random(n) < 0.7, dtype="boolean"),
        }
    )
    # keep the date order (masuk ≤ … ≤ selesai) the importer guarantees
    frame.loc[frame["tanggal_tanggapan"].isna(), "tanggal_selesai"] = pd.NaT
    # claims of a stage with the day they were made (issue 11): read as of the chosen date
    # (made by AS_OF, so the naive baseline below may read the status as it stands)
    claimed = np.minimum(masuk + rng.integers(0, 30, n) * day, np.datetime64(AS_OF, "m"))
    frame["klaim_proses"] = np.where(frame["status"].eq("proses").to_numpy(), claimed, nat)
    frame["klaim_arsip"] = np.where(frame["status"].eq("arsip").to_numpy(), claimed, nat)
    for c in PENGADUAN_FRAME:
        if c not in frame:
            frame[c] = None
    return frame[PENGADUAN_FRAME]


def make_pk(n: int, units: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, ...]:
    target = rng.uniform(10, 100, n).round(1)
    rng_range = rng.random(n) < 0.1
    pk = pd.DataFrame(
        {
            "unit": np.repeat(units["kode"].to_numpy(), n // len(units)),
            "tahun": YEAR,
            "urutan": np.tile(np.arange(n // len(units)), len(units)),
            "kunci": [f"k{i}" for i in range(n)],
            "indikator": [f"Indikator {i}" for i in range(n)],
            "sasaran": "Sasaran",
            "satuan": "%",
            "target": target.astype(str),
            "target_min": target,
            "target_max": np.where(rng_range, target + 10, target),
            "polaritas": rng.choice(["positif", "negatif"], n, p=[0.8, 0.2]),
            "akumulasi": rng.choice(["kumulatif", "akhir", "rata_rata"], n),
        }
    )
    for c in PK_FRAME:
        if c not in pk:
            pk[c] = np.nan if c.startswith("tw") else None
    months = np.tile(np.arange(1, 13), n)
    real = pd.DataFrame(
        {
            "unit": np.repeat(pk["unit"].to_numpy(), 12),
            "tahun": YEAR,
            "kunci": np.repeat(pk["kunci"].to_numpy(), 12),
            "bulan": months,
            "realisasi": np.where(rng.random(n * 12) < 0.85, rng.uniform(0, 12, n * 12), np.nan),
        }
    ).dropna(subset=["realisasi"])
    for c in REALISASI_FRAME:
        if c not in real:
            real[c] = None
    return pk[PK_FRAME], real[REALISASI_FRAME]


def compute(complaints, pk, real, units, settings):  # type: ignore[no-untyped-def]
    by_unit = complaint_metrics(complaints, YEAR, by="unit", as_of=AS_OF, settings=settings,
                                units=units)  # fmt: skip
    scores = score_units(indicator_results(pk, real, YEAR, 12, settings, units=units), units,
                         settings)  # fmt: skip
    return by_unit, scores


def naive_complaints(complaints: pd.DataFrame, settings: Settings) -> dict:
    """Per-row Python baseline: HK counted day by day, per-unit tallies in dicts."""
    hol = set(holidays.country_holidays("ID", years=[YEAR, YEAR + 1],
                                        categories=("public", "government")))  # fmt: skip

    def hk(a: date, b: date) -> int:
        n, d = 0, a
        while d < b:
            d += timedelta(days=1)
            if d.weekday() < 5 and d not in hol:
                n += 1
        return n

    tally: dict = defaultdict(lambda: defaultdict(float))
    for row in complaints.itertuples(index=False):
        m = row.tanggal_masuk.date()
        if m.year != YEAR or m > AS_OF:
            continue
        t = tally[row.unit]
        if row.status == "arsip":  # archived: counted apart, never against the unit
            t["arsip"] += 1
            continue
        t["masuk"] += 1

        def on(x: pd.Timestamp) -> date | None:
            return x.date() if not pd.isna(x) and x.date() <= AS_OF else None

        sel, tang, dis = (
            on(row.tanggal_selesai),
            on(row.tanggal_tanggapan),
            on(row.tanggal_disposisi),
        )
        clock = dis or m
        resp = tang or sel
        if resp is not None:
            h = hk(clock, resp)
            t["answered"] += 1
            t["on_time"] += h <= settings.sla_respon_hk
        elif row.status in ("proses", "selesai"):
            pass  # claimed stage without a response date: out of the rate (DOMAIN §4)
        elif hk(clock, AS_OF) > settings.sla_respon_hk:
            t["late_open"] += 1
        if sel is not None:
            t["selesai"] += 1
            t["sel_on_time"] += (sel - m).days <= settings.sla_selesai_hari
        elif row.status != "selesai" and (AS_OF - m).days > settings.sla_selesai_hari:
            t["sel_late"] += 1
    return tally


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--complaints", type=int, default=1_000_000)
    ap.add_argument("--units", type=int, default=50)
    ap.add_argument("--indicators", type=int, default=2_000)
    ap.add_argument("--naive-sample", type=int, default=50_000)
    args = ap.parse_args()

    rng = np.random.default_rng(20180227)
    units = make_units(args.units)
    complaints = make_complaints(args.complaints, units, rng)
    pk, real = make_pk(args.indicators, units, rng)
    settings = Settings()
    rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"data: {len(complaints):,} complaints, {len(units)} units, {len(pk):,} indicators, "
          f"{len(real):,} realisasi rows; RSS after generating {rss_data:,.0f} MB")  # fmt: skip

    compute(complaints, pk, real, units, settings)  # warm-up (holiday table, imports)
    times = []
    for _ in range(5):
        gc.collect()
        t0 = time.perf_counter()
        by_unit, scores = compute(complaints, pk, real, units, settings)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    complaint_metrics(complaints, YEAR, by="unit", as_of=AS_OF, settings=settings, units=units)
    t_complaints = time.perf_counter() - t0
    t_fast = statistics.median(times)
    gc.collect()
    t0 = time.perf_counter()
    found = integrity_flags(pk, real, complaints, YEAR, 12, AS_OF, settings)
    t_integrity = time.perf_counter() - t0
    print(f"vectorised: complaints-by-unit + scorecard {t_fast:.3f} s (median of 5, best "
          f"{min(times):.3f} s; complaints alone {t_complaints:.3f} s)")  # fmt: skip
    print(f"integrity flags (issue 14) on the same data: {t_integrity:.3f} s, {len(found)} flags")

    gc.collect()
    tracemalloc.start()
    compute(complaints, pk, real, units, settings)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: computation peak {peak / 2**20:,.0f} MB (tracemalloc); "
          f"process peak RSS {rss_peak:,.0f} MB (incl. the generated data)")  # fmt: skip

    sample = complaints.sample(n=min(args.naive_sample, len(complaints)), random_state=1)
    t0 = time.perf_counter()
    naive_complaints(sample, settings)
    t_sample = time.perf_counter() - t0
    t_naive = t_sample * len(complaints) / len(sample)
    # the baseline is also an independent check of the vectorised figures on the sample
    tally = naive_complaints(sample, settings)
    fast = complaint_metrics(sample, YEAR, by="unit", as_of=AS_OF, settings=settings)
    for row in fast.itertuples(index=False):
        t = tally[row.kelompok]
        den = t["answered"] + t["late_open"]
        assert row.masuk == t["masuk"] and row.arsip == t["arsip"], row.kelompok
        assert abs(row.respon_tepat_waktu_pct - 100 * t["on_time"] / den) < 1e-9, row.kelompok
        sden = t["selesai"] + t["sel_late"]
        assert abs(row.selesai_tepat_waktu_pct - 100 * t["sel_on_time"] / sden) < 1e-9
    print(f"naive per-row baseline: {t_sample:.2f} s on {len(sample):,} rows → "
          f"{t_naive:.1f} s extrapolated to {len(complaints):,} (complaints only)")  # fmt: skip
    print(f"speed-up: {t_naive / t_complaints:,.0f}× on complaints-by-unit")
    ok = t_fast <= 0.5 and max(peak / 2**20, rss_peak) <= 1536
    print(
        f"goal 4: ≤ 0.5 s (issue 15) and ≤ 1.5 GB: {'met' if ok else 'NOT met'} (load average {os.getloadavg()[0]:.1f})"
    )
    print(by_unit.head(3).to_string())
    print(scores.head(3).to_string())


if __name__ == "__main__":
    main()
