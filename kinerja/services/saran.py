"""Suggestion aids the admin keeps: the keyword table (editable) and the classifier (retrained on request)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from kinerja.domain import vocabulary
from kinerja.domain.access import Scope, require_admin
from kinerja.domain.units import UnitResolver
from kinerja.errors import TriageError
from kinerja.ingest.whatsapp.classifier import MINIMAL_LATIH, train
from kinerja.ingest.whatsapp.saran import KATA_KUNCI_COLUMNS, KECAMATAN_TUJUAN, shipped_keywords
from kinerja.store import whatsapp as wa
from kinerja.store.audit import log_event
from kinerja.store.readers import read_pengaduan, read_units


def keyword_table(engine: Engine) -> pd.DataFrame:
    """The keyword table in force: the admin's, else the one shipped in data/kata_kunci.csv."""
    stored = wa.read_keywords(engine)
    return stored if stored is not None else shipped_keywords()


def save_keywords(engine: Engine, frame: pd.DataFrame | None, *, scope: Scope) -> int:
    """Replace the keyword table (None: back to the shipped one); every row checked first."""
    require_admin(scope, "Mengubah tabel kata kunci")
    resolver = UnitResolver(read_units(engine))
    rows = (
        pd.DataFrame(columns=KATA_KUNCI_COLUMNS)
        if frame is None
        else frame.reindex(columns=KATA_KUNCI_COLUMNS)
    )
    rows = rows.fillna("").astype(str).apply(lambda s: s.str.strip())
    rows = rows.reset_index(drop=True)
    rows = rows[(rows != "").any(axis=1)]  # blank rows are dropped; messages keep the table's row numbers
    problems = []
    for i, r in rows.iterrows():
        where = f"baris {int(i) + 1}"
        if not r["kata"] or not r["kategori"]:
            problems.append(f"{where}: kata dan kategori wajib diisi")
        if r["unit"] != KECAMATAN_TUJUAN:
            kode = resolver.find(r["unit"])
            if kode is None:
                hint = resolver.suggest(r["unit"])
                problems.append(f"{where}: unit '{r['unit']}' tidak dikenal" + (f" (maksud Anda: {hint}?)" if hint else "")
                                + f" (diharapkan: kode atau nama unit, atau {KECAMATAN_TUJUAN})")  # fmt: skip
            else:
                rows.at[i, "unit"] = kode
    if problems:
        raise TriageError("tabel kata kunci tidak disimpan: " + "; ".join(problems[:10]))
    rows = rows.reset_index(drop=True)
    with engine.begin() as conn:
        wa.replace_keywords(conn, rows)
        log_event(conn, scope.user, vocabulary.WA_KATA_KUNCI, {"baris": len(rows), "bawaan": frame is None})
    return len(rows)


def training_set(engine: Engine) -> pd.DataFrame:
    """Triaged complaints with a text and a destination (not archived): what the classifier learns from."""
    comp = read_pengaduan(engine)
    keep = comp["uraian"].notna() & comp["unit"].notna() & comp["status"].ne("arsip").fillna(True)
    return comp.loc[keep, ["uraian", "unit"]].reset_index(drop=True)


def train_classifier(engine: Engine, *, scope: Scope) -> dict[str, Any]:
    """Retrain the destination classifier on the stored complaints; its held-out accuracy is kept."""
    require_admin(scope, "Melatih pengklasifikasi")
    data = training_set(engine)
    if len(data) < MINIMAL_LATIH:
        raise TriageError(f"baru {len(data)} pengaduan bertujuan dengan uraian; pengklasifikasi dilatih setelah "
                          f"paling sedikit {MINIMAL_LATIH}")  # fmt: skip
    model = train(data["uraian"].tolist(), data["unit"].tolist())
    with engine.begin() as conn:
        wa.save_model(conn, model, scope.user or "admin")
        log_event(conn, scope.user, vocabulary.WA_LATIH, {"jumlah": model["n"], "akurasi": model["akurasi"]})
    return model


def classifier_info(engine: Engine) -> dict[str, Any] | None:
    """The stored classifier's figures (accuracy on the held-out part, size, when, by whom), or None."""
    model = wa.read_model(engine)
    if model is None:
        return None
    return {k: model.get(k) for k in ("akurasi", "n", "n_latih", "n_uji", "dilatih_pada", "dilatih_oleh")}
