"""The Log Audit page's words: event names and details people read (issue 13)."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.views.audit import audit_table, detail_text


@pytest.mark.parametrize(
    ("detail", "text"),
    [
        (
            {"nama": "kadis.kesehatan", "peran": "opd", "unit": "DINKES"},
            "akun: kadis.kesehatan · peran: opd · unit: DINKES",
        ),
        ({"tahun": 2018, "bulan": 3}, "Maret 2018"),
        (
            {"berkas": "a.xlsx", "unggahan": 7, "baris_dilewati": 30000},
            "berkas: a.xlsx · unggahan: #7 · baris dilewati: 30.000",
        ),
        ({"unggahan": 7, "baris": {"realisasi": 1104}}, "unggahan: #7 · baris: realisasi 1.104"),
        ({"nama": "ani", "sesi_diakhiri": 2}, "akun: ani · sesi diakhiri: 2"),
        (None, ""),
    ],
)
def test_detail_text(detail, text) -> None:
    assert detail_text(detail) == text


def test_events_are_words_not_codes() -> None:
    log = pd.DataFrame({"id": [2, 1], "waktu": [pd.Timestamp("2018-03-01 01:30"), pd.Timestamp("2018-03-01 01:00")],
                        "pelaku": ["admin", None], "aksi": ["akun_dibuat", "login_gagal"],
                        "detail": [{"nama": "ani"}, {"alasan": "nama tidak dikenal"}]})  # fmt: skip
    table = audit_table(log)
    assert table["Kejadian"].tolist() == ["Akun dibuat", "Gagal masuk"]
    assert table["Waktu (WITA)"].tolist() == ["01/03/2018 09:30", "01/03/2018 09:00"]
    assert table["Rincian"].tolist() == ["akun: ani", "alasan: nama tidak dikenal"]
