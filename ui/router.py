"""Every entry goes through app.py's router, even the first request after a server start."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlparse

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


# (file, title, icon, section, who): who is "all", "upload" (admin and unit heads) or "admin".
PAGES = (
    ("pages/ringkasan.py", "Ringkasan Kota", ":material/dashboard:", "Dasbor", "all"),
    ("pages/perangkat_daerah.py", "Perangkat Daerah", ":material/apartment:", "Dasbor", "all"),
    ("pages/kecamatan.py", "Kecamatan", ":material/map:", "Dasbor", "all"),
    ("pages/pengaduan.py", "Pengaduan", ":material/forum:", "Dasbor", "all"),
    ("pages/unggah.py", "Unggah Data", ":material/upload_file:", "Data", "upload"),
    ("pages/kotak_masuk.py", "Kotak Masuk WhatsApp", ":material/chat:", "Data", "admin"),
    ("pages/unduh.py", "Unduh", ":material/download:", "Data", "all"),
    ("pages/metodologi.py", "Metodologi", ":material/menu_book:", "Data", "all"),
    ("pages/pengaturan.py", "Pengaturan", ":material/settings:", "Data", "admin"),
    ("pages/audit.py", "Log Audit", ":material/policy:", "Data", "admin"),
)


def url_path(file: str) -> str:
    """The page's path in the URL (`pages/perangkat_daerah.py` → `perangkat_daerah`)."""
    return file.removeprefix("pages/").removesuffix(".py")


def login_pages(login: Callable[[], None]) -> list[st.Page]:
    """The login form under the path of every page (the first one is the default)."""
    return [
        st.Page(
            login,
            title="Masuk",
            url_path=url_path(f),
            default=i == 0,
            visibility="visible" if i == 0 else "hidden",
        )
        for i, (f, *_rest) in enumerate(PAGES)
    ] + [st.Page(login, title="Masuk", url_path=p, visibility="hidden") for p in _unknown_path()]


def _not_for_role() -> None:
    st.title("Halaman tidak tersedia")
    st.info("Halaman yang dituju tautan ini tidak tersedia untuk peran akun Anda.", icon=":material/block:")
    st.page_link("pages/ringkasan.py", label="Buka Ringkasan Kota", icon=":material/dashboard:")


def pages_for(admin: bool, uploads: bool) -> dict[str, list[st.Page]]:
    """The navigation of a role; a page the role may not open answers with a short notice (no modal)."""
    allowed = {"all": True, "upload": uploads, "admin": admin}
    nav: dict[str, list[st.Page]] = {}
    for i, (file, title, icon, section, who) in enumerate(PAGES):
        if allowed[who]:
            nav.setdefault(section, []).append(st.Page(file, title=title, icon=icon, default=i == 0))
        else:
            nav.setdefault(section, []).append(
                st.Page(_not_for_role, title=title, url_path=url_path(file), visibility="hidden")
            )
    nav.setdefault("Data", []).extend(
        st.Page(_not_found, title="Halaman tidak ditemukan", url_path=p, visibility="hidden")
        for p in _unknown_path()
    )
    return nav


def _not_found() -> None:
    st.title("Halaman tidak ditemukan")
    st.info(
        "Alamat ini tidak menunjuk ke halaman Kinerja mana pun. Periksa tautannya.",
        icon=":material/link_off:",
    )
    st.page_link("pages/ringkasan.py", label="Buka Ringkasan Kota", icon=":material/dashboard:")


def _unknown_path() -> list[str]:
    """The address's page path when it names no page (Streamlit would show an English "Page not
    found" modal over the default page; issue 13): answered by an Indonesian page instead."""
    path = urlparse(st.context.url or "").path.strip("/")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    known = {url_path(f) for f, *_rest in PAGES}
    return [path] if path and path not in known and re.fullmatch(r"[A-Za-z0-9_-]+", path) else []
