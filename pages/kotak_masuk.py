"""Kotak Masuk WhatsApp — the admin loads chat exports and triages their complaint candidates (issue 14)."""

import streamlit as st

from ui import kotak_masuk
from ui.data import engine
from ui.router import through_router
from ui.session import is_admin, scope
from ui.widgets import show_flash

through_router()
st.title("Kotak Masuk WhatsApp")
if not is_admin():  # the core refuses too (services.whatsapp, services.triase)
    st.error("Kotak Masuk WhatsApp hanya untuk admin Bagian Organisasi.", icon=":material/block:")
    st.stop()
show_flash()
eng, acting = engine(), scope()
t_triase, t_unggah, t_saran = st.tabs(["Triase", "Unggah chat", "Kata kunci & pengklasifikasi"])
with t_triase:
    kotak_masuk.triage_tab(eng, acting)
with t_unggah:
    kotak_masuk.upload_tab(eng, acting)
with t_saran:
    kotak_masuk.saran_tab(eng, acting)
