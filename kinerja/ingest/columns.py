"""Header names → canonical fields: synonyms, long forms, periods and the measure under them (DOMAIN §4)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kinerja.domain import schema
from kinerja.domain.text import normalize_header as _normalize_header
from kinerja.domain.text import normalize_text
from kinerja.ingest.cells.choices import month_of_label, quarter_of_label


@functools.lru_cache(maxsize=8192)
def normalize_header(text: str) -> str:
    """`domain.text.normalize_header`, remembered: header texts repeat across rows, sheets and files."""
    return _normalize_header(text)


def _lookup(kind: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for col in (*schema.COLUMNS[kind], *schema.READ_ONLY_COLUMNS.get(kind, ())):
        for name in col.names:
            lookup.setdefault(normalize_header(name), col.field)
    return lookup


LOOKUPS = {kind: _lookup(kind) for kind in schema.COLUMNS}
IDENTITY = {normalize_header(n) for n in schema.IDENTITY_COLUMNS}
# Long forms real SAKIP forms print ("Indikator Kinerja Program (Outcome)/Kegiatan (Output)",
# "Sasaran Perangkat Daerah", "Target Kinerja dan Anggaran Renja … yang dievaluasi"): the field
# name starts the header. A header about another period or plan (Renstra, RPJMD, "s/d") is not it.
PREFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    schema.PK: (
        ("indikator kinerja", "indikator"),
        ("target kinerja", "target"),
        ("sasaran perangkat daerah", "sasaran"),
        ("sasaran strategis", "sasaran"),
        ("sasaran opd", "sasaran"),
        ("sasaran skpd", "sasaran"),
        ("sasaran program", "sasaran"),
    ),  # fmt: skip
    schema.REALISASI: (("indikator kinerja", "indikator"),),
}
_OTHER_PLAN = re.compile(
    r"\b(?:renstra|rpjmd|rpjmn|nspk|akhir periode|sebelumnya|tahun lalu|s d|sampai dengan)\b"
)
_SKIPPED = {"", "no", "nomor", "no urut"}  # a running number is not data

# The measure a sub-header names under a group (`TW I` over `K` / `%` / `Rp.`; a month over
# `Target` / `Realisasi`): the value itself, a percentage, rupiah, a target or a realisasi.
VALUE, PERCENT, RUPIAH, TARGET, REAL = "nilai", "persen", "rupiah", "target", "realisasi"
MEASURES = {
    "k": VALUE, "kinerja": VALUE, "fisik": VALUE, "volume": VALUE, "%": PERCENT, "persen": PERCENT,
    "capaian": PERCENT, "rp": RUPIAH, "anggaran": RUPIAH, "keuangan": RUPIAH, "target": TARGET,
    "t": TARGET, "realisasi": REAL, "r": REAL,
}  # fmt: skip
BUDGET_OF = {"target": "anggaran", "realisasi": "realisasi_anggaran"}
_NAME_FIELDS = {"sasaran", "program"}  # a bare `Kode` right before these is their code


def measure_of(part: str) -> str | None:
    """The measure a sub-header cell names (`K`, `%`, `Rp.`, `Target`, `Realisasi`), or None."""
    key = re.sub(r"[()\[\].:\s]", "", part.strip().lower())
    return MEASURES.get(key)


@dataclass
class Matched:
    """What each header column holds: a canonical field, or a period's realisasi or budget."""

    fields: dict[int, str] = field(default_factory=dict)
    periods: dict[int, int] = field(default_factory=dict)  # column → month of a wide realisasi value
    budget: dict[int, int] = field(default_factory=dict)  # column → month of a wide realisasi anggaran
    identity: list[int] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)


def exact_field(norm: str, kinds: Sequence[str]) -> str | None:
    for kind in kinds:
        found = LOOKUPS[kind].get(norm)
        if found:
            return found
    return None


def prefix_field(norm: str, kinds: Sequence[str], raw: str = "") -> str | None:
    if _OTHER_PLAN.search(norm) or _OTHER_PLAN.search(normalize_text(raw)):
        return None
    for kind in kinds:
        for start, name in PREFIXES.get(kind, ()):
            if norm == start or norm.startswith(start + " "):
                return name
    return None


def _period(parts: Sequence[str]) -> tuple[int, int | None] | None:
    return _period_of(tuple(parts))


