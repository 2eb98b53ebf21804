"""User text inside Streamlit's Markdown (captions, labels, st.table cells): shown as text, never rendered.

Streamlit renders Markdown in far more places than st.markdown — widget and metric labels, pills
options, st.status and st.table cells — so a Sasaran, a unit name or a file name written as
`![x](https://…)` would make every viewer's browser fetch that address (issue 10). Every text
that came from a file or a person goes through `md` before it reaches one of those places.
"""

from __future__ import annotations

import re

import pandas as pd

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def md(text: object) -> str:
    """`text` with every Markdown-significant character backslash-escaped (renders as written)."""
    return _SPECIAL.sub(r"\\\1", str(text))


def md_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for st.table: every text cell and header escaped (numbers and blanks untouched)."""
    out = frame.copy()
    out.columns = [md(c) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(lambda v: md(v) if isinstance(v, str) else v)
    return out
