"""Login gate: mode demo without accounts, the login form, optional SSO, logout and session expiry."""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from sqlalchemy.engine import Engine

from kinerja import audit, auth
from kinerja.access import Scope
from kinerja.errors import KinerjaError
from kinerja.settings import Settings

DEMO_SCOPE = Scope("walikota", user="mode-demo")  # reads everything, changes nothing
SESSION = "_sesi"  # {"nama", "mulai", "terakhir", "sso"}
PERINTAH_ADMIN = "python -m kinerja user add NAMA --role admin"


def _sso_configured() -> bool:
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # a broken secrets file must not lock everyone out of the form
        return False


def _set(scope: Scope | None, account: auth.Account | None = None) -> None:
    st.session_state["scope"] = scope
    st.session_state["pengguna"] = account.nama if account else None
    st.session_state["peran"] = account.peran if account else None


def _end(engine: Engine, reason: str) -> None:
    sesi = st.session_state.pop(SESSION, None)
    if sesi:
        auth.logout(engine, sesi["nama"], reason=reason)
    _set(None)


def _start(account: auth.Account, sso: bool = False) -> None:
    now = auth.utcnow()
    st.session_state[SESSION] = {"nama": account.nama, "mulai": now, "terakhir": now, "sso": sso}


def login_page() -> None:
    """The only page while nobody is signed in (app.py hands it to st.navigation)."""
    from ui.common import engine

    _login_form(engine())


def _login_form(engine: Engine) -> None:
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
    with st.form("login", clear_on_submit=True, border=True, width=420):
        nama = st.text_input("Nama pengguna", key="login_username", autocomplete="username")
        sandi = st.text_input(
            "Kata sandi", type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(
            "Masuk", type="primary", key="login_submit", icon=":material/login:"
        )
    if submitted:
        try:
            account = auth.authenticate(engine, nama, sandi)
        except auth.LoginFailed as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            _start(account)
            st.rerun()
    if _sso_configured():
        st.divider()
        st.button(
            "Masuk dengan akun instansi (SSO)", key="login_sso", on_click=st.login, icon=":material/key:"
        )


def _sso_logout() -> None:
    st.session_state.pop("_sso_tidak_terdaftar", None)
    st.logout()


def _sso_account(engine: Engine) -> auth.Account | None:
    """The account mapped to the SSO e-mail (st.user.email); logs the login once per session."""
    if not _sso_configured() or not st.user.get("is_logged_in"):
        return None
    email = str(st.user.get("email") or "")
    account = auth.account_by_email(engine, email)
    if account is None:
        if st.session_state.get("_sso_tidak_terdaftar") != email:
            detail = {"alasan": "e-mail SSO tidak terdaftar", "via": "sso"}
            audit.log_event(engine, None, audit.LOGIN_GAGAL, detail)
        st.session_state["_sso_tidak_terdaftar"] = email
        return None
    st.session_state.pop("_sso_tidak_terdaftar", None)
    detail = {"nama": account.nama, "peran": account.peran, "via": "sso"}
    audit.log_event(engine, account.nama, audit.LOGIN, detail)
    return account


def gate(engine: Engine, settings: Settings) -> Scope | None:
    """The acting user's Scope for this run; None when somebody has to sign in first."""
    if not auth.has_accounts(engine):
        _set(DEMO_SCOPE)
        st.warning(
            "**Mode demo — hanya baca.** Belum ada akun pengguna, jadi semua orang melihat data tanpa masuk "
            f"dan tidak ada yang dapat mengubahnya. Buat admin pertama dengan `{PERINTAH_ADMIN}` "
            "(kata sandi ditanyakan), lalu muat ulang halaman ini untuk masuk.",
            icon=":material/visibility:",
        )
        return DEMO_SCOPE
    sesi = st.session_state.get(SESSION)
    now = auth.utcnow()
    if sesi and auth.session_expired(sesi["mulai"], sesi["terakhir"], now):
        _end(engine, "sesi kedaluwarsa")
        st.session_state["_login_pesan"] = "Sesi Anda berakhir; silakan masuk lagi."
        sesi = None
    if sesi is None and (sso := _sso_account(engine)) is not None:
        _start(sso, sso=True)
        sesi = st.session_state[SESSION]
    account = auth.get_account(engine, sesi["nama"]) if sesi else None
    if sesi and (account is None or not account.aktif):  # disabled while signed in
        _end(engine, "akun dinonaktifkan")
        account = None
    if account is None:
        _set(None)
        return None
    try:
        scope = account.scope(settings)
    except KinerjaError as exc:  # e.g. the account's unit was removed
        _end(engine, "akun tidak dapat dipakai")
        st.session_state["_login_pesan"] = f"Akun Anda tidak dapat dipakai: {exc}"
        return None
    sesi["terakhir"] = now
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


def started_at() -> datetime | None:
    sesi = st.session_state.get(SESSION)
    return sesi["mulai"] if sesi else None
