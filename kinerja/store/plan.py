"""Upload planning under DOMAIN §4 "Re-upload is idempotent": merge a batch with what is stored, no writes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from kinerja.domain.schema import PENGADUAN_FRAME, PK_FRAME, REALISASI_FRAME, UNIT_FRAME, Batch
from kinerja.domain.units import join_aliases
from kinerja.domain.vocabulary import STATUS_ORDER
from kinerja.errors import KinerjaError
from kinerja.store.frames import (
    canon,
    fetch_by_ids,
    isin,
    read_frame,
    select_raw,
)
from kinerja.store.tables import (
    INDIKATOR_FIELDS,
    PK_HEAD,
    indikator,
    pengaduan,
    pk,
    realisasi,
    unit,
)

COUNT_KEYS = ("added", "updated", "unchanged", "removed")

STATUS_RANK = {s: i for i, s in enumerate([*STATUS_ORDER, "arsip"])}

REALISASI_CHANGE = ["unit", "tahun", "kunci", "bulan", "lama", "baru"]

STATUS_CHANGE = ["no_tiket", "status_lama", "status_baru"]


@dataclass
class TableChange:
    """What one upload does to one table: insert `rows` (replacing `replace_ids`), delete ids."""

    table: str
    rows: pd.DataFrame  # id + fields, canonical, as they will be stored
    replace_ids: list[str] = field(default_factory=list)
    delete_ids: list[str] = field(default_factory=list)
    before: pd.DataFrame = field(default_factory=pd.DataFrame)  # stored rows replaced or deleted

    @property
    def added_ids(self) -> list[str]:
        return self.rows["id"][~isin(self.rows["id"], self.replace_ids)].tolist()


@dataclass
class UploadPlan:
    """Everything an upload would change, computed without writing (previewed by the upload page)."""

    changes: dict[str, TableChange]
    counts: dict[str, dict[str, int]]  # kind → added/updated/unchanged/removed
    pengaduan_merged: pd.DataFrame  # this file's complaints as they would be stored
    removed_indicators: list[tuple[str, int, str, str, int]]  # unit, tahun, kunci, nama, n real.
    realisasi_changes: pd.DataFrame  # unit, tahun, kunci, bulan, lama, baru
    status_changes: pd.DataFrame  # no_tiket, status_lama, status_baru

    @property
    def changed_rows(self) -> int:
        return sum(len(c.rows) + len(c.delete_ids) for c in self.changes.values())


def _rows_equal(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """Row-wise exact equality of aligned frames; missing equals missing, floats compared exactly."""
    eq = np.ones(len(a), dtype=bool)
    for c in a.columns:
        x, y = a[c].reset_index(drop=True), b[c].reset_index(drop=True)
        same = (x == y).fillna(False).to_numpy(dtype=bool)
        eq &= same | (x.isna() & y.isna()).to_numpy(dtype=bool)
    return eq


def _aligned(stored: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Stored rows in the order of `new` (all-missing where not stored), on `new`'s index."""
    return stored.set_index("id").reindex(new["id"]).set_axis(new.index)


def _fill_blanks(
    new: pd.DataFrame, stored: pd.DataFrame, fields: list[str], old: pd.DataFrame | None = None
) -> pd.DataFrame:
    # DOMAIN §4: non-blank incoming cells replace stored values, blank cells never erase.
    if stored.empty:
        return new.copy()
    old = _aligned(stored, new) if old is None else old
    out = new.copy()
    for f in fields:
        out[f] = new[f].fillna(old[f])
    return out


def _diff(
    name: str,
    new: pd.DataFrame,
    stored: pd.DataFrame,
    deleted: pd.DataFrame | None = None,
    old: pd.DataFrame | None = None,
) -> tuple[TableChange, dict[str, int]]:
    """Split merged rows into added/updated/unchanged against `stored`; `deleted` go away."""
    fields = [c for c in new.columns if c != "id"]
    exists = isin(new["id"], stored["id"])
    same = np.zeros(len(new), dtype=bool)
    if exists.any():  # compared only where a stored row exists (a new file: none)
        at = np.flatnonzero(exists)
        old = _aligned(stored, new) if old is None else old
        same[at] = _rows_equal(new[fields].iloc[at], old[fields].iloc[at])
    replace = exists & ~same
    deleted = deleted if deleted is not None else stored.iloc[0:0]
    replace_ids = new["id"][replace].tolist()
    before = pd.concat([stored[isin(stored["id"], replace_ids)], deleted], ignore_index=True)
    rows = new if not same.any() else new[~same]
    change = TableChange(name, rows.reset_index(drop=True), replace_ids, deleted["id"].tolist(), before)
    counts = {
        "added": int((~exists).sum()),
        "updated": int(replace.sum()),
        "unchanged": int(same.sum()),
        "removed": len(deleted),
    }
    return change, counts


