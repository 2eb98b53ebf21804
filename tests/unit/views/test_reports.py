"""Report tables for the CLI (kinerja.views.reports, kinerja.cli.reports): arguments and the unit filter."""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from kinerja.cli.render import render
from kinerja.cli.reports import add_arguments
from kinerja.errors import KinerjaError
from kinerja.views.reports import indicators_table
from tests.unit.metrics.pk_frames import UNITS, scorecard_data


def test_cli_arguments_and_unit_filter() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser.add_subparsers(dest="cmd"))
    args = parser.parse_args(["scorecard", "--year", "2018"])
    assert (args.month, args.format, callable(args.func)) == (12, "table", True)
    args = parser.parse_args(["complaints", "--year", "2018", "--as-of", "2018-04-27"])
    assert (args.month, args.by, args.as_of) == (None, "unit", date(2018, 4, 27))
    with pytest.raises(SystemExit):
        parser.parse_args(["indicators", "--year", "2018", "--month", "13"])
    pk, real = scorecard_data()
    for name in ("dinkes", "Dinas Kesehatan"):
        table = indicators_table(pk, real, None, UNITS, 2018, 12, unit=name)
        assert table["kode"].tolist() == ["a", "b"]
    with pytest.raises(KinerjaError):
        indicators_table(pk, real, None, UNITS, 2018, 12, unit="Dinas Pariwisata")
    text = render(indicators_table(pk, real, None, UNITS, 2018, 12, unit="DINKES"), "table")
    first = text.splitlines()[2].split()
    assert first[-4:] == ["150,00", "150,00", "Sangat", "Tinggi"] and first[0] == "Dinas"
    assert text.splitlines()[3].split()[-5:] == ["100,00", "–", "–", "–", "–"]
