"""Who is signed in: mode demo, the login form, optional SSO, logout, expiry, and what the scope may see."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from kinerja.domain.access import UNIT_ROLES, WALIKOTA, Scope, detail_units, may_view_unit
from kinerja.domain.accounts import Account
from kinerja.domain.settings import Settings
from kinerja.errors import KinerjaError, LoginFailed
from kinerja.services import accounts, sessions
from kinerja.views.year import YearData
from ui import cookies, data

DEMO_SCOPE = Scope(WALIKOTA, user="mode-demo")  # reads everything, changes nothing
SESSION = "_sesi"  # {"nama", "token", "sso"}: the row in table sesi is the truth
PERINTAH_ADMIN = "python -m kinerja user add NAMA --role admin"


def _sso_configured() -> bool:
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # a broken secrets file must not lock everyone out of the form
        return False


def _set(scope: Scope | None, account: Account | None = None) -> None:
    st.session_state["scope"] = scope
    st.session_state["pengguna"] = account.nama if account else None
    st.session_state["peran"] = account.peran if account else None


def _end(engine: Engine, reason: str) -> None:
    sesi = st.session_state.pop(SESSION, None)
    if sesi:
        sessions.end_session(engine, sesi["token"], reason=reason)
    cookies.write(sessions.COOKIE, "", 0)
    _set(None)


def _keep(found: sessions.Session, *, new: bool = False) -> None:
    st.session_state[SESSION] = {"nama": found.account.nama, "token": found.token, "sso": found.sso}
    if new:  # the browser keeps the token: a refresh, a new tab or a bookmark stays signed in
        cookies.write(sessions.COOKIE, found.token, found.max_age)


def _submit_login() -> None:
    """The form's callback: sign in, or keep the typed name and say why not (the password is cleared)."""
    engine = data.engine()
    nama = st.session_state.get("login_username", "")
    sandi = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""
    address = st.context.ip_address  # a str, or None where Streamlit has none (AppTest gives a stand-in)
    source = address if isinstance(address, str) else None
    if wait := accounts.login_wait(engine, nama, source):
        time.sleep(wait)  # a growing delay per account and address (issue 10 §5); only this session waits
    try:
        account = accounts.authenticate(engine, nama, sandi, source=source)
    except LoginFailed as exc:
        st.session_state["_login_gagal"] = str(exc)
        return
    _keep(sessions.start_session(engine, account), new=True)


def login_page() -> None:
    """The only page while nobody is signed in (app.py hands it to st.navigation under every path,
    so a shared link shows this form and, after the login, the page it pointed to)."""
    st.title("Kinerja Kota Kupang")
    st.caption("Masuk dengan akun yang dibuat oleh admin Bagian Organisasi Setda.")
    if msg := st.session_state.pop("_login_pesan", None):
        st.info(msg, icon=":material/schedule:")
    if email := st.session_state.get("_sso_tidak_terdaftar"):
        st.error(
            f"Akun SSO {email} belum terdaftar di Kinerja. Minta admin membuat akun dengan e-mail ini "
            "(`python -m kinerja user add NAMA --role PERAN --email E-MAIL`).",
            icon=":material/error:",
        )
        st.button("Keluar dari SSO", key="logout_sso", on_click=_sso_logout)
    with st.form("login", clear_on_submit=False, border=True, width=420):
        st.text_input("Nama pengguna", key="login_username", autocomplete="username")
        st.text_input("Kata sandi", type="password", key="login_password", autocomplete="current-password")
        st.form_submit_button(
            "Masuk", type="primary", key="login_submit", icon=":material/login:", on_click=_submit_login
        )
    if failed := st.session_state.pop("_login_gagal", None):
        st.error(failed, icon=":material/error:")
    if _sso_configured():
        st.divider()
        st.button(
            "Masuk dengan akun instansi (SSO)", key="login_sso", on_click=st.login, icon=":material/key:"
        )


def _sso_logout() -> None:
    st.session_state.pop("_sso_tidak_terdaftar", None)
    st.logout()


def _sso_account(engine: Engine) -> Account | None:
    """The account mapped to the SSO e-mail (st.user.email); logs the login once per session."""
    if not _sso_configured() or not st.user.get("is_logged_in"):
        return None
    email = str(st.user.get("email") or "")
    if st.session_state.get("_sso_tidak_terdaftar") == email:
        return None
    account = accounts.sso_login(engine, email)
    if account is None:
        st.session_state["_sso_tidak_terdaftar"] = email
        return None
    st.session_state.pop("_sso_tidak_terdaftar", None)
    return account


