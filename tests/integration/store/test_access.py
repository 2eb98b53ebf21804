"""Scope enforcement in the core: reads filtered in the query, imports refused whole (issue 6)."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.domain import access, vocabulary
from kinerja.domain.access import Scope, admin_scope
from kinerja.domain.schema import Batch
from kinerja.errors import AccessDenied
from kinerja.services.importer import import_file
from kinerja.services.settings import load_settings, save_settings, set_settings
from kinerja.services.uploads import lock_period, rollback_upload, unlock_period
from kinerja.store import readers as store
from kinerja.store.audit import read_audit
from kinerja.store.periods import locked_periods
from kinerja.store.settings import get_settings
from kinerja.views.year import build_year, restrict_year
from tests.helpers import databases
from tests.helpers.xlsx import COMPLAINT_HEADER, REAL_HEADER, Sheet, complaint_row, make_xlsx, pk_rows

TODAY = pd.Timestamp("2019-01-15")
DLHK = "Dinas Lingkungan Hidup dan Kebersihan"
ADMIN = Scope("admin", user="admin")
WALIKOTA = Scope("walikota", user="walikota")
OPD_DINKES = Scope("opd", "DINKES", user="kadis")
CAMAT_ALAK = Scope("camat", "KEC-ALAK", "Alak", user="camat.alak")


def _load(engine, data: bytes, *, scope: Scope = ADMIN, **kw):
    return import_file(engine, data, kw.pop("name", "berkas.xlsx"), scope=scope, today=TODAY, **kw)


def _real(*rows) -> bytes:
    return make_xlsx(Sheet("Realisasi", [REAL_HEADER, *rows]))


def _complaint(tiket: str, kecamatan: str, kelurahan: str, unit: str) -> list[object]:
    return complaint_row(
        tiket, **{"Kecamatan": kecamatan, "Kelurahan": kelurahan, "Perangkat Daerah Tujuan": unit}
    )


COMPLAINTS = [
    # ticket, kecamatan, kelurahan, sent to
    ("A-1", "Alak", "Namosain", DLHK),  # located in Alak, another unit
    ("A-2", "Alak", "Penkase Oeleta", "Kecamatan Alak"),  # located in Alak, sent to the camat
    ("M-1", "Maulafa", "Penfui", "Kecamatan Alak"),  # elsewhere, but sent to the camat's unit
    ("M-2", "Maulafa", "Oepura", DLHK),  # elsewhere, another unit: never for the camat
    ("O-1", "Oebobo", "Oebufu", "Dinas Kesehatan"),  # elsewhere, sent to Dinkes
]


def _seed(engine):
    """Two units with a PK and realisasi, complaints across three kecamatan."""
    for unit in ("Dinas Kesehatan", DLHK):
        assert _load(engine, make_xlsx(Sheet("PK", pk_rows(unit)))).stored
    real = [[u, 2018, m, "DINKES-1", None, 70 + m] for u in ("Dinkes", "DLHK") for m in (1, 2)]
    assert _load(engine, _real(*real)).stored
    rows = [_complaint(*c) for c in COMPLAINTS]
    report = _load(engine, make_xlsx(Sheet("Pengaduan", [COMPLAINT_HEADER, *rows])))
    assert report.stored, [p.line() for p in report.errors]
    return engine


seeded = databases.snapshot_fixture("seeded", _seed)


def _everything(engine) -> dict[str, pd.DataFrame]:
    return {
        "pk": store.read_pk(engine),
        "realisasi": store.read_realisasi(engine),
        "pengaduan": store.read_pengaduan(engine),
        "uploads": store.list_uploads(engine).drop(columns="ringkasan"),
    }


# --- reads -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("scope", "tickets"),
    [
        (None, {"A-1", "A-2", "M-1", "M-2", "O-1"}),
        (ADMIN, {"A-1", "A-2", "M-1", "M-2", "O-1"}),
        (WALIKOTA, {"A-1", "A-2", "M-1", "M-2", "O-1"}),
        (CAMAT_ALAK, {"A-1", "A-2", "M-1"}),
        (OPD_DINKES, {"O-1"}),
        (
            Scope("opd", "DLHK", may_view_other_units=True),
            {"A-1", "M-2"},
        ),  # the setting opens PK, not complaints
    ],
)
def test_complaints_are_filtered_in_the_query(seeded, scope, tickets) -> None:
    got = store.read_pengaduan(seeded, scope=scope)
    assert set(got["no_tiket"]) == tickets
    assert set(store.read_pengaduan(seeded, 2018, scope=scope)["no_tiket"]) == tickets
    assert store.read_pengaduan(seeded, 2017, scope=scope).empty


def test_camat_never_reads_a_complaint_outside_the_kecamatan(seeded) -> None:
    got = store.read_pengaduan(seeded, scope=CAMAT_ALAK)
    outside = got[(got["kecamatan"] != "Alak") & (got["unit"] != "KEC-ALAK")]
    assert outside.empty
    # the same frame feeds the downloads: nothing of M-2 reaches a camat's CSV
    assert not got["uraian"].isna().all() and "M-2" not in set(got["no_tiket"])


def test_unit_head_reads_own_unit_in_full_and_only_the_scorecard_of_others(seeded) -> None:
    full = store.read_pk(seeded, 2018)
    mine = store.read_pk(seeded, 2018, scope=OPD_DINKES)
    # same rows, same order: the city ranking is computed from the same indicators
    pd.testing.assert_frame_equal(mine[list(access.PK_SCORE_COLUMNS)], full[list(access.PK_SCORE_COLUMNS)])
    own, other = mine["unit"] == "DINKES", mine["unit"] == "DLHK"
    pd.testing.assert_frame_equal(mine[own], full[own])
    hidden = [c for c in mine.columns if c not in access.PK_SCORE_COLUMNS]
    assert mine.loc[other, hidden].isna().all().all()
    real_full = store.read_realisasi(seeded, 2018)
    real_mine = store.read_realisasi(seeded, 2018, scope=OPD_DINKES)
    pd.testing.assert_frame_equal(
        real_mine[list(access.REALISASI_SCORE_COLUMNS)], real_full[list(access.REALISASI_SCORE_COLUMNS)]
    )


def test_setting_lets_unit_heads_open_other_units(seeded) -> None:
    scope = Scope("opd", "DINKES", may_view_other_units=True)
    pd.testing.assert_frame_equal(store.read_pk(seeded, scope=scope), store.read_pk(seeded))
    assert access.may_view_unit(scope, "DLHK")
    assert not access.may_view_unit(OPD_DINKES, "DLHK")
    assert access.detail_units(OPD_DINKES, ["DLHK", "DINKES"]) == ["DINKES"]
    with pytest.raises(AccessDenied):
        access.check_view_unit(CAMAT_ALAK, "DINKES")


def test_unit_heads_see_only_their_own_uploads(seeded) -> None:
    assert len(store.list_uploads(seeded, scope=WALIKOTA)) == len(store.list_uploads(seeded)) == 4
    assert store.list_uploads(seeded, scope=OPD_DINKES).empty
    report = _load(seeded, _real(["Dinkes", 2018, 3, "DINKES-1", None, 75]), scope=OPD_DINKES)
    assert report.stored
    assert store.list_uploads(seeded, scope=OPD_DINKES)["id"].tolist() == [report.upload_id]


# --- writes ----------------------------------------------------------------------------------
REFUSED = [
    (
        "another unit's realisasi",
        OPD_DINKES,
        lambda: _real(["DLHK", 2018, 3, "DINKES-1", None, 90]),
        "unit lain",
    ),
    (
        "own and another unit's realisasi",
        OPD_DINKES,
        lambda: _real(["Dinkes", 2018, 3, "DINKES-1", None, 90], ["DLHK", 2018, 3, "DINKES-1", None, 90]),
        "unit lain",
    ),
    ("a PK", OPD_DINKES, lambda: make_xlsx(Sheet("PK", pk_rows())), "PK hanya"),
    (
        "complaints sent to the unit",
        OPD_DINKES,
        lambda: make_xlsx(
            Sheet("Pengaduan", [COMPLAINT_HEADER, _complaint("X-1", "Oebobo", "Oebufu", "Dinas Kesehatan")])
        ),
        "pengaduan hanya",
    ),
    (
        "complaints of the kecamatan",
        CAMAT_ALAK,
        lambda: make_xlsx(
            Sheet("Pengaduan", [COMPLAINT_HEADER, _complaint("X-2", "Alak", "Namosain", "Kecamatan Alak")])
        ),
        "pengaduan hanya",
    ),
    (
        "a camat's realisasi for Dinkes",
        CAMAT_ALAK,
        lambda: _real(["Dinkes", 2018, 3, "DINKES-1", None, 9]),
        "unit lain",
    ),
    (
        "anything by the Wali Kota",
        WALIKOTA,
        lambda: _real(["Dinkes", 2018, 3, "DINKES-1", None, 9]),
        "hanya dapat membaca",
    ),
]


@pytest.mark.parametrize(("case", "scope", "data", "text"), REFUSED, ids=[r[0] for r in REFUSED])
@pytest.mark.parametrize("partial", [False, True])
def test_refused_upload_stores_nothing(seeded, case, scope, data, text, partial) -> None:
    before = _everything(seeded)
    report = _load(seeded, data(), scope=scope, partial=partial)
    assert not report.stored and report.upload_id is None
    assert any(text in p.message for p in report.errors), [p.line() for p in report.errors]
    after = _everything(seeded)
    for key, frame in before.items():
        pd.testing.assert_frame_equal(after[key], frame)
    refused = read_audit(seeded, action=vocabulary.UNGGAH_DITOLAK)
    assert refused["pelaku"].tolist() == [scope.user]


def test_unit_head_uploads_own_realisasi(seeded) -> None:
    report = _load(seeded, _real(["Dinkes", 2018, 3, "DINKES-1", None, 75]), scope=OPD_DINKES)
    assert report.stored
    got = store.read_realisasi(seeded, 2018, "DINKES")
    assert got.loc[got["bulan"] == 3, "realisasi"].tolist() == [75.0]
    event = read_audit(seeded, action=vocabulary.UNGGAH).iloc[0]
    assert event["pelaku"] == "kadis" and event["detail"]["unggahan"] == report.upload_id


def test_admin_and_cli_may_upload_anything(seeded) -> None:
    data = _real(["DLHK", 2018, 3, "DINKES-1", None, 90])
    assert _load(seeded, data, scope=ADMIN).stored
    access.check_import(admin_scope("cli"), Batch(realisasi=pd.DataFrame({"unit": ["DLHK"]})))


def test_admin_only_actions() -> None:
    access.require_admin(ADMIN, "membatalkan unggahan")
    access.require_admin(admin_scope("cli"), "membatalkan unggahan")
    for scope in (WALIKOTA, OPD_DINKES, CAMAT_ALAK):
        with pytest.raises(AccessDenied, match="hanya dapat dilakukan oleh admin"):
            access.require_admin(scope, "membatalkan unggahan")


def test_scope_needs_a_unit_for_unit_heads() -> None:
    with pytest.raises(AccessDenied):
        Scope("opd")
    with pytest.raises(AccessDenied):
        Scope("camat", "KEC-ALAK")
    with pytest.raises(AccessDenied):
        Scope("lurah", "X")
    assert access.kecamatan_of_unit("Kecamatan Kelapa Lima") == "Kelapa Lima"
    assert access.kecamatan_of_unit("Dinas Kesehatan") is None


def test_frame_filters_match_the_query(seeded) -> None:
    everything = store.read_pengaduan(seeded)
    for scope in (CAMAT_ALAK, OPD_DINKES, WALIKOTA):
        by_frame = access.filter_pengaduan_frame(everything, scope).reset_index(drop=True)
        pd.testing.assert_frame_equal(by_frame, store.read_pengaduan(seeded, scope=scope))
    pk = store.read_pk(seeded)
    assert set(access.filter_units_frame(pk, OPD_DINKES)["unit"]) == {"DINKES"}


def test_restricted_dashboard_keeps_the_city_ranking_and_hides_the_rest(seeded) -> None:
    frames = {"units": store.read_units(seeded), "pk": store.read_pk(seeded, 2018)}
    frames |= {
        "realisasi": store.read_realisasi(seeded, 2018),
        "pengaduan": store.read_pengaduan(seeded, 2018),
    }
    full = build_year(frames, 2018)
    camat = restrict_year(
        full,
        CAMAT_ALAK,
        complaints=store.read_pengaduan(seeded, 2018, scope=CAMAT_ALAK),
        pk=store.read_pk(seeded, 2018, scope=CAMAT_ALAK),
        uploaded=store.read_realisasi(seeded, 2018, scope=CAMAT_ALAK),
    )
    pd.testing.assert_frame_equal(camat.scores, full.scores)
    assert camat.as_of == full.as_of
    assert set(camat.complaints["no_tiket"]) == {"A-1", "A-2", "M-1"}
    other = camat.results["unit"] != "KEC-ALAK"
    assert camat.results.loc[other, "indikator"].isna().all() and full.results["indikator"].notna().all()
    pd.testing.assert_frame_equal(
        camat.results[list(full.results.columns.drop(["indikator", "sasaran", "kode_indikator"]))],
        full.results[list(full.results.columns.drop(["indikator", "sasaran", "kode_indikator"]))],
    )
    assert restrict_year(full, WALIKOTA) is full
    opd = restrict_year(full, OPD_DINKES)
    assert set(opd.complaints["no_tiket"]) == {"O-1"}
    own = opd.results["unit"] == "DINKES"
    pd.testing.assert_frame_equal(opd.results[own], full.results[own])


def test_rollback_of_the_admins_upload_is_the_admins_and_audited(seeded) -> None:
    # issue 13: a unit head undoes only an own upload (tests/unit/domain/test_rollback_policy.py)
    last = int(store.list_uploads(seeded)["id"].max())
    before = _everything(seeded)
    for scope in (WALIKOTA, OPD_DINKES, CAMAT_ALAK):
        with pytest.raises(AccessDenied):
            rollback_upload(seeded, last, scope=scope)
    pd.testing.assert_frame_equal(_everything(seeded)["pengaduan"], before["pengaduan"])
    rollback_upload(seeded, last, scope=ADMIN)
    assert store.read_pengaduan(seeded).empty
    event = read_audit(seeded, action=vocabulary.BATAL_UNGGAH).iloc[0]
    assert event["pelaku"] == "admin" and event["detail"]["unggahan"] == last


def test_admin_only_services_refuse_a_unit_head_and_the_audited_rollback_is_logged(seeded) -> None:
    """Locks and settings are the admin's (and the admin's uploads): the core refuses an opd Scope, stores nothing."""
    last = int(store.list_uploads(seeded)["id"].max())
    before = _everything(seeded)
    audit_before = read_audit(seeded)
    refused = {
        "lock_period": lambda: lock_period(seeded, 2018, 3, scope=OPD_DINKES),
        "unlock_period": lambda: unlock_period(seeded, 2018, 3, scope=OPD_DINKES),
        "save_settings": lambda: save_settings(seeded, {"sla_respon_hk": 9}, scope=OPD_DINKES),
        "set_settings": lambda: set_settings(seeded, {"sla_respon_hk": "9"}, scope=OPD_DINKES),
    }
    for name, call in refused.items():
        with pytest.raises(AccessDenied, match="hanya dapat dilakukan oleh admin"):
            call()
        after = _everything(seeded)
        for key, frame in before.items():
            pd.testing.assert_frame_equal(after[key], frame, obj=f"{name}: {key}")
        assert locked_periods(seeded) == set(), name
        assert get_settings(seeded) == {} and load_settings(seeded).sla_respon_hk == 5, name
        pd.testing.assert_frame_equal(read_audit(seeded), audit_before, obj=f"{name}: audit")
    restored = rollback_upload(seeded, last, scope=admin_scope("ani"))
    assert restored["pengaduan"] == len(COMPLAINTS)
    assert store.read_pengaduan(seeded).empty
    assert store.list_uploads(seeded).set_index("id").at[last, "status"] == "dibatalkan"
    log = read_audit(seeded)
    assert len(log) == len(audit_before) + 1
    event = log.iloc[0]
    assert event["aksi"] == vocabulary.BATAL_UNGGAH and event["pelaku"] == "ani"
    assert event["detail"] == {"unggahan": last, "baris": restored}
