"""The app's engine, the data version and the caches around kinerja calls (shared by every page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from kinerja import paths
from kinerja.domain.access import Scope
from kinerja.domain.settings import Settings
from kinerja.services.settings import load_settings
from kinerja.store.engine import connect
from kinerja.store.readers import (
    data_version,
    read_pengaduan,
    read_pk,
    read_realisasi,
    read_units,
    read_years,
)
from kinerja.views.lkjip import Lkjip, build_lkjip, read_frames
from kinerja.views.year import YearData, build_year, restrict_year

VERSION_KEY = "_versi_data"


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return connect(url)


def engine() -> Engine:
    """The app's database: KINERJA_DB_URL, else the embedded SQLite file data/kinerja.db."""
    return _engine(paths.database_url())


def begin_run() -> str:
    """Read the data version once for this run (app.py calls it first); every cache key uses it."""
    st.session_state[VERSION_KEY] = ver = data_version(engine())
    return ver


def version() -> str:
    """The data version of this run: changes whenever an upload, rollback or settings change lands."""
    ver = st.session_state.get(VERSION_KEY)
    return ver if ver is not None else begin_run()


def refresh() -> None:
    """After a change made by this session: read the version again before the rerun."""
    st.session_state.pop(VERSION_KEY, None)


@st.cache_data(show_spinner=False, max_entries=32)
def _frames(_engine: Engine, url: str, ver: str, year: int | None) -> dict[str, pd.DataFrame]:
    return {
        "units": read_units(_engine),
        "pk": read_pk(_engine, tahun=year),
        "realisasi": read_realisasi(_engine, tahun=year),
        "pengaduan": read_pengaduan(_engine, tahun=year),
    }


def frames(year: int | None) -> dict[str, pd.DataFrame]:
    """Stored units, PK, realisasi and complaints of a year (cached until the next upload)."""
    eng = engine()
    return _frames(eng, str(eng.url), version(), year)


@st.cache_data(show_spinner=False)
def _settings(_engine: Engine, url: str, ver: str) -> Settings:
    return load_settings(_engine)


def settings() -> Settings:
    eng = engine()
    return _settings(eng, str(eng.url), version())


@st.cache_data(show_spinner=False)
def _years(_engine: Engine, url: str, ver: str) -> list[int]:
    return read_years(_engine)


def years() -> list[int]:
    """Years with a PK or complaints, newest first."""
    eng = engine()
    return _years(eng, str(eng.url), version())


# A resource, not data: shared read-only by every view of the year without copying.
@st.cache_resource(show_spinner="Menghitung capaian dan layanan pengaduan…", max_entries=4)
def _year_data(_engine: Engine, url: str, ver: str, year: int) -> YearData:
    return build_year(_frames(_engine, url, ver, year), year, _settings(_engine, url, ver))


@st.cache_resource(show_spinner=False, max_entries=32)
def _scoped_year(_engine: Engine, url: str, ver: str, year: int, key: tuple) -> YearData:
    # The city's scores from the shared computation; records through the scope's own reads (issue 6).
    sc = Scope(*key)
    full = _year_data(_engine, url, ver, year)
    return restrict_year(
        full,
        sc,
        complaints=read_pengaduan(_engine, tahun=year, scope=sc),
        pk=read_pk(_engine, tahun=year, scope=sc),
        uploaded=read_realisasi(_engine, tahun=year, scope=sc),
    )


def year_data(year: int, key: tuple | None) -> YearData:
    """A year's computed scorecards and complaints as a scope (its `scope_key`) may see them."""
    eng = engine()
    if key is None:
        return _year_data(eng, str(eng.url), version(), year)
    return _scoped_year(eng, str(eng.url), version(), year, key)


@st.cache_data(show_spinner=False, max_entries=256)
def _view(
    _fn: Callable[..., Any], name: str, url: str, ver: str, year: int, args: tuple, key: tuple | None
) -> Any:
    return _fn(year_data(year, key), *args)


def view(fn: Callable[..., Any], year: int, key: tuple | None, *args: Any) -> Any:
    """fn(year_data(year), *args), cached until the next upload (args must be hashable)."""
    eng = engine()
    return _view(fn, f"{fn.__module__}.{fn.__qualname__}", str(eng.url), version(), year, args, key)


@st.cache_data(show_spinner="Menyusun tabel LKjIP…", max_entries=32)
def _lkjip(_engine: Engine, url: str, ver: str, year: int, unit: str) -> Lkjip:
    return build_lkjip(read_frames(_engine, year), unit, year, _settings(_engine, url, ver))


def lkjip(year: int, unit: str) -> Lkjip:
    """The LKjIP tables of one unit (the page offers only units the user may open), cached per upload."""
    eng = engine()
    return _lkjip(eng, str(eng.url), version(), year, unit)
