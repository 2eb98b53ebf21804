"""Store tests on real databases: merge rules, PK re-upload, rollback, transactions (DOMAIN §4)."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal
from sqlalchemy.engine import Engine

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME, Batch
from kinerja.errors import RollbackError
from kinerja.store import rollback as store_rollback
from kinerja.store import settings as store_settings
from kinerja.store.plan import UploadPlan, plan_upload
from kinerja.store.readers import (
    data_version,
    list_uploads,
    read_pengaduan,
    read_pk,
    read_realisasi,
    read_skipped_rows,
    read_units,
)
from kinerja.store.settings import get_settings
from kinerja.store.tables import perubahan
from kinerja.store.write import write_upload

T = pd.Timestamp


# --- Hand-made batches -------------------------------------------------------------------------
def complaints(*rows: dict) -> pd.DataFrame:
    """Complaint rows; unspecified cells blank, tiket_turunan False."""
    base = {"tiket_turunan": False}
    return pd.DataFrame([base | r for r in rows]).reindex(columns=PENGADUAN_FRAME)


def pk_rows(unit: str, tahun: int, *inds: dict, kepala: str | None = "Kepala") -> pd.DataFrame:
    """PK rows of one unit-year; each indicator dict needs kunci and may override the rest."""
    rows = []
    for i, ind in enumerate(inds, start=1):
        row = {
            "unit": unit,
            "tahun": tahun,
            "urutan": i,
            "indikator": f"Indikator {ind['kunci']}",
            "sasaran": "Meningkatnya pelayanan",
            "satuan": "%",
            "target": 90.0,
            "polaritas": "positif",
            "akumulasi": "akhir",
            "nama_kepala": kepala,
            "tanggal_perjanjian": T("2018-02-27"),
        }
        rows.append(row | ind)
    return pd.DataFrame(rows).reindex(columns=PK_FRAME)


def real_rows(*rows: tuple) -> pd.DataFrame:
    """Realisasi rows from (unit, tahun, kunci, bulan, realisasi[, keterangan])."""
    cols = ["unit", "tahun", "kunci", "bulan", "realisasi", "keterangan"]
    frame = pd.DataFrame([r + (None,) * (6 - len(r)) for r in rows], columns=cols)
    return frame.reindex(columns=REALISASI_FRAME)


def one_complaint() -> Batch:
    return Batch(pengaduan=complaints({"no_tiket": "A", "tanggal_masuk": T("2024-01-02")}))


def rollback_upload(engine: Engine, upload_id: int, user: str) -> dict[str, int]:
    """The store-level (unaudited) rollback, in its own transaction."""
    with engine.begin() as conn:
        return store_rollback.rollback_upload(conn, upload_id, user)


def save_settings(engine: Engine, values: dict, user: str) -> None:
    """The store-level settings writer (no validation), in its own transaction."""
    with engine.begin() as conn:
        store_settings.save_settings(conn, values, user)


def load(engine: Engine, batch: Batch, name: str = "berkas.xlsx") -> tuple[UploadPlan, int]:
    with engine.begin() as conn:
        plan = plan_upload(conn, batch)
        uid = write_upload(
            conn, plan, nama_file=name, sha256="0" * 64, pengguna="admin", ringkasan={},
            baris_dilewati=[],
        )  # fmt: skip
    return plan, uid


def snapshot(engine: Engine) -> dict[str, pd.DataFrame]:
    return {
        "units": read_units(engine),
        "pk": read_pk(engine),
        "realisasi": read_realisasi(engine),
        "pengaduan": read_pengaduan(engine),
    }


def assert_same_state(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for key in a:
        assert_frame_equal(a[key], b[key], check_exact=True, obj=key)


def counts(n_added: int = 0, n_updated: int = 0, n_unchanged: int = 0, n_removed: int = 0) -> dict:
    return {
        "added": n_added,
        "updated": n_updated,
        "unchanged": n_unchanged,
        "removed": n_removed,
    }


# --- Basics ------------------------------------------------------------------------------------
def test_connect_seeds_reference_units(sqlite_engine: Engine) -> None:
    units = read_units(sqlite_engine)
    assert list(units.columns) == UNIT_FRAME
    alak = units.set_index("kode").loc["KEC-ALAK"]
    assert alak["nama"] == "Kecamatan Alak" and alak["alias"] == "Alak"
    assert len(units) == 33 and units["kode"].is_monotonic_increasing


def test_canonical_dtypes_and_year_filter(engine: Engine) -> None:
    batch = Batch(
        pengaduan=complaints(
            {"no_tiket": "B", "tanggal_masuk": T("2025-01-01 00:00"), "ada_bukti": True},
            {"no_tiket": "A", "tanggal_masuk": T("2024-12-31 23:59:59.5"), "uraian": "x"},
        )
    )
    load(engine, batch)
    got = read_pengaduan(engine)
    assert list(got.columns) == PENGADUAN_FRAME
    assert got["no_tiket"].tolist() == ["A", "B"]  # by tanggal_masuk
    assert str(got["tanggal_masuk"].dtype).startswith("datetime64")
    assert got["tanggal_selesai"].isna().all() and str(got["tanggal_selesai"].dtype) != "object"
    assert got["ada_bukti"].dtype == "boolean" and got["tiket_turunan"].dtype == "boolean"
    assert got.loc[0, "tanggal_masuk"] == T("2024-12-31 23:59:59.5")
    assert read_pengaduan(engine, 2024)["no_tiket"].tolist() == ["A"]
    assert read_pengaduan(engine, 2025)["no_tiket"].tolist() == ["B"]  # midnight of 1 January
    assert read_pengaduan(engine, 2023).empty


# --- Merge rules (DOMAIN §4 "Re-upload is idempotent") -----------------------------------------
def test_counts_added_updated_unchanged(engine: Engine) -> None:
    first = complaints(
        {"no_tiket": "A", "tanggal_masuk": T("2024-01-02"), "status": "proses"},
        {"no_tiket": "B", "tanggal_masuk": T("2024-01-03")},
    )
    plan, _ = load(engine, Batch(pengaduan=first))
    assert plan.counts["pengaduan"] == counts(2)
    second = complaints(
        {"no_tiket": "A", "tanggal_masuk": T("2024-01-02"), "status": "selesai"},
        {"no_tiket": "B", "tanggal_masuk": T("2024-01-03")},
        {"no_tiket": "C", "tanggal_masuk": T("2024-01-04")},
    )
    plan, _ = load(engine, Batch(pengaduan=second))
    assert plan.counts["pengaduan"] == counts(1, 1, 1)
    assert plan.status_changes.to_dict("records") == [
        {"no_tiket": "A", "status_lama": "proses", "status_baru": "selesai"}
    ]
    assert len(read_pengaduan(engine)) == 3


def test_blank_never_erases(engine: Engine) -> None:
    full = {
        "no_tiket": "A",
        "tanggal_masuk": T("2024-01-02 08:00"),
        "uraian": "Jalan rusak",
        "kelurahan": "Oebufu",
        "tanggal_tanggapan": T("2024-01-05"),
        "status": "proses",
        "ada_bukti": True,
    }
    load(engine, Batch(pengaduan=complaints(full)))
    plan, _ = load(engine, Batch(pengaduan=complaints({"no_tiket": "A", "tanggal_masuk": None})))
    assert plan.counts["pengaduan"] == counts(0, 0, 1)
    row = read_pengaduan(engine).iloc[0]
    assert row["uraian"] == "Jalan rusak" and row["kelurahan"] == "Oebufu"
    assert row["tanggal_tanggapan"] == T("2024-01-05") and bool(row["ada_bukti"])


def test_older_export_after_newer_changes_nothing(engine: Engine) -> None:
    older = complaints({"no_tiket": "A", "tanggal_masuk": T("2024-01-02"), "status": "proses"})
    newer = complaints(
        {
            "no_tiket": "A",
            "tanggal_masuk": T("2024-01-02"),
            "tanggal_tanggapan": T("2024-01-04"),
            "tanggal_selesai": T("2024-02-01"),
            "status": "selesai",
        }
    )
    load(engine, Batch(pengaduan=newer))
    before = snapshot(engine)
    older["status"] = None  # an older export: the status column was still blank
    plan, _ = load(engine, Batch(pengaduan=older))
    assert plan.counts["pengaduan"] == counts(0, 0, 1)
    assert_same_state(before, snapshot(engine))


def test_same_batch_twice_changes_nothing(engine: Engine) -> None:
    batch = Batch(
        units=pd.DataFrame([{"kode": "PDAM", "nama": "Perumda Air Minum", "alias": "PDAM"}]),
        pk=pk_rows("DINKES", 2024, {"kunci": "k1"}, {"kunci": "k2", "target": 0.1 + 0.2}),
        realisasi=real_rows(("DINKES", 2024, "k1", 1, 85.49999999999999)),
        pengaduan=complaints({"no_tiket": "A", "tanggal_masuk": T("2024-01-02 10:11:12")}),
    )
    load(engine, batch)
    state = snapshot(engine)
    version = data_version(engine)
    plan, uid = load(engine, batch)
    assert plan.changed_rows == 0
    for kind in ("units", "pk", "realisasi", "pengaduan"):
        assert plan.counts[kind]["added"] == plan.counts[kind]["updated"] == 0
        assert plan.counts[kind]["removed"] == 0
    assert_same_state(state, snapshot(engine))
    uploads = list_uploads(engine)
    assert uploads["id"].tolist() == [uid, uid - 1]  # still recorded, newest first
    assert uploads.loc[0, "ditambah"] == uploads.loc[0, "diubah"] == 0
    assert data_version(engine) != version
    with engine.connect() as conn:
        stmt = sa.select(sa.func.count()).where(perubahan.c.upload_id == uid)
        assert conn.execute(stmt).scalar() == 0


def test_complaint_updated_by_later_batch_keeps_one_row(engine: Engine) -> None:
    jan = complaints({"no_tiket": "L-1", "tanggal_masuk": T("2024-01-10"), "status": "proses"})
    feb = complaints(
        {
            "no_tiket": "L-1",
            "tanggal_masuk": T("2024-01-10"),
            "tanggal_selesai": T("2024-02-03"),
            "status": "selesai",
        }
    )
    load(engine, Batch(pengaduan=jan))
    load(engine, Batch(pengaduan=feb))
    got = read_pengaduan(engine)
    assert len(got) == 1 and got.loc[0, "status"] == "selesai"
    assert got.loc[0, "tanggal_selesai"] == T("2024-02-03")


def test_unit_alias_union(engine: Engine) -> None:
    batch = Batch(units=pd.DataFrame([{"kode": "DINKES", "nama": None, "alias": "dinkes|Diskes"}]))
    plan, _ = load(engine, batch)
    assert plan.counts["units"] == counts(0, 1)
    row = read_units(engine).set_index("kode").loc["DINKES"]
    assert row["alias"] == "Dinkes|Diskes" and row["nama"] == "Dinas Kesehatan"


# --- PK re-upload ------------------------------------------------------------------------------
def test_pk_reupload_removes_vanished_indicator_with_realisasi(engine: Engine) -> None:
    pk1 = pk_rows("DINKES", 2024, {"kunci": "k1"}, {"kunci": "k2"}, {"kunci": "k3"})
    other = pk_rows("DISDIK", 2024, {"kunci": "k2"})
    reals = real_rows(
        ("DINKES", 2024, "k2", 1, 50.0),
        ("DINKES", 2024, "k2", 2, 60.0),
        ("DINKES", 2024, "k1", 1, 70.0),
        ("DISDIK", 2024, "k2", 1, 10.0),
    )
    load(engine, Batch(pk=pd.concat([pk1, other]), realisasi=reals))
    plan, _ = load(engine, Batch(pk=pk_rows("DINKES", 2024, {"kunci": "k1"}, {"kunci": "k3"})))
    assert plan.removed_indicators == [("DINKES", 2024, "k2", "Indikator k2", 2)]
    assert plan.counts["pk"]["removed"] == 1 and plan.counts["realisasi"]["removed"] == 2
    pk = read_pk(engine)
    assert pk[pk["unit"] == "DINKES"]["kunci"].tolist() == ["k1", "k3"]
    assert pk[pk["unit"] == "DISDIK"]["kunci"].tolist() == ["k2"]  # other unit untouched
    real = read_realisasi(engine)
    assert sorted(zip(real["unit"], real["kunci"], strict=True)) == [
        ("DINKES", "k1"),
        ("DISDIK", "k2"),
    ]


def test_indicator_identity_kept_on_rename(engine: Engine) -> None:
    load(
        engine,
        Batch(
            pk=pk_rows("DINKES", 2024, {"kunci": "k1", "sasaran": "Lama", "indikator": "IKU A"}),
            realisasi=real_rows(("DINKES", 2024, "k1", 3, 80.0)),
        ),
    )
    renamed = pk_rows("DINKES", 2024, {"kunci": "k1", "sasaran": "Baru", "indikator": "IKU A (revisi)"})
    plan, _ = load(engine, Batch(pk=renamed))
    assert plan.counts["pk"] == counts(0, 1) and plan.removed_indicators == []
    pk = read_pk(engine)
    assert pk.loc[0, "sasaran"] == "Baru" and pk.loc[0, "kunci"] == "k1"
    assert read_realisasi(engine)["realisasi"].tolist() == [80.0]


def test_pk_head_blank_never_erases_and_realisasi_preview(engine: Engine) -> None:
    load(
        engine,
        Batch(
            pk=pk_rows("DINKES", 2024, {"kunci": "k1"}, kepala="dr. A"),
            realisasi=real_rows(("DINKES", 2024, "k1", 1, 80.0, "awal")),
        ),
    )
    plan, _ = load(
        engine,
        Batch(
            pk=pk_rows("DINKES", 2024, {"kunci": "k1"}, kepala=None),
            realisasi=real_rows(("DINKES", 2024, "k1", 1, 82.5), ("DINKES", 2024, "k1", 2, 1.0)),
        ),
    )
    assert read_pk(engine).loc[0, "nama_kepala"] == "dr. A"
    assert plan.realisasi_changes.to_dict("records") == [
        {"unit": "DINKES", "tahun": 2024, "kunci": "k1", "bulan": 1, "lama": 80.0, "baru": 82.5}
    ]
    assert plan.counts["realisasi"] == counts(1, 1)
    real = read_realisasi(engine)
    assert real.loc[0, "keterangan"] == "awal"  # blank keterangan did not erase


# --- Rollback ----------------------------------------------------------------------------------
def test_rollback_restores_exact_state(engine: Engine) -> None:
    first = Batch(
        pk=pk_rows("DINKES", 2024, {"kunci": "k1", "target": 0.1 + 0.2}, {"kunci": "k2", "anggaran": 1e9}),
        realisasi=real_rows(("DINKES", 2024, "k2", 1, 85.49999999999999, "catatan")),
        pengaduan=complaints(
            {"no_tiket": "A", "tanggal_masuk": T("2024-01-02 10:11:12.123456"), "ada_bukti": False},
            {"no_tiket": "B", "tanggal_masuk": T("2024-01-03"), "status": "proses"},
        ),
    )
    load(engine, first)
    before = snapshot(engine)
    second = Batch(
        units=pd.DataFrame([{"kode": "BARU", "nama": "Dinas Baru", "jenis": "Dinas"}]),
        pk=pk_rows("DINKES", 2024, {"kunci": "k1", "target": 95.0}, {"kunci": "k3"}),  # k2 gone
        pengaduan=complaints(
            {"no_tiket": "B", "tanggal_masuk": T("2024-01-03"), "status": "selesai"},
            {"no_tiket": "C", "tanggal_masuk": T("2024-01-04"), "tinjau_lapangan": True},
        ),
    )
    plan, uid = load(engine, second)
    assert plan.counts["realisasi"]["removed"] == 1
    assert snapshot(engine)["pk"]["kunci"].tolist() == ["k1", "k3"]
    restored = rollback_upload(engine, uid, "admin")
    assert restored["pengaduan"] == 2 and restored["realisasi"] == 1
    assert_same_state(before, snapshot(engine))
    row = list_uploads(engine).set_index("id").loc[uid]
    assert row["status"] == "dibatalkan" and row["dibatalkan_oleh"] == "admin"


def test_rollback_refused_until_later_upload_rolled_back(engine: Engine) -> None:
    a = complaints({"no_tiket": "A", "tanggal_masuk": T("2024-01-02"), "status": "proses"})
    _, u1 = load(engine, Batch(pengaduan=a))
    b = a.assign(status="selesai")
    _, u2 = load(engine, Batch(pengaduan=b))
    c = complaints({"no_tiket": "Z", "tanggal_masuk": T("2024-03-02")})
    _, u3 = load(engine, Batch(pengaduan=c))  # unrelated rows: does not block
    with pytest.raises(RollbackError, match=f"batalkan dulu unggahan #{u2}"):
        rollback_upload(engine, u1, "admin")
    rollback_upload(engine, u2, "admin")
    assert read_pengaduan(engine).set_index("no_tiket").loc["A", "status"] == "proses"
    rollback_upload(engine, u1, "admin")
    assert read_pengaduan(engine)["no_tiket"].tolist() == ["Z"]
    rollback_upload(engine, u3, "admin")
    assert read_pengaduan(engine).empty


def test_rollback_refuses_unknown_and_repeated(engine: Engine) -> None:
    with pytest.raises(RollbackError, match="tidak ditemukan"):
        rollback_upload(engine, 999, "admin")
    _, uid = load(engine, one_complaint())
    rollback_upload(engine, uid, "admin")
    with pytest.raises(RollbackError, match="sudah dibatalkan"):
        rollback_upload(engine, uid, "admin")


def test_failed_transaction_leaves_nothing(engine: Engine) -> None:
    before = snapshot(engine)
    batch = Batch(
        pk=pk_rows("DINKES", 2024, {"kunci": "k1"}),
        pengaduan=complaints({"no_tiket": "A", "tanggal_masuk": T("2024-01-02")}),
    )
    with pytest.raises(RuntimeError), engine.begin() as conn:
        plan = plan_upload(conn, batch)
        write_upload(conn, plan, nama_file="x", sha256="", pengguna="admin", ringkasan={}, baris_dilewati=[])
        raise RuntimeError("tanggal tidak urut setelah digabung")
    assert_same_state(before, snapshot(engine))
    assert list_uploads(engine).empty
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(perubahan)).scalar() == 0


def test_skipped_rows_kept_with_upload(engine: Engine) -> None:
    skipped = [{"baris": 7, "kolom": "D (Tanggal Masuk)", "masalah": "tanggal tidak dikenal"}]
    with engine.begin() as conn:
        plan = plan_upload(conn, Batch())
        uid = write_upload(
            conn, plan, nama_file="x.xlsx", sha256="ab", pengguna="admin",
            ringkasan={"catatan": 1}, baris_dilewati=skipped,
        )  # fmt: skip
    assert read_skipped_rows(engine, uid).to_dict("records") == skipped
    row = list_uploads(engine).iloc[0]
    assert row["baris_dilewati"] == 1 and row["ringkasan"]["catatan"] == 1
    assert read_skipped_rows(engine, uid + 1).empty


# --- Settings and version ----------------------------------------------------------------------
def test_settings_round_trip(engine: Engine) -> None:
    assert get_settings(engine) == {}
    values = {"sla_respon_hk": 5, "libur_tambahan": ["2024-12-24"], "batas": {"a": 1.5}}
    save_settings(engine, values, "admin")
    save_settings(engine, {"sla_respon_hk": 3}, "admin")
    assert get_settings(engine) == values | {"sla_respon_hk": 3}


def test_data_version_changes(engine: Engine) -> None:
    v0 = data_version(engine)
    assert data_version(engine) == v0
    _, uid = load(engine, one_complaint())
    v1 = data_version(engine)
    rollback_upload(engine, uid, "admin")
    v2 = data_version(engine)
    save_settings(engine, {"x": 1}, "admin")
    assert len({v0, v1, v2, data_version(engine)}) == 4


# --- Property: merges then rollbacks in reverse order leave an empty store ----------------------
RANK = {"belum_diverifikasi": 0, "belum_ditindaklanjuti": 1, "proses": 2, "selesai": 3, "arsip": 4}
_DAYS = [T("2024-01-02"), T("2024-01-05 09:30"), T("2024-02-01")]
_row = st.fixed_dictionaries(
    {
        "tanggal_masuk": st.sampled_from(_DAYS),
        "uraian": st.sampled_from([None, "a", "b"]),
        "status": st.sampled_from([None, "proses", "selesai", "arsip"]),
        "tanggal_selesai": st.sampled_from([None, *_DAYS]),
        "ada_bukti": st.sampled_from([None, True, False]),
    }
)
_batch = st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), _row, min_size=1, max_size=4)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batches=st.lists(_batch, min_size=1, max_size=4))
def test_merge_then_rollback_all_is_empty(engine: Engine, batches: list[dict]) -> None:
    model: dict[str, dict] = {}
    uploads = []
    for b in batches:
        frame = complaints(*({"no_tiket": k} | v for k, v in b.items()))
        _, uid = load(engine, Batch(pengaduan=frame))
        uploads.append(uid)
        for k, v in b.items():  # the rule, as a plain dict: non-blank replaces ...
            old_status = model.get(k, {}).get("status")
            model.setdefault(k, {}).update({f: x for f, x in v.items() if x is not None})
            if old_status and RANK[old_status] > RANK[model[k]["status"]]:
                model[k]["status"] = old_status  # ... but a status never moves backwards
        got = read_pengaduan(engine).set_index("no_tiket")
        assert sorted(got.index) == sorted(model)
        for k, fields in model.items():
            for f, x in fields.items():
                assert got.loc[k, f] == x
    for uid in reversed(uploads):
        rollback_upload(engine, uid, "admin")
    assert read_pengaduan(engine).empty
