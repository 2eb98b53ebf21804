"""Settings: defaults, the JSON round trip (DOMAIN §3.1 SLA numbers are settings)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kinerja.domain.settings import Settings, parse_setting, setting_text
from kinerja.errors import SettingError


def test_settings_round_trip() -> None:
    s = Settings(sla_respon_hk=4, libur_tambahan=(date(2018, 3, 2),))
    d = s.to_dict()
    assert d["libur_tambahan"] == ["2018-03-02"] and json.dumps(d)
    assert Settings.from_dict({**d, "tidak_dikenal": 1}) == s
    assert Settings.from_dict({}) == Settings()


def test_office_kategori_labels() -> None:
    """Issue 11: five distinct names, best first; stored as a JSON list; the bands never change."""
    text = "Sangat Memuaskan, Memuaskan,  Baik , Kurang, Sangat Kurang"
    labels = parse_setting("label_kategori", text)
    assert labels == ("Sangat Memuaskan", "Memuaskan", "Baik", "Kurang", "Sangat Kurang")
    s = Settings(label_kategori=labels)
    assert json.loads(json.dumps(s.to_dict()))["label_kategori"] == list(labels)
    assert Settings.from_dict(s.to_dict()) == s and setting_text(labels) == ", ".join(labels)
    assert Settings().label_kategori == ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
    for bad in ("Memuaskan, Baik, Kurang, Sangat Kurang", "A, B, B, C, D", "A, B, , C, D"):
        with pytest.raises(SettingError, match="bukan 5 nama berbeda"):
            parse_setting("label_kategori", bad)
