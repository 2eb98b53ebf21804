"""CLI reports (scorecard, indicators, complaints): frames in, tables/CSV/JSON text out."""

from __future__ import annotations

import argparse
import io
import json
from datetime import date
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from kinerja import fmt
from kinerja.capaian import indicator_results, score_units
from kinerja.complaints import GROUP_BY, complaint_metrics
from kinerja.errors import KinerjaError
from kinerja.metrics import combined_realisasi
from kinerja.settings import Settings, load_settings

FORMATS = ("table", "csv", "json")
SCORECARD_COLUMNS = [
    "unit",
    "jenis",
    "indikator",
    "dilaporkan",
    "kelengkapan_pct",
    "nilai",
    "kategori",
]
INDICATOR_COLUMNS = [
    "unit", "kode", "indikator", "satuan", "polaritas", "akumulasi", "target_tahunan",
    "target_periode", "realisasi", "capaian_periode", "capaian_tahunan", "kategori",
]  # fmt: skip


class Rentang(NamedTuple):
    """A range target [lo, hi]; printed as `80-90` (DOMAIN §2.1)."""

    lo: float
    hi: float

    def text(self, dot: bool = True) -> str:
        return f"{fmt.ringkas(self.lo, dot=dot)}-{fmt.ringkas(self.hi, dot=dot)}"


def _target(lo: np.ndarray, hi: np.ndarray) -> list[Any]:
    return [
        np.nan if np.isnan(a) else (float(a) if a == b else Rentang(float(a), float(b)))
        for a, b in zip(lo, hi, strict=True)
    ]


def _results(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    complaints: pd.DataFrame | None,
    units: pd.DataFrame,
    year: int,
    month: int,
    settings: Settings,
) -> pd.DataFrame:
    real = combined_realisasi(pk, realisasi, complaints, year, settings)
    return indicator_results(pk, real, year, month, settings, units=units)


