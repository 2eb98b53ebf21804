"""The LKjIP tables of one unit and year (PermenPANRB 53/2014, Bab III), as the OPD pastes them (issue 11)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.domain.schema import PENGADUAN_FRAME
from kinerja.domain.settings import Settings
from kinerja.domain.vocabulary import KATEGORI, RUMUS_LABEL, SUMBER_PENGADUAN, TAHUN_SEBELUMNYA
from kinerja.errors import KinerjaError
from kinerja.metrics.capaian import indicator_results, kategori
from kinerja.metrics.linked import combined_realisasi
from kinerja.metrics.lkjip import (
    budget_lines,
    match_previous,
    sasaran_summary,
    serapan,
    tercapai_count,
    with_renstra,
)
from kinerja.metrics.pengaduan import default_as_of
from kinerja.store.readers import read_pengaduan, read_pk, read_realisasi, read_units
from kinerja.views import fmt

Frames = dict[str, pd.DataFrame]  # units, pk, realisasi, pengaduan of one year


def label_kategori(values: pd.Series, labels: tuple[str, ...]) -> pd.Series:
    """Permendagri 86/2017 kategori under the office's names (setting label_kategori); blank stays blank."""
    return values.map(dict(zip(KATEGORI, labels, strict=True))).where(values.notna(), None)


@dataclass(frozen=True)
class Lkjip:
    """The tables of Bab III for one unit and year; numbers unrounded, text in Indonesian."""

    unit: str
    nama: str
    tahun: int
    sebelumnya: list[int]
    pengukuran: pd.DataFrame
    sasaran: pd.DataFrame
    tercapai: dict[str, int]
    anggaran: pd.DataFrame
    catatan: list[str] = field(default_factory=list)


def read_frames(engine: Engine, year: int) -> dict[int, Frames]:
    """Stored data of `year` and the TAHUN_SEBELUMNYA years before it (complaints only where linked)."""
    units = read_units(engine)
    out: dict[int, Frames] = {}
    for y in range(year - TAHUN_SEBELUMNYA, year + 1):
        pk = read_pk(engine, tahun=y)
        if pk.empty and y != year:
            continue
        linked = pk["sumber_data"].isin(SUMBER_PENGADUAN).any() if len(pk) else False
        comp = read_pengaduan(engine, y) if linked else pd.DataFrame(columns=PENGADUAN_FRAME)
        out[y] = {"units": units, "pk": pk, "realisasi": read_realisasi(engine, tahun=y), "pengaduan": comp}
    return out


def year_results(frames: Frames, year: int, settings: Settings) -> pd.DataFrame:
    """Year-end results (month 12) of one year, complaint-linked indicators computed (DOMAIN §2.2)."""
    pk, comp = frames["pk"], frames["pengaduan"]
    as_of = min(default_as_of(comp), date(year, 12, 31)) if len(comp) else None
    real = combined_realisasi(
        pk, frames["realisasi"], comp if len(comp) else None, year, settings, as_of=as_of
    )
    return with_renstra(indicator_results(pk, real, year, 12, settings, units=frames["units"]), pk)


def _pick(results: pd.DataFrame, units: pd.DataFrame, unit: str) -> str:
    want = unit.strip().casefold()
    names = dict(zip(units["kode"].astype(str), units["nama"].astype(str), strict=False))
    for kode in results["unit"].astype(str).unique():
        if want in (kode.casefold(), names.get(kode, kode).casefold()):
            return kode
    known = ", ".join(sorted({names.get(k, k) for k in results["unit"].astype(str)}, key=str.casefold))
    raise KinerjaError(f"unit '{unit}' tidak punya PK tahun ini; unit yang ada: {known or '(tidak ada)'}")


