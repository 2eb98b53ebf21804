"""Headline cards: a formatted value, its change from the previous month and the monthly series."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kinerja.domain.vocabulary import KATEGORI_RENDAH, KATEGORI_TINGGI
from kinerja.views import fmt
from kinerja.views.ringkasan import city_complaints, kategori_counts, scorecard
from kinerja.views.unit import unit_indicators
from kinerja.views.year import YearData


@dataclass(frozen=True)
class Tile:
    """One headline card: formatted value, change from the previous month, monthly series."""

    label: str
    value: str
    delta: str | None = None
    delta_description: str | None = None
    series: list[float] = field(default_factory=list)
    help: str = ""
    delta_color: str = "normal"


# --- tiles -------------------------------------------------------------------------------------
def delta_text(now: float, before: float, kind: str) -> str | None:
    if fmt.kosong(now) or fmt.kosong(before):
        return None
    d = float(now) - float(before)
    text = fmt.bilangan(d) if kind == "count" else fmt.angka(d, 1)
    text = text if text.startswith("-") else f"+{text}"
    return f"{text} poin" if kind == "pct" else text


def present_values(values: pd.Series) -> list[float]:
    return [float(v) for v in values if not fmt.kosong(v)]


def kinerja_tiles(data: YearData, month: int) -> list[Tile]:
    """Units reporting, mean nilai, indicators high/low — each against the previous month."""
    prev_name = fmt.bulan_nama(month - 1) if month > 1 else None
    desc = f"dibanding {fmt.BULAN_SINGKAT[month - 2]}" if prev_name else None
    s = data.scores[data.scores["bulan"] <= month]
    n_units = s.groupby("bulan")["unit"].size()
    reported = (
        data.uploaded.assign(bulan=pd.to_numeric(data.uploaded["bulan"], errors="coerce"))
        .groupby("bulan")["unit"].nunique()
        .reindex(range(1, month + 1), fill_value=0)
    )  # fmt: skip
    mean = s.groupby("bulan")["nilai"].mean().reindex(range(1, month + 1))
    kc = kategori_counts(data, month)
    high = kc[list(KATEGORI_TINGGI)].sum(axis=1)
    low = kc[list(KATEGORI_RENDAH)].sum(axis=1)
    total = int(n_units.get(month, 0))

    def pair(series: pd.Series, kind: str) -> tuple[str | None, str | None]:
        if month == 1:
            return None, None
        return delta_text(series.get(month), series.get(month - 1), kind), desc

    n_ind = int(kc.loc[month].sum()) if month in kc.index else 0
    return [
        Tile("Unit melapor bulan ini", f"{fmt.bilangan(reported.get(month, 0))} dari {fmt.bilangan(total)}",
             *pair(reported, "count"), present_values(reported),
             "Unit dengan PK yang mengunggah realisasi untuk bulan ini."),
        Tile("Rata-rata nilai unit", fmt.angka(mean.get(month), 1, blank=fmt.STRIP), *pair(mean, "num"),
             present_values(mean), "Rerata nilai unit (capaian periode dibatasi 120) pada bulan terpilih."),
        Tile("Indikator Tinggi ke atas", f"{fmt.bilangan(high.get(month, 0))} dari {fmt.bilangan(n_ind)}",
             *pair(high, "count"), present_values(high), "Indikator berkategori Sangat Tinggi atau Tinggi (≥ 76)."),
        Tile("Indikator Rendah ke bawah", fmt.bilangan(low.get(month, 0)), *pair(low, "count"),
             present_values(low), "Indikator berkategori Rendah atau Sangat Rendah (< 66).", "inverse"),
    ]  # fmt: skip


def complaint_tiles(data: YearData, month: int) -> list[Tile]:
    """Complaints received this month, tindak lanjut %, on-time response %, overdue backlog."""
    city = city_complaints(data, month)
    desc = f"dibanding {fmt.BULAN_SINGKAT[month - 2]}" if month > 1 else None
    sla = data.settings.sla_respon_hk

    def t(label: str, col: str, kind: str, text: str, help_: str, color: str = "normal") -> Tile:
        s = city[col]
        delta = delta_text(s.get(month), s.get(month - 1), kind) if month > 1 else None
        return Tile(label, text, delta, desc if delta else None, present_values(s), help_, color)

    now = city.loc[month]
    return [
        t("Pengaduan masuk bulan ini", "masuk_bulan", "count", fmt.bilangan(now["masuk_bulan"]),
          "Pengaduan diterima pada bulan terpilih (tanpa arsip tidak dikurangi)."),
        t("Tindak lanjut", "tindak_lanjut_pct", "pct", fmt.persen(now["tindak_lanjut_pct"], blank=fmt.STRIP),
          "(Selesai + proses) ÷ masuk sejak 1 Januari, posisi akhir bulan (definisi KemenPANRB)."),
        t("Respon tepat waktu", "respon_tepat_waktu_pct", "pct",
          fmt.persen(now["respon_tepat_waktu_pct"], blank=fmt.STRIP),
          f"Ditanggapi ≤ {sla} hari kerja ÷ (ditanggapi + belum ditanggapi yang sudah lewat {sla} HK)."),
        t("Tunggakan lewat batas", "lewat_batas", "count", fmt.bilangan(now["lewat_batas"]),
          f"Belum selesai dan belum ditanggapi > {sla} HK atau berumur > "
          f"{data.settings.sla_selesai_hari} hari, posisi akhir bulan.", "inverse"),
    ]  # fmt: skip


def unit_tiles(data: YearData, unit: str, month: int) -> list[Tile]:
    """Nilai (vs previous month), rank, kelengkapan and indicators projected to miss, for one unit."""
    sc = scorecard(data, month)
    row = sc[sc["unit"] == unit]
    if row.empty:
        return []
    r = row.iloc[0]
    ranked = int(sc["peringkat"].notna().sum())
    ind = unit_indicators(data, unit, month)
    miss = int(ind["meleset"].sum())
    desc = f"dibanding {fmt.BULAN_SINGKAT[month - 2]}" if month > 1 else None
    delta = delta_text(r["nilai"], r["nilai"] - r["perubahan"], "num") if month > 1 else None
    kat = r["kategori"] if isinstance(r["kategori"], str) else "belum lapor"
    return [
        Tile("Nilai", fmt.angka(r["nilai"], 2, blank=fmt.STRIP), delta, desc if delta else None,
             list(r["tren"]), "Rerata capaian periode indikator (dibatasi 120)."),
        Tile("Kategori", kat, help="Permendagri 86/2017: ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah."),
        Tile("Peringkat", f"{fmt.bilangan(r['peringkat'], blank=fmt.STRIP)} dari {fmt.bilangan(ranked)}",
             help="Di antara unit yang sudah melapor, nilai tertinggi pertama."),
        Tile("Kelengkapan", fmt.persen(r["kelengkapan_pct"], 0),
             help=f"{fmt.bilangan(r['dilaporkan'])} dari {fmt.bilangan(r['indikator'])} indikator dilaporkan."),
        Tile("Proyeksi meleset", f"{fmt.bilangan(miss)} indikator", help="Proyeksi akhir tahun dari laju "
             "realisasi sejauh ini tidak mencapai target tahunan.", delta_color="inverse"),
    ]  # fmt: skip
