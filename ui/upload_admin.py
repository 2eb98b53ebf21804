"""The Unggah screen's admin tabs: history and rollback, report completeness, period locks; and templates."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from kinerja.clock import today_wita
from kinerja.domain.access import Scope
from kinerja.domain.settings import Settings
from kinerja.domain.vocabulary import BULAN, BULAN_SINGKAT, XLSX_MIME
from kinerja.exports.downloads import skipped_rows_workbook
from kinerja.exports.templates import write_template
from kinerja.services.kelengkapan import kelengkapan
from kinerja.services.uploads import lock_period, period_name, rollback_upload, unlock_period
from kinerja.views import catalog, fmt, history
from ui import data
from ui.widgets import PILIH, errors_shown, flash

WARNA = {"✓": "#d7f0dd", "⚠": "#ffe8a8", "✗": "#f8c9cd"}  # colour only next to the text label


def riwayat_tab(eng: Engine, scope: Scope) -> None:
    """Every upload with its counts; rollback behind a confirmation; skipped rows; the event log."""
    hist = history.upload_history(eng)
    if hist.empty:
        st.caption("Belum ada unggahan.")
    else:
        st.dataframe(_counts_text(hist), hide_index=True, key="tabel_riwayat",
                     column_config={"SHA-256": st.column_config.TextColumn(width="medium")})  # fmt: skip
        _rollback_controls(eng, scope, hist)
        skipped = hist[hist["Dilewati"] > 0]
        if len(skipped):
            st.markdown("**Baris yang dilewati** (disimpan bersama catatan unggahannya)")
            d1, d2 = st.columns([3, 1], vertical_alignment="bottom")
            sid = d1.selectbox("Unggahan", list(skipped["No"]), key="dilewati_pilih",
                               format_func=lambda u: f"#{u} · {skipped.set_index('No').at[u, 'Dilewati']} baris", placeholder=PILIH)  # fmt: skip
            book = skipped_rows_workbook(eng, int(sid))
            d2.download_button("Unduh baris dilewati", book or b"", file_name=f"baris_dilewati_{sid}.xlsx",
                               mime=XLSX_MIME, key="unduh_dilewati", disabled=book is None)  # fmt: skip
    st.markdown("**Log kejadian** (unggah, batalkan, kunci dan buka kunci periode)")
    st.dataframe(history.events(eng), hide_index=True, key="tabel_kejadian")


def _counts_text(hist: pd.DataFrame) -> pd.DataFrame:
    """Row counts as people read them (30.000, not 30000); the numbers stay numbers elsewhere."""
    cols = [c for c in ("Baru", "Diubah", "Tetap", "Dihapus", "Dilewati") if c in hist]
    return hist.assign(**{c: hist[c].map(lambda v: fmt.bilangan(v, blank="0")) for c in cols})


def _rollback_controls(eng: Engine, scope: Scope, hist: pd.DataFrame) -> None:
    """Pick an active upload and undo it behind a confirmation (the core decides who may)."""
    aktif = hist[hist["Status"] == "aktif"]
    labels = {int(r["No"]): f"#{r['No']} · {r['Berkas']} · {r['Waktu (WITA)']}" for _, r in aktif.iterrows()}
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    # No default: rolling back is chosen on purpose, never by a preselected row.
    pick = c1.selectbox("Unggahan yang dibatalkan", list(labels), format_func=labels.get, index=None,
                        placeholder="Pilih unggahan…", key="batalkan_pilih")  # fmt: skip

    def _close_dialog() -> None:
        st.session_state.pop("_batalkan", None)

    @st.dialog("Batalkan unggahan?", on_dismiss=_close_dialog)
    def _confirm_rollback(uid: int) -> None:
        st.write(
            f"Semua baris yang diubah oleh unggahan **{labels.get(uid, uid)}** dikembalikan seperti sebelum "
            "unggahan itu. Catatannya tetap ada di riwayat."
        )
        a, b = st.columns(2)
        if a.button("Ya, batalkan", type="primary", key="batalkan_ya"):
            with errors_shown() as outcome:
                restored = rollback_upload(eng, uid, scope=scope)
            if outcome.failed:
                return
            _close_dialog()
            flash(f"Unggahan #{uid} dibatalkan ({sum(restored.values())} baris dikembalikan).")
            st.rerun()
        if b.button("Tidak", key="batalkan_tidak"):
            _close_dialog()
            st.rerun()

    if c2.button("Batalkan…", key="batalkan_unggahan", disabled=pick is None, icon=":material/undo:"):
        st.session_state["_batalkan"] = pick
    # Kept in the session so the dialog stays open for its own buttons' reruns.
    if st.session_state.get("_batalkan") in labels:
        _confirm_rollback(st.session_state["_batalkan"])


def own_uploads_tab(eng: Engine, scope: Scope) -> None:
    """A unit head's own uploads; one can be undone while no later upload depends on it (issue 13)."""
    hist = history.upload_history(eng, scope=scope)
    if hist.empty:
        st.caption("Anda belum pernah mengunggah.")
        return
    st.dataframe(_counts_text(hist.drop(columns=["SHA-256"])), hide_index=True, key="tabel_unggahan_saya")
    st.caption("Anda dapat membatalkan unggahan Anda sendiri selama belum ada unggahan sesudahnya yang mengubah "
               "baris yang sama.")  # fmt: skip
    _rollback_controls(eng, scope, hist)