def build_lkjip(frames: dict[int, Frames], unit: str, year: int, settings: Settings | None = None) -> Lkjip:
    """The Pengukuran Capaian Kinerja table, the per-sasaran summary, the tercapai count and the budget."""
    settings = settings or Settings()
    if year not in frames:
        raise KinerjaError(f"tidak ada PK tahun {year}")
    results = year_results(frames[year], year, settings)
    kode = _pick(results, frames[year]["units"], unit)
    res = results[results["unit"].astype(str) == kode].reset_index(drop=True)
    earlier = {}
    for y in sorted(y for y in frames if y < year):
        prev = year_results(frames[y], y, settings)
        prev = prev[prev["unit"].astype(str) == kode]
        if len(prev):
            earlier[y] = prev.reset_index(drop=True)
    res = match_previous(res, earlier)
    labels = settings.label_kategori
    lines = budget_lines(
        res, frames[year]["realisasi"][frames[year]["realisasi"]["unit"].astype(str) == kode], year
    )
    return Lkjip(
        unit=kode,
        nama=str(res["nama"].iat[0]),
        tahun=year,
        sebelumnya=list(earlier),
        pengukuran=_pengukuran(res, list(earlier), labels),
        sasaran=_sasaran(res, labels),
        tercapai=tercapai_count(res),
        anggaran=_anggaran(lines, res, labels),
        catatan=[_formula_note(i + 1, row) for i, row in enumerate(res.itertuples())],
    )


def _target_text(lo: float, hi: float) -> str | float:
    if fmt.kosong(lo):
        return ""
    return float(lo) if lo == hi else f"{fmt.ringkas(lo)}–{fmt.ringkas(hi)}"


def _pengukuran(res: pd.DataFrame, years: list[int], labels: tuple[str, ...]) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "No": range(1, len(res) + 1),
            "Sasaran Strategis": res["sasaran"].fillna(""),
            "Indikator Kinerja": res["indikator"],
            "Satuan": res["satuan"].fillna(""),
            "Target": [_target_text(a, b) for a, b in zip(res["target_min"], res["target_max"], strict=True)],
            "Realisasi": res["realisasi"],
            "Capaian (%)": res["capaian_tahunan"],
            "Kategori": label_kategori(kategori(res["capaian_tahunan"]), labels),
        }
    )
    for y in years:
        out[f"Realisasi {y}"] = res[f"realisasi_{y}"]
        out[f"Capaian {y} (%)"] = res[f"capaian_{y}"]
    out["Target Akhir Renstra"] = [
        _target_text(a, b) for a, b in zip(res["target_renstra_min"], res["target_renstra_max"], strict=True)
    ]
    years_r = pd.to_numeric(res["tahun_renstra"], errors="coerce")
    out["Tahun Akhir Renstra"] = [str(int(y)) if pd.notna(y) else "" for y in years_r]
    out["Capaian thd Renstra (%)"] = res["capaian_renstra"]
    out["Rumus"] = [f"{RUMUS_LABEL.get(r, r)} [{i + 1}]" for i, r in enumerate(res["rumus_capaian"])]
    return out


def _sasaran(res: pd.DataFrame, labels: tuple[str, ...]) -> pd.DataFrame:
    s = sasaran_summary(res)
    return pd.DataFrame(
        {
            "No": range(1, len(s) + 1),
            "Sasaran Strategis": s["sasaran"],
            "Jumlah Indikator": s["jumlah_indikator"],
            "Tercapai": s["tercapai"],
            "Tidak Tercapai": s["tidak_tercapai"],
            "Belum Lapor": s["jumlah_indikator"] - s["dilaporkan"],
            "Rata-rata Capaian (%)": s["rata_rata_capaian"],
            "Kategori": label_kategori(s["kategori"], labels),
        }
    )


def _anggaran(lines: pd.DataFrame, res: pd.DataFrame, labels: tuple[str, ...]) -> pd.DataFrame:
    """Per sasaran and in total: pagu, realisasi, serapan % beside capaian kinerja (efisiensi)."""
    per = serapan(lines, "sasaran")
    summary = sasaran_summary(res).set_index("sasaran")["rata_rata_capaian"]
    per["capaian"] = per["sasaran"].map(summary)
    total = serapan(lines)
    total["capaian"] = res["capaian_tahunan"].astype("float64").mean() if len(lines) else float("nan")
    total = total.rename(columns={"total": "sasaran"}).assign(sasaran="Jumlah")
    both = pd.concat([per, total], ignore_index=True) if len(lines) else per.iloc[0:0]
    both["selisih"] = both["capaian"] - both["serapan_pct"]
    return pd.DataFrame(
        {
            "Sasaran Strategis": both["sasaran"],
            "Pagu Anggaran (Rp)": both["pagu"],
            "Realisasi Anggaran (Rp)": both["realisasi_anggaran"],
            "Serapan Anggaran (%)": both["serapan_pct"],
            "Capaian Kinerja (%)": both["capaian"],
            "Selisih Capaian − Serapan (poin)": both["selisih"],
        }
    )


