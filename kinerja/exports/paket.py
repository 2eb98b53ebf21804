"""Paket Rapat Evaluasi: the month's meeting pack as an A4 landscape PDF (fpdf2 + matplotlib, pip only).

Page 1 the cover (period, data as of, generated time WITA); page 2 the city summary (tiles,
ranking with kategori as text, heatmap, quadrant, perlu perhatian); then one page per unit with
a PK (its indicators with capaian and kategori, the monthly trend, complaints past deadline, what
is missing). Every figure is printed as the scorecard prints it (`fmt`).
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd
from fpdf import FPDF

from kinerja.clock import now_wita
from kinerja.domain.vocabulary import BATAS_RESPON, BATAS_TINGGI, BELUM_LAPOR
from kinerja.exports import paket_charts as charts
from kinerja.exports import paket_draw as draw
from kinerja.views import fmt, pengaduan, ringkasan
from kinerja.views.charts import TEKS_GELAP, WARNA_KATEGORI
from kinerja.views.tiles import complaint_tiles, kinerja_tiles
from kinerja.views.unit import pk_table, unit_indicators
from kinerja.views.year import YearData

TITLE = "Paket Rapat Evaluasi Kinerja"
W, H, M = 297.0, 210.0, 10.0  # A4 landscape, margin (mm)


def _font_dir() -> Path:
    import matplotlib  # DejaVu Sans ships inside matplotlib's wheel: no system font needed

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _Pack(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        fonts = _font_dir()
        self.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(M, M, M)
        self._footer_text = footer_text

    def footer(self) -> None:
        self.set_xy(M, H - 7)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(110)
        self.cell(W - 2 * M, 4, f"{self._footer_text} · halaman {self.page_no()}", align="R")
        self.set_text_color(0)

    def heading(self, text: str, size: float = 13, y: float | None = None) -> None:
        if y is not None:
            self.set_xy(M, y)
        self.set_font("DejaVu", "B", size)
        self.cell(W - 2 * M, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "", 8)


def meeting_pack(data: YearData, month: int, *, generated: datetime | None = None) -> bytes:
    """The pack of month m as PDF bytes (data as the caller's scope may see it)."""
    generated = generated or now_wita()
    period = f"Januari–{fmt.bulan_nama(month)} {data.year}"
    pdf = _Pack(f"{TITLE} · {period}")
    sc = ringkasan.scorecard(data, month)
    _cover(pdf, data, month, period, generated, sc)
    _summary(pdf, data, month, sc)
    rows = pengaduan.complaint_rows(data, month) if len(data.complaints) else None
    for r in sc.itertuples():
        _unit_page(pdf, data, month, r, rows)
    return bytes(pdf.output())


def _cover(
    pdf: _Pack, data: YearData, month: int, period: str, generated: datetime, sc: pd.DataFrame
) -> None:
    pdf.add_page()
    pdf.set_fill_color(31, 95, 153)
    pdf.rect(0, 0, W, 8, style="F")
    pdf.set_fill_color(255)
    pdf.heading("Pemerintah Kota Kupang", 14, y=45)
    pdf.heading(TITLE, 26)
    pdf.ln(4)
    pdf.heading(f"Capaian Perjanjian Kinerja dan layanan pengaduan · {period}", 15)
    pdf.ln(10)
    pdf.set_font("DejaVu", "", 11)
    lines = [
        f"Periode: sampai akhir {fmt.bulan_nama(month)} {data.year}",
        f"Data per: pengaduan posisi {fmt.tanggal(data.month_as_of(month))}; realisasi PK yang tersimpan "
        f"sampai saat pembuatan ({fmt.bilangan(int(sc['nilai'].notna().sum()))} dari "
        f"{fmt.bilangan(len(sc))} unit ber-PK sudah melapor)",
        f"Dibuat: {fmt.tanggal(generated)} pukul {generated.strftime('%H.%M')} WITA",
        "Kategori menurut Permendagri 86/2017 (≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah); "
        "nilai unit = rerata capaian periode indikator, dibatasi 120.",
    ]
    for line in lines:
        pdf.multi_cell(W - 2 * M, 6.5, line, align="L", new_x="LMARGIN", new_y="NEXT")


def _tiles(pdf: _Pack, data: YearData, month: int, y: float) -> float:
    tiles = [*kinerja_tiles(data, month), *complaint_tiles(data, month)]
    w = (W - 2 * M - 7 * 2) / 8
    for i, t in enumerate(tiles[:8]):
        x = M + i * (w + 2)
        pdf.set_draw_color(200)
        pdf.rect(x, y, w, 15)
        pdf.set_xy(x + 1.5, y + 1.2)
        pdf.set_font("DejaVu", "", 6)
        pdf.multi_cell(w - 3, 2.6, t.label, align="L", new_x="LEFT", new_y="NEXT")
        pdf.set_xy(x + 1.5, y + 7)
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(w - 3, 5, t.value)
    return y + 18


def _summary(pdf: _Pack, data: YearData, month: int, sc: pd.DataFrame) -> None:
    pdf.add_page()
    pdf.heading(f"Ringkasan Kota Kupang · sampai akhir {fmt.bulan_nama(month)} {data.year}", 12, y=M)
    y = _tiles(pdf, data, month, M + 8)
    left = 128.0
    n = max(len(sc), 1)
    line = max(2.6, min(4.2, 118 / (n + 1)))
    pdf.set_xy(M, y)
    rows = [
        [fmt.bilangan(r.peringkat, blank=fmt.STRIP), str(r.nama), fmt.angka(r.nilai, 2, blank=BELUM_LAPOR),
         _kat_cell(r.kategori), fmt.angka(r.perubahan, 2, blank=fmt.STRIP)]
        for r in sc.itertuples()
    ]  # fmt: skip
    draw.table(pdf, ["#", "Unit", "Nilai", "Kategori", "Δ bln lalu"], [7, 70, 14, 22, 15], rows, x=M, line=line,
               font="DejaVu", size=6.5 if n <= 30 else 5.5, right=(0, 2, 4))  # fmt: skip
    right_x, right_w = M + left + 6, W - 2 * M - left - 6
    matrix = ringkasan.nilai_matrix(data, month)
    short, kode = (
        ringkasan.short_names(data.units),
        dict(zip(sc["nama"], sc["unit"].astype(str), strict=False)),
    )
    matrix.index = [
        short.get(kode.get(n, ""), n) for n in matrix.index
    ]  # the ranking beside it has full names
    if len(matrix):
        pdf.set_xy(right_x, y)
        pdf.set_font("DejaVu", "B", 8)
        pdf.cell(right_w, 4, "Nilai per bulan (warna = kategori; angka = nilai)")
        draw.heatmap(pdf, matrix, right_x, y + 5, right_w, 78, "DejaVu")
    q = ringkasan.quadrant(data, month)
    qy = y + 86
    pdf.set_xy(right_x, qy)
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(right_w * 0.58, 4, "Kinerja vs pelayanan")
    if len(q):
        pdf.image(BytesIO(charts.quadrant(q, BATAS_TINGGI, BATAS_RESPON, right_w * 0.58, 62)),
                  x=right_x, y=qy + 4.5, w=right_w * 0.58, h=62, keep_aspect_ratio=True)  # fmt: skip
    _perlu_perhatian(pdf, data, month, right_x + right_w * 0.6, qy, right_w * 0.4)


def _kat_cell(kategori: object) -> Any:
    """A kategori cell: the word, on its band's colour (the word carries the meaning in grey print)."""
    name = kategori if isinstance(kategori, str) else BELUM_LAPOR
    fill = WARNA_KATEGORI.get(name, "#ffffff").lstrip("#")
    rgb = tuple(int(fill[i : i + 2], 16) for i in (0, 2, 4))
    color = (34, 34, 34) if name in TEKS_GELAP else (255, 255, 255)
    return name, rgb, color


def _perlu_perhatian(pdf: _Pack, data: YearData, month: int, x: float, y: float, w: float) -> None:
    pp = ringkasan.perlu_perhatian(data, month)
    pdf.set_xy(x, y)
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(w, 4, "Perlu perhatian", new_x="LEFT", new_y="NEXT")
    pdf.set_font("DejaVu", "", 6.5)
    low, over, late = pp["indikator"], pp["pengaduan"], pp["belum_lapor"]
    lines = [f"Indikator Rendah / Sangat Rendah: {fmt.bilangan(len(low))}"]
    lines += [
        f"  · {r.nama}: {r.indikator[:60]} ({fmt.persen(r.capaian_periode)})"
        for r in low.head(4).itertuples()
    ]
    lines.append(f"Pengaduan lewat batas: {fmt.bilangan(int(over['lewat_batas'].sum()) if len(over) else 0)}")
    lines += [f"  · {r.nama}: {fmt.bilangan(r.lewat_batas)}" for r in over.head(4).itertuples()]
    lines.append(f"Belum melapor {fmt.bulan_nama(month)}: {fmt.bilangan(len(late))} unit")
    lines += [f"  · {r.nama}" for r in late.head(4).itertuples()]
    for text in lines:
        pdf.set_x(x)
        pdf.multi_cell(w, 3, text, align="L", new_x="LEFT", new_y="NEXT")


def _unit_page(pdf: _Pack, data: YearData, month: int, r: object, rows: pd.DataFrame | None) -> None:
    unit, nama = str(r.unit), str(r.nama)  # type: ignore[attr-defined]
    pdf.add_page()
    pdf.heading(nama, 13, y=M)
    kat = r.kategori if isinstance(r.kategori, str) else BELUM_LAPOR  # type: ignore[attr-defined]
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(W - 2 * M, 5, (
        f"Nilai {fmt.angka(r.nilai, 2, blank=BELUM_LAPOR)} · {kat} · peringkat "  # type: ignore[attr-defined]
        f"{fmt.bilangan(r.peringkat, blank=fmt.STRIP)} · kelengkapan {fmt.persen(r.kelengkapan_pct, 0)} · "  # type: ignore[attr-defined]
        f"sampai akhir {fmt.bulan_nama(month)} {data.year}"
    ), new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    ind = unit_indicators(data, unit, month)
    table = pk_table(ind, month) if len(ind) else pd.DataFrame()
    left = 182.0
    pdf.set_xy(M, M + 13)
    n = max(len(table), 1)
    pdf.set_font("DejaVu", "", 6.5 if n <= 10 else 5.5)
    cols = ["Indikator", "Satuan", "Target", f"Target s.d. {fmt.BULAN_SINGKAT[month - 1]}", "Realisasi",
            "Capaian periode", "Kategori"]  # fmt: skip
    body = [
        [_kat_cell(rec[c]) if c == "Kategori" else str(rec[c]) for c in cols]
        for rec in table.to_dict("records")
    ]
    draw.table(pdf, cols, [70, 16, 18, 20, 20, 18, 20], body, x=M, line=3.2, font="DejaVu",
               size=6.5 if n <= 10 else 5.5, right=(2, 3, 4, 5))  # fmt: skip
    bottom = pdf.get_y() + 4
    right_x, right_w = M + left + 5, W - 2 * M - left - 5
    scores = data.scores[(data.scores["unit"].astype(str) == unit) & (data.scores["bulan"] <= month)]
    pdf.set_xy(right_x, M + 13)
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(right_w, 4, "Nilai per bulan")
    series = scores.set_index("bulan")["nilai"].reindex(range(1, month + 1))
    draw.trend(pdf, series, right_x, M + 19, right_w, 55, "DejaVu")
    _missing(pdf, ind, month, right_x, M + 78, right_w)
    _overdue(pdf, rows, unit, M, bottom, left)


def _missing(pdf: _Pack, ind: pd.DataFrame, month: int, x: float, y: float, w: float) -> None:
    pdf.set_xy(x, y)
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(w, 4, "Yang belum ada", new_x="LEFT", new_y="NEXT")
    pdf.set_font("DejaVu", "", 6.5)
    never = ind[ind["realisasi"].isna()] if len(ind) else ind
    this = ind[pd.isna(ind[f"b{month}"])] if len(ind) and f"b{month}" in ind else ind.iloc[0:0]
    lines = [f"Belum ada realisasi sama sekali: {fmt.bilangan(len(never))} indikator"]
    lines += [f"  · {n[:70]}" for n in never["indikator"].head(6)] if len(never) else []
    lines.append(f"Tanpa angka bulan {fmt.bulan_nama(month)}: {fmt.bilangan(len(this))} indikator")
    lines += [f"  · {n[:70]}" for n in this["indikator"].head(6)] if len(this) else []
    for text in lines:
        pdf.set_x(x)
        pdf.multi_cell(w, 3, text, align="L", new_x="LEFT", new_y="NEXT")


def _overdue(pdf: _Pack, rows: pd.DataFrame | None, unit: str, x: float, y: float, w: float) -> None:
    mine = rows[rows["unit"].astype(str) == unit] if rows is not None else None
    over = pengaduan.overdue_list(mine) if mine is not None and len(mine) else pd.DataFrame()
    pdf.set_xy(x, min(y, H - 50))
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(
        w,
        4,
        f"Pengaduan lewat batas: {fmt.bilangan(len(over))} (terlama dulu)",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if over.empty:
        pdf.set_font("DejaVu", "", 7)
        pdf.cell(w, 4, "Tidak ada pengaduan yang lewat batas.")
        return
    pdf.set_font("DejaVu", "", 6)
    cols = ["No Tiket", "Tanggal masuk", "Kategori", "Kelurahan", "Hari terbuka", "Status"]
    rows = [[str(v[c]) if not fmt.kosong(v[c]) else fmt.STRIP for c in cols]
            for v in over.head(8).to_dict("records")]  # fmt: skip
    pdf.set_xy(x, pdf.get_y())
    draw.table(pdf, cols, [40, 20, 36, 36, 16, 34], rows, x=x, line=3, font="DejaVu", size=6, right=(4,))
    if len(over) > 8:
        pdf.set_font("DejaVu", "", 6)
        pdf.cell(w, 4, f"… dan {fmt.bilangan(len(over) - 8)} lainnya (daftar lengkap di halaman Pengaduan).")
