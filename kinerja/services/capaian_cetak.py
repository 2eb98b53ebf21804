"""A Capaian a file prints beside its Realisasi, checked against Kinerja's own (issue 12 §2).

The printed value is never stored; where it differs from Kinerja's capaian of the same row
(realisasi against the annual target, with the indicator's polaritas) by more than 0,01 the
report carries a notice naming both, so a wrong formula in the office's sheet is seen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.ingest.files import Parsed
from kinerja.metrics.capaian import capaian
from kinerja.views.fmt import ringkas

TOLERANCE = 0.01
KEY = ["unit", "tahun", "kunci"]
PK_PART = [*KEY, "indikator", "target_min", "target_max", "polaritas"]


def printed_capaian_notices(parsed: Parsed, stored_pk: pd.DataFrame | None = None) -> int:
    """Add a notice for each printed Capaian that differs from Kinerja's; returns how many."""
    printed = parsed.printed
    if printed is None or printed.empty:
        return 0
    parts = [parsed.batch.pk[PK_PART].copy()] if len(parsed.batch.pk) else []
    if stored_pk is not None and len(stored_pk):
        parts.append(stored_pk.reindex(columns=PK_PART).copy())
    if not parts:
        return 0
    for part in parts:
        part.attrs = {}  # a PK's new units ride in attrs; they are not compared here
    pk = pd.concat(parts, ignore_index=True).drop_duplicates(KEY, keep="first")
    pk = pk.astype({"tahun": "int64"})
    rows = printed.astype({"tahun": "int64"}).merge(pk, on=KEY, how="inner")
    ours = capaian(
        rows["realisasi"].astype("float64"), rows["target_min"].astype("float64"),
        rows["target_max"].astype("float64"), rows["polaritas"].fillna("positif").to_numpy(dtype=object),
    )  # fmt: skip
    theirs = rows["capaian_tercetak"].astype("float64").to_numpy()
    differs = np.abs(ours - theirs) > TOLERANCE
    labels = {raw.name: raw.labels for raw in parsed.raw.values()}
    for i in np.flatnonzero(differs):
        r = rows.iloc[i]
        target = (
            ringkas(r["target_min"])
            if r["target_min"] == r["target_max"]
            else (f"{ringkas(r['target_min'])}-{ringkas(r['target_max'])}")
        )
        parsed.report.notice(
            f"Capaian tercetak {ringkas(theirs[i])} berbeda dengan capaian Kinerja {ringkas(ours[i])} untuk "
            f"indikator '{r['indikator']}' (realisasi {ringkas(r['realisasi'])}, target {target}, polaritas "
            f"{r['polaritas']}); yang disimpan realisasinya, capaian dihitung Kinerja",
            sheet=r["_sheet"], row=int(r["_baris"]), column=labels.get(r["_sheet"], {}).get("capaian", "Capaian"),
        )  # fmt: skip
    return int(differs.sum())
