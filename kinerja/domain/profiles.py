"""Column mapping profiles (issue 12 §3): a header layout mapped once, by name, for one sheet kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kinerja.domain.text import normalize_header

IGNORE = ""  # a mapping value that ignores the column


@dataclass(frozen=True)
class Profile:
    """A saved column mapping: header name → field (`""` ignores the column), for one sheet kind."""

    name: str
    kind: str
    mapping: Mapping[str, str]
    signature: str = ""
    forced: bool = False  # chosen by name (`--profil`): applied to the row naming most of its headers


def signature(names: Sequence[str]) -> str:
    """A header layout's key: its normalised non-blank names, in order."""
    return "|".join(n for n in (normalize_header(x) for x in names) if n)
