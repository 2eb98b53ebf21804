"""Integrity flags — which numbers to trust: self-reported vs measured, bulk closures, closures
without a response or without evidence. Pure: frames in, one flag table out (issue 14)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kinerja.domain.settings import Settings
from kinerja.domain.text import normalize_text
from kinerja.domain.vocabulary import SUMBER_PENGADUAN
from kinerja.metrics.linked import complaint_realisasi
from kinerja.metrics.pengaduan import complaint_state
from kinerja.metrics.workdays import to_days

SWALAPOR, BORONGAN, AKHIR_BULAN, TANPA_TANGGAPAN, TANPA_BUKTI = (
    "swalapor", "borongan", "akhir_bulan", "tanpa_tanggapan", "tanpa_bukti",
)  # fmt: skip
JENIS = {
    SWALAPOR: "Lapor mandiri berbeda dari data pengaduan",
    BORONGAN: "Penutupan borongan dalam satu hari",
    AKHIR_BULAN: "Penutupan menumpuk menjelang akhir bulan atau rapat",
    TANPA_TANGGAPAN: "Selesai tanpa tanggapan",
    TANPA_BUKTI: "Selesai tanpa bukti",
}
HARI_MENJELANG = 3  # "the last days before a month's end or a meeting": this many calendar days
FLAG_COLUMNS = [
    "jenis", "judul", "unit", "indikator", "ukuran", "bulan", "dilaporkan", "diukur", "jumlah", "dari",
    "bagian_pct", "tanggal", "tanpa_tanggal", "saat_sama", "tiket",
]  # fmt: skip


def metric_of(indikator: str) -> str | None:
    """The complaint metric a PK indicator's name describes (DOMAIN §2.2 words), or None."""
    t = f" {normalize_text(indikator)} "
    if not any(w in t for w in (" pengaduan", " aduan", " keluhan")):
        return None
    on_time = "tepat waktu" in t
    if on_time and any(w in t for w in ("selesai", "penyelesaian", "diselesaikan")):
        return "selesai_tepat_waktu_pct"
    if on_time and any(w in t for w in ("respon", "direspon", "ditanggapi", "tanggap")):
        return "respon_tepat_waktu_pct"
    if "ditindaklanjuti" in t or "tindak lanjut" in t:
        return "tindak_lanjut_pct"
    if any(w in t for w in ("selesai", "diselesaikan", "penyelesaian")):
        return "selesai_pct"
    return None


def _row(jenis: str, unit: str, **values: object) -> dict[str, object]:
    base: dict[str, object] = dict.fromkeys(FLAG_COLUMNS)
    return base | {"jenis": jenis, "judul": JENIS[jenis], "unit": unit, "tiket": []} | values


def _against(metric: str, c: pd.DataFrame, day: np.datetime64, settings: Settings) -> tuple[list[str], int]:
    """(tickets that count against the metric, how many complaints the metric counts): the
    complaints behind the measured figure and its denominator (DOMAIN §3.1), so the two agree."""
    a = complaint_state(c, day, settings)
    bad, counted = {
        "selesai_tepat_waktu_pct": ((a.selesai_bertanggal & ~a.selesai_tepat) | a.lewat_60,
                                    a.selesai_bertanggal | a.lewat_60),
        "respon_tepat_waktu_pct": ((a.answered & ~a.respon_tepat) | a.lewat_respon, a.answered | a.lewat_respon),
        "tindak_lanjut_pct": (a.belum, a.p),
        "selesai_pct": (a.p & ~a.selesai, a.p),
    }[metric]  # fmt: skip
    return c.loc[bad, "no_tiket"].astype(str).tolist(), int(counted.sum())


def self_report_flags(
    pk: pd.DataFrame, uploaded: pd.DataFrame, complaints: pd.DataFrame, year: int, month: int,
    as_of: date, settings: Settings,
) -> list[dict[str, object]]:  # fmt: skip
    """A unit's uploaded realisasi of a complaint indicator next to the same metric measured from
    the complaints sent to it (DOMAIN §2.2 window); flagged past the tolerance (setting)."""
    own = pk[
        (pd.to_numeric(pk["tahun"], errors="coerce") == year) & ~pk["sumber_data"].isin(SUMBER_PENGADUAN)
    ]
    own = own.assign(metric=own["indikator"].map(metric_of)).dropna(subset=["metric"])
    if own.empty or uploaded.empty:
        return []
    measured = complaint_realisasi(
        own.assign(sumber_data="pengaduan:" + own["metric"]), complaints, year, settings, as_of
    )
    real = uploaded[
        (pd.to_numeric(uploaded["tahun"], errors="coerce") == year) & (uploaded["bulan"] <= month)
    ]
    out = []
    for ind in own.itertuples(index=False):
        mine = real[(real["unit"] == ind.unit) & (real["kunci"] == ind.kunci)].dropna(subset=["realisasi"])
        if mine.empty:
            continue
        last = mine.sort_values("bulan").iloc[-1]
        m = int(last["bulan"])
        got = measured[
            (measured["unit"] == ind.unit) & (measured["kunci"] == ind.kunci) & (measured["bulan"] <= m)
        ]
        if got.empty:
            continue
        value = float(got.sort_values("bulan")["realisasi"].iloc[-1])
        reported = float(last["realisasi"])
        if abs(reported - value) <= settings.integritas_toleransi:
            continue
        end = min(pd.Timestamp(year, m, 1) + pd.offsets.MonthEnd(0), pd.Timestamp(as_of))
        day = np.datetime64(end.date(), "D")
        c = complaints[(complaints["unit"].astype(str) == ind.unit)]
        masuk = to_days(c["tanggal_masuk"])
        c = c[(masuk >= np.datetime64(f"{year:04d}-01-01")) & (masuk <= day)]
        tickets, counted = _against(str(ind.metric), c, day, settings)
        out.append(_row(SWALAPOR, ind.unit, indikator=ind.indikator, ukuran=ind.metric, bulan=m, dilaporkan=reported,
                        diukur=value, jumlah=len(tickets), dari=counted, tanggal=end.date(), tiket=tickets))  # fmt: skip
    return out


