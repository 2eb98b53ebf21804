"""What every LKjIP table prints (issue 11): earlier years, capaian vs Renstra, per sasaran, tercapai, budget."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.text import normalize_key
from kinerja.domain.vocabulary import TERCAPAI
from kinerja.metrics.capaian import capaian, kategori

RENSTRA = ["target_renstra", "target_renstra_min", "target_renstra_max", "tahun_renstra"]


def with_renstra(results: pd.DataFrame, pk: pd.DataFrame) -> pd.DataFrame:
    """Results of one year with the Renstra target and capaian against it (Lampung: 77,76 vs 2019)."""
    cols = [c for c in ("program", "anggaran", *RENSTRA) if c in pk]
    info = pk[["unit", "kunci", *cols]].astype({"unit": str}).drop_duplicates(["unit", "kunci"])
    out = results.drop(columns=[c for c in cols if c in results]).merge(
        info, on=["unit", "kunci"], how="left"
    )
    for c in ("target_renstra_min", "target_renstra_max"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64") if c in out else np.nan
    out["capaian_renstra"] = capaian(
        out["realisasi"].to_numpy(dtype="float64"),
        out["target_renstra_min"].to_numpy(),
        out["target_renstra_max"].to_numpy(),
        out["polaritas"].to_numpy(dtype=object),
        out["rumus_capaian"].to_numpy(dtype=object),
    )
    return out


def match_previous(current: pd.DataFrame, earlier: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """`realisasi_Y` and `capaian_Y` of each earlier year Y beside this year's rows.

    An indicator keeps its identity across years (DOMAIN §4): same unit and Kode (the key), else
    the same normalised name; a renamed indicator with its Kode still matches.
    """
    out = current.copy()
    name = normalize_key(out["indikator"].astype("str"))
    for year in sorted(earlier):
        prev = earlier[year]
        by_key = {(str(u), k): i for i, (u, k) in enumerate(zip(prev["unit"], prev["kunci"], strict=True))}
        prev_name = normalize_key(prev["indikator"].astype("str"))
        by_name = {(str(u), n): i for i, (u, n) in enumerate(zip(prev["unit"], prev_name, strict=True))}
        rows = [
            by_key.get((str(u), k), by_name.get((str(u), n), -1))
            for u, k, n in zip(out["unit"], out["kunci"], name, strict=True)
        ]
        idx = np.asarray(rows, dtype="int64")
        found = idx >= 0
        for col, src in ((f"realisasi_{year}", "realisasi"), (f"capaian_{year}", "capaian_tahunan")):
            values = prev[src].to_numpy(dtype="float64") if len(prev) else np.array([])
            out[col] = np.where(found, values[np.maximum(idx, 0)] if len(values) else np.nan, np.nan)
    return out


def sasaran_summary(results: pd.DataFrame) -> pd.DataFrame:
    """Per sasaran (PK order): indicators, tercapai (capaian ≥ 100) / tidak, mean capaian, kategori.

    The mean is over the sasaran's indicators with a capaian (Manggarai Timur, Lombok Tengah and
    Dumai print it); indicators without realisasi are counted apart, never as 0.
    """
    r = results.assign(_cap=results["capaian_tahunan"].astype("float64"))
    r["_ada"] = r["_cap"].notna()
    r["_ok"] = r["_cap"] >= TERCAPAI
    g = r.groupby(r["sasaran"].fillna(""), sort=False)
    out = (
        pd.DataFrame(
            {
                "jumlah_indikator": g.size(),
                "dilaporkan": g["_ada"].sum(),
                "tercapai": g["_ok"].sum(),
                "rata_rata_capaian": g["_cap"].mean(),
            }
        )
        .rename_axis("sasaran")
        .reset_index()
    )
    out["tidak_tercapai"] = out["dilaporkan"] - out["tercapai"]
    out["kategori"] = kategori(out["rata_rata_capaian"]).to_numpy()
    cols = ["sasaran", "jumlah_indikator", "dilaporkan", "tercapai", "tidak_tercapai", "rata_rata_capaian"]
    return out[[*cols, "kategori"]].astype({c: "int64" for c in cols[1:5]})


def tercapai_count(results: pd.DataFrame) -> dict[str, int]:
    """Indicators tercapai (capaian ≥ 100), tidak tercapai, and without realisasi (Balikpapan: 13 of 20)."""
    cap = results["capaian_tahunan"].astype("float64")
    return {
        "indikator": len(results),
        "tercapai": int((cap >= TERCAPAI).sum()),
        "tidak_tercapai": int(((cap < TERCAPAI) & cap.notna()).sum()),
        "belum_lapor": int(cap.isna().sum()),
    }


def budget_lines(results: pd.DataFrame, realisasi: pd.DataFrame, year: int, month: int = 12) -> pd.DataFrame:
    """Budget lines of one unit-year: pagu, realisasi anggaran (months 1..m summed), serapan %.

    A line is an indicator with an Anggaran, except that indicators of one sasaran sharing a
    Program and the same Anggaran (a merged program cell) are one line: its pagu counts once and
    its monthly realisasi anggaran is the largest reported for it (written once or repeated).
    """
    cols = ["sasaran", "program", "pagu", "realisasi_anggaran", "capaian", "indikator"]
    if "anggaran" not in results or results["anggaran"].isna().all():
        return pd.DataFrame({c: pd.Series(dtype="float64" if c != "sasaran" else "object") for c in cols})
    r = results[pd.to_numeric(results["anggaran"], errors="coerce").notna()].copy()
    r["pagu"] = pd.to_numeric(r["anggaran"], errors="coerce").astype("float64")
    prog = r["program"].astype("str").str.strip() if "program" in r else pd.Series(pd.NA, index=r.index)
    r["_line"] = np.where(
        prog.notna() & (prog != ""),
        "P|" + r["sasaran"].fillna("").astype(str) + "|" + prog.fillna("") + "|" + r["pagu"].astype(str),
        "I|" + r["kunci"].astype(str),
    )
    real = (
        realisasi[pd.to_numeric(realisasi["tahun"], errors="coerce") == year] if len(realisasi) else realisasi
    )
    spent = pd.DataFrame(columns=["unit", "kunci", "bulan", "realisasi_anggaran"])
    if len(real) and "realisasi_anggaran" in real:
        spent = real[pd.to_numeric(real["bulan"], errors="coerce") <= month]
        spent = spent[["unit", "kunci", "bulan", "realisasi_anggaran"]].dropna(subset=["realisasi_anggaran"])
    spent = spent.astype({"unit": str}).merge(
        r[["unit", "kunci", "_line"]].astype({"unit": str}), on=["unit", "kunci"], how="inner"
    )
    per_month = spent.groupby(["_line", "bulan"])["realisasi_anggaran"].max()
    used = per_month.groupby(level="_line").sum()
    g = r.groupby("_line", sort=False)
    lines = pd.DataFrame(
        {
            "sasaran": g["sasaran"].first(),
            "program": g["program"].first() if "program" in r else None,
            "pagu": g["pagu"].first(),
            "capaian": g["capaian_tahunan"].mean(),
            "indikator": g["indikator"].agg(lambda s: "; ".join(str(x) for x in s)),
        }
    )
    lines["realisasi_anggaran"] = used.reindex(lines.index).astype("float64")
    return lines.reset_index(drop=True)[cols]


def serapan(lines: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Pagu, realisasi and serapan anggaran % (realisasi ÷ pagu × 100) in total or per `by`.

    Beside it the capaian kinerja (mean over the indicators of those lines): the LKjIP efficiency
    view. "Rp 92.831.550.075 terealisasi Rp 82.161.081.765 atau 88,51 %".
    """
    key = lines[by].fillna("") if by else pd.Series("", index=lines.index)
    g = lines.groupby(key, sort=False)
    out = pd.DataFrame(
        {
            "pagu": g["pagu"].sum(),
            "realisasi_anggaran": g["realisasi_anggaran"].sum(min_count=1),
            "capaian": g["capaian"].mean(),
        }
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        out["serapan_pct"] = np.where(out["pagu"] > 0, out["realisasi_anggaran"] / out["pagu"] * 100, np.nan)
    out["selisih"] = out["capaian"] - out["serapan_pct"]
    return out.rename_axis(by or "total").reset_index()