@functools.lru_cache(maxsize=8192)
def _period_of(parts: tuple[str, ...]) -> tuple[int, int | None] | None:
    """(month, quarter) a header names (`Januari`, `TW II`, `Realisasi Kinerja Pada Triwulan III`)."""
    text = " ".join(parts)
    month = month_of_label(text) or next((m for p in parts if (m := month_of_label(p))), None)
    if month:
        return month, None
    quarter = quarter_of_label(text) or next((q for p in parts if (q := quarter_of_label(p))), None)
    if quarter is None and len(parts) > 1:  # `Realisasi Kinerja Pada Triwulan` over `I` … `IV`
        quarter = _roman(parts[-1]) if "triwulan" in normalize_header(parts[-2]).split() else None
    return (3 * quarter, quarter) if quarter else None


def _roman(text: str) -> int | None:
    return {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(text.strip().lower())


def match_columns(
    parts: Sequence[Sequence[str]], primary: Sequence[str], secondary: Sequence[str] = ()
) -> Matched:
    """Fields of every header column: exact names first, then periods, then long forms."""
    out = Matched()
    exact: dict[int, str] = {}
    prefixed: dict[int, str] = {}
    for c, column_parts in enumerate(parts):
        names = [p for p in column_parts if p]
        norm = normalize_header(" ".join(names))
        if norm in _SKIPPED:
            continue
        measure = measure_of(names[-1]) if len(names) > 1 else None
        base = names[:-1] if measure else names
        base_norm = normalize_header(" ".join(base))
        found = exact_field(norm, primary)
        period = _period(base)
        if found:
            exact[c] = found
        elif measure and not period:
            named = exact_field(base_norm, [*primary, *secondary]) or prefix_field(
                base_norm, [*primary, *secondary], " ".join(base)
            )
            if named and measure == RUPIAH and named in BUDGET_OF:
                exact[c] = BUDGET_OF[named]
            elif named and measure == VALUE:
                exact[c] = named
            else:
                out.ignored.append(c)
        elif period:
            month, quarter = period
            if measure == TARGET or (measure is None and base_norm.startswith("target")):
                if quarter:
                    exact[c] = f"tw{quarter}"
                else:
                    out.ignored.append(c)  # a monthly target: the PK's TW targets are the reference
            elif measure in (None, VALUE, REAL):
                out.periods[c] = month
            elif measure == RUPIAH:
                out.budget[c] = month
            else:
                out.ignored.append(c)
        elif found := exact_field(norm, secondary):
            exact[c] = found
        elif found := prefix_field(norm, [*primary, *secondary], " ".join(names)):
            prefixed[c] = found
        elif norm in IDENTITY:
            out.identity.append(c)
        else:
            out.ignored.append(c)
    for group in (exact, prefixed):  # an exact name beats a long form; the first column wins
        for c, name in group.items():
            if name not in out.fields.values():
                out.fields[c] = name
            else:
                out.ignored.append(c)
    _code_of_names(out, parts)
    return out


def _code_of_names(out: Matched, parts: Sequence[Sequence[str]]) -> None:
    """`Kode · Sasaran · … · Kode · IKU`: a bare Kode belongs to the name column right after it."""
    bare = [c for c in range(len(parts)) if normalize_header(" ".join(p for p in parts[c] if p)) == "kode"]
    if not bare:
        return
    after = {}
    for c in bare:
        nxt = next((d for d in range(c + 1, len(parts)) if any(parts[d])), None)
        after[c] = out.fields.get(nxt) if nxt is not None else None
    owner = out.fields.get(bare[0])
    if owner != "kode_indikator":  # a Unit sheet's Kode is the unit's own
        return
    keep = next((c for c in bare if after[c] == "indikator"), None)
    if keep is None:
        keep = next((c for c in bare if after[c] not in _NAME_FIELDS), None)
    for c in bare:
        out.fields.pop(c, None)
    if keep is not None:
        out.fields[keep] = owner
    out.ignored.extend(c for c in bare if c != keep)


def header_score(names: Sequence[str], kinds: Sequence[str]) -> int:
    """How many distinct fields (and periods) a row of header cells names: the header row has most."""
    parts = [[n] if isinstance(n, str) else [] for n in names]
    matched = match_columns(parts, kinds)
    return len(set(matched.fields.values())) + (len(matched.periods) if schema.REALISASI in kinds else 0)