def _ranks(status: pd.Series) -> np.ndarray:
    """STATUS_RANK of each status (NaN where missing or unknown), by one hash lookup."""
    at = pd.Index(list(STATUS_RANK)).get_indexer(status.astype(object))
    return np.where(at >= 0, np.array(list(STATUS_RANK.values()), dtype=float)[at], np.nan)


def _keyed(frame: pd.DataFrame, columns: list[str], key: list[str], what: str) -> pd.DataFrame:
    out = canon(frame, columns).reset_index(drop=True)
    ids = out[key[0]].astype("str")
    for k in key[1:]:
        ids = ids + "|" + out[k].astype("str")
    if ids.isna().any():
        raise KinerjaError(f"{what}: kunci ({', '.join(key)}) tidak boleh kosong.")
    dup = ids[ids.duplicated()]
    if len(dup):
        raise KinerjaError(f"{what}: baris ganda untuk {', '.join(dup.unique()[:5])}.")
    out.insert(0, "id", ids)
    return out


def _zero() -> dict[str, int]:
    return dict.fromkeys(COUNT_KEYS, 0)


def _plan_units(conn: Connection, batch: Batch) -> tuple[list[TableChange], dict[str, int]]:
    if batch.units.empty:
        return [], _zero()
    new = _keyed(batch.units, UNIT_FRAME, ["kode"], "Unit")
    stored = fetch_by_ids(conn, unit, new["id"].tolist(), UNIT_FRAME)
    merged = _fill_blanks(new, stored, ["nama", "jenis"])
    old_alias = _aligned(stored, new)["alias"]
    aliases = [join_aliases(o, n) for o, n in zip(old_alias, new["alias"], strict=True)]
    merged["alias"] = pd.Series(aliases, index=new.index, dtype="str")
    change, counts = _diff("unit", merged, stored)
    return [change], counts


def _plan_pk(
    conn: Connection, batch: Batch
) -> tuple[list[TableChange], dict[str, int], pd.DataFrame, list[tuple[str, int, str, str, int]]]:
    if batch.pk.empty:
        return [], _zero(), canon(pd.DataFrame(), ["id", *REALISASI_FRAME]), []
    new = _keyed(batch.pk, PK_FRAME, ["unit", "tahun", "kunci"], "PK")
    pair = new["unit"] + "|" + new["tahun"].astype("str")
    units, years = sorted(set(new["unit"])), sorted({int(t) for t in new["tahun"]})
    # The PK row of a unit-year: first non-blank head fields; blank never erases (DOMAIN §4).
    head = canon(new[PK_HEAD].assign(id=pair).groupby("id", sort=True).first(), PK_HEAD)
    head = head.rename_axis("id").reset_index()
    stored_head = fetch_by_ids(conn, pk, head["id"].tolist(), PK_HEAD)
    head = _fill_blanks(head, stored_head, ["nama_kepala", "tanggal_perjanjian"])
    head_change, _ = _diff("pk", head, stored_head)

    # PK rows replace that unit-year's PK: indicators not in the batch go, with their realisasi.
    cols = ["id", *INDIKATOR_FIELDS]
    stmt = select_raw(conn, indikator, cols).where(indikator.c.unit.in_(units), indikator.c.tahun.in_(years))
    stored = read_frame(conn, stmt, cols)
    stored = stored[isin(stored["unit"] + "|" + stored["tahun"].astype("str"), pair)]
    gone = stored[~isin(stored["id"], new["id"])]
    ind_change, counts = _diff("indikator", new[cols], stored, gone)

    rcols = ["id", *REALISASI_FRAME]
    stmt = select_raw(conn, realisasi, rcols).where(realisasi.c.unit.in_(units), realisasi.c.tahun.in_(years))
    real = read_frame(conn, stmt, rcols)
    ind_id = real["unit"] + "|" + real["tahun"].astype("str") + "|" + real["kunci"]
    real_gone = real[isin(ind_id, gone["id"])].reset_index(drop=True)
    per_ind = ind_id[isin(ind_id, gone["id"])].value_counts()
    removed = [
        (r.unit, int(r.tahun), r.kunci, r.indikator, int(per_ind.get(r.id, 0)))
        for r in gone.itertuples(index=False)
    ]
    return [head_change, ind_change], counts, real_gone, removed


