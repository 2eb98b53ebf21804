"""Label placement for crowded charts: anchors pushed apart so no two labels overprint."""

from __future__ import annotations

import numpy as np


def spread_labels(
    x: np.ndarray, y: np.ndarray, x_near: float = 6.0, gap: float = 4.5
) -> list[tuple[float, float]]:
    """Label anchors (x, y): a label closer than `gap` (y units) to one already placed within
    `x_near` is moved up until it is clear, lowest points first."""
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(y)
    done: list[tuple[float, float]] = []
    for i in np.argsort(y, kind="stable"):
        yi = float(y[i])
        while any(abs(float(x[i]) - dx) < x_near and abs(yi - dy) < gap for dx, dy in done):
            yi += gap
        done.append((float(x[i]), yi))
        placed[i] = (float(x[i]), yi)
    return placed
