"""Pengaduan — the complaint explorer: filters, tiles, trends, backlog aging, fair ranking, download."""

import streamlit as st

from kinerja.domain.vocabulary import BATAS_RESPON, CSV_MIME, XLSX_MIME
from kinerja.exports import xlsx
from kinerja.views import charts, fmt, pengaduan
from ui.router import through_router
from ui.session import view, year_data
from ui.widgets import empty_state, no_data, period_picker, tiles

through_router()

st.title("Pengaduan Masyarakat")
period = period_picker("aduan")
data = year_data(period[0]) if period else None
if data is None or data.complaints.empty:
    empty_state("data pengaduan")
    st.stop()
year, month = period
cakupan = st.segmented_control(
    "Periode",
    ["Sejak Januari", "Bulan ini saja"],
    default="Sejak Januari",
    key="aduan_cakupan",
    required=True,
)
only = cakupan == "Bulan ini saja"
rows = view(pengaduan.complaint_rows, year, month, only)
options = pengaduan.filter_options(rows)
labels = {"unit": "Perangkat daerah tujuan", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan",
          "saluran": "Saluran", "kategori": "Kategori", "status": "Status"}  # fmt: skip
with st.popover("Filter", icon=":material/filter_list:", key="aduan_filter"):
    chosen = {k: st.multiselect(labels[k], options[k], key=f"aduan_f_{k}", placeholder="Semua")
              for k in pengaduan.FILTERS}  # fmt: skip
aktif = [f"{labels[k]}: {', '.join(v)}" for k, v in chosen.items() if v]
periode = fmt.bulan_nama(month) if only else f"Januari–{fmt.bulan_nama(month)}"
st.caption(
    f"{periode} {year} · status per {fmt.tanggal(data.month_as_of(month))}"
    + (" · " + " · ".join(aktif) if aktif else " · tanpa filter")
)
shown = pengaduan.apply_filters(rows, chosen)
if shown.empty:
    no_data("pengaduan yang cocok dengan filter")
    st.stop()
trend = view(pengaduan.ontime_trend, year, shown, month)
tiles(view(pengaduan.tiles, year, shown, month, trend), key="aduan_tiles")

a, b = st.columns(2)
a.plotly_chart(charts.stacked_months(pengaduan.volume_by_channel(shown, month)), key="aduan_volume")
b.plotly_chart(charts.response_histogram(shown["respon_hk"], data.settings.sla_respon_hk), key="aduan_respon")
c, d = st.columns(2)
c.plotly_chart(charts.rate_trend(trend, BATAS_RESPON), key="aduan_tren")
d.plotly_chart(charts.aging(pengaduan.aging(shown)), key="aduan_umur")

st.subheader("Peringkat layanan")
by = st.segmented_control(
    "Kelompokkan menurut", ["unit", "kecamatan", "kelurahan", "saluran", "kategori"], default="unit",
    format_func=lambda k: {"unit": "Perangkat daerah"}.get(k, k.capitalize()), key="aduan_by", required=True,
)  # fmt: skip
rank = view(pengaduan.ranking, year, shown, month, by, only).sort_values(
    "peringkat", kind="stable", na_position="last"
)
minimal = data.settings.minimal_pengaduan
st.caption(
    f"Peringkat menurut respon tepat waktu; kelompok dengan kurang dari {minimal} pengaduan ditampilkan tetapi "
    "tidak diberi peringkat. Rentang = interval kepercayaan Wilson 95 %."
)
pct = lambda v: fmt.persen(v, blank="–")  # noqa: E731
table = rank.assign(
    peringkat=rank["peringkat"].map(lambda v: fmt.bilangan(v, blank=f"< {minimal} aduan")),
    rentang=[f"{fmt.angka(lo, 1)}–{fmt.angka(hi, 1)}\u00a0%" if not fmt.kosong(lo) else "–"
             for lo, hi in zip(rank["respon_tepat_waktu_bawah"], rank["respon_tepat_waktu_atas"], strict=True)],
    **{c: rank[c].map(pct) for c in ("tindak_lanjut_pct", "respon_tepat_waktu_pct", "selesai_tepat_waktu_pct")},
    respon_hk_median=rank["respon_hk_median"].map(lambda v: fmt.ringkas(v, 1, blank="–")),
)  # fmt: skip
cols = ["peringkat", "kelompok", "masuk", "tindak_lanjut_pct", "respon_tepat_waktu_pct", "rentang",
        "respon_hk_median", "selesai_tepat_waktu_pct", "tunggakan", "lewat_batas", "arsip"]  # fmt: skip
headers = {c: pengaduan.METRIC_LABELS.get(c, c) for c in cols} | {
    "kelompok": labels.get(by, "Kelompok"), "rentang": "Rentang 95 %", "peringkat": "Peringkat"}  # fmt: skip
# a table wraps its headers and names, so all eleven columns are in view at desk width (issue 13);
# the box scrolls down, never sideways
with st.container(key="tabel_layanan", height=min(560, 60 + 44 * len(table))):
    st.table(table[cols].rename(columns=headers), hide_index=True, border="horizontal")

st.subheader("Daftar pengaduan")
st.dataframe(pengaduan.complaint_list(shown), hide_index=True, key="aduan_daftar", height=320)
daftar = pengaduan.complaint_list(shown, for_screen=False)
with st.container(horizontal=True, key="aduan_unduh"):
    st.download_button(
        "Unduh CSV", lambda: xlsx.to_csv(daftar), file_name=f"pengaduan_{year}_{month:02d}.csv",
        mime=CSV_MIME, icon=":material/download:", key="aduan_csv",
    )  # fmt: skip
    st.download_button(
        "Unduh CSV (Excel Indonesia, ;)", lambda: xlsx.to_csv(daftar, excel_id=True),
        file_name=f"pengaduan_{year}_{month:02d}_excel.csv", mime=CSV_MIME, icon=":material/download:",
        key="aduan_csv_id", help="Pemisah titik koma dan koma desimal, untuk Excel berbahasa Indonesia.",
    )  # fmt: skip
    st.download_button(
        "Unduh Excel", lambda: xlsx.to_excel(daftar, "Pengaduan"), file_name=f"pengaduan_{year}_{month:02d}.xlsx",
        mime=XLSX_MIME, icon=":material/download:", key="aduan_xlsx",
    )  # fmt: skip