def kelengkapan_tab(eng: Engine, conf: Settings, pk_years: list[int]) -> None:
    """Units × months: on time, late, missing, not yet due (setting tanggal_batas_lapor)."""
    if not pk_years:
        st.caption("Belum ada PK tersimpan; kelengkapan laporan dihitung per unit yang punya PK.")
        return
    c1, c2 = st.columns([1, 4], vertical_alignment="bottom")
    year = c1.selectbox("Tahun", pk_years, key="lengkap_tahun", placeholder=PILIH)
    status = kelengkapan(eng, year, today_wita(), conf.tanggal_batas_lapor)
    grid = history.matrix(status, catalog.unit_names(eng))
    months = list(BULAN_SINGKAT)
    grid[months] = grid[months].apply(lambda col: col.str.replace(" ", "\u00a0"))  # one line per cell
    c2.caption(f"**✓ tepat** waktu · **⚠ telat**: realisasi bulan itu pertama kali tersimpan setelah tanggal "
               f"{conf.tanggal_batas_lapor} bulan berikutnya · **✗ belum** lapor padahal batas itu sudah lewat · "
               "**· nanti**: belum jatuh tempo. Unit yang semua indikatornya dihitung dari pengaduan tidak "
               "dicantumkan.")  # fmt: skip
    styled = grid.style.map(lambda v: f"background-color: {WARNA.get(str(v)[:1], 'transparent')}",
                            subset=months)  # fmt: skip
    st.table(styled, hide_index=True, border="horizontal")  # the whole grid at once, fit to the page
    st.markdown("**Jumlah unit per bulan**")
    st.dataframe(history.summary(status), key="ringkasan_kelengkapan")


