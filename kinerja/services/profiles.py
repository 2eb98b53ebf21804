"""Column mapping profiles (issue 12 §3): saved, renamed and deleted by the admin, checked, audited."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.engine import Engine

from kinerja.domain import schema, vocabulary
from kinerja.domain.access import Scope, require_admin
from kinerja.domain.profiles import IGNORE, Profile
from kinerja.errors import ProfileError
from kinerja.ingest.mapping import MappingTable, field_choices, mapping_tables, missing_fields
from kinerja.store import profiles as stored
from kinerja.store.audit import log_event

MAX_NAME = 60


def _clean_name(name: str) -> str:
    clean = " ".join(str(name).split())
    if not clean:
        raise ProfileError("nama profil kosong; beri nama, mis. 'Ekspor SIKAP'")
    if len(clean) > MAX_NAME:
        raise ProfileError(f"nama profil terlalu panjang ({len(clean)} karakter; paling banyak {MAX_NAME})")
    return clean


def _check_mapping(kind: str, mapping: Mapping[str, str]) -> dict[str, str]:
    if kind not in schema.COLUMNS:
        raise ProfileError(f"jenis sheet '{kind}' tidak dikenal (pilih PK, Realisasi, Pengaduan atau Unit)")
    allowed = {f for f, _ in field_choices(kind)}
    clean = {str(k).strip(): v for k, v in mapping.items() if str(k).strip()}
    unknown = sorted({v for v in clean.values() if v != IGNORE and v not in allowed})
    if unknown:
        raise ProfileError(
            f"kolom Kinerja tidak dikenal untuk {schema.KIND_LABEL[kind]}: {', '.join(unknown)}"
        )
    used = [v for v in clean.values() if v != IGNORE]
    twice = sorted({v for v in used if used.count(v) > 1})
    if twice:
        labels = dict(field_choices(kind))
        names = ", ".join(labels.get(v, v) for v in twice)
        raise ProfileError(f"satu kolom Kinerja dipetakan ke dua kolom berkas: {names}")
    if not used:
        raise ProfileError("pemetaan kosong: pilih kolom Kinerja untuk paling sedikit satu kolom berkas")
    return clean


def save_profile(
    engine: Engine, name: str, kind: str, mapping: Mapping[str, str], signature: str, *, scope: Scope
) -> Profile:
    """Save a mapping for one header layout (its signature); the next file with that layout uses it."""
    require_admin(scope, "Menyimpan profil kolom")
    profile = Profile(_clean_name(name), kind, _check_mapping(kind, mapping), signature)
    if not signature:
        raise ProfileError("tata letak kolom tidak diketahui; unggah berkasnya lagi")
    with engine.begin() as conn:
        for other in stored.read_profiles(conn):
            if other.name.casefold() == profile.name.casefold():
                raise ProfileError(
                    f"profil '{other.name}' sudah ada; pilih nama lain atau hapus profil itu dulu"
                )
            if other.signature == signature:
                raise ProfileError(
                    f"kolom berkas ini sudah dipetakan oleh profil '{other.name}'; hapus profil itu dulu"
                )
        stored.insert_profile(conn, profile, scope.user or "admin")
        detail = {"profil": profile.name, "jenis": kind, "kolom": len(profile.mapping)}
        log_event(conn, scope.user, vocabulary.PROFIL_DISIMPAN, detail)
    return profile


def rename_profile(engine: Engine, old: str, new: str, *, scope: Scope) -> str:
    """Give a profile another name (uploads keep the name they were loaded with)."""
    require_admin(scope, "Mengganti nama profil kolom")
    clean = _clean_name(new)
    with engine.begin() as conn:
        names = {p.name for p in stored.read_profiles(conn)}
        if old not in names:
            raise ProfileError(f"profil '{old}' tidak ada")
        if clean != old and clean.casefold() in {n.casefold() for n in names}:
            raise ProfileError(f"profil '{clean}' sudah ada; pilih nama lain")
        stored.rename_profile(conn, old, clean)
        log_event(conn, scope.user, vocabulary.PROFIL_DIGANTI_NAMA, {"lama": old, "baru": clean})
    return clean


def delete_profile(engine: Engine, name: str, *, scope: Scope) -> None:
    """Forget a profile: files with its layout ask for a mapping again."""
    require_admin(scope, "Menghapus profil kolom")
    with engine.begin() as conn:
        if not stored.delete_profile(conn, name):
            raise ProfileError(f"profil '{name}' tidak ada")
        log_event(conn, scope.user, vocabulary.PROFIL_DIHAPUS, {"profil": name})


def file_layouts(data: bytes, file_name: str) -> list[MappingTable]:
    """The header cells of each sheet, with Kinerja's best guess per column, for the mapping step."""
    return mapping_tables(data, file_name)


def choices(kind: str) -> list[tuple[str, str]]:
    """(field, label) a column of a `kind` sheet may be mapped to; `""` ignores the column."""
    return field_choices(kind)


def missing_columns(kind: str, fields: set[str]) -> list[str]:
    """Required Kinerja columns a mapping still leaves out (by their names)."""
    return missing_fields(kind, fields)
