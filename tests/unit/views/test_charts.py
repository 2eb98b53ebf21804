"""Chart details people misread (issue 13 § 6): colliding labels, a legend for a line not drawn,
no cue for a negatif indicator, tiny rotated numbers, a mixed colour ramp."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kinerja.domain.vocabulary import BATAS_RESPON, BATAS_TINGGI
from kinerja.views import charts, unit
from kinerja.views import pengaduan as pelayanan
from kinerja.views.labels import spread_labels


def _quadrant_rows() -> pd.DataFrame:
    # PUPR and Dishub sit on the same spot (the overprint seen on the demo); Dinsos is far away.
    return pd.DataFrame({
        "nama": ["Dinas PUPR", "Dinas Perhubungan", "Dinas Sosial"],
        "label": ["PUPR", "Dishub", "Dinsos"],
        "nilai": [70.0, 71.0, 100.0],
        "respon_tepat_waktu_pct": [60.0, 60.5, 95.0],
        "masuk": [40, 30, 20],
        "kategori": ["Sedang", "Sedang", "Sangat Tinggi"],
        "lewat_batas": [3, 2, 0],
        "kuadran": ["PK tertinggal, aduan terabaikan", "PK tertinggal, aduan terabaikan",
                    "PK tercapai, aduan dilayani"],
    })  # fmt: skip


def test_quadrant_labels_of_neighbours_do_not_overprint() -> None:
    fig = charts.quadrant(_quadrant_rows(), BATAS_TINGGI, BATAS_RESPON)
    labels = {a.text: a for a in fig.layout.annotations if a.text in {"PUPR", "Dishub", "Dinsos"}}
    assert set(labels) == {"PUPR", "Dishub"}  # units in the good corner carry no label
    pupr, dishub = labels["PUPR"], labels["Dishub"]
    # the text sits at (ax, ay) when an arrow is drawn, else at (x, y)
    y_text = [a.ay if a.showarrow else a.y for a in (pupr, dishub)]
    assert abs(y_text[0] - y_text[1]) >= 4.5  # a label's height apart on the response axis
    moved = dishub if dishub.showarrow else pupr
    assert (moved.x, moved.y) in {(70.0, 60.0), (71.0, 60.5)}  # the arrow still points at its bubble


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (
            [1.0, 2.0],
            [50.0, 51.0],
            [(1.0, 50.0), (2.0, 55.5)],
        ),  # close: the higher one moves up a gap (51 + 4,5)
        ([1.0, 20.0], [50.0, 51.0], [(1.0, 50.0), (20.0, 51.0)]),  # far apart on x: both stay
        ([1.0, 1.0, 1.0], [50.0, 50.0, 50.0], [(1.0, 50.0), (1.0, 54.5), (1.0, 59.0)]),  # a stack
    ],
)
def test_spread_labels(x, y, expected) -> None:
    assert spread_labels(np.array(x), np.array(y)) == expected


def test_trend_legend_names_only_lines_drawn_and_cues_a_negatif_indicator(data) -> None:
    march = charts.trend(unit.indicator_trend(data, "A", "A-1", 3), "A-1", "%")
    december = charts.trend(unit.indicator_trend(data, "A", "A-1", 12), "A-1", "%")
    assert "Proyeksi akhir tahun" in [t.name for t in march.data]
    assert "Proyeksi akhir tahun" not in [t.name for t in december.data]  # nothing left to project
    plain = [t.name for t in march.data if t.showlegend is not False]
    assert "Di atas batas = buruk" not in plain and "Target s.d. bulan" in plain
    neg = charts.trend(unit.indicator_trend(data, "A", "A-1", 3), "A-1", "%", negatif=True)
    names = [t.name for t in neg.data if t.showlegend is not False]
    assert "Di atas batas = buruk" in names and "Batas atas s.d. bulan" in names
    assert any("semakin rendah semakin baik" in a.text for a in neg.layout.annotations)


def test_kategori_numbers_are_level_and_readable(data) -> None:
    fig = charts.kategori_bars(pd.DataFrame({"Tinggi": [3, 4], "Sedang": [1, 0]}, index=[1, 2]))
    assert {t.textangle for t in fig.data} == {0}
    assert fig.layout.uniformtext.minsize >= 12 and fig.layout.uniformtext.mode == "hide"
    assert fig.layout.xaxis.tickangle == 0


def _lightness(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_aging_bars_are_one_ramp_darker_with_age(data) -> None:
    a = pd.DataFrame({"umur": ["0–3 hari", "4–5 hari", "6–14 hari", "15–60 hari", "> 60 hari"],
                      "jumlah": [5, 4, 3, 2, 1]})  # fmt: skip
    colours = list(charts.aging(a).data[0].marker.color)
    light = [_lightness(c) for c in colours]
    assert light == sorted(light, reverse=True) and len(set(light)) == 5  # each older band darker
    assert all(int(c[1:3], 16) > int(c[5:7], 16) for c in colours)  # warm hues only: no blue among them
    assert len(charts.aging(pelayanan.aging(pelayanan.complaint_rows(data, 3))).data) == 1
