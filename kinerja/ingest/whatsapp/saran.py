"""Suggestions for a candidate, each with its reason: wilayah in the text, the keyword table, the classifier."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kinerja import paths
from kinerja.domain.text import normalize_text
from kinerja.domain.units import UnitResolver
from kinerja.ingest.whatsapp.classifier import predict
from kinerja.ingest.wilayah import Wilayah

KECAMATAN_TUJUAN = "(kecamatan)"  # keyword table: the camat of the kecamatan the text names
KATA_KUNCI_COLUMNS = ["kata", "kategori", "unit"]
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass
class Saran:
    """Suggested kelurahan, kecamatan, kategori and destination unit (kode), and why."""

    kelurahan: str | None = None
    kecamatan: str | None = None
    kategori: str | None = None
    unit: str | None = None
    alasan: list[str] = field(default_factory=list)
    sumber_unit: str | None = None  # "kata kunci" | "pengklasifikasi"


def shipped_keywords() -> pd.DataFrame:
    """The keyword table shipped in data/kata_kunci.csv (the admin may replace it)."""
    return pd.read_csv(paths.KATA_KUNCI_CSV, dtype=str, keep_default_na=False)[KATA_KUNCI_COLUMNS]


def _ngrams(words: list[str], n: int = 3) -> list[tuple[int, int, str]]:
    return [(i, k, " ".join(words[i : i + k])) for k in range(n, 0, -1) for i in range(len(words) - k + 1)]


def find_wilayah(text: str, wil: Wilayah) -> tuple[str | None, str | None, str | None]:
    """(kelurahan, kecamatan, the words found) named in a text, longest spelling first; after
    `Kec.`/`Kecamatan` a name is the kecamatan (Oebobo is both)."""
    words = _WORD.findall(normalize_text(text))
    for i, _, gram in _ngrams(words, 2):
        if i > 0 and words[i - 1] in ("kec", "kecamatan"):
            kec = wil.find_kecamatan(gram)
            if kec:
                return None, kec, f"{words[i - 1]} {gram}"
    for _, _, gram in _ngrams(words):
        kel = wil.find_kelurahan(gram)
        if kel:
            return kel, wil.kecamatan_of(kel), gram
    return None, None, None


class KeywordTable:
    """The keyword table compiled: phrase → (kategori, unit); a longer phrase weighs more."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.rows: list[tuple[re.Pattern[str], str, str, str, int]] = []
        for r in frame.fillna("").itertuples(index=False):
            for phrase in str(r.kata).split("|"):
                p = normalize_text(phrase)
                if p:
                    pattern = re.compile(rf"(?<!\w){re.escape(p)}")
                    self.rows.append(
                        (
                            pattern,
                            phrase.strip(),
                            str(r.kategori).strip(),
                            str(r.unit).strip(),
                            len(p.split()),
                        )
                    )

    def match(self, text: str) -> tuple[str, str, list[str]] | None:
        """(kategori, unit, the phrases found) with the highest weight; ties keep the table's order."""
        norm = normalize_text(text)
        scores: dict[tuple[str, str], tuple[int, list[str]]] = {}
        for pattern, phrase, kategori, unit, weight in self.rows:
            if pattern.search(norm):
                score, found = scores.get((kategori, unit), (0, []))
                scores[(kategori, unit)] = (score + weight, [*found, phrase])
        if not scores:
            return None
        (kategori, unit), (_, found) = max(scores.items(), key=lambda kv: kv[1][0])
        return kategori, unit, found


def _unit_for(code: str, kecamatan: str | None, resolver: UnitResolver) -> str | None:
    if code == KECAMATAN_TUJUAN:
        return resolver.kecamatan_unit(kecamatan) if kecamatan else None
    return resolver.find(code)


def suggest(
    texts: Sequence[str],
    keywords: pd.DataFrame,
    units: pd.DataFrame,
    model: dict[str, Any] | None = None,
) -> list[Saran]:
    """One Saran per text: wilayah from the reference list, kategori/unit from the keyword table,
    and the unit from the classifier when one is trained (it overrides the table, with its reason)."""
    wil, table, resolver = Wilayah.load(), KeywordTable(keywords), UnitResolver(units)
    predicted = predict(model, list(texts)) if model else [None] * len(texts)
    out = []
    for text, pred in zip(texts, predicted, strict=True):
        s = Saran()
        s.kelurahan, s.kecamatan, found = find_wilayah(text or "", wil)
        if found:
            where = f"kelurahan {s.kelurahan}" if s.kelurahan else f"Kecamatan {s.kecamatan}"
            s.alasan.append(f"{where}: kata '{found}' dalam teks (daftar wilayah dan ejaannya)")
        hit = table.match(text or "")
        if hit:
            s.kategori, code, phrases = hit
            s.unit = _unit_for(code, s.kecamatan, resolver)
            quoted = ", ".join(f"'{p}'" for p in phrases[:4])
            target = (
                resolver.name(s.unit)
                if s.unit
                else "camat (kecamatan belum diketahui)"
                if code == KECAMATAN_TUJUAN
                else code
            )
            s.alasan.append(f"kategori {s.kategori} dan tujuan {target}: kata kunci {quoted}")
            s.sumber_unit = "kata kunci"
        if pred is not None:
            label, prob = pred
            unit = _unit_for(label, s.kecamatan, resolver)
            if unit is not None:
                accuracy = model.get("akurasi") if model else None
                acc = f", akurasi uji {accuracy * 100:.0f} %" if accuracy is not None else ""
                s.unit, s.sumber_unit = unit, "pengklasifikasi"
                s.alasan.append(
                    f"tujuan {resolver.name(unit)}: pengklasifikasi teks (yakin {prob * 100:.0f} %{acc})"
                )
        out.append(s)
    return out
