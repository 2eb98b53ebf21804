"""Ringkasan Kota — the Wali Kota's page: who is behind, who ignores complaints."""

import streamlit as st

from kinerja.domain.vocabulary import BATAS_RESPON, BATAS_TINGGI
from kinerja.views import charts, fmt, ringkasan
from kinerja.views.tiles import complaint_tiles, kinerja_tiles
from ui.integrity import integrity_panel
from ui.router import through_router
from ui.session import view
from ui.widgets import kategori_style, no_data, period_data, tiles

through_router()

st.title("Ringkasan Kota Kupang")
year, month, data = period_data("ringkasan")
st.caption(
    f"Capaian Perjanjian Kinerja {year} sampai akhir {fmt.bulan_nama(month)} · pengaduan posisi "
    f"{fmt.tanggal(data.month_as_of(month))} · kategori menurut Permendagri 86/2017"
)

st.subheader("Kinerja PK")
tiles(view(kinerja_tiles, year, month), key="tiles_kinerja")
st.subheader("Layanan pengaduan")
tiles(view(complaint_tiles, year, month), key="tiles_pengaduan")

st.subheader("Peringkat unit")
sc = view(ringkasan.scorecard, year, month)
table = sc.assign(
    nilai_teks=sc["nilai"].map(lambda v: fmt.angka(v, 2, blank="belum lapor")),
    perubahan_teks=sc["perubahan"].map(lambda v: fmt.angka(v, 2, blank=fmt.STRIP)),
    kelengkapan=sc["kelengkapan_pct"].map(lambda v: fmt.persen(v, 0)),
    kategori=sc["kategori"].fillna("Belum lapor"),
)
cols = [
    "peringkat",
    "nama",
    "jenis",
    "nilai",
    "nilai_teks",
    "kategori",
    "tren",
    "perubahan_teks",
    "kelengkapan",
]
st.dataframe(
    kategori_style(table[cols], "kategori"),
    hide_index=True,
    key="tabel_peringkat",
    height=38 + 35 * len(table),
    column_config={
        "peringkat": st.column_config.NumberColumn("#", width=40),
        "nama": st.column_config.TextColumn("Unit", width="large"),
        "jenis": "Jenis",
        "nilai": st.column_config.ProgressColumn(
            "Capaian (0–120)", min_value=0, max_value=120, width="medium", format=" ", color="blue"
        ),
        "nilai_teks": st.column_config.TextColumn("Nilai", help="Rerata capaian periode, dibatasi 120."),
        "kategori": "Kategori",
        "tren": st.column_config.LineChartColumn(f"Tren Jan–{fmt.BULAN_SINGKAT[month - 1]}", color="blue"),
        "perubahan_teks": st.column_config.TextColumn("Δ bulan lalu"),
        "kelengkapan": st.column_config.TextColumn("Kelengkapan", help="Indikator yang sudah dilaporkan."),
    },
)

st.subheader("Nilai per bulan")
pilihan = st.segmented_control(
    "Tampilan",
    ["Peta panas", "Sebaran kategori"],
    default="Peta panas",
    key="ringkasan_tampilan",
    required=True,
)
if pilihan == "Sebaran kategori":
    st.plotly_chart(charts.kategori_bars(view(ringkasan.kategori_counts, year, month)), key="chart_kategori")
else:
    st.plotly_chart(charts.heatmap(view(ringkasan.nilai_matrix, year, month)), key="chart_heatmap")

st.subheader("Kinerja vs pelayanan")
q = view(ringkasan.quadrant, year, month)
if q.empty:
    no_data("unit dengan nilai PK dan pengaduan")
else:
    left, right = st.columns([3, 1])
    left.plotly_chart(charts.quadrant(q, BATAS_TINGGI, BATAS_RESPON), key="chart_kuadran")
    with right:
        st.caption(
            f"Sumbu datar: nilai PK (garis {fmt.bilangan(BATAS_TINGGI)} = Tinggi). Sumbu tegak: respon "
            f"≤ {data.settings.sla_respon_hk} hari kerja (garis {fmt.bilangan(BATAS_RESPON)} %). "
            "Besar lingkaran: jumlah pengaduan."
        )
        for label, part in q.groupby("kuadran", sort=True):
            if label != "PK tercapai, aduan dilayani":
                st.markdown(f"**{label}** ({fmt.bilangan(len(part))})")
                st.markdown("\n".join(f"- {n}" for n in part["nama"]))

st.subheader("Perlu perhatian")
pp = view(ringkasan.perlu_perhatian, year, month)
n_over = fmt.bilangan(pp["pengaduan"]["lewat_batas"].sum())
a, b, c = st.tabs([
    f"Indikator Rendah / Sangat Rendah ({fmt.bilangan(len(pp['indikator']))})",
    f"Pengaduan lewat batas ({n_over})",
    f"Belum melapor {fmt.bulan_nama(month)} ({fmt.bilangan(len(pp['belum_lapor']))})",
])  # fmt: skip
with a:
    ind = pp["indikator"].assign(capaian=pp["indikator"]["capaian_periode"].map(fmt.persen))
    if ind.empty:
        no_data("indikator berkategori rendah")
    else:
        st.dataframe(
            kategori_style(ind[["nama", "indikator", "capaian", "kategori"]], "kategori"), hide_index=True,
            key="tabel_rendah", column_config={"nama": "Unit", "indikator": "Indikator", "capaian": "Capaian periode",
                                               "kategori": "Kategori"},
        )  # fmt: skip
with b:
    if pp["pengaduan"].empty:
        no_data("pengaduan lewat batas")
    else:
        st.dataframe(
            pp["pengaduan"], hide_index=True, key="tabel_lewat_batas",
            column_config={"nama": "Unit tujuan", "lewat_batas": "Lewat batas", "tunggakan": "Belum selesai",
                           "masuk": "Pengaduan masuk"},
        )  # fmt: skip
with c:
    if pp["belum_lapor"].empty:
        st.success("Semua unit sudah melapor bulan ini.", icon=":material/check_circle:")
    else:
        st.dataframe(
            pp["belum_lapor"], hide_index=True, key="tabel_belum_lapor",
            column_config={"nama": "Unit", "indikator": "Indikator", "terakhir": "Laporan terakhir"},
        )  # fmt: skip

integrity_panel(year, month)
