"""The app's own styles: tiles that wrap instead of truncating, and the phone/desk variants of a view."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

PHONE = 640  # px: below this a view shows its phone variant (two tiles a row, lists for tables)

_CSS = f"""<style>
[class*="st-key-kartu_"] {{ flex-wrap: wrap !important; }}
[class*="st-key-kartu_"] > div {{ flex: 1 1 calc(25% - 1rem) !important; min-width: 11rem; }}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * ,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere;
}}
[data-testid="stMetricValue"] {{ font-size: 1.75rem; line-height: 1.2; }}
[class*="st-key-ponsel_"] {{ display: none !important; }}
/* The uploader's own words are English and cannot be set: hidden, the page's caption says it in
   Indonesian (types, size limit); the button reads "Pilih berkas". */
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none !important; }}
[data-testid="stFileUploaderDropzone"] button {{ font-size: 0 !important; }}
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
