"""The meeting pack's quadrant as a static picture (matplotlib, Agg): PNG bytes, no browser, no system package."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import numpy as np
import pandas as pd

from kinerja.views.charts import BIRU
from kinerja.views.labels import spread_labels

DPI = 120


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # files only: never a window, never a display server
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 7, "axes.spines.top": False,
                         "axes.spines.right": False})  # fmt: skip
    return plt


def _png(fig: Any, **margins: float) -> bytes:
    """The figure at exactly its size (the page reserves that box), margins as given or tight."""
    fig.subplots_adjust(**(margins or {"left": 0.14, "right": 0.98, "top": 0.96, "bottom": 0.16}))
    buf = BytesIO()  # fixed margins and light compression: a tight layout doubles the drawing time
    fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    _plt().close(fig)
    return buf.getvalue()


def quadrant(q: pd.DataFrame, x_line: float, y_line: float, width_mm: float, height_mm: float) -> bytes:
    """Nilai (x) against on-time response % (y), labels pushed apart so they do not overprint."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(width_mm / 25.4, height_mm / 25.4))
    x, y = q["nilai"].to_numpy(dtype="float64"), q["respon_tepat_waktu_pct"].to_numpy(dtype="float64")
    size = 12 + 120 * np.sqrt(q["masuk"].to_numpy(dtype="float64") / max(float(q["masuk"].max()), 1.0))
    ax.scatter(x, y, s=size, color=BIRU, alpha=0.55, edgecolors="white", linewidths=0.5)
    ax.axvline(x_line, color="#888", lw=0.7, ls="--")
    ax.axhline(y_line, color="#888", lw=0.7, ls="--")
    for (xi, yi), label in zip(
        spread_labels(x, y, gap=max(float(np.nanmax(y) - np.nanmin(y)), 10.0) * 0.045),
        q["label"],
        strict=True,
    ):
        ax.annotate(str(label), (xi, yi), fontsize=6, ha="left", va="center", xytext=(4, 0),
                    textcoords="offset points")  # fmt: skip
    ax.set_xlabel("Nilai PK (garis: Tinggi)")
    ax.set_ylabel("Respon tepat waktu (%)")
    ax.grid(alpha=0.25)
    return _png(fig, left=0.13, right=0.83, top=0.97, bottom=0.17)  # room for the labels on the right
