"""`wa import`, `wa kandidat`, `wa latih` and `integritas`: WhatsApp intake and integrity flags from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from kinerja.cli.render import FORMATS, print_report, render
from kinerja.domain.access import admin_scope
from kinerja.domain.vocabulary import PEMILIK_WA
from kinerja.errors import KinerjaError
from kinerja.services.saran import train_classifier
from kinerja.services.settings import load_settings
from kinerja.services.triase import accept_suggestions
from kinerja.services.whatsapp import import_chat
from kinerja.views.integritas import integrity_report
from kinerja.views.kotak_masuk import candidate_table
from kinerja.views.reports import read_year

EXIT_REFUSED = 2


def cmd_wa_import(args: argparse.Namespace, engine: Engine) -> int:
    scope = admin_scope(args.user)
    refused = False
    for name in args.files:
        path = Path(name)
        label = f"berkas #{args.files.index(name) + 1} ({path.suffix or 'tanpa ekstensi'})"  # a chat's file name names people
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{label}: berkas tidak dapat dibuka ({exc.strerror})", file=sys.stderr)
            refused = True
            continue
        try:
            result = import_chat(engine, data, path.name, scope=scope, pemilik=args.pemilik, pemilik_unit=args.unit,
                                 pengirim_pemilik=args.pengirim_pemilik or (), urutan=args.tanggal)  # fmt: skip
        except KinerjaError as exc:
            print(
                f"{label}: {str(exc).removeprefix(path.name + ': ').removeprefix(path.name + ' · ')}",
                file=sys.stderr,
            )
            refused = True
            continue
        head = (
            f"{label}: unggahan chat #{result.unggahan_id}"
            if result.unggahan_id
            else f"{label}: tidak ada yang baru"
        )
        print(head)
        for line in result.lines():
            print(f"  {line}")
        if args.terima_saran and result.unggahan_id:
            report, left = accept_suggestions(engine, result.unggahan_id, scope=scope)
            if report is not None:
                print_report(report)
            if left:
                print(f"  {left} kandidat tanpa saran tujuan menunggu triase di Kotak Masuk WhatsApp")
    return EXIT_REFUSED if refused else 0


def cmd_wa_kandidat(args: argparse.Namespace, engine: Engine) -> int:
    frame = candidate_table(engine, args.unggahan, status=args.status)
    if frame.empty:
        print("belum ada kandidat pengaduan WhatsApp")
        return 0
    print(render(frame, args.format))
    return 0


def cmd_wa_latih(args: argparse.Namespace, engine: Engine) -> int:
    model = train_classifier(engine, scope=admin_scope(args.user))
    acc = "–" if model["akurasi"] is None else f"{model['akurasi'] * 100:.1f} %".replace(".", ",")
    print(
        f"pengklasifikasi dilatih pada {model['n']} pengaduan; akurasi pada {model['n_uji']} pengaduan uji: {acc}"
    )
    return 0


def cmd_integritas(args: argparse.Namespace, engine: Engine) -> int:
    pk, real, comp, units = read_year(engine, args.year)
    frame = integrity_report(
        pk, real, comp, units, args.year, args.month, load_settings(engine), sample=args.contoh
    )
    if frame.empty:
        print(f"tidak ada tanda integritas untuk {args.year} sampai bulan {args.month}")
        return 0
    print(render(frame, args.format))
    return 0


def add_arguments(sub: Any) -> None:
    """Register `wa …` and `integritas` on the CLI's subparsers."""
    p = sub.add_parser("wa", help="pengaduan dari ekspor chat WhatsApp (tanpa identitas)")
    wa = p.add_subparsers(dest="wa_command", required=True, metavar="AKSI", title="aksi")
    q = wa.add_parser("import", help="muat ekspor chat (.txt atau .zip) menjadi kandidat pengaduan")
    q.add_argument("files", nargs="+", metavar="BERKAS")
    q.add_argument(
        "--pemilik", required=True, choices=list(PEMILIK_WA), help="telepon siapa: posko, walikota, unit"
    )
    q.add_argument("--unit", help="unit pemilik telepon (untuk --pemilik unit)")
    q.add_argument("--pengirim-pemilik", dest="pengirim_pemilik", action="append", metavar="NAMA",
                   help="nama pengirim pihak pemilik seperti tertulis di ekspor (boleh berulang)")  # fmt: skip
    q.add_argument(
        "--tanggal", choices=["hari/bulan", "bulan/hari"], help="urutan tanggal bila tidak dapat ditentukan"
    )
    q.add_argument("--terima-saran", dest="terima_saran", action="store_true",
                   help="terima kandidat yang punya saran tujuan sebagai pengaduan (satu unggahan)")  # fmt: skip
    q.set_defaults(func=cmd_wa_import)
    q = wa.add_parser("kandidat", help="daftar kandidat pengaduan WhatsApp")
    q.add_argument("--unggahan", type=int, metavar="NOMOR", help="hanya kandidat dari unggahan chat ini")
    q.add_argument("--status", choices=["baru", "diterima", "dibuang", "digabung"], help="hanya status ini")
    q.add_argument("--format", choices=FORMATS, default="table")
    q.set_defaults(func=cmd_wa_kandidat)
    q = wa.add_parser("latih", help="latih ulang pengklasifikasi saran tujuan")
    q.set_defaults(func=cmd_wa_latih)
    p = sub.add_parser("integritas", help="tanda integritas: angka mana yang dapat dipercaya")
    p.add_argument("--year", type=int, required=True, help="tahun")
    p.add_argument(
        "--month", type=int, choices=range(1, 13), default=12, metavar="M", help="1–12 (bawaan 12)"
    )
    p.add_argument(
        "--contoh", type=int, default=5, metavar="N", help="nomor tiket contoh per tanda (bawaan 5)"
    )
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(func=cmd_integritas)
