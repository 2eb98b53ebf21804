"""Indonesian number and date formats at the edge (DOMAIN §2.1: 2 decimals on screen and in files)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kinerja.views import fmt


@pytest.mark.parametrize(
    ("func", "value", "expected"),
    [
        (fmt.angka, 1234.5, "1.234,50"), (fmt.angka, 102.2222, "102,22"),
        (fmt.angka, 85.125, "85,13"), (fmt.angka, -0.001, "0,00"),
        (fmt.angka, -1234567.891, "-1.234.567,89"), (fmt.angka, np.nan, ""),
        (fmt.bilangan, 1000000, "1.000.000"), (fmt.persen, 85.25, "85,3 %"),
        (fmt.tanggal, date(2018, 2, 27), "27 Feb 2018"), (fmt.tanggal, "2018-08-17", "17 Agu 2018"),
        (fmt.tanggal, pd.NaT, ""), (fmt.bulan_nama, 1, "Januari"), (fmt.bulan_nama, 12, "Desember"),
        (fmt.ringkas, 80.0, "80"), (fmt.ringkas, 6.6667, "6,67"),
    ],
)  # fmt: skip
def test_fmt(func: object, value: object, expected: str) -> None:
    assert func(value) == expected  # type: ignore[operator]
