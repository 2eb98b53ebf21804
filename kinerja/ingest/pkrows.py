"""PK rows as real forms print them: group headings, indicators without a target, Rencana Aksi (issue 12 §2)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from kinerja.ingest.cells.arrow import is_blank
from kinerja.ingest.layout import RawSheet
from kinerja.ingest.reader import SheetReader
from kinerja.ingest.report import ImportReport

CONTINUED = ("unit", "tahun", "sasaran")  # DOMAIN §4: a blank one continues the value above


def row_list(rows: list[int]) -> str:
    """`11–12, 91, 96`: Excel rows as short ranges."""
    parts: list[str] = []
    for r in sorted(rows):
        if parts and parts[-1].split("–")[-1] == str(r - 1):
            parts[-1] = f"{parts[-1].split('–')[0]}–{r}"
        else:
            parts.append(str(r))
    return ", ".join(parts)


def _blank(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.ones(len(frame), dtype=bool)
    return is_blank(frame[name]).to_numpy(dtype=bool)


def prepare_pk(raw: RawSheet, report: ImportReport) -> RawSheet:
    """Leave out group headings (no Indikator, no Satuan: an urusan or program line) and, in a sheet
    that also carries realisasi, indicators with neither a target nor any realisasi this year."""
    frame = raw.frame
    if "indikator" not in frame or not len(frame):
        return raw
    indicator = _blank(frame, "indikator").copy()
    if "_indikator_gabungan" in frame:  # a heading merged across from the program column is not an indicator
        indicator |= frame["_indikator_gabungan"].to_numpy(dtype=bool)
    heading = indicator & _blank(frame, "satuan")
    empty = np.zeros(len(frame), dtype=bool)
    if raw.combined:
        empty = ~heading & _blank(frame, "target")
        for name in ("tw1", "tw2", "tw3", "tw4", "realisasi", *raw.wide):
            empty &= _blank(frame, name)
    drop = heading | empty
    if not drop.any():
        return raw
    frame = frame.copy()
    for name in CONTINUED:  # a heading's unit, year or sasaran still continues into the rows below
        if name in frame:
            column = frame[name].astype(object)
            frame[name] = column.mask(pd.Series(_blank(frame, name), index=frame.index)).ffill()
    rows = frame["_baris"].to_numpy()
    if heading.any():
        report.notice(
            f"{int(heading.sum())} baris judul kelompok (tanpa Indikator Kinerja dan Satuan) dilewati: "
            f"baris {row_list(list(rows[heading]))}",
            sheet=raw.name,
        )
    if empty.any():
        report.notice(
            f"{int(empty.sum())} indikator tanpa Target maupun Realisasi tahun ini dilewati: "
            f"baris {row_list(list(rows[empty]))}",
            sheet=raw.name,
        )
    keep = ~drop
    percent = raw.percent.loc[keep].reset_index(drop=True) if raw.percent is not None else None
    return replace(raw, frame=frame.loc[keep].reset_index(drop=True), percent=percent)


def needed_columns(r: SheetReader) -> list[str]:
    """PK columns the sheet must have. A Rencana Aksi with only TW I–IV targets has no annual Target;
    Satuan and Sasaran may be missing (a notice says so) — issue 12 §2."""
    needed = ["unit", "tahun", "indikator"]
    needed.append("target" if r.has("target") or not r.has("tw4") else "tw4")
    for name, label in (("sasaran", "Sasaran Strategis"), ("satuan", "Satuan")):
        if r.has(name):
            needed.append(name)
        elif r.has("indikator"):
            r.report.notice(
                f"kolom {label} tidak ada; indikator disimpan tanpa {label.lower()}", sheet=r.raw.name
            )
    return needed


def target_from_tw4(r: SheetReader, out: pd.DataFrame) -> None:
    """No Target column: the annual target is TW IV for kumulatif and akhir indicators."""
    if r.has("target") or "tw4" not in out:
        return
    usable = out["akumulasi"].isin(["kumulatif", "akhir"]) & out["tw4"].notna()
    out.loc[usable, "target"] = out.loc[usable, "tw4"].map(lambda v: f"{v:g}")
    out.loc[usable, "target_min"] = out.loc[usable, "tw4"]
    out.loc[usable, "target_max"] = out.loc[usable, "tw4"]
    mean = out["akumulasi"].eq("rata_rata") & out["tw4"].notna()
    r.flag("tw4", pd.Series(mean.to_numpy(), index=r.frame.index), "Target tahunan tidak ada untuk indikator "
           "rata-rata", "kolom Target: TW IV menggantikan target tahunan hanya untuk indikator kumulatif dan akhir")  # fmt: skip
    r.report.notice("kolom Target tidak ada: target tahunan = Target TW IV", sheet=r.raw.name)
