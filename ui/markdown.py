"""User text inside Streamlit's Markdown (captions, labels, st.table cells): shown as text, never rendered.

Streamlit renders Markdown in far more places than st.markdown — widget and metric labels, pills
options, st.status and st.table cells — so a Sasaran, a unit name or a file name written as
`![x](https://…)` would make every viewer's browser fetch that address (issue 10). Every text
that came from a file or a person goes through `md` before it reaches one of those places.
"""

from __future__ import annotations

import re

import pandas as pd

# Markup anywhere (links, images, HTML, code, emphasis, directives such as :material/…:, LaTeX);
# an underscore only where it could start or end emphasis (not inside `realisasi_jan.xlsx`).
_INLINE = re.compile(r"([\\`*{}\[\]()!|<>~$:]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#=+>.-])", re.MULTILINE)  # headings, rules, lists, quotes


def md(text: object) -> str:
    """`text` with every Markdown-significant character backslash-escaped (renders as written)."""
    escaped = _INLINE.sub(r"\\\1", str(text))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def md_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for st.table: every text cell and header escaped (numbers and blanks untouched)."""
    out = frame.copy()
    out.columns = [md(c) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(lambda v: md(v) if isinstance(v, str) else v)
    return out
