"""Who may read and change what: the acting user's Scope and the checks the core applies (issue 6)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from kinerja.domain import schema
from kinerja.errors import AccessDenied

WALIKOTA, ADMIN, OPD, CAMAT = "walikota", "admin", "opd", "camat"
ROLES = (WALIKOTA, ADMIN, OPD, CAMAT)
ROLE_LABEL = {WALIKOTA: "Wali Kota", ADMIN: "Admin", OPD: "Kepala Perangkat Daerah", CAMAT: "Camat"}
UNIT_ROLES = (OPD, CAMAT)
KECAMATAN_PREFIX = "Kecamatan "

# Columns a scorecard needs of another unit's PK and realisasi; the rest (names of sasaran and
# programme, budget, the head's name, notes and evidence) stays with the unit and its readers.
PK_SCORE_COLUMNS = (
    "unit", "tahun", "urutan", "kunci", "satuan", "target", "target_min", "target_max",
    "tw1", "tw2", "tw3", "tw4", "polaritas", "akumulasi", "sumber_data", "rumus_capaian",
)  # fmt: skip
REALISASI_SCORE_COLUMNS = ("unit", "tahun", "kunci", "bulan", "realisasi", "pembilang", "penyebut")
DETAIL_COLUMNS = tuple(
    c
    for c in (*schema.PK_FRAME, *schema.REALISASI_FRAME)
    if c not in (*PK_SCORE_COLUMNS, *REALISASI_SCORE_COLUMNS)
)


@dataclass(frozen=True)
class Scope:
    """The acting user's reach: role, own unit (kode) and kecamatan, and the detail-page setting."""

    role: str
    unit: str | None = None
    kecamatan: str | None = None
    may_view_other_units: bool = False
    user: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise AccessDenied(f"peran '{self.role}' tidak dikenal (diharapkan: {', '.join(ROLES)})")
        if self.role in UNIT_ROLES and not self.unit:
            raise AccessDenied(f"akun {ROLE_LABEL[self.role]} harus terikat pada satu unit")
        if self.role == CAMAT and not self.kecamatan:
            raise AccessDenied("akun Camat harus terikat pada unit Kecamatan")

    @property
    def reads_all(self) -> bool:
        """Wali Kota and admin read every unit and every complaint."""
        return self.role in (WALIKOTA, ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def label(self) -> str:
        return ROLE_LABEL[self.role]


def admin_scope(user: str) -> Scope:
    """The Scope of whoever runs the command line or the demo loader: the installation's admin.

    Shell access to the database already means full access; the CLI still acts through the same
    audited services, under this scope, so every change it makes is recorded with `user`.
    """
    return Scope(ADMIN, user=user)


def kecamatan_of_unit(nama: str | None) -> str | None:
    """The kecamatan a Kecamatan unit heads: its name without "Kecamatan " (`Kecamatan Alak` → Alak)."""
    if not nama or not str(nama).startswith(KECAMATAN_PREFIX):
        return None
    return str(nama).removeprefix(KECAMATAN_PREFIX).strip() or None


# --- reading ---------------------------------------------------------------------------------
def may_view_unit(scope: Scope | None, kode: str | None) -> bool:
    """Whether `scope` may open the detail page (full PK, realisasi, complaints) of unit `kode`."""
    if scope is None or scope.reads_all or scope.may_view_other_units:
        return True
    return kode is not None and str(kode) == scope.unit


def check_view_unit(scope: Scope | None, kode: str | None) -> None:
    """Raise AccessDenied when `scope` may not open unit `kode`'s detail."""
    if not may_view_unit(scope, kode):
        raise AccessDenied("Anda hanya dapat membuka rincian unit Anda sendiri")


def detail_units(scope: Scope | None, kodes: Iterable[str]) -> list[str]:
    """The units among `kodes` whose detail `scope` may open, order kept."""
    return [k for k in kodes if may_view_unit(scope, k)]


def filter_units_frame(frame: pd.DataFrame, scope: Scope | None, column: str = "unit") -> pd.DataFrame:
    """Rows of `frame` about units whose detail `scope` may read (for frames computed elsewhere)."""
    if scope is None or scope.reads_all or scope.may_view_other_units or frame.empty:
        return frame
    return frame.loc[frame[column].astype("str") == scope.unit]


def mask_other_units(frame: pd.DataFrame, scope: Scope | None, column: str = "unit") -> pd.DataFrame:
    """`frame` with DETAIL_COLUMNS blanked on rows of units whose detail `scope` may not read
    (the same rule the store applies in its queries; for frames computed from them)."""
    if scope is None or scope.reads_all or scope.may_view_other_units or frame.empty:
        return frame
    other = (frame[column].astype("str") != scope.unit).to_numpy()
    hide = [c for c in DETAIL_COLUMNS if c in frame.columns]
    if not other.any() or not hide:
        return frame
    out = frame.copy()
    for c in hide:
        out[c] = out[c].mask(other)
    return out


def filter_pengaduan_frame(frame: pd.DataFrame, scope: Scope | None) -> pd.DataFrame:
    """Complaint rows `scope` may read (same rule as `pengaduan_clause`, for computed frames)."""
    if scope is None or scope.reads_all or frame.empty:
        return frame
    keep = frame["unit"].astype("str") == scope.unit
    if scope.role == CAMAT and "kecamatan" in frame:
        keep |= frame["kecamatan"].astype("str") == scope.kecamatan
    return frame.loc[keep]


# --- changing --------------------------------------------------------------------------------
def require_admin(scope: Scope, aksi: str) -> None:
    """Raise AccessDenied unless the scope is the admin's."""
    if not scope.is_admin:
        raise AccessDenied(f"{aksi} hanya dapat dilakukan oleh admin Bagian Organisasi")


def _units(frame: pd.DataFrame) -> list[str]:
    if frame is None or frame.empty or "unit" not in frame:
        return []
    return sorted({str(u) for u in frame["unit"].dropna()})


def check_rollback(scope: Scope, owner: str | None) -> None:
    """Refuse a rollback the scope may not make (issue 13).

    The admin undoes any upload; a unit head (opd/camat) undoes an upload made under the own
    account (which can only hold the own unit's realisasi, check_import); the Wali Kota none.
    Whether a later upload depends on it is the store's check, the same for everyone.
    """
    if scope.is_admin:
        return
    if scope.role not in UNIT_ROLES:
        raise AccessDenied("Membatalkan unggahan hanya dapat dilakukan oleh admin atau pengunggahnya sendiri")
    if not scope.user or owner != scope.user:
        raise AccessDenied(
            "Anda hanya dapat membatalkan unggahan Anda sendiri; unggahan lain dibatalkan oleh admin Bagian Organisasi"
        )


def check_import(scope: Scope, batch: schema.Batch) -> None:
    """Refuse, whole, an upload the scope may not make (issue 6; call before anything is stored).

    Admin (the command line acts as admin_scope): anything. Wali Kota: nothing (reads only).
    opd/camat: realisasi of their own unit only; PK, unit registrations and complaints are
    admin-only.
    """
    if scope.is_admin:
        return
    if scope.role == WALIKOTA:
        raise AccessDenied(
            "akun Wali Kota hanya dapat membaca; unggahan dilakukan oleh admin Bagian Organisasi"
        )
    problems = []
    if len(batch.pengaduan):
        problems.append("data pengaduan hanya dapat diunggah oleh admin Bagian Organisasi")
    if len(batch.pk):
        problems.append("PK hanya dapat diunggah oleh admin Bagian Organisasi")
    if len(batch.units):
        problems.append("pendaftaran unit hanya dapat dilakukan oleh admin Bagian Organisasi")
    others = [u for u in _units(batch.realisasi) if u != scope.unit]
    if others:
        problems.append(
            f"berkas memuat realisasi unit lain ({', '.join(others)}); "
            f"Anda hanya dapat mengunggah realisasi unit Anda sendiri ({scope.unit})"
        )
    if problems:
        raise AccessDenied("unggahan ditolak seluruhnya: " + "; ".join(problems))
