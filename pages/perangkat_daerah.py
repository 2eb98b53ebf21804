"""Perangkat Daerah — an OPD head's page: own PK, trends, projection and own complaints."""

import streamlit as st

from kinerja.domain.vocabulary import TW_NAMES
from kinerja.views import charts, fmt, pengaduan
from kinerja.views import unit as unit_view
from kinerja.views.lkjip import riwayat_table, serapan_text
from kinerja.views.tiles import unit_tiles
from ui import layout
from ui.data import lkjip
from ui.router import through_router
from ui.session import allowed_units, view, year_data
from ui.widgets import PILIH, empty_state, kategori_style, no_data, period_picker, tiles

through_router()

st.title("Perangkat Daerah")
period = period_picker("pd")
data = year_data(period[0]) if period else None
# Unit heads open only their own unit unless the setting unit_lihat_unit_lain allows more (issue 6).
options = allowed_units(dict(unit_view.unit_options(data))) if data is not None else {}
if not options:
    empty_state("Perjanjian Kinerja")
    st.stop()
year, month = period
# A link like ?unit=DINKES (from the upload confirmation) opens that unit, once.
wanted = st.query_params.get("unit")
if wanted in options and st.session_state.get("_pd_link") != wanted:
    st.session_state["pd_unit"] = wanted
    st.session_state["_pd_link"] = wanted
unit = st.selectbox(
    "Perangkat daerah", list(options), format_func=options.get, key="pd_unit", placeholder=PILIH
)
head = data.pk[data.pk["unit"] == unit].iloc[0]
st.caption(
    f"**{options[unit]}** · Perjanjian Kinerja {year}"
    + (f" · {head['nama_kepala']}" if isinstance(head["nama_kepala"], str) else "")
    + (
        f" · ditandatangani {fmt.tanggal(head['tanggal_perjanjian'])}"
        if not fmt.kosong(head["tanggal_perjanjian"])
        else ""
    )
    + f" · capaian sampai akhir {fmt.bulan_nama(month)}"
)
tiles(view(unit_tiles, year, unit, month), key="tiles_unit")

st.subheader("Perjanjian Kinerja")
mode = st.segmented_control(
    "Tampilan", ["Ringkas", "Realisasi bulanan"], default="Ringkas", key="pd_tampilan"
)
ind = view(unit_view.unit_indicators, year, unit, month)
monthly = mode == "Realisasi bulanan"
labels = data.settings.label_kategori
for i, (sasaran, part) in enumerate(ind.groupby("sasaran", sort=False, dropna=False)):
    st.markdown(f"**Sasaran {i + 1}:** {sasaran if isinstance(sasaran, str) else fmt.STRIP}")
    table = unit_view.pk_table(part, month, monthly, labels)
    if not monthly:  # every column in view at desk width (issue 13): the four TW targets in one cell
        tw = table[list(TW_NAMES)].apply(lambda r: " · ".join(v or fmt.STRIP for v in r) if any(r) else fmt.STRIP,
                                         axis=1)  # fmt: skip
        table = table.drop(columns=["Bilah", "Tren", *TW_NAMES]).assign(**{"Target TW I–IV": tw})
    months = list(table.columns[2:-1])  # monthly view: Indikator, Satuan, Jan…bulan, Kategori
    phone_cols = ["Indikator", *months[-3:], "Kategori"] if monthly else ["Indikator", "Realisasi", "Capaian periode",
                                                                           "Kategori"]  # fmt: skip
    layout.tables(table, phone_cols, f"tabel_pk_{i}", lambda f: kategori_style(f, "Kategori", labels))

st.subheader("Tahun-tahun sebelumnya dan target Renstra")
report = lkjip(year, unit)
st.caption(
    "Indikator dicocokkan antartahun menurut Kode Indikator, atau namanya bila tanpa kode. Capaian terhadap "
    "target akhir Renstra/RPJMD memakai realisasi terakhir tahun ini. Tabel lengkap LKjIP: halaman Unduh."
)
st.dataframe(riwayat_table(report), hide_index=True, key="pd_riwayat")
budget = serapan_text(report)
if budget:
    st.markdown(budget)

st.subheader("Tren per indikator")
st.caption(
    "Garis putus-putus: target s.d. bulan · titik-titik: proyeksi akhir tahun dari laju realisasi (sebelum "
    "Desember) · indikator negatif (semakin rendah semakin baik): area merah muda di atas batas berarti buruk."
)
grid = st.columns(2)
for i, row in enumerate(ind.itertuples()):
    trend = view(unit_view.indicator_trend, year, unit, row.kunci, month)
    flag = " ⚠ proyeksi meleset" if row.meleset else ""
    fig = charts.trend(trend, f"{row.indikator}{flag}", row.satuan or "", meleset=bool(row.meleset),
                       negatif=row.polaritas == "negatif")  # fmt: skip
    grid[i % 2].plotly_chart(fig, key=f"tren_{row.kunci}")

st.subheader("Pengaduan yang ditujukan ke unit ini")
rows = view(pengaduan.complaint_rows, year, month)
mine = rows[rows["unit"].astype(str) == unit]
if mine.empty:
    no_data("pengaduan untuk unit ini")
else:
    a, b = st.columns(2)
    a.plotly_chart(charts.funnel(pengaduan.funnel(mine)), key="pd_funnel")
    b.plotly_chart(charts.response_histogram(mine["respon_hk"], data.settings.sla_respon_hk), key="pd_respon")
    overdue = pengaduan.overdue_list(mine)
    st.markdown(f"**Lewat batas** ({fmt.bilangan(len(overdue))} pengaduan, terlama dulu)")
    if overdue.empty:
        st.success("Tidak ada pengaduan yang lewat batas.", icon=":material/check_circle:")
    else:
        st.dataframe(overdue, hide_index=True, key="pd_lewat_batas")
