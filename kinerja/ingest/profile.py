"""Applying column mapping profiles (issue 12 §3): which columns a saved mapping names, a forced profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from kinerja.domain.profiles import Profile
from kinerja.domain.text import normalize_header
from kinerja.errors import WorkbookError


def profile_fields(labels: Sequence[str], mapping: Mapping[str, str]) -> dict[int, str]:
    """Columns a saved mapping names (column index → field, `""` to ignore)."""
    keyed = {normalize_header(k): v for k, v in mapping.items()}
    return {c: keyed[normalize_header(x)] for c, x in enumerate(labels) if normalize_header(x) in keyed}


def forced_profiles(profiles: Sequence[Profile], name: str | None) -> list[Profile]:
    """All saved profiles (applied where the layout matches), or the one named, applied in any case."""
    if not name:
        return list(profiles)
    found = next((p for p in profiles if p.name.casefold() == name.strip().casefold()), None)
    if found is None:
        known = ", ".join(sorted(p.name for p in profiles)) or "belum ada"
        raise WorkbookError(f"profil kolom '{name}' tidak ada (profil tersimpan: {known})")
    return [replace(found, forced=True)]


def forced_score(labels: Sequence[str], profile: Profile) -> int:
    """How many of a forced profile's header names a row holds."""
    keyed = {normalize_header(k) for k, v in profile.mapping.items()}
    return len({normalize_header(x) for x in labels} & keyed)
