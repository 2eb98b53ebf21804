"""The demo's year and its seeded choices (one numpy Generator per build, so the demo is reproducible)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

import numpy as np
import pandas as pd

T = TypeVar("T")
TAHUN = 2018
TANGGAL_PK = pd.Timestamp("2018-02-27")
AWAL_ADUAN, AKHIR = pd.Timestamp("2018-02-28"), pd.Timestamp("2018-12-31")


def one(rng: np.random.Generator, options: Sequence[T]) -> T:
    """One of the options (plain indexing: much faster than rng.choice on a list)."""
    return options[int(rng.integers(len(options)))]


def pick(rng: np.random.Generator, options: Mapping[str, float], n: int) -> np.ndarray:
    keys = list(options)
    p = np.array([options[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), n, p=p / p.sum())]
