"""`scorecard`, `indicators` and `complaints`: the metrics from the command line."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from kinerja.cli.render import FORMATS, render
from kinerja.errors import KinerjaError
from kinerja.metrics.kelompok import GROUP_BY
from kinerja.services.settings import load_settings
from kinerja.store.readers import read_pengaduan, read_units
from kinerja.views.reports import complaints_table, indicators_table, read_year, scorecard_table
from kinerja.views.year import load_year


def _cmd_scorecard(args: argparse.Namespace, engine: Any) -> int:
    pk, real, comp, units = read_year(engine, args.year)
    frame = scorecard_table(pk, real, comp, units, args.year, args.month, load_settings(engine))
    print(render(frame, args.format))
    return 0


def _cmd_indicators(args: argparse.Namespace, engine: Any) -> int:
    pk, real, comp, units = read_year(engine, args.year)
    frame = indicators_table(
        pk, real, comp, units, args.year, args.month, load_settings(engine), unit=args.unit
    )
    print(render(frame, args.format))
    return 0


def _cmd_complaints(args: argparse.Namespace, engine: Any) -> int:
    comp, units = read_pengaduan(engine, args.year), read_units(engine)
    frame = complaints_table(comp, units, args.year, args.month, args.by, args.as_of, load_settings(engine))
    print(render(frame, args.format))
    return 0


def _cmd_paket(args: argparse.Namespace, engine: Any) -> int:
    data = load_year(engine, args.year, load_settings(engine))
    if data.pk.empty:
        raise KinerjaError(f"belum ada Perjanjian Kinerja tahun {args.year}: paket rapat tidak dapat dibuat")
    from kinerja.exports.paket import meeting_pack  # fpdf: loaded by this command only, not by `import`

    pdf = meeting_pack(data, args.month)
    try:
        Path(args.output).write_bytes(pdf)
    except OSError as exc:
        raise KinerjaError(f"tidak dapat menulis {args.output}: {exc.strerror or exc}") from exc
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    print(f"{args.output}: Paket Rapat Evaluasi {args.year} s.d. bulan {args.month}, {pages} halaman")
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

    p = subparsers.add_parser("paket", help="Paket Rapat Evaluasi (PDF A4 lanskap) sampai bulan M")
    p.add_argument("--year", type=int, required=True, help="tahun PK")
    p.add_argument("--month", type=int, choices=months, default=12, metavar="M", help="1–12")
    p.add_argument("-o", "--output", default="paket.pdf", metavar="BERKAS", help="bawaan: paket.pdf")
    p.set_defaults(func=_cmd_paket)

    p = subparsers.add_parser("complaints", help="kinerja layanan pengaduan per kelompok")
    common(p)
    p.add_argument("--month", type=int, choices=months, default=None, metavar="M")
    p.add_argument("--by", choices=GROUP_BY, default="unit")
    p.add_argument("--as-of", dest="as_of", type=_iso_date, default=None, metavar="YYYY-MM-DD")
    p.set_defaults(func=_cmd_complaints)
