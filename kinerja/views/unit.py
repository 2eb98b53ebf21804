"""One unit's PK for the Perangkat Daerah page: targets, monthly realisasi, trend and year-end projection."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.vocabulary import KATEGORI, RUMUS_LABEL
from kinerja.metrics.capaian import capaian
from kinerja.views import fmt
from kinerja.views.lkjip import label_kategori
from kinerja.views.year import YearData


def projection(values: np.ndarray, akumulasi: str, month: int) -> float:
    """Year-end realisasi from the run-rate of the reported months ≤ m (NaN when nothing reported).

    kumulatif: sum × 12 ÷ months elapsed; akhir: latest value plus the mean monthly change;
    rata_rata: the mean so far.
    """
    v = np.asarray(values[:month], dtype="float64")
    ok = ~np.isnan(v)
    if not ok.any():
        return float("nan")
    months = np.flatnonzero(ok) + 1
    last = int(months[-1])
    if akumulasi == "kumulatif":
        return float(np.nansum(v) * 12 / last)
    if akumulasi == "rata_rata":
        return float(np.nanmean(v))
    if len(months) == 1:
        return float(v[last - 1])
    slope = (v[last - 1] - v[months[0] - 1]) / (last - months[0])
    return float(v[last - 1] + slope * (12 - last))


def unit_options(data: YearData) -> list[tuple[str, str]]:
    """(kode, nama) of the units with a PK this year, by name."""
    s = data.scores[data.scores["bulan"] == 12][["unit", "nama"]]
    return sorted(zip(s["unit"], s["nama"], strict=True), key=lambda p: p[1].casefold())


def monthly_values(data: YearData, unit: str) -> pd.DataFrame:
    """(indicator kunci × 12) reported realisasi of one unit; NaN where nothing was reported."""
    r = data.realisasi[data.realisasi["unit"].astype(str) == unit]
    r = r.assign(bulan=pd.to_numeric(r["bulan"], errors="coerce"), realisasi=pd.to_numeric(r["realisasi"]))
    m = r.pivot_table(index="kunci", columns="bulan", values="realisasi", aggfunc="max")
    return m.reindex(columns=range(1, 13))


def unit_indicators(data: YearData, unit: str, month: int) -> pd.DataFrame:
    """One unit's PK through month m: targets, monthly realisasi, capaian, kategori, projection."""
    res = data.results[(data.results["bulan"] == month) & (data.results["unit"] == unit)].copy()
    vals = monthly_values(data, unit).reindex(res["kunci"])
    pk = data.pk.set_index(["unit", "kunci"])
    for q in range(1, 5):
        res[f"tw{q}"] = [pk.at[(unit, k), f"tw{q}"] for k in res["kunci"]]
    res["bulanan"] = [[float(x) for x in row[:month] if not np.isnan(x)] for row in vals.to_numpy()]
    for m in range(1, month + 1):
        res[f"b{m}"] = vals[m].to_numpy()
    proj = [projection(row, a, month) for row, a in zip(vals.to_numpy(), res["akumulasi"], strict=True)]
    res["proyeksi"] = proj
    res["capaian_proyeksi"] = capaian(
        proj,
        res["target_min"],
        res["target_max"],
        res["polaritas"].to_numpy(),
        res["rumus_capaian"].to_numpy(),
    )
    res["meleset"] = res["capaian_proyeksi"] < 100
    res["status_proyeksi"] = np.where(
        np.isnan(res["capaian_proyeksi"]), "belum lapor", np.where(res["meleset"], "⚠ meleset", "✓ tercapai")
    )
    return res.reset_index(drop=True)


def indicator_trend(data: YearData, unit: str, kunci: str, month: int) -> pd.DataFrame:
    """Months 1..12: realisasi to date (≤ m), target to date, and the projection line (m..12)."""
    r = data.results[(data.results["unit"] == unit) & (data.results["kunci"] == kunci)].sort_values("bulan")
    r = r.set_index("bulan").reindex(range(1, 13))
    out = pd.DataFrame({"bulan": range(1, 13)})
    out["realisasi"] = np.where(out["bulan"] <= month, r["realisasi"].to_numpy(), np.nan)
    out["target_min"] = r["target_periode_min"].to_numpy()
    out["target_max"] = r["target_periode_max"].to_numpy()
    vals = monthly_values(data, unit)
    row = vals.loc[kunci].to_numpy() if kunci in vals.index else np.full(12, np.nan)
    akum = str(r["akumulasi"].dropna().iloc[0]) if r["akumulasi"].notna().any() else "akhir"
    proj = projection(row, akum, month)
    now = r["realisasi"].get(month)
    out["proyeksi"] = np.nan
    if not np.isnan(proj) and now is not None and not np.isnan(now):
        out.loc[out["bulan"] >= month, "proyeksi"] = np.interp(
            out.loc[out["bulan"] >= month, "bulan"], [month, 12], [now, proj]
        )
    out["bulan_label"] = [fmt.BULAN_SINGKAT[m - 1] for m in out["bulan"]]
    return out


def _target_text(lo: float, hi: float) -> str:
    if fmt.kosong(lo):
        return fmt.STRIP
    if fmt.kosong(hi) or lo == hi:
        return fmt.ringkas(lo)
    return f"{fmt.ringkas(lo)}–{fmt.ringkas(hi)}"


def pk_table(
    ind: pd.DataFrame, month: int, monthly: bool = False, labels: tuple[str, ...] = KATEGORI
) -> pd.DataFrame:
    """One unit's indicators as people read them (key figures first), numbers in Indonesian form.

    `Bilah` is capaian periode as a number (for a progress bar); everything else is display text.
    """
    out = pd.DataFrame({"Indikator": ind["indikator"], "Satuan": ind["satuan"].fillna("")})
    if monthly:
        for m in range(1, month + 1):
            out[fmt.BULAN_SINGKAT[m - 1]] = ind[f"b{m}"].map(lambda v: fmt.ringkas(v, blank=fmt.STRIP))
        out["Kategori"] = label_kategori(ind["kategori"], labels).fillna("Belum lapor")
        return out
    out["Target"] = [_target_text(a, b) for a, b in zip(ind["target_min"], ind["target_max"], strict=True)]
    out[f"Target s.d. {fmt.BULAN_SINGKAT[month - 1]}"] = [
        _target_text(a, b) for a, b in zip(ind["target_periode_min"], ind["target_periode_max"], strict=True)
    ]
    out["Realisasi"] = ind["realisasi"].map(lambda v: fmt.ringkas(v, blank="belum lapor"))
    out["Capaian periode"] = ind["capaian_periode"].map(lambda v: fmt.persen(v, blank=fmt.STRIP))
    out["Bilah"] = ind["capaian_periode"]
    out["Kategori"] = label_kategori(ind["kategori"], labels).fillna("Belum lapor")
    out["Capaian tahunan"] = ind["capaian_tahunan"].map(lambda v: fmt.persen(v, blank=fmt.STRIP))
    out["Rumus"] = ind["rumus_capaian"].map(lambda r: RUMUS_LABEL.get(r, r))
    out["Proyeksi Des"] = ind["proyeksi"].map(lambda v: fmt.ringkas(v, blank=fmt.STRIP))
    out["Status proyeksi"] = ind["status_proyeksi"]
    out["Tren"] = ind["bulanan"]
    for q, name in enumerate(("TW I", "TW II", "TW III", "TW IV"), start=1):
        out[name] = ind[f"tw{q}"].map(lambda v: fmt.ringkas(v, blank=""))
    return out
