"""Kelengkapan laporan: which unit reported which month, on time or late (issue 5).

A unit-month is *reported* when realisasi for it is stored; it was *first reported* when the
earliest still-active upload added a realisasi row of that unit and month (`perubahan` rows of
table realisasi without a before-image; row ids are `unit|tahun|kunci|bulan`). It is *late* when
that day (in WITA) is after the due day of the following month (setting `tanggal_batas_lapor`,
default the 10th).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kinerja.tables import perubahan, realisasi, upload

TEPAT, TERLAMBAT, BELUM, BELUM_WAKTUNYA = "tepat_waktu", "terlambat", "belum_lapor", "belum_waktunya"
LABEL = {
    TEPAT: "✓ tepat waktu",
    TERLAMBAT: "⚠ terlambat",
    BELUM: "✗ belum lapor",
    BELUM_WAKTUNYA: "· belum jatuh tempo",
}
SHORT = {TEPAT: "✓ tepat", TERLAMBAT: "⚠ telat", BELUM: "✗ belum", BELUM_WAKTUNYA: "· nanti"}  # matrix cells
STATUS_COLUMNS = ["unit", "bulan", "status", "pertama", "batas"]
WITA_OFFSET = timedelta(hours=8)  # the store keeps UTC; "late" is judged on the WITA calendar
BULAN_SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def due_date(tahun: int, bulan: int, batas_hari: int = 10) -> date:
    """Last on-time day for month `bulan`: day `batas_hari` of the following month (clamped)."""
    y, m = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return date(y, m, max(1, min(int(batas_hari), calendar.monthrange(y, m)[1])))


def status_lapor(
    reported: pd.DataFrame,
    units: Iterable[str],
    tahun: int,
    hari_ini: date,
    batas_hari: int = 10,
) -> pd.DataFrame:
    """Every (unit, month 1–12) with its status under the late rule — pure, no I/O.

    `reported` has columns unit, bulan, pertama (first stored, WITA, naive; NaT when unknown,
    counted as on time). Status: tepat_waktu, terlambat, belum_lapor (due date passed, nothing
    stored) or belum_waktunya (not stored, due date not yet passed). `batas` is the due date.
    The Ringkasan's "belum melapor bulan ini" list is the rows of one month whose status is
    belum_lapor or belum_waktunya.
    """
    first: dict[tuple[str, int], pd.Timestamp] = {}
    for u, b, p in zip(reported["unit"].astype(str), reported["bulan"], reported["pertama"], strict=True):
        key = (u, int(b))
        p = pd.Timestamp(p) if pd.notna(p) else pd.NaT
        if key not in first or (pd.notna(p) and (pd.isna(first[key]) or p < first[key])):
            first[key] = p
    rows = []
    for u in units:
        for b in range(1, 13):
            due = due_date(tahun, b, batas_hari)
            if (str(u), b) in first:
                p = first[(str(u), b)]
                status = TERLAMBAT if pd.notna(p) and p.date() > due else TEPAT
            else:
                p = pd.NaT
                status = BELUM if hari_ini > due else BELUM_WAKTUNYA
            rows.append([str(u), b, status, p, pd.Timestamp(due)])
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    frame["bulan"] = frame["bulan"].astype("int64")
    for c in ("pertama", "batas"):
        frame[c] = pd.to_datetime(frame[c]).astype("datetime64[us]")
    return frame


def reporting_units(pk: pd.DataFrame) -> list[str]:
    """Units of a PK frame with at least one indicator whose realisasi is uploaded (not linked)."""
    if pk.empty:
        return []
    source = pk["sumber_data"].astype("str").fillna("")
    own = pk[~source.str.strip().str.lower().str.startswith("pengaduan:")]
    return sorted(set(own["unit"].astype(str)))


def first_reported(engine: Engine, tahun: int) -> pd.DataFrame:
    """Stored unit-months of a year with when they were first stored (WITA, naive)."""
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(realisasi.c.unit, realisasi.c.bulan)
            .where(realisasi.c.tahun == int(tahun), realisasi.c.realisasi.is_not(None))
            .distinct()
        ).all()
        adds = conn.execute(
            sa.select(perubahan.c.kunci, upload.c.waktu)
            .join(upload, upload.c.id == perubahan.c.upload_id)
            .where(
                perubahan.c.tabel == "realisasi",
                perubahan.c.sebelum.is_(None),
                upload.c.status == "aktif",
                perubahan.c.kunci.like(f"%|{int(tahun)}|%"),
            )
        ).all()
    when: dict[tuple[str, int], pd.Timestamp] = {}
    for kunci, waktu in adds:
        parts = str(kunci).split("|")
        if len(parts) < 4 or parts[1] != str(int(tahun)) or not parts[-1].isdigit():
            continue
        key = (parts[0], int(parts[-1]))
        t = pd.Timestamp(waktu) + WITA_OFFSET
        if key not in when or t < when[key]:
            when[key] = t
    rows = [[u, int(b), when.get((str(u), int(b)), pd.NaT)] for u, b in stored]
    frame = pd.DataFrame(rows, columns=["unit", "bulan", "pertama"])
    frame["pertama"] = pd.to_datetime(frame["pertama"]).astype("datetime64[us]")
    return frame.sort_values(["unit", "bulan"]).reset_index(drop=True)


def kelengkapan(engine: Engine, tahun: int, hari_ini: date, batas_hari: int = 10) -> pd.DataFrame:
    """status_lapor for every unit with uploaded indicators in its PK of `tahun`."""
    from kinerja.store import read_pk

    units = reporting_units(read_pk(engine, tahun=tahun))
    return status_lapor(first_reported(engine, tahun), units, tahun, hari_ini, batas_hari)


def matrix(status: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Units × months of short status labels (text, so the meaning never rests on colour), by name."""
    if status.empty:
        return pd.DataFrame(columns=["Perangkat Daerah", *BULAN_SINGKAT])
    wide = status.pivot(index="unit", columns="bulan", values="status").reindex(columns=range(1, 13))
    wide = wide.apply(lambda s: s.map(SHORT))
    wide.columns = BULAN_SINGKAT
    wide.insert(0, "Perangkat Daerah", [names.get(u, u) for u in wide.index])
    wide = wide.sort_values("Perangkat Daerah", key=lambda s: s.str.casefold())
    return wide.reset_index(drop=True)


def summary(status: pd.DataFrame) -> pd.DataFrame:
    """Units per status per month (rows: status label, columns: months)."""
    counts = pd.crosstab(status["status"], status["bulan"]).reindex(
        index=list(LABEL), columns=range(1, 13), fill_value=0
    )
    counts.index = [LABEL[s] for s in counts.index]
    counts.columns = BULAN_SINGKAT
    return counts
