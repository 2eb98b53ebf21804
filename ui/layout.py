"""The app's own styles: tiles that wrap instead of truncating, and the phone/desk variants of a view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

PHONE = 640  # px: below this a view shows its phone variant (two tiles a row, lists for tables)

_CSS = f"""<style>
[class*="st-key-kartu_"] {{ flex-wrap: wrap !important; }}
[class*="st-key-kartu_"] > div {{ flex: 1 1 9rem !important; min-width: 9rem; }}  /* one row at desk width */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * ,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *,
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere;
}}
[data-testid="stMetricValue"] {{ font-size: 1.75rem; line-height: 1.2; }}
[data-testid="stMetric"] div:has(> [data-testid="stMetricDeltaDescription"]) {{ flex-wrap: wrap; row-gap: 0.2rem; }}
[class*="st-key-ponsel_"] {{ display: none !important; }}
/* The uploader's own words are English and cannot be set: hidden, the page's caption says it in
   Indonesian (types, size limit); the button reads "Pilih berkas". */
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none !important; }}
[data-testid="stFileUploaderDropzone"] button {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button p {{ display: none !important; }}  /* "Upload" sets its own size */
[data-testid="stFileUploaderDropzone"] button::after {{ content: "Pilih berkas"; font-size: 0.9rem; }}
@media (max-width: {PHONE}px) {{
  [class*="st-key-kartu_"] > div {{ flex: 1 1 calc(50% - 0.5rem) !important; min-width: 0; }}
  [data-testid="stMetricValue"] {{ font-size: 1.25rem; }}
  [class*="st-key-ponsel_"] {{ display: flex !important; }}
  [class*="st-key-lebar_"] {{ display: none !important; }}
}}
@media print {{
  [class*="st-key-kartu_"] > div {{ break-inside: avoid; }}
}}
</style>"""


def style() -> None:
    """The styles of every page (style-only HTML takes no room on the page)."""
    st.html(_CSS)


def wide(key: str) -> DeltaGenerator:
    """A container shown at desk width only (key `lebar_…`)."""
    return st.container(key=f"lebar_{key}")


def phone(key: str) -> DeltaGenerator:
    """A container shown on a phone only (key `ponsel_…`)."""
    return st.container(key=f"ponsel_{key}")


def tables(
    frame: pd.DataFrame, phone_columns: list[str], key: str, style: Callable[[pd.DataFrame], Any]
) -> None:
    """A table that wraps its text at desk width (every column in view) and, on a phone, only the
    columns that matter there (`phone_columns`), so nothing scrolls sideways."""
    with wide(key):
        st.table(style(frame), hide_index=True, border="horizontal")
    with phone(key):
        st.table(
            style(frame[[c for c in phone_columns if c in frame.columns]]),
            hide_index=True,
            border="horizontal",
        )
