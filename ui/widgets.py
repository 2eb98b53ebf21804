"""Shared widgets: metric tiles, the period picker, empty states, kategori colours, errors and flash messages."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from kinerja.domain.vocabulary import BULAN, KATEGORI, XLSX_MIME
from kinerja.errors import KinerjaError
from kinerja.exports.templates import write_template
from kinerja.views.charts import TEKS_GELAP, WARNA_KATEGORI
from kinerja.views.tiles import Tile
from kinerja.views.year import YearData
from ui import data, session

FLASH_KEY = "_pesan"
PILIH = "Pilih…"  # a picker's placeholder (Streamlit's own is "Choose an option", issue 13)


PERIOD_KEY = "_periode"  # (tahun, bulan) chosen on any page: every page opens on it (issue 13)


def _from_url(available: list[int], month: int) -> tuple[int, int] | None:
    """?tahun=2018&bulan=6 (bulan optional: `month` then) when valid for this database, else None."""
    try:
        year = int(st.query_params.get("tahun", ""))
        month = int(st.query_params.get("bulan", month))
    except ValueError:
        return None
    return (year, month) if year in available and 1 <= month <= 12 else None


def _chosen(key: str) -> None:
    year, month = st.session_state[f"{key}_tahun"], st.session_state[f"{key}_bulan"]
    st.session_state[PERIOD_KEY] = (int(year), int(month))
    st.query_params["tahun"], st.query_params["bulan"] = str(year), str(month)


def period_picker(key: str, default_month: int = 12) -> tuple[int, int] | None:
    """Year and month in the sidebar, the same on every page and in the URL (?tahun=2018&bulan=6);
    None when nothing is stored yet."""
    available = data.years()
    if not available:
        return None
    year, month = st.session_state.get(PERIOD_KEY) or (available[0], default_month)
    year, month = _from_url(available, month) or (year if year in available else available[0], month)
    for suffix, value in (("tahun", year), ("bulan", month)):
        if st.session_state.get(f"{key}_{suffix}") != value:
            st.session_state[f"{key}_{suffix}"] = value
    st.sidebar.selectbox(
        "Tahun", available, key=f"{key}_tahun", on_change=_chosen, args=(key,), placeholder=PILIH
    )
    st.sidebar.selectbox(
        "Sampai bulan", list(range(1, 13)), format_func=lambda m: BULAN[m - 1], key=f"{key}_bulan",
        on_change=_chosen, args=(key,), placeholder=PILIH)  # fmt: skip
    st.session_state[PERIOD_KEY] = (int(year), int(month))
    if (st.query_params.get("tahun"), st.query_params.get("bulan")) != (str(year), str(month)):
        st.query_params["tahun"], st.query_params["bulan"] = str(year), str(month)
    return int(year), int(month)


def empty_state(what: str = "data") -> None:
    """What to upload when the database is empty, with the templates to start from."""
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
            f"Templat {label}", buf.getvalue(), file_name=f"templat_{kind}.xlsx", mime=XLSX_MIME,
            key=f"templat_{what}_{kind}",
        )  # fmt: skip


def period_data(key: str) -> tuple[int, int, YearData]:
    """Year/month picker and that year's data; an empty database shows what to upload and stops."""
    period = period_picker(key)
    found = session.year_data(period[0]) if period else None
    if period is None or found is None or found.empty:
        empty_state("Perjanjian Kinerja maupun data pengaduan")
        st.stop()
    return period[0], period[1], found


def tiles(items: Iterable[Tile], key: str) -> None:
    """Bordered metric cards that wrap (value, change, sparkline, explanation), never truncated."""
    with st.container(horizontal=True, wrap=True, key=f"kartu_{key}"):  # ui.layout: 4 a row, 2 on a phone
        for t in items:
            st.metric(
                t.label, t.value, t.delta, delta_color=t.delta_color, help=t.help or None, border=True,
                chart_data=t.series or None, delta_description=t.delta_description,
            )  # fmt: skip


def kategori_style(
    frame: pd.DataFrame, column: str = "Kategori", labels: tuple[str, ...] = KATEGORI
) -> Styler:
    """Styler colouring a kategori column by band; the kategori text (the office's label) stays in the cell."""
    band = dict(zip(labels, KATEGORI, strict=True))

    def css(v: object) -> str:
        v = band.get(v, v) if isinstance(v, str) else v
        if v not in WARNA_KATEGORI:
            return ""
        return f"background-color: {WARNA_KATEGORI[v]}; color: {'#222' if v in TEKS_GELAP else 'white'}"

    return frame.style.map(css, subset=[column])


def no_data(what: str) -> None:
    """A quiet note for a section with nothing to show (not the empty-database state)."""
    st.caption(f"Belum ada {what} untuk periode ini.")


@dataclass
class Outcome:
    """What happened inside `errors_shown`: `failed` when a refusal was shown."""

    failed: bool = False
    error: KinerjaError | None = None


@contextmanager
def errors_shown() -> Iterator[Outcome]:
    """Run a core call; a refusal (KinerjaError) becomes one st.error with its Indonesian message.

    The one place pages turn the core's named exceptions into messages; anything else is a bug
    and propagates (Streamlit shows its own error, with details hidden from users).
    """
    outcome = Outcome()
    try:
        yield outcome
    except KinerjaError as exc:
        outcome.failed, outcome.error = True, exc
        st.error(str(exc), icon=":material/error:")


def flash(message: str) -> None:
    """A success message shown once, after the rerun that follows a change."""
    st.session_state[FLASH_KEY] = message
    data.refresh()


def show_flash() -> None:
    if msg := st.session_state.pop(FLASH_KEY, None):
        st.success(msg, icon=":material/check_circle:")


def fmt_options(values: dict[str, Any]) -> Any:
    """format_func for a selectbox over dict keys: the value as its label."""
    return lambda k: values.get(k, k)
