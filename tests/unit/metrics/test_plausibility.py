"""Plausibility warnings: a lost decimal comma, a negative count, a year-to-date figure in a kumulatif indicator."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.metrics.plausibility import check_values

KEY = {"unit": "DINKES", "tahun": 2018, "kunci": "k1"}


def _check(satuan: str, akumulasi: str, before: list[float], value: float, month: int | None = None):
    pk = pd.DataFrame([KEY | {"indikator": "Cakupan", "satuan": satuan, "akumulasi": akumulasi}])
    stored = pd.DataFrame([KEY | {"bulan": m, "realisasi": v} for m, v in enumerate(before, start=1)],
                          columns=[*KEY, "bulan", "realisasi"])  # fmt: skip
    month = month or len(before) + 1
    new = pd.DataFrame([KEY | {"bulan": month, "realisasi": value, "_sheet": "Realisasi", "_baris": 7}])
    return check_values(new, pk, stored)


@pytest.mark.parametrize(
    ("satuan", "akumulasi", "before", "value", "reason"),
    [
        ("%", "akhir", [84.0, 85.5, 86.0], 850.0, "jauh di atas bulan-bulan sebelumnya"),  # issue 13's 850
        ("%", "akhir", [84.0, 85.5, 86.0], 87.5, None),  # an ordinary month
        ("%", "akhir", [84.0, 85.5, 86.0], 101.0, None),  # above 100 but close: possible
        ("%", "rata_rata", [40.0, 42.0], 420.0, "jauh di atas"),
        ("orang", "kumulatif", [10.0, 12.0], -5.0, "nilai negatif (-5)"),  # issue 13's −5 for a count
        ("orang", "akhir", [], -5.0, "nilai negatif"),  # even without history
        (
            "orang",
            "kumulatif",
            [10.0, 12.0, 11.0, 9.0, 13.0],
            66.0,
            "hampir sama dengan jumlah",
        ),  # Jan–Jun YTD
        (
            "orang",
            "kumulatif",
            [10.0, 12.0, 11.0, 9.0, 13.0],
            55.0,
            "hampir sama dengan jumlah",
        ),  # Jan–Mei YTD
        ("orang", "kumulatif", [10.0, 12.0, 11.0, 9.0, 13.0], 14.0, None),  # a normal month
        ("orang", "kumulatif", [10.0, 12.0, 11.0, 9.0, 13.0], 25.0, None),  # a busy month, far from the sum
        ("orang", "akhir", [10.0, 12.0, 11.0, 9.0, 13.0], 55.0, "jauh di atas"),  # akhir: a 5× jump
        ("km", "akhir", [10.0], 100.0, None),  # one month of history is too little to judge
    ],
)
def test_warnings(satuan, akumulasi, before, value, reason) -> None:
    found = _check(satuan, akumulasi, before, value)
    if reason is None:
        assert found == []
    else:
        assert len(found) == 1
        assert reason in found[0].message and found[0].expected
        assert (found[0].sheet, found[0].row, found[0].bulan) == ("Realisasi", 7, len(before) + 1)


def test_a_value_in_the_file_replaces_the_stored_one_of_its_month() -> None:
    # The stored June (850, the slip) is being corrected to 86: no warning for the correction.
    found = _check("%", "akhir", [84.0, 85.5, 86.0, 85.0, 84.5, 850.0], 86.0, month=6)
    assert found == []
