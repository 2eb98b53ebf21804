"""The Ringkasan panel "Angka mana yang dapat dipercaya": integrity flags for the Wali Kota and the admin."""

from __future__ import annotations

import streamlit as st

from kinerja.views import fmt
from kinerja.views.integritas import flag_complaints, flags
from ui.session import scope, view, year_data


def integrity_panel(year: int, month: int) -> None:
    """Each flag: what was seen, with the counts, and the complaints behind it (Wali Kota and admin only)."""
    if not scope().reads_all:
        return
    st.subheader("Angka mana yang dapat dipercaya")
    found = view(flags, year, month)
    st.caption(
        "Tanda integritas: realisasi indikator pengaduan yang dilaporkan unit dibandingkan dengan angka dari data "
        "pengaduan, penutupan borongan atau menjelang akhir bulan/rapat, penutupan tanpa tanggapan atau tanpa bukti. "
        "Batasnya diatur admin di Pengaturan."
    )
    if found.empty:
        st.success("Tidak ada tanda integritas untuk periode ini.", icon=":material/verified:")
        return
    data = year_data(year)
    for i, row in found.iterrows():
        with st.container(border=True, key=f"integritas_{i}"):
            st.markdown(f"**{row['judul']}** · {row['nama']}")
            st.write(str(row["apa"])[:1].upper() + str(row["apa"])[1:])
            tickets = list(row["tiket"])
            with st.expander(f"Pengaduan di balik tanda ini ({fmt.bilangan(len(tickets))})"):
                st.dataframe(
                    flag_complaints(data, month, tickets), hide_index=True, key=f"integritas_tabel_{i}"
                )
