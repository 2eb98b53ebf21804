"""Unduh — the month's scorecard workbook, and a unit's LKjIP tables as .xlsx and .docx (issue 11)."""

import streamlit as st

from kinerja.domain.vocabulary import CSV_MIME, DOCX_MIME, PDF_MIME, XLSX_MIME
from kinerja.exports import downloads, xlsx
from kinerja.exports.lkjip import lkjip_docx, lkjip_xlsx
from kinerja.exports.paket import meeting_pack
from kinerja.views import fmt
from kinerja.views.unit import unit_options
from ui.data import lkjip
from ui.router import through_router
from ui.session import allowed_units, view
from ui.widgets import PILIH, period_data

through_router()

st.title("Unduh Rekap Kinerja")
year, month, data = period_data("unduh")
views = view(downloads.scorecard_views, year, month)
st.caption(
    f"Rekap sampai akhir {fmt.bulan_nama(month)} {year} · pengaduan posisi {fmt.tanggal(data.month_as_of(month))}. "
    "Angka dibulatkan 2 desimal; teks yang diawali =, +, - atau @ diberi tanda ' agar tidak dijalankan "
    "sebagai rumus."
)
with st.container(horizontal=True, key="unduh_tombol"):
    st.download_button(
        "Paket Rapat Evaluasi (PDF)",
        lambda: meeting_pack(data, month),  # built on the click only (a few seconds)
        file_name=f"paket_rapat_{year}_{month:02d}.pdf",
        mime=PDF_MIME,
        icon=":material/picture_as_pdf:",
        type="primary",
        key="unduh_paket",
        help="A4 lanskap untuk rapat evaluasi: sampul, ringkasan kota, satu halaman per unit ber-PK.",
    )
    st.download_button(
        "Unduh Excel (semua lembar)",
        lambda: downloads.scorecard_workbook(data, month),
        file_name=f"rekap_kinerja_{year}_{month:02d}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        key="unduh_xlsx",
    )
    pilih = st.selectbox(
        "Lembar", list(views), key="unduh_lembar", label_visibility="collapsed", width=260, placeholder=PILIH
    )
    st.download_button(
        f"Unduh CSV: {pilih}",
        lambda: xlsx.to_csv(views[pilih]),
        file_name=f"{pilih.lower().replace(' ', '_')}_{year}_{month:02d}.csv",
        mime=CSV_MIME,
        icon=":material/csv:",
        key="unduh_csv",
    )
    st.download_button(
        "CSV untuk Excel Indonesia (;)",
        lambda: xlsx.to_csv(views[pilih], excel_id=True),
        file_name=f"{pilih.lower().replace(' ', '_')}_{year}_{month:02d}_excel.csv",
        mime=CSV_MIME,
        icon=":material/csv:",
        key="unduh_csv_id",
        help="Pemisah titik koma dan koma desimal, untuk Excel berbahasa Indonesia.",
    )

st.subheader("Isi buku kerja")
for name, frame in views.items():
    with st.expander(f"{name} ({fmt.bilangan(len(frame))} baris)", expanded=name == "Peringkat Unit"):
        shown = frame.copy()
        for c in shown.columns:
            if shown[c].dtype.kind == "f":
                shown[c] = shown[c].map(lambda v: fmt.angka(v, 2, blank="–"))
        st.dataframe(shown, hide_index=True, key=f"unduh_pratinjau_{name}")

st.subheader("Laporan Kinerja (LKjIP) per unit")
st.caption(
    f"Tabel Bab III LKjIP {year} (PermenPANRB 53/2014): pengukuran capaian kinerja dengan realisasi dan capaian "
    "tahun-tahun sebelumnya, target akhir Renstra dan capaian terhadapnya, capaian per sasaran, jumlah "
    "indikator tercapai, serta realisasi anggaran dan efisiensi. Rumus setiap indikator ada di catatan kaki."
)
units = allowed_units(dict(unit_options(data)))
if not units:
    st.info("Belum ada Perjanjian Kinerja tahun ini.", icon=":material/info:")
else:
    with st.container(horizontal=True, key="unduh_lkjip"):
        kode = st.selectbox(
            "Unit", list(units), format_func=units.get, key="unduh_lkjip_unit", label_visibility="collapsed",
            width=320, placeholder=PILIH,
        )  # fmt: skip
        report = lkjip(year, kode)
        name = f"lkjip_{kode.lower()}_{year}"
        st.download_button(
            "Unduh LKjIP (.xlsx)", lambda: lkjip_xlsx(report), file_name=f"{name}.xlsx", mime=XLSX_MIME,
            icon=":material/table_view:", key="unduh_lkjip_xlsx",
        )  # fmt: skip
        st.download_button(
            "Unduh LKjIP (.docx)", lambda: lkjip_docx(report), file_name=f"{name}.docx", mime=DOCX_MIME,
            icon=":material/description:", key="unduh_lkjip_docx",
        )  # fmt: skip
    t = report.tercapai
    st.caption(f"{report.nama}: {t['tercapai']} dari {t['indikator']} indikator tercapai (capaian ≥ 100 %).")
