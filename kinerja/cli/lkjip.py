"""`lkjip`: the LKjIP tables of one unit and year, printed or written as FILE.xlsx and FILE.docx (issue 11)."""

from __future__ import annotations

import argparse
from typing import Any

from kinerja.cli.render import FORMATS, render
from kinerja.services.settings import load_settings
from kinerja.views.lkjip import build_lkjip, read_frames


def _cmd_lkjip(args: argparse.Namespace, engine: Any) -> int:
    from kinerja.exports.lkjip import sections, write_lkjip  # python-docx: for this command only

    report = build_lkjip(read_frames(engine, args.year), args.unit, args.year, load_settings(engine))
    if args.output:
        for path in write_lkjip(report, args.output):
            print(f"ditulis: {path}")
        return 0
    for heading, frame, notes in sections(report):
        print(heading)
        print(render(frame, args.format))
        for note in notes:
            print(f"  {note}")
        print()
    return 0


def add_arguments(subparsers: Any) -> None:
    """Register `lkjip`; it sets func(args, engine) -> int."""
    p = subparsers.add_parser(
        "lkjip",
        help="tabel LKjIP Bab III satu unit: pengukuran kinerja (dengan tahun-tahun sebelumnya dan "
        "target Renstra), capaian per sasaran, anggaran",
    )
    p.add_argument("--unit", required=True, help="kode atau nama unit")
    p.add_argument("--year", type=int, required=True, help="tahun PK")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="tulis FILE.xlsx dan FILE.docx (tanpa -o: cetak tabelnya)"
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="tanpa -o; default: table")
    p.set_defaults(func=_cmd_lkjip)
