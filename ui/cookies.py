"""The login cookie: read from the request (st.context.cookies), written by a one-line script."""

from __future__ import annotations

import json

import streamlit as st

PENDING = "_cookie_tulis"  # what the next run writes: (name, value, max_age) — max_age 0 clears


def read(name: str) -> str | None:
    """The cookie the browser sent when this tab connected (a refresh or a new tab sends it again)."""
    try:
        return st.context.cookies.get(name)
    except Exception:  # no browser request behind this run (AppTest, a bare script run)
        return None


def write(name: str, value: str, max_age: int) -> None:
    """Have the browser store `name=value` for `max_age` seconds (0: remove it) on this run's page."""
    st.session_state[PENDING] = (name, value, int(max_age))


def flush() -> None:
    """Send a pending cookie to the browser (called by app.py on every run, after the gate).

    Streamlit 1.67 has no API to set a cookie from Python: st.html runs the script in the page
    (not an iframe). The cookie is SameSite=Strict, Secure over HTTPS, Path=/; its value is a
    signed token (kinerja.services.sessions), never a password.
    """
    pending = st.session_state.pop(PENDING, None)
    if not pending:
        return
    name, value, max_age = pending
    cookie = json.dumps(f"{name}={value}; Max-Age={max_age}; Path=/; SameSite=Strict")
    with st.container(key="sesi_cookie"):
        st.html("<style>.st-key-sesi_cookie{display:none}</style>")
        st.html(
            f"<script>document.cookie = {cookie} + (location.protocol === 'https:' ? '; Secure' : '');</script>",
            unsafe_allow_javascript=True,
        )