def _plan_realisasi(
    conn: Connection, batch: Batch, gone: pd.DataFrame
) -> tuple[TableChange | None, dict[str, int], pd.DataFrame]:
    if batch.realisasi.empty:
        if gone.empty:
            return None, _zero(), pd.DataFrame(columns=REALISASI_CHANGE)
        rows = canon(pd.DataFrame(), ["id", *REALISASI_FRAME])
        return (
            TableChange("realisasi", rows, [], gone["id"].tolist(), gone),
            _zero() | {"removed": len(gone)},
            pd.DataFrame(columns=REALISASI_CHANGE),
        )
    new = _keyed(batch.realisasi, REALISASI_FRAME, ["unit", "tahun", "kunci", "bulan"], "Realisasi")
    clash = new["id"][isin(new["id"], gone["id"])]
    if len(clash):
        raise KinerjaError("Realisasi untuk indikator yang dihapus dari PK: " + ", ".join(clash.iloc[:5]))
    stored = fetch_by_ids(conn, realisasi, new["id"].tolist(), REALISASI_FRAME)
    fields = ["realisasi", "realisasi_anggaran", "keterangan", "bukti"]
    merged = _fill_blanks(new, stored, fields)
    change, counts = _diff("realisasi", merged, stored, gone)
    old = _aligned(stored, new)["realisasi"]
    moved = old.notna() & (merged["realisasi"] != old)
    changes = merged.loc[moved, ["unit", "tahun", "kunci", "bulan"]].assign(
        lama=old[moved], baru=merged.loc[moved, "realisasi"]
    )
    return change, counts, changes.reset_index(drop=True)


def _plan_pengaduan(
    conn: Connection, batch: Batch
) -> tuple[TableChange | None, dict[str, int], pd.DataFrame, pd.DataFrame]:
    if batch.pengaduan.empty:
        merged = canon(pd.DataFrame(), PENGADUAN_FRAME)
        return None, _zero(), merged, pd.DataFrame(columns=STATUS_CHANGE)
    new = _keyed(batch.pengaduan, PENGADUAN_FRAME, ["no_tiket"], "Pengaduan")
    stored = fetch_by_ids(conn, pengaduan, new["id"].tolist(), PENGADUAN_FRAME)
    old = _aligned(stored, new)
    merged = _fill_blanks(new, stored, PENGADUAN_FRAME[1:], old)
    # Re-loading an older export cannot move a complaint backwards (DOMAIN §4): the claimed
    # status keeps the furthest stage seen; arsip is final until its upload is rolled back.
    old_rank, new_rank = _ranks(old["status"]), _ranks(new["status"])
    keep_old = ~np.isnan(old_rank) & (np.isnan(new_rank) | (old_rank > new_rank))
    if keep_old.any():
        merged.loc[keep_old, "status"] = old.loc[keep_old, "status"]
    merged["tiket_turunan"] = merged["tiket_turunan"].fillna(False)
    change, counts = _diff("pengaduan", merged, stored, old=old)
    moved = isin(new["id"], stored["id"])
    if moved.any():
        moved &= ~_rows_equal(merged[["status"]], old[["status"]])
    status = pd.DataFrame(
        {
            "no_tiket": merged.loc[moved, "no_tiket"],
            "status_lama": old.loc[moved, "status"],
            "status_baru": merged.loc[moved, "status"],
        }
    ).reset_index(drop=True)
    return change, counts, merged[PENGADUAN_FRAME].reset_index(drop=True), status


def plan_upload(conn: Connection, batch: Batch) -> UploadPlan:
    """Merge a validated batch with what is stored (no writes): rows to write, counts, previews."""
    unit_changes, unit_counts = _plan_units(conn, batch)
    pk_changes, pk_counts, real_gone, removed = _plan_pk(conn, batch)
    real_change, real_counts, real_moves = _plan_realisasi(conn, batch, real_gone)
    peng_change, peng_counts, merged, status = _plan_pengaduan(conn, batch)
    found = [*unit_changes, *pk_changes, real_change, peng_change]
    changes = {c.table: c for c in found if c is not None}
    counts = {"units": unit_counts, "pk": pk_counts, "realisasi": real_counts}
    counts["pengaduan"] = peng_counts
    return UploadPlan(changes, counts, merged, removed, real_moves, status)
