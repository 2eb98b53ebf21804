"""Each complaint's state as of a date, on a working-day clock (DOMAIN §3): a public, typed ComplaintState."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from kinerja.clock import today_wita
from kinerja.domain.schema import COMPLAINT_DATES, KLAIM_FIELDS
from kinerja.domain.settings import Settings
from kinerja.domain.vocabulary import STATUS_ORDER, YES_WORDS
from kinerja.metrics.workdays import WorkCalendar, to_days

NAT = np.datetime64("NaT", "D")
_STAGE = {s: i for i, s in enumerate(STATUS_ORDER)}
BELUM_TINDAK, PROSES, SELESAI = 1, 2, 3


def default_as_of(complaints: pd.DataFrame, today: date | None = None) -> date:
    """Latest date in any date column of the complaint data, never later than today (WITA)."""
    today = today or today_wita()
    latest = NAT
    for col in COMPLAINT_DATES:
        if col in complaints and len(complaints):
            d = to_days(complaints[col])
            d = d[~np.isnat(d)]
            if len(d) and (np.isnat(latest) or d.max() > latest):
                latest = d.max()
    if np.isnat(latest):
        return today
    return min(pd.Timestamp(latest).date(), today)


@dataclass(frozen=True)
class ComplaintState:
    """Each complaint's state as of one date: one array per fact, aligned with the input rows.

    Boolean arrays are `counted`-aware where the name says so (`p & …`); numeric arrays are NaN
    where the fact does not apply. group_stats sums the boolean ones per group.
    """

    ada: np.ndarray  # received by as_of
    p: np.ndarray  # counted: received and not archived
    arsip: np.ndarray  # received and archived
    stage: np.ndarray  # 0 belum diverifikasi … 3 selesai (claimed stage where later)
    derived: np.ndarray  # stage from the dates alone
    answered: np.ndarray  # counted and answered (tanggapan, else selesai)
    respon_hk: np.ndarray  # HK to the first response (answered)
    tanggal_respon: np.ndarray  # date of the first response
    hk_berjalan: np.ndarray  # HK open so far (unanswered)
    respon_tepat: np.ndarray  # answered within the response SLA
    lewat_respon: np.ndarray  # unanswered past the response SLA
    selesai: np.ndarray  # at stage selesai
    proses: np.ndarray  # at stage proses
    belum: np.ndarray  # at a belum_* stage
    selesai_bertanggal: np.ndarray  # has a Tanggal Selesai by as_of
    selesai_hari: np.ndarray  # days masuk → selesai
    selesai_tepat: np.ndarray  # finished within the 60-day SLA
    lewat_60: np.ndarray  # not finished and older than the SLA
    umur: np.ndarray  # days since masuk
    lewat_verifikasi: np.ndarray  # unverified past the verification SLA
    tunggakan: np.ndarray  # not finished
    lewat_batas: np.ndarray  # not finished and past a deadline
    bukti: np.ndarray  # with evidence

    def flag(self, name: str) -> np.ndarray:
        """One of the boolean arrays by name (the COUNTED facts)."""
        return getattr(self, name)


def col_days(c: pd.DataFrame, col: str) -> np.ndarray:
    if col not in c:
        return np.full(len(c), NAT)
    return to_days(c[col])


def _truthy(s: pd.Series) -> np.ndarray:
    """Ada Bukti as bool; blank (and anything not a yes) is "no" (DOMAIN §3.1)."""
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.fillna(False).to_numpy(dtype=bool)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    yes = [u is True or str(u).strip().casefold() in YES_WORDS for u in uniques] + [False]
    return np.array(yes, dtype=bool)[codes]


def _claim_days(c: pd.DataFrame, col: str, rows: np.ndarray) -> np.ndarray | None:
    """A klaim_* column as days on `rows`; None when it is absent or empty there (frames made without them)."""
    if col not in c:
        return None
    values = c[col].iloc[rows]
    if not values.notna().any():
        return None
    return to_days(values)


def claims_as_of(c: pd.DataFrame, as_of: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """(claimed stage −1…3, claimed arsip) as of `as_of`: only claims made by then count (issue 11).

    A row with claim dates counts the stages claimed on or before as_of; a row without any (a
    frame built without them) takes its Status as claimed all along.
    """
    claimed_raw = c["status"] if "status" in c else pd.Series(pd.NA, index=c.index)
    codes, uniques = pd.factorize(claimed_raw, use_na_sentinel=True)
    stage_of = np.array([_STAGE.get(str(u), -1) for u in uniques] + [-1], dtype="int64")
    claimed = stage_of[codes]  # code -1 (blank) picks the trailing −1
    arsip = np.array([str(u) == "arsip" for u in uniques] + [False], dtype=bool)[codes]
    # Claims exist only where a Status was given: look at those rows only (fast on big frames).
    rows = np.flatnonzero(codes >= 0)
    days = {k: _claim_days(c, f, rows) for k, f in KLAIM_FIELDS.items()} if len(rows) else {}
    if all(d is None for d in days.values()):
        return claimed, arsip
    dated = np.zeros(len(rows), dtype=bool)
    made = {}
    for k, d in days.items():
        if d is not None:
            dated |= ~np.isnat(d)
            made[k] = d <= as_of  # NaT compares False
    by_date = np.full(len(rows), -1, dtype="int64")
    for k in STATUS_ORDER[1:]:  # later stages overwrite earlier ones
        if k in made:
            by_date = np.where(made[k], _STAGE[k], by_date)
    arsip_by_date = made.get("arsip", np.zeros(len(rows), dtype=bool))
    claimed[rows] = np.where(dated, by_date, claimed[rows])
    arsip[rows] = np.where(dated, arsip_by_date, arsip[rows])
    return claimed, arsip


def complaint_state(c: pd.DataFrame, as_of: np.datetime64, settings: Settings) -> ComplaintState:
    """Per-complaint state as of `as_of` (dates only); a date after as_of has not happened yet."""
    masuk = col_days(c, "tanggal_masuk")

    def happened(col: str) -> np.ndarray:
        d = col_days(c, col)
        return np.where(d <= as_of, d, NAT)

    ver, dis = happened("tanggal_verifikasi"), happened("tanggal_disposisi")
    tang, sel = happened("tanggal_tanggapan"), happened("tanggal_selesai")
    claimed, arsip = claims_as_of(c, as_of)
    # Status derived from the dates (DOMAIN §3) ...
    derived = np.where(
        ~np.isnat(sel),
        SELESAI,
        np.where(~np.isnat(tang), PROSES, np.where(~(np.isnat(ver) & np.isnat(dis)), 1, 0)),
    )
    # ... and a claim made by as_of stands where those dates are missing (DOMAIN §4, issue 11).
    stage = np.maximum(derived, claimed)
    ada = ~np.isnat(masuk) & (masuk <= as_of)
    clock = np.where(np.isnat(dis), masuk, dis)  # response clock: disposisi, else masuk
    response = np.where(np.isnat(tang), sel, tang)  # first response: tanggapan, else selesai
    answered = ~np.isnat(response)
    # Every date used lies between the earliest tanggal_masuk and as_of.
    cal = WorkCalendar.covering(masuk, as_of, extra_holidays=settings.libur_tambahan)
    respon_hk = np.full(len(c), np.nan)
    respon_hk[answered] = cal.hk_between(clock[answered], response[answered])
    hk_berjalan = np.full(len(c), np.nan)  # HK open so far, for unanswered complaints only
    hk_berjalan[~answered] = cal.hk_between(clock[~answered], as_of)
    unverified = (np.isnat(ver) & np.isnat(dis)) & (claimed <= 0)
    hk_masuk = np.full(len(c), np.nan)
    hk_masuk[unverified] = cal.hk_between(masuk[unverified], as_of)
    # Claimed proses/selesai with no response date: neither answered nor overdue (out of rate).
    respon_luar = ~answered & (stage >= PROSES)
    lewat_respon = ~answered & ~respon_luar & (hk_berjalan > settings.sla_respon_hk)
    selesai = stage == SELESAI
    selesai_bertanggal = ~np.isnat(sel)
    selesai_hari = np.where(selesai_bertanggal, (sel - masuk).astype("float64"), np.nan)
    umur = (as_of - masuk).astype("float64")
    # Perpres 76/2013: finished within 60 (calendar) days.
    lewat_60 = ~selesai & (umur > settings.sla_selesai_hari)
    lewat_verifikasi = (stage == 0) & (hk_masuk > settings.sla_verifikasi_hk)
    bukti = _truthy(c["ada_bukti"]) if "ada_bukti" in c else np.zeros(len(c), dtype=bool)
    p = ada & ~arsip
    return ComplaintState(
        ada=ada,
        p=p,
        arsip=ada & arsip,
        stage=stage,
        derived=derived,
        answered=p & answered,
        respon_hk=np.where(p & answered, respon_hk, np.nan),
        tanggal_respon=response,
        hk_berjalan=np.where(p, hk_berjalan, np.nan),
        respon_tepat=p & answered & (respon_hk <= settings.sla_respon_hk),
        lewat_respon=p & lewat_respon,
        selesai=p & selesai,
        proses=p & (stage == PROSES),
        belum=p & (stage <= BELUM_TINDAK),
        selesai_bertanggal=p & selesai_bertanggal,
        selesai_hari=np.where(p, selesai_hari, np.nan),
        selesai_tepat=p & selesai_bertanggal & (selesai_hari <= settings.sla_selesai_hari),
        lewat_60=p & lewat_60,
        umur=np.where(ada, umur, np.nan),
        lewat_verifikasi=p & lewat_verifikasi,
        tunggakan=p & ~selesai,
        lewat_batas=p & ~selesai & (lewat_respon | lewat_60),
        bukti=p & bukti,
    )


def complaint_status_as_of(
    complaints: pd.DataFrame, as_of: Any = None, settings: Settings | None = None
) -> pd.DataFrame:
    """Per complaint (same index): status as of `as_of`, response time and overdue flags.

    `status` is <NA> for a complaint received after as_of.
    """
    settings = settings or Settings()
    day = to_days(as_of if as_of is not None else default_as_of(complaints))
    a = complaint_state(complaints, day, settings)
    status = np.array(STATUS_ORDER, dtype=object)[a.stage.clip(0, 3)]
    status = np.where(a.arsip, "arsip", status)
    status[~a.ada] = None
    keep = [c for c in ("no_tiket", "tanggal_masuk", "unit", "kecamatan", "kelurahan") if c in complaints]
    out = complaints[keep].copy()
    out["status"] = pd.array(status, dtype="string")
    out["dijawab"] = a.answered
    out["tanggal_respon"] = pd.to_datetime(a.tanggal_respon)
    out["respon_hk"] = a.respon_hk
    out["hk_berjalan"] = a.hk_berjalan
    out["lewat_verifikasi"] = a.lewat_verifikasi
    out["lewat_respon"] = a.lewat_respon
    out["lewat_60_hari"] = a.lewat_60
    out["lewat_batas"] = a.lewat_batas
    out["tunggakan"] = a.tunggakan
    out["selesai_hari"] = a.selesai_hari
    out["hari_terbuka"] = np.where(a.tunggakan, a.umur, np.nan)
    return out
