"""Data commands: import, export, template, uploads, rollback, demo, setting and db — all through services."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from kinerja.cli.render import print_report, printable, render, store_progress
from kinerja.domain import schema, vocabulary
from kinerja.domain.access import admin_scope
from kinerja.domain.units import UnitResolver
from kinerja.errors import KinerjaError, UnknownUnit
from kinerja.exports.export import write_export
from kinerja.exports.templates import write_template
from kinerja.ingest.filelevel import FileOptions
from kinerja.services.importer import import_file
from kinerja.services.settings import list_settings, set_settings
from kinerja.services.uploads import rollback_upload
from kinerja.store import engine as store_engine
from kinerja.store import revision
from kinerja.store.readers import read_pengaduan, read_pk, read_realisasi, read_units
from kinerja.views.history import upload_history

EXIT_REFUSED = 2


def file_options(args: argparse.Namespace) -> FileOptions:
    """Unit, year and period for what the files do not say, and a mapping profile (issue 12)."""
    if args.triwulan is not None and args.bulan is not None:
        raise KinerjaError("pilih salah satu: --triwulan atau --bulan")
    if args.tahun is not None and not 2000 <= args.tahun <= 2100:
        raise KinerjaError(f"--tahun {args.tahun} bukan tahun yang sah (diharapkan: 2000–2100)")
    bulan = 3 * args.triwulan if args.triwulan is not None else args.bulan
    return FileOptions(unit=args.unit, tahun=args.tahun, bulan=bulan, profil=args.profil)


def cmd_import(args: argparse.Namespace, engine: Engine) -> int:
    refused = False
    scope = admin_scope(args.user)
    options = file_options(args)
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(printable(f"{name}: berkas tidak dapat dibuka ({exc.strerror})"), file=sys.stderr)
            refused = True
            continue
        try:
            progress = store_progress(path.name)
            report = import_file(
                engine, data, path.name, scope=scope, partial=args.sebagian, options=options, progress=progress,
                remove_indicators=args.hapus_indikator, on_wait=waiting(path.name),
            )  # fmt: skip
        except KinerjaError:
            raise
        except Exception as exc:  # a bug must not show a traceback to the admin; nothing was stored
            print(
                printable(
                    f"{path.name}: galat tak terduga, tidak ada yang disimpan ({type(exc).__name__}: {exc})"
                ),
                file=sys.stderr,
            )
            refused = True
            continue
        print_report(report)
        refused |= not report.stored
    return EXIT_REFUSED if refused else 0


def cmd_export(args: argparse.Namespace, engine: Engine) -> int:
    write_export(
        args.file,
        units=read_units(engine),
        pk=read_pk(engine),
        realisasi=read_realisasi(engine),
        pengaduan=read_pengaduan(engine),
    )
    print(f"data diekspor ke {args.file}")
    return 0


def cmd_template(args: argparse.Namespace, engine: Engine) -> int:
    indicators = stored = None
    unit_name = None
    if args.kind == schema.REALISASI and args.unit:
        resolver = UnitResolver(read_units(engine))
        kode = resolver.find(args.unit)
        if kode is None:
            raise UnknownUnit(args.unit, resolver.suggest(args.unit))
        if args.year is None:
            raise KinerjaError("--year wajib bersama --unit untuk templat realisasi")
        indicators = read_pk(engine, tahun=args.year, unit=kode)
        if indicators.empty:
            raise KinerjaError(f"belum ada PK {resolver.name(kode)} tahun {args.year}")
        unit_name = resolver.name(kode)
        real = read_realisasi(engine, tahun=args.year)
        stored = real[real["unit"].astype(str) == kode]
    write_template(
        args.kind, args.output, unit=unit_name, year=args.year, indicators=indicators, stored=stored
    )
    print(f"templat {args.kind} ditulis ke {args.output}")
    return 0


def cmd_uploads(args: argparse.Namespace, engine: Engine) -> int:
    frame = upload_history(engine)
    if frame.empty:
        print("belum ada unggahan")
        return 0
    print(render(frame.drop(columns=["SHA-256"]), "table"))
    return 0


def waiting(what: str) -> Callable[[], None]:
    """Say once on stderr that a writer waits for another (kinerja.store.writer)."""

    def _say() -> None:
        print(printable(f"{what}: {vocabulary.MENUNGGU_PENULIS}"), file=sys.stderr, flush=True)

    return _say


def cmd_rollback(args: argparse.Namespace, engine: Engine) -> int:
    on_wait = waiting(f"pembatalan #{args.upload_id}")
    counts = rollback_upload(engine, args.upload_id, scope=admin_scope(args.user), on_wait=on_wait)
    restored = ", ".join(f"{k}: {v}" for k, v in counts.items())
    print(f"unggahan #{args.upload_id} dibatalkan ({restored})")
    return 0


def cmd_demo(args: argparse.Namespace, engine: Engine) -> int:
    from kinerja.demo.load import load_demo  # the demo's workbook writer only for this command

    reports = load_demo(engine, Path(args.dir) if args.dir else None)
    for report in reports:
        print_report(report)
    return 0 if all(r.stored for r in reports) else EXIT_REFUSED


def cmd_setting_list(args: argparse.Namespace, engine: Engine) -> int:
    for key, label, value, _help in list_settings(engine):
        print(f"{key} = {value}    # {label}")
    return 0


def cmd_setting_set(args: argparse.Namespace, engine: Engine) -> int:
    set_settings(engine, {args.key: args.value}, scope=admin_scope(args.user))
    value = next(text for key, _, text, _ in list_settings(engine) if key == args.key)
    print(f"{args.key} = {value} (disimpan; tercatat di log audit)")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    engine = store_engine.open_engine(args.db, create=True)
    try:
        before, after = store_engine.upgrade(engine)
    finally:
        engine.dispose()
    if before == after:
        print(f"basis data sudah pada revisi terbaru ({after})")
    else:
        print(f"basis data dinaikkan dari revisi {before or '(kosong)'} ke {after}")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    engine = store_engine.open_engine(args.db)
    try:
        with engine.connect() as conn:
            at = revision.current(conn)
    finally:
        engine.dispose()
    head = revision.head()
    state = "terbaru" if at == head else "perlu `db upgrade`"
    print(f"revisi basis data: {at or '(kosong)'} · revisi aplikasi: {head} · {state}")
    return 0 if at == head else EXIT_REFUSED


def add_arguments(sub: Any) -> None:
    """Register the data commands on the CLI's subparsers."""
    p = sub.add_parser("import", help="muat berkas .xlsx/.csv (satu transaksi per berkas)")
    p.add_argument("files", nargs="+", metavar="BERKAS")
    p.add_argument(
        "--sebagian", action="store_true", help="simpan baris yang valid dari berkas yang bermasalah"
    )
    p.add_argument(
        "--hapus-indikator", dest="hapus_indikator", action="store_true",
        help="izinkan PK yang tidak lagi memuat indikator lama menghapus indikator itu beserta realisasinya",
    )  # fmt: skip
    p.add_argument("--unit", help="unit untuk baris yang tidak menyebutnya (kode, nama atau alias)")
    p.add_argument("--tahun", type=int, metavar="TAHUN", help="tahun untuk baris yang tidak menyebutnya")
    p.add_argument("--triwulan", type=int, choices=range(1, 5), metavar="1-4", help="triwulan realisasi")
    p.add_argument("--bulan", type=int, choices=range(1, 13), metavar="1-12", help="bulan realisasi")
    p.add_argument(
        "--profil", metavar="NAMA", help="profil pemetaan kolom yang dipakai (lihat `profil list`)"
    )
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="ekspor semua data ke satu workbook kanonik")
    p.add_argument("file", metavar="BERKAS.xlsx")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("template", help="templat kosong (realisasi: terisi indikator unit)")
    p.add_argument("kind", choices=[schema.PK, schema.REALISASI, schema.PENGADUAN], metavar="JENIS",
                   help="pk, realisasi atau pengaduan")  # fmt: skip
    p.add_argument("-o", "--output", required=True, metavar="BERKAS", help="berkas .xlsx tujuan")
    p.add_argument("--unit", help="unit (kode, nama atau alias) untuk templat realisasi terisi")
    p.add_argument("--year", type=int, metavar="TAHUN", help="tahun PK untuk templat realisasi terisi")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("uploads", help="riwayat unggahan (waktu WITA)")
    p.set_defaults(func=cmd_uploads)
    p = sub.add_parser("rollback", help="batalkan satu unggahan (tercatat di log audit)")
    p.add_argument("upload_id", type=int, metavar="NOMOR")
    p.set_defaults(func=cmd_rollback)
    p = sub.add_parser("demo", help="muat data contoh Kota Kupang 2018")
    p.add_argument("--dir", metavar="FOLDER", help="folder tujuan berkas demo (bawaan: data/demo)")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("setting", help="lihat atau ubah pengaturan (admin; tercatat di log audit)")
    settings = p.add_subparsers(dest="setting_command", required=True, metavar="AKSI", title="aksi")
    q = settings.add_parser("list", help="semua pengaturan dan nilainya")
    q.set_defaults(func=cmd_setting_list)
    q = settings.add_parser("set", help="ubah satu pengaturan, mis. setting set sla_respon_hk 5")
    q.add_argument("key", metavar="KUNCI")
    q.add_argument("value", metavar="NILAI")
    q.set_defaults(func=cmd_setting_set)
    p = sub.add_parser("db", help="skema basis data (Alembic)")
    db = p.add_subparsers(dest="db_command", required=True, metavar="AKSI", title="aksi")
    q = db.add_parser("upgrade", help="buat atau naikkan basis data ke revisi terbaru")
    q.set_defaults(func=cmd_db_upgrade, needs_engine=False)
    q = db.add_parser("status", help="revisi basis data dibanding revisi aplikasi")
    q.set_defaults(func=cmd_db_status, needs_engine=False)
