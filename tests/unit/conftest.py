"""Fixtures of the unit tests: the hand-made 2018 year of tests/unit/sample_year.py, raw and built."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kinerja.domain.settings import Settings
from kinerja.views.year import YearData, build_year
from tests.unit.sample_year import sample_frames


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return sample_frames()


@pytest.fixture(scope="module")
def data(frames: dict[str, pd.DataFrame]) -> YearData:
    return build_year(frames, 2018, Settings(), today=date(2018, 12, 31))
