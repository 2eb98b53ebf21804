"""Integrity flags, one table per flag (issue 14): what must be flagged, what must not."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME
from kinerja.domain.settings import Settings
from kinerja.metrics.integritas import integrity_flags, metric_of

S = Settings()  # tolerance 10 points, unusual share 30 %, month end 50 %, at least 10 closures
AS_OF = date(2018, 12, 31)
IND = "Persentase penyelesaian pengaduan tepat waktu"


def _c(i: int, unit: str = "U", masuk: str = "2018-03-01", tanggapan: str | None = "2018-03-02",
       selesai: str | None = "2018-03-10", bukti: bool = True) -> dict:  # fmt: skip
    row = dict.fromkeys(PENGADUAN_FRAME)
    ts = {k: pd.Timestamp(v) if v else pd.NaT for k, v in
          (("tanggal_masuk", masuk), ("tanggal_tanggapan", tanggapan), ("tanggal_selesai", selesai))}  # fmt: skip
    return row | ts | {"no_tiket": f"T{i}", "unit": unit, "ada_bukti": bukti, "saluran": "WhatsApp"}


def _frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=PENGADUAN_FRAME)
    for c in (
        "tanggal_masuk",
        "tanggal_verifikasi",
        "tanggal_disposisi",
        "tanggal_tanggapan",
        "tanggal_selesai",
    ):
        out[c] = pd.to_datetime(out[c])
    return out


def _pk(indikator: str = IND, sumber: str | None = None) -> pd.DataFrame:
    row = dict.fromkeys(PK_FRAME) | {"unit": "U", "tahun": 2018, "urutan": 1, "kunci": "K1", "indikator": indikator,
                                     "satuan": "%", "target": "80", "target_min": 80.0, "target_max": 80.0,
                                     "polaritas": "positif", "akumulasi": "akhir", "sumber_data": sumber}  # fmt: skip
    return pd.DataFrame([row], columns=PK_FRAME)


def _real(value: float, bulan: int = 12) -> pd.DataFrame:
    row = dict.fromkeys(REALISASI_FRAME) | {
        "unit": "U",
        "tahun": 2018,
        "kunci": "K1",
        "bulan": bulan,
        "realisasi": value,
    }
    return pd.DataFrame([row], columns=REALISASI_FRAME)


def _flags(
    comp: list[dict], pk: pd.DataFrame | None = None, real: pd.DataFrame | None = None, settings: Settings = S
):
    pk = pk if pk is not None else _pk().iloc[0:0]
    real = real if real is not None else _real(0).iloc[0:0]
    return integrity_flags(pk, real, _frame(comp), 2018, 12, AS_OF, settings)


# 10 complaints to U: 6 finished within 60 days, 4 finished after 90 days → 60 % on time.
SIXTY = [_c(i) for i in range(6)] + [_c(i, selesai="2018-06-10") for i in range(6, 10)]
# and 2 received on 20 December, not yet answered: within 60 days, outside the on-time rate, but
# not followed up (tindak lanjut 10 of 12)
OPEN = [_c(i, masuk="2018-12-20", tanggapan=None, selesai=None) for i in (10, 11)]


@pytest.mark.parametrize(
    ("indikator", "sumber", "reported", "flagged", "measured", "dari"),
    [
        (IND, None, 92.86, True, 60.0, 10),  # the Camat Alak pattern: far above the records
        (IND, None, 65.0, False, None, None),  # within the tolerance of 10 points
        (IND, None, 45.0, True, 60.0, 10),  # far below counts too
        (IND, "pengaduan:selesai_tepat_waktu_pct", 92.86, False, None, None),  # computed, never self-reported
        ("Persentase pengaduan masyarakat yang ditindaklanjuti", None, 50.0, True, 100 * 10 / 12, 12),
        ("Indeks Kepuasan Masyarakat", None, 10.0, False, None, None),  # not a complaint metric
    ],
)  # fmt: skip
def test_self_reported_next_to_measured(indikator, sumber, reported, flagged, measured, dari) -> None:
    f = _flags(SIXTY + OPEN, _pk(indikator, sumber), _real(reported))
    f = f[f["jenis"] == "swalapor"]
    assert len(f) == int(flagged)
    if flagged:
        row = f.iloc[0]
        assert (row["unit"], row["dilaporkan"], row["bulan"]) == ("U", reported, 12)
        assert row["diukur"] == pytest.approx(measured, abs=0.01)
        # the counts said next to the figure are the figure's own: (dari − jumlah) ÷ dari = diukur
        assert (row["dari"], len(row["tiket"])) == (dari, row["jumlah"])
        assert 100 * (row["dari"] - row["jumlah"]) / row["dari"] == pytest.approx(row["diukur"], abs=0.01)
        if row["ukuran"] == "selesai_tepat_waktu_pct":
            assert sorted(row["tiket"]) == ["T6", "T7", "T8", "T9"]  # the late ones are behind the figure
        else:
            assert sorted(row["tiket"]) == ["T10", "T11"]


def test_self_report_uses_the_latest_reported_month_up_to_the_chosen_one() -> None:
    real = pd.concat([_real(60.0, 5), _real(95.0, 11)], ignore_index=True)
    f = integrity_flags(_pk(), real, _frame(SIXTY), 2018, 10, AS_OF, S)
    assert f[
        f["jenis"] == "swalapor"
    ].empty  # through October the unit reported 60 (May): matches the records


@pytest.mark.parametrize(
    ("same_day", "flagged"),
    [(4, True), (3, True), (2, False)],  # 3 of 10 = 30 % reaches the unusual share; 2 of 10 does not
)
def test_bulk_closures_on_one_day(same_day: int, flagged: bool) -> None:
    rows = [_c(i, selesai="2018-03-14") for i in range(same_day)]
    rows += [_c(i, selesai=f"2018-04-{i:02d}") for i in range(same_day, 10)]
    f = _flags(rows)
    f = f[f["jenis"] == "borongan"]
    assert len(f) == int(flagged)
    if flagged:
        assert (f.iloc[0]["jumlah"], f.iloc[0]["dari"], f.iloc[0]["tanggal"]) == (
            same_day,
            10,
            date(2018, 3, 14),
        )
        assert sorted(f.iloc[0]["tiket"]) == [f"T{i}" for i in range(same_day)]


def test_few_closures_are_not_flagged() -> None:
    rows = [_c(i, selesai="2018-03-14") for i in range(9)]  # all on one day, but fewer than 10
    assert _flags(rows).empty


@pytest.mark.parametrize(
    ("near", "meeting", "flagged"),
    [
        (5, (), True),  # 5 of 10 in the last 3 days of their month
        (4, (), False),
        (4, (date(2018, 4, 12),), True),  # plus 1 closed on 11 April, the day before a meeting
    ],
)
def test_closures_bunched_before_month_end_or_a_meeting(near: int, meeting: tuple, flagged: bool) -> None:
    days = ["2018-03-29", "2018-03-30", "2018-03-31", "2018-04-30", "2018-05-29"][:near]
    rows = [_c(i, selesai=d) for i, d in enumerate(days)]
    rest = ["2018-04-11", "2018-04-03", "2018-04-05", "2018-05-07", "2018-05-09", "2018-05-15"]
    rows += [_c(near + i, selesai=d) for i, d in enumerate(rest[: 10 - near])]
    settings = Settings(tanggal_rapat=meeting)
    f = _flags(rows, settings=settings)
    got = f[f["jenis"] == "akhir_bulan"]
    assert len(got) == int(flagged)
    if flagged:
        assert got.iloc[0]["jumlah"] == near + bool(meeting)


@pytest.mark.parametrize(
    ("blank", "same", "flagged"),
    [(2, 1, True), (0, 3, True), (2, 0, False)],
)
def test_closures_without_a_response_or_at_its_instant(blank: int, same: int, flagged: bool) -> None:
    rows = [_c(i, tanggapan=None) for i in range(blank)]
    rows += [_c(blank + i, tanggapan="2018-03-10") for i in range(same)]  # tanggapan == selesai
    rows += [_c(i) for i in range(blank + same, 10)]
    f = _flags(rows)
    got = f[f["jenis"] == "tanpa_tanggapan"]
    assert len(got) == int(flagged)
    if flagged:
        assert (got.iloc[0]["tanpa_tanggal"], got.iloc[0]["saat_sama"], got.iloc[0]["jumlah"]) == (
            blank,
            same,
            blank + same,
        )


@pytest.mark.parametrize(("bare", "flagged"), [(5, True), (4, False)])
def test_finished_complaints_without_evidence(bare: int, flagged: bool) -> None:
    rows = [_c(i, bukti=False) for i in range(bare)] + [_c(i) for i in range(bare, 10)]
    rows.append(_c(99, bukti=False, selesai=None))  # open: not a closure, not counted
    f = _flags(rows)
    got = f[f["jenis"] == "tanpa_bukti"]
    assert len(got) == int(flagged)
    if flagged:
        assert (got.iloc[0]["jumlah"], got.iloc[0]["dari"]) == (bare, 10)


@pytest.mark.parametrize(
    ("name", "metric"),
    [
        ("Persentase penyelesaian pengaduan tepat waktu", "selesai_tepat_waktu_pct"),
        ("Persentase pengaduan persampahan yang direspon tepat waktu", "respon_tepat_waktu_pct"),
        ("Persentase pengaduan masyarakat yang ditindaklanjuti", "tindak_lanjut_pct"),
        ("Persentase aduan yang diselesaikan", "selesai_pct"),
        ("Persentase layanan PATEN yang selesai sesuai SOP", None),
        ("Indeks Kepuasan Masyarakat", None),
    ],
)
def test_metric_of_an_indicator_name(name: str, metric: str | None) -> None:
    assert metric_of(name) == metric
