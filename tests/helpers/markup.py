"""Reading back what the pages escaped for Markdown (ui.markdown.md): the text a person sees."""

from __future__ import annotations

import re

import pandas as pd

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation


def plain(text: object) -> object:
    """The text as rendered: backslash escapes removed (non-text unchanged)."""
    return _ESCAPE.sub(r"\1", text) if isinstance(text, str) else text


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A st.table's value as rendered: headers and text cells without their escapes."""
    out = frame.copy()
    out.columns = [plain(c) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(plain)
    return out