def closure_flags(
    complaints: pd.DataFrame, year: int, as_of: date, settings: Settings, meetings: tuple[date, ...] = ()
) -> list[dict[str, object]]:
    """Per destination unit, among its complaints of the year closed by as_of: closures bunched on
    one day or just before a month's end or a meeting, closures without a response (or at the
    response's very instant), and closures without evidence."""
    c = complaints[complaints["unit"].notna()]
    if c.empty:
        return []
    day = np.datetime64(as_of, "D")
    masuk = to_days(c["tanggal_masuk"])
    c = c[(masuk >= np.datetime64(f"{year:04d}-01-01")) & (masuk <= day)]
    a = complaint_state(c, day, settings)
    closed = c[a.selesai_bertanggal]
    out: list[dict[str, object]] = []
    share, minimum = settings.integritas_bagian_pct, settings.integritas_minimal
    bukti = pd.Series(a.bukti, index=c.index)
    for unit, g in closed.groupby(closed["unit"].astype(str), sort=True):
        n = len(g)
        if n < minimum:
            continue
        sel = pd.to_datetime(g["tanggal_selesai"])
        days = sel.dt.normalize()
        top_day, top_n = days.value_counts().sort_index().idxmax(), int(days.value_counts().max())
        if top_n * 100 >= share * n:
            on_day = g[days == top_day]
            out.append(_row(BORONGAN, unit, jumlah=top_n, dari=n, bagian_pct=top_n * 100 / n, tanggal=top_day.date(),
                            tiket=on_day["no_tiket"].astype(str).tolist()))  # fmt: skip
        near = days.dt.day > days.dt.days_in_month - HARI_MENJELANG
        for meeting in meetings:
            gap = (pd.Timestamp(meeting) - days).dt.days
            near |= (gap >= 0) & (gap < HARI_MENJELANG)
        k = int(near.sum())
        if k * 100 >= settings.integritas_akhir_bulan_pct * n:
            out.append(_row(AKHIR_BULAN, unit, jumlah=k, dari=n, bagian_pct=k * 100 / n,
                            tiket=g.loc[near, "no_tiket"].astype(str).tolist()))  # fmt: skip
        tang = pd.to_datetime(g["tanggal_tanggapan"])
        none = tang.isna() | (tang == sel)
        k = int(none.sum())
        if k * 100 >= share * n:
            blank, same = int(tang.isna().sum()), int((tang == sel).sum())
            out.append(_row(TANPA_TANGGAPAN, unit, tanpa_tanggal=blank, saat_sama=same, jumlah=k, dari=n, bagian_pct=k * 100 / n, tiket=g.loc[none, "no_tiket"].astype(str).tolist()))  # fmt: skip
        bare = ~bukti.loc[g.index]
        k = int(bare.sum())
        if k * 100 >= settings.integritas_akhir_bulan_pct * n:
            out.append(_row(TANPA_BUKTI, unit, jumlah=k, dari=n,
                            bagian_pct=k * 100 / n, tiket=g.loc[bare, "no_tiket"].astype(str).tolist()))  # fmt: skip
    return out


def integrity_flags(
    pk: pd.DataFrame, uploaded: pd.DataFrame, complaints: pd.DataFrame, year: int, month: int,
    as_of: date, settings: Settings,
) -> pd.DataFrame:  # fmt: skip
    """Every flag of the year through month m (as of min(end of m, as_of)), by kind then unit."""
    end = min((pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date(), as_of)
    rows = self_report_flags(pk, uploaded, complaints, year, month, end, settings)
    rows += closure_flags(complaints, year, end, settings, settings.tanggal_rapat)
    frame = pd.DataFrame(rows, columns=FLAG_COLUMNS)
    order = {k: i for i, k in enumerate(JENIS)}
    return frame.sort_values(
        ["jenis", "unit"], key=lambda s: s.map(order) if s.name == "jenis" else s
    ).reset_index(drop=True)
