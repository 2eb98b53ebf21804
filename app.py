"""Kinerja — Streamlit entry point: page setup, first-run demo data, login, navigation by role."""

from __future__ import annotations

import os

import streamlit as st

from kinerja.demo import ensure_demo
from ui import auth
from ui.common import engine, may_upload, settings

st.set_page_config(page_title="Kinerja Kota Kupang", page_icon=":material/monitoring:", layout="wide")

# A newcomer's first `streamlit run app.py` on an empty database shows the 2018 demo data.
if os.environ.get("KINERJA_DEMO", "1") != "0" and not st.session_state.get("_demo_checked"):
    with st.spinner("Memuat data contoh Kota Kupang 2018 (sekali saja)…"):
        ensure_demo(engine())
    st.session_state["_demo_checked"] = True
    st.cache_data.clear()

# Issue 6: no account yet → mode demo (read-only); otherwise a login is required.
scope = auth.gate(engine(), settings())
if scope is None:  # the login form is the only page (never the pages/ folder behind it)
    st.navigation([st.Page(auth.login_page, title="Masuk", icon=":material/login:", url_path="masuk")]).run()
    st.stop()
auth.sidebar(engine(), scope)
admin = scope.is_admin
uploads = may_upload()  # admin, and unit heads for their own realisasi

PAGES = {
    "Dasbor": [
        st.Page("pages/ringkasan.py", title="Ringkasan Kota", icon=":material/dashboard:", default=True),
        st.Page("pages/perangkat_daerah.py", title="Perangkat Daerah", icon=":material/apartment:"),
        st.Page("pages/kecamatan.py", title="Kecamatan", icon=":material/map:"),
        st.Page("pages/pengaduan.py", title="Pengaduan", icon=":material/forum:"),
    ],
    "Data": [
        *(
            [st.Page("pages/unggah.py", title="Unggah Data", icon=":material/upload_file:")]
            if uploads
            else []
        ),
        st.Page("pages/unduh.py", title="Unduh", icon=":material/download:"),
        st.Page("pages/metodologi.py", title="Metodologi", icon=":material/menu_book:"),
        *([st.Page("pages/audit.py", title="Log Audit", icon=":material/policy:")] if admin else []),
    ],
}
st.navigation(PAGES).run()