def scorecard_table(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    complaints: pd.DataFrame | None,
    units: pd.DataFrame,
    year: int,
    month: int = 12,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """`scorecard` output: units best first, units without realisasi last."""
    settings = settings or Settings()
    res = _results(pk, realisasi, complaints, units, year, month, settings)
    scores = score_units(res, units, settings)
    return scores.assign(unit=scores["nama"])[SCORECARD_COLUMNS]


def _pick_unit(res: pd.DataFrame, unit: str) -> pd.DataFrame:
    want = unit.strip().casefold()
    mask = (res["unit"].astype(str).str.casefold() == want) | (res["nama"].str.casefold() == want)
    if not mask.any():
        known = ", ".join(sorted(res["nama"].unique(), key=str.casefold)) or "(tidak ada)"
        raise KinerjaError(f"unit '{unit}' tidak punya PK tahun ini; unit yang ada: {known}")
    return res[mask]


def indicators_table(
    pk: pd.DataFrame,
    realisasi: pd.DataFrame,
    complaints: pd.DataFrame | None,
    units: pd.DataFrame,
    year: int,
    month: int = 12,
    settings: Settings | None = None,
    unit: str | None = None,
) -> pd.DataFrame:
    """`indicators` output: units by name, indicators in PK order; ranges print as `lo-hi`."""
    settings = settings or Settings()
    res = _results(pk, realisasi, complaints, units, year, month, settings)
    if unit:
        res = _pick_unit(res, unit)
    kode = res["kode_indikator"].where(
        res["kode_indikator"].notna() & (res["kode_indikator"].astype(str).str.strip() != ""),
        res["kunci"],
    )
    out = pd.DataFrame(
        {
            "unit": res["nama"],
            "kode": kode.astype(str),
            "indikator": res["indikator"],
            "satuan": res["satuan"],
            "polaritas": res["polaritas"],
            "akumulasi": res["akumulasi"],
            "target_tahunan": _target(res["target_min"].to_numpy(), res["target_max"].to_numpy()),
            "target_periode": _target(
                res["target_periode_min"].to_numpy(), res["target_periode_max"].to_numpy()
            ),
            "realisasi": res["realisasi"],
            "capaian_periode": res["capaian_periode"],
            "capaian_tahunan": res["capaian_tahunan"],
            "kategori": res["kategori"],
        }
    )
    return out[INDICATOR_COLUMNS].reset_index(drop=True)


def complaints_table(
    complaints: pd.DataFrame,
    units: pd.DataFrame | None,
    year: int,
    month: int | None = None,
    by: str = "unit",
    as_of: Any = None,
    settings: Settings | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """`complaints` output: the DOMAIN §3.1 frame (no total row)."""
    return complaint_metrics(
        complaints, year, month, by=by, as_of=as_of, settings=settings, units=units, today=today
    )


# --- rendering -----------------------------------------------------------------------------
def _kind(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s.dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(s.dtype):
        return "int"
    if pd.api.types.is_float_dtype(s.dtype):
        return "float"
    return "object"


def _cell(v: Any, kind: str, mode: str) -> Any:
    """One value as csv text, json value or table text."""
    blank = {"csv": "", "json": None, "table": fmt.STRIP}[mode]
    if isinstance(v, Rentang):
        return v.text(dot=mode != "table")
    if fmt.kosong(v):
        return blank
    if isinstance(v, bool | np.bool_):
        return bool(v) if mode == "json" else ("ya" if v else "tidak")
    if kind == "int" or isinstance(v, int | np.integer):
        return int(v) if mode == "json" else (fmt.bilangan(v) if mode == "table" else str(int(v)))
    if isinstance(v, float | np.floating):
        if mode == "json":
            return float(fmt.titik(v, 2))
        return fmt.titik(v, 2) if mode == "csv" else fmt.angka(v, 2)
    if isinstance(v, date):
        return v.isoformat() if mode != "table" else fmt.tanggal(v)
    return str(v)


def render(frame: pd.DataFrame, fmt_: str = "table") -> str:
    """Frame as `table` (people: Indonesian numbers, aligned), `csv` (dot decimal, 2 decimals,
    blank where undefined) or `json` (records, null where undefined, numbers rounded to 2)."""
    if fmt_ not in FORMATS:
        raise ValueError(f"format harus salah satu dari {', '.join(FORMATS)}")
    kinds = {c: _kind(frame[c]) for c in frame.columns}
    cols = {c: [_cell(v, kinds[c], fmt_) for v in frame[c].tolist()] for c in frame.columns}
    if fmt_ == "json":
        records = [dict(zip(cols, vals, strict=True)) for vals in zip(*cols.values(), strict=True)]
        if not len(frame):
            records = []
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt_ == "csv":
        buf = io.StringIO()
        pd.DataFrame(cols, columns=list(frame.columns)).to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue().rstrip("\n")
    widths = {c: max([len(str(c)), *(len(v) for v in cols[c])]) for c in frame.columns}

    def numeric(c: str) -> bool:
        if kinds[c] in ("int", "float"):
            return True
        return any(
            isinstance(v, Rentang) or (isinstance(v, float) and not np.isnan(v)) for v in frame[c].tolist()
        )

    align = {c: numeric(c) for c in frame.columns}

    def line(values: dict[str, str]) -> str:
        parts = [
            values[c].rjust(widths[c]) if align[c] else values[c].ljust(widths[c]) for c in frame.columns
        ]
        return "  ".join(parts).rstrip()

    header = line({c: str(c) for c in frame.columns})
    rule = "  ".join("-" * widths[c] for c in frame.columns)
    body = [line({c: cols[c][i] for c in frame.columns}) for i in range(len(frame))]
    return "\n".join([header, rule, *body])


# --- CLI wiring ----------------------------------------------------------------------------
def _read(engine: Any, year: int) -> tuple[pd.DataFrame, ...]:
    from kinerja import store  # lazy: the store is the shell's dependency, not the core's

    return (
        store.read_pk(engine, year),
        store.read_realisasi(engine, year),
        store.read_pengaduan(engine, year),
        store.read_units(engine),
    )


def _cmd_scorecard(args: argparse.Namespace, engine: Any) -> int:
    pk, real, comp, units = _read(engine, args.year)
    frame = scorecard_table(pk, real, comp, units, args.year, args.month, load_settings(engine))
    print(render(frame, args.format))
    return 0


def _cmd_indicators(args: argparse.Namespace, engine: Any) -> int:
    pk, real, comp, units = _read(engine, args.year)
    frame = indicators_table(
        pk, real, comp, units, args.year, args.month, load_settings(engine), unit=args.unit
    )
    print(render(frame, args.format))
    return 0


def _cmd_complaints(args: argparse.Namespace, engine: Any) -> int:
    from kinerja import store

    comp, units = store.read_pengaduan(engine, args.year), store.read_units(engine)
    frame = complaints_table(comp, units, args.year, args.month, args.by, args.as_of, load_settings(engine))
    print(render(frame, args.format))
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"tanggal harus YYYY-MM-DD, bukan '{text}'") from exc


def add_arguments(subparsers: Any) -> None:
    """Register `scorecard`, `indicators` and `complaints`; each sets func(args, engine) -> int."""
    months = range(1, 13)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--year", type=int, required=True, help="tahun PK / pengaduan")
        p.add_argument("--format", choices=FORMATS, default="table", help="default: table")

    p = subparsers.add_parser("scorecard", help="nilai dan kategori per unit (terbaik dulu)")
    common(p)
    p.add_argument("--month", type=int, choices=months, default=12, metavar="M", help="1–12")
    p.set_defaults(func=_cmd_scorecard)

    p = subparsers.add_parser("indicators", help="capaian per indikator PK")
    common(p)
    p.add_argument("--month", type=int, choices=months, default=12, metavar="M", help="1–12")
    p.add_argument("--unit", help="kode atau nama unit")
    p.set_defaults(func=_cmd_indicators)

    p = subparsers.add_parser("complaints", help="kinerja layanan pengaduan per kelompok")
    common(p)
    p.add_argument("--month", type=int, choices=months, default=None, metavar="M")
    p.add_argument("--by", choices=GROUP_BY, default="unit")
    p.add_argument("--as-of", dest="as_of", type=_iso_date, default=None, metavar="YYYY-MM-DD")
    p.set_defaults(func=_cmd_complaints)