def gate(engine: Engine, settings: Settings) -> Scope | None:
    """The acting user's Scope for this run; None when somebody has to sign in first."""
    if not accounts.has_accounts(engine):
        _set(DEMO_SCOPE)
        st.warning(
            "**Mode demo — hanya baca.** Belum ada akun pengguna, jadi semua orang melihat data tanpa masuk "
            f"dan tidak ada yang dapat mengubahnya. Buat admin pertama dengan `{PERINTAH_ADMIN}` "
            "(kata sandi ditanyakan), lalu muat ulang halaman ini untuk masuk.",
            icon=":material/visibility:",
        )
        return DEMO_SCOPE
    sesi = st.session_state.get(SESSION)
    found = sessions.resume_session(engine, sesi["token"]) if sesi else None
    if sesi and found is None:  # idle, past 12 h, logged out in another tab, disabled or reset
        st.session_state.pop(SESSION, None)
        cookies.write(sessions.COOKIE, "", 0)
        st.session_state["_login_pesan"] = "Sesi Anda berakhir; silakan masuk lagi."
    elif sesi is None and (token := cookies.read(sessions.COOKIE)):  # a refresh, a new tab, a bookmark
        found = sessions.resume_session(engine, token)
        if found is None:
            cookies.write(sessions.COOKIE, "", 0)
        else:
            _keep(found)
    if found is None and (sso := _sso_account(engine)) is not None:
        found = sessions.start_session(engine, sso, sso=True)
        _keep(found, new=True)
    account = found.account if found else None
    if account is None:
        _set(None)
        return None
    try:
        scope = account.scope(settings)
    except KinerjaError as exc:  # e.g. the account's unit was removed
        _end(engine, "akun tidak dapat dipakai")
        st.session_state["_login_pesan"] = f"Akun Anda tidak dapat dipakai: {exc}"
        return None
    _set(scope, account)
    return scope


def sidebar(engine: Engine, scope: Scope) -> None:
    """Who is signed in, and the logout button."""
    if scope is DEMO_SCOPE:
        st.sidebar.caption("Mode demo · hanya baca")
        return
    sesi = st.session_state.get(SESSION, {})
    unit = f" · {scope.kecamatan or scope.unit}" if scope.unit else ""
    st.sidebar.caption(f"Masuk sebagai **{sesi.get('nama')}** ({scope.label}{unit})")
    st.sidebar.button("Keluar", key="logout", icon=":material/logout:", on_click=_logout, args=(engine,))


def _logout(engine: Engine) -> None:
    sso = st.session_state.get(SESSION, {}).get("sso")
    _end(engine, "keluar")
    if sso:
        st.logout()


# --- the acting user (set by gate() on every run) ---------------------------------------------
def scope() -> Scope:
    """The signed-in user's Scope (mode demo: a read-only Wali Kota view).

    app.py sets it on every run before any page runs; should it be missing, the same gate runs,
    so a missing scope never means "everything".
    """
    sc = st.session_state.get("scope")
    if sc is None:
        sc = gate(data.engine(), data.settings())
        if sc is None:
            login_page()
            st.stop()
    return sc


def scope_key() -> tuple | None:
    """Hashable form of scope() for cache keys (None: reads everything)."""
    sc = scope()
    if sc.reads_all:
        return None
    return (sc.role, sc.unit, sc.kecamatan, sc.may_view_other_units)  # not the user: shared by a unit


def acting_user() -> str:
    """Name recorded with uploads, rollbacks and locks."""
    return scope().user or "admin"


def is_admin() -> bool:
    return scope().is_admin


def may_upload() -> bool:
    """Admin (anything) and unit heads (own realisasi); the Wali Kota and mode demo only read."""
    sc = scope()
    return sc.is_admin or sc.role in UNIT_ROLES


def can_open(kode: str | None) -> bool:
    """Whether the acting user may open unit `kode`'s detail (setting unit_lihat_unit_lain)."""
    return may_view_unit(scope(), kode)


def allowed_units(options: dict[str, str]) -> dict[str, str]:
    """The {kode: nama} choices whose detail the acting user may open."""
    return {k: options[k] for k in detail_units(scope(), options)}


def year_data(year: int) -> YearData:
    """A year's computed scorecards and complaints as the acting user may see them, cached per upload."""
    return data.year_data(year, scope_key())


def view(fn: Callable[..., Any], year: int, *args: Any) -> Any:
    """fn(year_data(year), *args) as the acting user may see it, cached until the next upload."""
    return data.view(fn, year, scope_key(), *args)
