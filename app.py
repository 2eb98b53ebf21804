"""Kinerja — Streamlit entry point and router: page setup, first-run demo data, login, navigation by role."""

from __future__ import annotations

import streamlit as st

from kinerja import paths
from kinerja.demo.load import ensure_demo
from ui import data, router, session

router.through_router()
st.set_page_config(page_title="Kinerja Kota Kupang", page_icon=":material/monitoring:", layout="wide")

# A newcomer's first `streamlit run app.py` on an empty database shows the 2018 demo data.
if paths.demo_on_first_run() and not st.session_state.get("_demo_checked"):
    with st.spinner("Memuat data contoh Kota Kupang 2018 (sekali saja)…"):
        loaded = ensure_demo(data.engine())
    st.session_state["_demo_checked"] = True
    if loaded:  # only a session that loaded the demo clears the caches every other user shares
        st.cache_data.clear()
data.begin_run()

# Issue 6: no account yet → mode demo (read-only); otherwise a login is required.
scope = session.gate(data.engine(), data.settings())
if scope is None:  # the login form is the only page (never the pages/ folder behind it)
    st.navigation(
        [st.Page(session.login_page, title="Masuk", icon=":material/login:", url_path="masuk")]
    ).run()
    st.stop()
session.sidebar(data.engine(), scope)
admin = scope.is_admin
uploads = session.may_upload()  # admin, and unit heads for their own realisasi

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
        *(
            [st.Page("pages/kotak_masuk.py", title="Kotak Masuk WhatsApp", icon=":material/chat:")]
            if admin
            else []
        ),
        st.Page("pages/unduh.py", title="Unduh", icon=":material/download:"),
        st.Page("pages/metodologi.py", title="Metodologi", icon=":material/menu_book:"),
        *([st.Page("pages/pengaturan.py", title="Pengaturan", icon=":material/settings:")] if admin else []),
        *([st.Page("pages/audit.py", title="Log Audit", icon=":material/policy:")] if admin else []),
    ],
}
st.navigation(PAGES).run()
