"""Command line: `python -m kinerja [--db URL] COMMAND` for admins, scripts and tests."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine

from kinerja import schema, store
from kinerja.errors import KinerjaError
from kinerja.report import ImportReport

EXIT_REFUSED = 2


def print_report(report: ImportReport, out=sys.stdout, err=sys.stderr) -> None:
    """Problems one per line on stderr; the summary (counts, notices) on stdout."""
    for problem in report.errors:
        print(problem.line(), file=err)
    state = "disimpan" if report.stored else "DITOLAK, tidak ada yang disimpan"
    if report.stored and report.skipped_rows:
        state = f"disimpan sebagian ({report.skipped_rows} baris dilewati)"
    upload = f" (unggahan #{report.upload_id})" if report.upload_id else ""
    print(f"{report.file}: {state}{upload}", file=out)
    for c in report.counts:
        removed = f", {c.removed} dihapus" if c.removed else ""
        print(
            f"  {c.sheet} [{schema.KIND_LABEL.get(c.kind, c.kind)}]: {c.added} baru, {c.updated} diperbarui, "
            f"{c.unchanged} tetap{removed}",
            file=out,
        )
    for problem in report.notices:
        print(
            f"  catatan: {problem.line().removeprefix(report.file + ' · ').removeprefix(report.file + ': ')}",
            file=out,
        )
    if report.errors:
        print(f"  {len(report.errors)} masalah (lihat stderr)", file=out)


def cmd_import(args: argparse.Namespace, engine: Engine) -> int:
    from kinerja.importer import import_file

    refused = False
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{name}: berkas tidak dapat dibuka ({exc.strerror})", file=sys.stderr)
            refused = True
            continue
        try:
            report = import_file(engine, data, path.name, user=args.user, partial=args.sebagian)
        except KinerjaError:
            raise
        except Exception as exc:  # a bug must not show a traceback to the admin; nothing was stored
            print(
                f"{path.name}: galat tak terduga, tidak ada yang disimpan ({type(exc).__name__}: {exc})",
                file=sys.stderr,
            )
            refused = True
            continue
        print_report(report)
        refused |= not report.stored
    return EXIT_REFUSED if refused else 0


def cmd_export(args: argparse.Namespace, engine: Engine) -> int:
    from kinerja.templates import write_export

    write_export(
        args.file,
        units=store.read_units(engine),
        pk=store.read_pk(engine),
        realisasi=store.read_realisasi(engine),
        pengaduan=store.read_pengaduan(engine),
    )
    print(f"data diekspor ke {args.file}")
    return 0


def cmd_template(args: argparse.Namespace, engine: Engine) -> int:
    from kinerja.templates import write_template
    from kinerja.units import UnitResolver

    indicators = None
    unit_name = None
    if args.kind == schema.REALISASI and args.unit:
        resolver = UnitResolver(store.read_units(engine))
        kode = resolver.find(args.unit)
        if kode is None:
            raise KinerjaError(f"unit '{args.unit}' tidak dikenal")
        if args.year is None:
            raise KinerjaError("--year wajib bersama --unit untuk templat realisasi")
        indicators = store.read_pk(engine, tahun=args.year, unit=kode)
        if indicators.empty:
            raise KinerjaError(f"belum ada PK {resolver.name(kode)} tahun {args.year}")
        unit_name = resolver.name(kode)
    write_template(args.kind, args.output, unit=unit_name, year=args.year, indicators=indicators)
    print(f"templat {args.kind} ditulis ke {args.output}")
    return 0


def cmd_uploads(args: argparse.Namespace, engine: Engine) -> int:
    frame = store.list_uploads(engine)
    if frame.empty:
        print("belum ada unggahan")
        return 0
    print(frame.to_string(index=False))
    return 0


def cmd_rollback(args: argparse.Namespace, engine: Engine) -> int:
    counts = store.rollback_upload(engine, args.upload_id, args.user)
    restored = ", ".join(f"{k}: {v}" for k, v in counts.items())
    print(f"unggahan #{args.upload_id} dibatalkan ({restored})")
    return 0


def cmd_demo(args: argparse.Namespace, engine: Engine) -> int:
    from kinerja.demo import load_demo

    reports = load_demo(engine, Path(args.dir) if args.dir else None)
    for report in reports:
        print_report(report)
    return 0 if all(r.stored for r in reports) else EXIT_REFUSED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kinerja", description="Kinerja — PK dan pengaduan Kota Kupang"
    )
    parser.add_argument(
        "--db", help="URL basis data SQLAlchemy (bawaan: KINERJA_DB_URL atau data/kinerja.db)"
    )
    parser.add_argument("--user", default="admin", help="nama pengguna yang dicatat pada unggahan")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    p = sub.add_parser("import", help="muat berkas .xlsx (satu transaksi per berkas)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--sebagian", action="store_true", help="simpan baris yang valid dari berkas yang bermasalah"
    )
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="ekspor semua data ke satu workbook kanonik")
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("template", help="templat kosong (realisasi: terisi indikator unit)")
    p.add_argument("kind", choices=[schema.PK, schema.REALISASI, schema.PENGADUAN])
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--unit")
    p.add_argument("--year", type=int)
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("uploads", help="riwayat unggahan")
    p.set_defaults(func=cmd_uploads)
    p = sub.add_parser("rollback", help="batalkan satu unggahan")
    p.add_argument("upload_id", type=int, metavar="UPLOAD_ID")
    p.set_defaults(func=cmd_rollback)
    p = sub.add_parser("demo", help="muat data contoh Kota Kupang 2018")
    p.add_argument("--dir", help="folder tujuan berkas demo (bawaan: data/demo)")
    p.set_defaults(func=cmd_demo)
    try:
        from kinerja import reports_cli

        reports_cli.add_arguments(sub)
    except ImportError:  # pragma: no cover - metrics module not present
        pass
    from kinerja import users_cli

    users_cli.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        engine = store.connect(args.db)
        return int(args.func(args, engine) or 0)
    except KinerjaError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_REFUSED
