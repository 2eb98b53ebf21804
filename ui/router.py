"""Every entry goes through app.py's router, even the first request after a server start."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_router() -> None:
    """First call of app.py and of every page file.

    Streamlit 1.67 decides once per server process whether the app is a legacy multipage app: a
    `pages/` folder next to app.py makes the first run after a restart execute the requested
    file on its own (its multipage v1 mode: raw file names in the sidebar, no login, no layout).
    Our pages live in `pages/` (the design card names it), so when that mode is still on, switch
    it off (what `st.navigation` itself does) and rerun: the rerun keeps the URL and goes through
    app.py, whose `st.navigation` then runs the page.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