def _n(x: float) -> str:
    return fmt.ringkas(x, 4)


def _formula_note(i: int, row: Any) -> str:
    """[i] Indikator: the rule and the numbers, e.g. `(2 − 56,23 ÷ 49) × 100 = 85,24`."""
    r, lo, hi = row.realisasi, row.target_min, row.target_max
    rumus, pol, cap = row.rumus_capaian, row.polaritas, row.capaian_tahunan
    head = f"[{i}] {row.indikator} — rumus {RUMUS_LABEL.get(rumus, rumus)}, polaritas {pol}: "
    kebalikan = pol == "negatif" and rumus == "kebalikan"
    rule = (
        "T ÷ R × 100"
        if kebalikan
        else "(2 − R ÷ T) × 100, paling kecil 0"
        if pol == "negatif"
        else "R ÷ T × 100"
    )
    if rumus == "maks_100":
        rule += ", paling tinggi 100"
    if not fmt.kosong(lo) and lo != hi:
        rule += f"; target rentang {_n(lo)}–{_n(hi)}: di dalam rentang = 100, di luar dengan batas terdekat"
    if fmt.kosong(r) or fmt.kosong(cap):
        return head + rule + " (belum ada realisasi)."
    if lo != hi or lo == 0 or r == 0:
        return head + rule + f" → {fmt.angka(cap, 2)}."
    if kebalikan:
        numbers = f"{_n(lo)} ÷ {_n(r)} × 100"
    elif pol == "negatif":
        numbers = f"(2 − {_n(r)} ÷ {_n(lo)}) × 100"
    else:
        numbers = f"{_n(r)} ÷ {_n(lo)} × 100"
    return head + rule + f". Capaian = {numbers} = {fmt.angka(cap, 2)}."


def riwayat_table(report: Lkjip) -> pd.DataFrame:
    """The unit page's view of earlier years and the Renstra target: display text, one row per indicator."""
    p = report.pengukuran
    out = pd.DataFrame(
        {"Indikator": p["Indikator Kinerja"], "Rumus": p["Rumus"].str.replace(r" \[\d+\]$", "", regex=True)}
    )
    for y in report.sebelumnya:
        out[f"Realisasi {y}"] = p[f"Realisasi {y}"].map(lambda v: fmt.ringkas(v, blank=fmt.STRIP))
        out[f"Capaian {y}"] = p[f"Capaian {y} (%)"].map(lambda v: fmt.persen(v, 2, blank=fmt.STRIP))
    out[f"Realisasi {report.tahun}"] = p["Realisasi"].map(lambda v: fmt.ringkas(v, blank=fmt.STRIP))
    out[f"Capaian {report.tahun}"] = p["Capaian (%)"].map(lambda v: fmt.persen(v, 2, blank=fmt.STRIP))
    renstra = [
        fmt.STRIP if t == "" else f"{t if isinstance(t, str) else fmt.ringkas(t)}" + (f" ({y})" if y else "")
        for t, y in zip(p["Target Akhir Renstra"], p["Tahun Akhir Renstra"], strict=True)
    ]
    out["Target akhir Renstra"] = renstra
    out["Capaian thd Renstra"] = p["Capaian thd Renstra (%)"].map(lambda v: fmt.persen(v, 2, blank=fmt.STRIP))
    return out


def serapan_text(report: Lkjip) -> str | None:
    """The unit's budget in one sentence, as LKjIPs write it; None without a pagu."""
    if report.anggaran.empty:
        return None
    row = report.anggaran.iloc[-1]  # the Jumlah row
    used = row["Realisasi Anggaran (Rp)"]
    spent = (
        "belum ada realisasi anggaran"
        if fmt.kosong(used)
        else f"terealisasi Rp {fmt.bilangan(used)} atau {fmt.persen(row['Serapan Anggaran (%)'], 2, blank=fmt.STRIP)}"
    )
    return (
        f"Anggaran {report.tahun}: pagu Rp {fmt.bilangan(row['Pagu Anggaran (Rp)'])} {spent}; capaian kinerja "
        f"rata-rata {fmt.persen(row['Capaian Kinerja (%)'], 2, blank=fmt.STRIP)}."
    )
