"""Engine and data caches, period picker and empty states shared by the pages."""

from __future__ import annotations

import io
import os
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from kinerja import access, store
from kinerja.access import Scope
from kinerja.settings import Settings, load_settings


@st.cache_resource(show_spinner=False)
def _engine(url: str | None) -> Engine:
    return store.connect(url)


def engine() -> Engine:
    """The app's database: KINERJA_DB_URL, else the embedded SQLite file data/kinerja.db."""
    return _engine(os.environ.get("KINERJA_DB_URL"))


def version() -> str:
    """Changes whenever an upload or rollback lands; part of every cache key below."""
    return store.data_version(engine())


@st.cache_data(show_spinner=False, max_entries=32)
def _frames(_engine: Engine, url: str, ver: str, year: int | None) -> dict[str, pd.DataFrame]:
    return {
        "units": store.read_units(_engine),
        "pk": store.read_pk(_engine, tahun=year),
        "realisasi": store.read_realisasi(_engine, tahun=year),
        "pengaduan": store.read_pengaduan(_engine, tahun=year),
    }


def frames(year: int | None) -> dict[str, pd.DataFrame]:
    """Stored units, PK, realisasi and complaints of a year (cached until the next upload)."""
    eng = engine()
    return _frames(eng, str(eng.url), version(), year)


# --- the acting user (set by ui/auth.py on every run) -------------------------------------------
def scope() -> Scope:
    """The signed-in user's Scope (mode demo: a read-only Wali Kota view).

    app.py sets it on every run; a page run without app.py (tests) goes through the same gate,
    so a missing scope never means "everything".
    """
    sc = st.session_state.get("scope")
    if sc is None:
        from ui import auth

        sc = auth.gate(engine(), settings())
        if sc is None:
            auth.login_page()
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
    return sc.is_admin or sc.role in access.UNIT_ROLES


def can_open(kode: str | None) -> bool:
    """Whether the acting user may open unit `kode`'s detail (setting unit_lihat_unit_lain)."""
    return access.may_view_unit(scope(), kode)


def allowed_units(options: dict[str, str]) -> dict[str, str]:
    """The {kode: nama} choices whose detail the acting user may open."""
    return {k: options[k] for k in access.detail_units(scope(), options)}


@st.cache_data(show_spinner=False)
def _settings(_engine: Engine, url: str, ver: str) -> Settings:
    return load_settings(_engine)


def settings() -> Settings:
    eng = engine()
    return _settings(eng, str(eng.url), version())


@st.cache_data(show_spinner=False)
def _years(_engine: Engine, url: str, ver: str) -> list[int]:
    pk = store.read_pk(_engine)
    comp = store.read_pengaduan(_engine)
    years = set(pk["tahun"].dropna().astype(int)) | set(comp["tanggal_masuk"].dropna().dt.year.astype(int))
    return sorted(years, reverse=True)


def years() -> list[int]:
    eng = engine()
    return _years(eng, str(eng.url), version())


BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]  # fmt: skip


def period_picker(key: str, default_month: int = 12) -> tuple[int, int] | None:
    """Year and month in the sidebar; None when nothing is stored yet."""
    available = years()
    if not available:
        return None
    year = st.sidebar.selectbox("Tahun", available, key=f"{key}_tahun")
    month = st.sidebar.selectbox(
        "Sampai bulan", list(range(1, 13)), index=default_month - 1, format_func=lambda m: BULAN[m - 1],
        key=f"{key}_bulan",
    )  # fmt: skip
    return int(year), int(month)


def empty_state(what: str = "data") -> None:
    """What to upload when the database is empty, with the templates to start from."""
    from kinerja.templates import write_template

    st.info(
        f"Belum ada {what} tersimpan. Unggah PK, realisasi bulanan dan data pengaduan di halaman "
        "**Unggah Data**, atau muat data contoh dengan `python -m kinerja demo`.",
        icon=":material/upload_file:",
    )
    cols = st.columns(3)
    for col, kind, label in zip(
        cols, ("pk", "realisasi", "pengaduan"), ("PK", "Realisasi", "Pengaduan"), strict=True
    ):
        buf = io.BytesIO()
        write_template(kind, buf)
        col.download_button(
            f"Templat {label}", buf.getvalue(), file_name=f"templat_{kind}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"templat_{what}_{kind}",
        )  # fmt: skip


# --- dashboard helpers (pages/ringkasan … unduh) ----------------------------------------------
# A resource, not data: shared read-only by every view of the year without copying.
@st.cache_resource(show_spinner="Menghitung capaian dan layanan pengaduan…", max_entries=4)
def _year_data(_engine: Engine, url: str, ver: str, year: int):
    from kinerja.dashboard import build_year

    return build_year(_frames(_engine, url, ver, year), year, _settings(_engine, url, ver))


@st.cache_resource(show_spinner=False, max_entries=32)
def _scoped_year(_engine: Engine, url: str, ver: str, year: int, key: tuple):
    # The city's scores from the shared computation; records through the scope's own reads (issue 6).
    sc = Scope(*key)
    full = _year_data(_engine, url, ver, year)
    return access.restrict_year(
        full,
        sc,
        complaints=store.read_pengaduan(_engine, tahun=year, scope=sc),
        pk=store.read_pk(_engine, tahun=year, scope=sc),
        uploaded=store.read_realisasi(_engine, tahun=year, scope=sc),
    )


def year_data(year: int):
    """A year's computed scorecards and complaints (kinerja.dashboard.YearData) as the acting
    user may see them, cached per upload."""
    eng = engine()
    key = scope_key()
    if key is None:
        return _year_data(eng, str(eng.url), version(), year)
    return _scoped_year(eng, str(eng.url), version(), year, key)


@st.cache_data(show_spinner=False, max_entries=256)
def _view(_fn, name: str, url: str, ver: str, year: int, args: tuple, key: tuple | None):
    return _fn(year_data(year), *args)


def view(fn, year: int, *args):
    """fn(year_data(year), *args), cached until the next upload (args must be hashable)."""
    eng = engine()
    return _view(fn, f"{fn.__module__}.{fn.__qualname__}", str(eng.url), version(), year, args, scope_key())


def tiles(items, key: str) -> None:
    """Bordered metric cards in one horizontal row (value, change, sparkline, explanation)."""
    with st.container(horizontal=True, wrap=False, key=key):
        for t in items:
            st.metric(
                t.label, t.value, t.delta, delta_color=t.delta_color, help=t.help or None, border=True,
                chart_data=t.series or None, delta_description=t.delta_description,
            )  # fmt: skip


def kategori_style(frame: pd.DataFrame, column: str = "Kategori"):
    """Styler colouring a kategori column by band; the kategori text itself stays in the cell."""
    from kinerja.charts import TEKS_GELAP, WARNA_KATEGORI

    def css(v: object) -> str:
        if v not in WARNA_KATEGORI:
            return ""
        return f"background-color: {WARNA_KATEGORI[v]}; color: {'#222' if v in TEKS_GELAP else 'white'}"

    return frame.style.map(css, subset=[column])


def no_data(what: str) -> None:
    """A quiet note for a section with nothing to show (not the empty-database state)."""
    st.caption(f"Belum ada {what} untuk periode ini.")


def period_data(key: str) -> tuple[int, int, Any]:
    """Year/month picker and that year's data; an empty database shows what to upload and stops."""
    period = period_picker(key)
    data = year_data(period[0]) if period else None
    if period is None or data is None or data.empty:
        empty_state("Perjanjian Kinerja maupun data pengaduan")
        st.stop()
    return period[0], period[1], data
