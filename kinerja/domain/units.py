"""Matching unit names as files write them to stored units: code, name or alias (DOMAIN §4 Rules)."""

from __future__ import annotations

import re

import pandas as pd

from kinerja.domain import schema
from kinerja.domain.confusables import prepare_name, skeleton
from kinerja.domain.text import normalize_text, suggest

_KECAMATAN_PREFIX = re.compile(r"^(kec|camat|kecamatan)\s+")
_JENIS_BY_FIRST_WORD = {
    "dinas": "Dinas", "badan": "Badan", "kecamatan": "Kecamatan", "inspektorat": "Inspektorat",
    "satuan": "Satuan", "sekretariat": "Sekretariat", "bagian": "Bagian", "rsud": "RSUD",
    "kantor": "Kantor",
}  # fmt: skip


def unit_key(name: str) -> str:
    """Case, punctuation and a trailing "Kota Kupang" ignored; `Kec. X`/`Camat X` = `Kecamatan X`."""
    key = normalize_text(prepare_name(str(name)))  # zero-width spaces, full-width letters (issue 10)
    return _KECAMATAN_PREFIX.sub("kecamatan ", key)


def display_name(name: str) -> str:
    """A unit a PK introduces keeps its name as written, without a trailing "Kota Kupang"."""
    return re.sub(r"[\s,]*kota\s+kupang\s*$", "", str(name).strip(), flags=re.IGNORECASE).strip()


def new_unit_code(name: str) -> str:
    """Code of a unit a PK introduces: its name in capitals with `-` for spaces (DOMAIN §4)."""
    return "-".join(normalize_text(display_name(name)).upper().split())


def jenis_of(name: str) -> str:
    first = normalize_text(name).split(" ", 1)[0] if name else ""
    return _JENIS_BY_FIRST_WORD.get(first, "Lainnya")


class UnitResolver:
    """Lookup from any spelling of a unit (code, name, alias) to its code."""

    def __init__(self, units: pd.DataFrame) -> None:
        self.units = units.set_index("kode", drop=False)[schema.UNIT_FRAME].copy()
        self.lookup: dict[str, str] = {}
        for row in self.units.itertuples(index=False):
            self._register(row.kode, row.nama, row.alias)

    def _register(self, kode: str, nama: object, alias: object) -> None:
        names = [kode, nama, *aliases(alias)]
        for name in names:
            if isinstance(name, str) and name.strip():
                self.lookup.setdefault(unit_key(name), kode)

    def find(self, name: object) -> str | None:
        if not isinstance(name, str) or not name.strip():
            return None
        return self.lookup.get(unit_key(name))

    def resolve(self, names: pd.Series) -> pd.Series:
        """Codes for a column of names (<NA> where unknown or blank); one lookup per distinct name."""
        mapping = {n: self.find(n) for n in names.dropna().unique()}
        return names.map(mapping).astype(object)

    def add(self, kode: str, nama: str, jenis: str, alias: str | None = None) -> None:
        self.units.loc[kode] = [kode, nama, jenis, alias]
        self._register(kode, nama, alias)

    def jenis(self, kode: str) -> str | None:
        return self.units.at[kode, "jenis"] if kode in self.units.index else None

    def name(self, kode: str) -> str:
        return str(self.units.at[kode, "nama"]) if kode in self.units.index else kode

    def look_alike(self, name: str) -> str | None:
        """The stored unit name that `name` only looks like (same UTS #39 skeleton, other letters)."""
        wanted = unit_key(skeleton(name))
        for kode, nama, alias in self.units[["kode", "nama", "alias"]].itertuples(index=False):
            for known in (kode, nama, *aliases(alias)):
                if isinstance(known, str) and unit_key(skeleton(known)) == wanted:
                    return str(nama)
        return None

    def suggest(self, name: str) -> str | None:
        return suggest(name, list(self.units["nama"].dropna()))

    def kecamatan_unit(self, kecamatan: str) -> str | None:
        return self.find(f"Kecamatan {kecamatan}")


def aliases(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    return [a.strip() for a in value.split("|") if a.strip()]


def join_aliases(*groups: object) -> str | None:
    """Union of `|`-separated alias lists, order kept, case-insensitive."""
    seen: dict[str, str] = {}
    for group in groups:
        for alias in aliases(group):
            seen.setdefault(alias.casefold(), alias)
    return "|".join(seen.values()) or None
