"""Kinerja — Streamlit entry point and router: page setup, first-run demo data, login, navigation by role."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kinerja import paths
from kinerja.demo.load import ensure_demo
from ui import cookies, data, layout, router, session

router.through_router()
# The favicon is a file of the app: a material-icon favicon is fetched from a font server (fails offline).
st.set_page_config(
    page_title="Kinerja Kota Kupang",
    page_icon=str(Path(__file__).parent / "ui" / "favicon.png"),
    layout="wide",
)
layout.style()

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
cookies.flush()
if scope is None:
    # Issue 13: the login form answers under every page's path, so a shared link
    # (/perangkat_daerah?unit=DISTAN) shows the form, not "Page not found", and after the login
    # the same URL opens that page.
    st.navigation(router.login_pages(session.login_page), position="hidden").run()
    st.stop()
session.sidebar(data.engine(), scope)
st.navigation(router.pages_for(scope.is_admin, session.may_upload())).run()
