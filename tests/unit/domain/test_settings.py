"""Settings: defaults, the JSON round trip (DOMAIN §3.1 SLA numbers are settings)."""

from __future__ import annotations

import json
from datetime import date

from kinerja.domain.settings import Settings


def test_settings_round_trip() -> None:
    s = Settings(sla_respon_hk=4, libur_tambahan=(date(2018, 3, 2),))
    d = s.to_dict()
    assert d["libur_tambahan"] == ["2018-03-02"] and json.dumps(d)
    assert Settings.from_dict({**d, "tidak_dikenal": 1}) == s
    assert Settings.from_dict({}) == Settings()