def kunci_tab(eng: Engine, scope: Scope, pk_years: list[int]) -> None:
    """Lock or unlock a month; the locked months with who locked them."""
    st.caption("Bulan yang dikunci tidak dapat menerima realisasi baru atau perubahan sampai kuncinya dibuka. "
               "Setiap kunci dan buka kunci dicatat di Riwayat.")  # fmt: skip
    now = today_wita()
    k1, k2 = st.columns(2)
    years = sorted({*pk_years, now.year}, reverse=True)
    # Default: the newest year with data (not the calendar year, which may hold nothing yet).
    k_year = int(
        k1.selectbox(
            "Tahun",
            years,
            index=years.index(pk_years[0]) if pk_years else 0,
            key="kunci_tahun",
            placeholder=PILIH,
        )
    )
    k_month = int(
        k2.selectbox(
            "Bulan",
            list(range(1, 13)),
            format_func=lambda m: BULAN[m - 1],
            key="kunci_bulan",
            placeholder=PILIH,
        )
    )
    locked = (k_year, k_month) in catalog.locked_months(eng)
    b = st.container(horizontal=True)
    if b.button("Kunci periode", key="kunci_periode", disabled=locked, icon=":material/lock:"):
        with errors_shown() as outcome:
            lock_period(eng, k_year, k_month, scope=scope)
        if not outcome.failed:
            flash(f"Periode {period_name(k_year, k_month)} dikunci.")
            st.rerun()
    if b.button("Buka kunci", key="buka_kunci", disabled=not locked, icon=":material/lock_open:"):
        with errors_shown() as outcome:
            unlock_period(eng, k_year, k_month, scope=scope)
        if not outcome.failed:
            flash(f"Periode {period_name(k_year, k_month)} dibuka kuncinya.")
            st.rerun()
    current = history.lock_table(eng)
    if current.empty:
        st.caption("Belum ada periode yang dikunci.")
    else:
        st.dataframe(current, hide_index=True, key="tabel_kunci")


@st.cache_data(show_spinner=False, max_entries=32)
def _template(kind: str, url: str, ver: str, unit: str | None = None, year: int | None = None) -> bytes:
    buf = io.BytesIO()
    if unit is None or year is None:
        write_template(kind, buf)
    else:
        eng = data.engine()
        names = catalog.unit_names(eng)
        write_template(
            kind, buf, unit=names.get(unit, unit), year=year, indicators=catalog.unit_pk(eng, year, unit),
            stored=catalog.unit_realisasi(eng, year, unit),
        )  # fmt: skip
    return buf.getvalue()


def templat_tab(eng: Engine, scope: Scope, pk_years: list[int]) -> None:
    """Blank templates, and a realisasi template prefilled with a unit's indicators."""
    st.caption("Templat kosong dengan petunjuk pengisian; realisasi dapat disiapkan per unit dan tahun berisi "
               "semua indikator PK-nya, tinggal mengisi kolom Realisasi.")  # fmt: skip
    ver = data.version()
    cols = st.columns(3)
    for col, kind, label in zip(cols, ("pk", "pengaduan", "unit"), ("PK", "Pengaduan", "Unit"), strict=True):
        col.download_button(f"Templat {label}", _template(kind, str(eng.url), ver), mime=XLSX_MIME,
                            file_name=f"templat_{kind}.xlsx", key=f"unduh_templat_{kind}", icon=":material/download:")  # fmt: skip
    st.markdown("**Templat realisasi terisi**")
    if not pk_years:
        st.caption("Belum ada PK tersimpan: unggah PK dulu agar templat realisasi dapat disiapkan.")
        return
    r1, r2 = st.columns([1, 3])
    t_year = int(r1.selectbox("Tahun", pk_years, key="templat_tahun", placeholder=PILIH))
    pk_units = catalog.pk_units(eng, t_year)
    if not scope.is_admin:  # a unit head's template is the own unit's
        pk_units = [u for u in pk_units if u == scope.unit]
    names = catalog.unit_names(eng)
    t_unit = r2.selectbox(
        "Perangkat daerah", pk_units, format_func=lambda u: names.get(u, u), key="templat_unit",
        placeholder="Belum ada PK unit untuk tahun ini",
    )  # fmt: skip
    if t_unit is None:
        st.caption("Belum ada PK unit Anda untuk tahun ini.")
        return
    st.download_button(f"Templat realisasi {names.get(t_unit, t_unit)} {t_year}",
                       _template("realisasi", str(eng.url), ver, t_unit, t_year), mime=XLSX_MIME,
                       file_name=f"realisasi_{t_unit}_{t_year}.xlsx", key="unduh_templat_realisasi",
                       icon=":material/download:")  # fmt: skip
