"""Kecamatan and kelurahan of Kota Kupang: normalise names against data/wilayah.csv (DOMAIN §4)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja import paths
from kinerja.domain.text import normalize_key, normalize_text, suggest

WILAYAH_CSV = paths.WILAYAH_CSV
# DOMAIN §4: a `Kec.`/`Kel.` prefix is tolerated (also written out, or the office's head).
_PREFIX = re.compile(r"^(?:kecamatan|kec|camat|kelurahan|kel|lurah|desa) ")
_OFFICE = re.compile(r"^(?:kantor )?(?:kelurahan|kel|lurah) ")

Problem = tuple[object, str, str, str]  # (index label, field, message, expected)


def _key(text: str) -> str:
    """Lookup key: normalised, prefix dropped, spaces removed (`Air Nona` = `Airnona`)."""
    return _PREFIX.sub("", normalize_text(text)).replace(" ", "")


@dataclass
class WilayahResult:
    """Canonical kecamatan and kelurahan per row, and every problem found (Indonesian)."""

    kecamatan: pd.Series
    kelurahan: pd.Series
    problems: list[Problem] = field(default_factory=list)


class Wilayah:
    """The reference list: 6 kecamatan, 51 kelurahan with their spelling variants."""

    def __init__(self, frame: pd.DataFrame) -> None:
        frame = frame.fillna("")
        self.kecamatan_names: tuple[str, ...] = tuple(dict.fromkeys(frame["kecamatan"]))
        self.kelurahan_names: tuple[str, ...] = tuple(frame["kelurahan"])
        self._kec = {_key(k): k for k in self.kecamatan_names}
        self._kel: dict[str, str] = {}
        self._kec_of: dict[str, str] = {}
        self._variants: dict[str, tuple[str, ...]] = {}
        for row in frame.itertuples(index=False):
            self._kec_of[row.kelurahan] = row.kecamatan
            self._variants[row.kelurahan] = tuple(v for v in str(row.varian_ejaan).split("|") if v.strip())
            for name in (row.kelurahan, *str(row.varian_ejaan).split("|")):
                if name.strip():
                    self._kel.setdefault(_key(name), row.kelurahan)

    def split_lokasi(self, lokasi: pd.Series) -> tuple[pd.Series, pd.Series]:
        """Kecamatan and kelurahan named inside a free-text Lokasi (`Jl. Frans Seda, Kel. Fatululi, Oebobo`)."""
        kec: dict[str, str | None] = {}
        kel: dict[str, str | None] = {}
        for text in lokasi.dropna().unique():
            kec[text], kel[text] = self._find(str(text))
        return lokasi.map(kec).astype(object), lokasi.map(kel).astype(object)

    def _find(self, text: str) -> tuple[str | None, str | None]:
        words = f" {normalize_text(text)} "
        kec = _longest(words, {normalize_text(k): k for k in self.kecamatan_names})
        kel_names = {
            normalize_text(n): c for c in self.kelurahan_names for n in (c, *self._variants.get(c, ()))
        }
        kel = _longest(words, kel_names, prefixed_only={normalize_text(k) for k in self.kecamatan_names})
        return (kec or (self._kec_of.get(kel) if kel else None)), kel

    @classmethod
    def load(cls) -> Wilayah:
        """The shipped list (read once per process)."""
        return _load(WILAYAH_CSV)

    def kecamatan_of(self, kelurahan: str) -> str | None:
        """Kecamatan of a kelurahan name in any known spelling, else None."""
        canon = self._kel.get(_key(kelurahan))
        return self._kec_of.get(canon) if canon else None

    def find_kelurahan(self, name: str) -> str | None:
        """Canonical kelurahan of a name in any known spelling (exact, after normalising), else None."""
        return self._kel.get(_key(name))

    def find_kecamatan(self, name: str) -> str | None:
        """Canonical kecamatan of a name (`Kec. Alak`, `alak`), else None."""
        return self._kec.get(_key(name))

    def kelurahan_office(self, text: str) -> str | None:
        """Canonical kelurahan of a unit name like `Kelurahan Oebufu`/`Kel. Oebufu`/`Lurah X`."""
        norm = normalize_text(text)
        if not _OFFICE.match(norm):
            return None
        return self._kel.get(_OFFICE.sub("", norm).replace(" ", ""))

    def _resolve(self, s: pd.Series, table: dict[str, str]) -> tuple[pd.Series, pd.Series]:
        norm = normalize_key(s)
        # one lookup per distinct spelling: a 100,000-row sheet has ~51 of them
        lookup = {x: table.get(_PREFIX.sub("", x).replace(" ", "")) for x in norm.dropna().unique()}
        canon = norm.map(lookup).astype("str")
        unknown = norm.notna() & canon.isna()
        return canon, unknown

    def normalize(self, kecamatan: pd.Series, kelurahan: pd.Series) -> WilayahResult:
        """Canonical names; a blank kecamatan is filled from the kelurahan (DOMAIN §4)."""
        kec, kec_unknown = self._resolve(kecamatan, self._kec)
        kel, kel_unknown = self._resolve(kelurahan, self._kel)
        found: list[tuple[int, Problem]] = []
        kec_list = ", ".join(sorted(self.kecamatan_names))
        labels = kec.index.to_numpy()  # positions and arrays: a bad file has a problem on every row
        kec_raw, kel_raw = kecamatan.to_numpy(dtype=object), kelurahan.to_numpy(dtype=object)
        for pos in np.flatnonzero(kec_unknown.to_numpy(dtype=bool)):
            raw = str(kec_raw[pos]).strip()
            hint = self._hint(raw, f"nama kecamatan di Kota Kupang ({kec_list})", True)
            msg = f"kecamatan '{raw}' tidak dikenal"
            found.append((int(pos), (labels[pos], "kecamatan", msg, hint)))
        for pos in np.flatnonzero(kel_unknown.to_numpy(dtype=bool)):
            raw = str(kel_raw[pos]).strip()
            hint = self._hint(raw, "nama kelurahan di Kota Kupang", False)
            msg = f"kelurahan '{raw}' tidak dikenal"
            found.append((int(pos), (labels[pos], "kelurahan", msg, hint)))
        home = kel.map(self._kec_of).astype("str")
        kec = kec.mask(kec.isna() & ~kec_unknown & home.notna(), home)
        clash = (kec.notna() & home.notna() & (kec != home)).to_numpy(dtype=bool)
        kec_v, home_v, kel_v = (
            kec.to_numpy(dtype=object),
            home.to_numpy(dtype=object),
            kel.to_numpy(dtype=object),
        )
        for pos in np.flatnonzero(clash):
            k, h, name = kec_v[pos], home_v[pos], kel_v[pos]
            msg = f"kelurahan {name} tidak berada di Kecamatan {k}"
            hint = f"kelurahan di Kecamatan {k}, atau kecamatan {h}"
            found.append((int(pos), (labels[pos], "kelurahan", msg, hint)))
        problems = [p for _, p in sorted(found, key=lambda f: f[0])]
        return WilayahResult(kec, kel, problems)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one Wilayah per run; a misspelling repeats
    def _hint(self, raw: str, expected: str, is_kecamatan: bool) -> str:
        names = self.kecamatan_names if is_kecamatan else self.kelurahan_names
        guess = self.kecamatan_of(raw) if is_kecamatan else None  # a kelurahan in the wrong column
        if guess is None:
            guess = suggest(_PREFIX.sub("", normalize_text(raw)), names)
        return f"{expected}, mungkin maksudnya '{guess}'" if guess else expected


def _longest(
    words: str, names: dict[str, str], prefixed_only: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """The longest known name standing as whole words in `words`; a name in `prefixed_only` (a
    kelurahan that shares its kecamatan's name) counts only after `kel`/`kelurahan`/`desa`."""
    hits = []
    for name, canon in names.items():
        if not name or f" {name} " not in words:
            continue
        if name in prefixed_only and not re.search(rf" (?:kel|kelurahan|desa) {re.escape(name)} ", words):
            continue
        hits.append((len(name), canon))
    return max(hits)[1] if hits else None


@functools.cache
def _load(path: Path) -> Wilayah:
    return Wilayah(pd.read_csv(path, dtype=str, keep_default_na=False))


def kelurahan_office(text: str) -> str | None:
    """Canonical kelurahan when a unit name is a kelurahan office (`Kelurahan Oebufu`), else None."""
    return Wilayah.load().kelurahan_office(text)
