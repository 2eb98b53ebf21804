"""`python -m kinerja user …`: add, list, disable, enable and reset accounts; passwords never on argv."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from sqlalchemy.engine import Engine

from kinerja import auth
from kinerja.access import ROLES
from kinerja.errors import KinerjaError


def read_password(stdin: TextIO | None = None, *, confirm: bool = True) -> str:
    """The new password: typed twice at a hidden prompt, or one line of stdin when it is not a TTY."""
    stdin = stdin or sys.stdin
    if not stdin.isatty():
        line = stdin.readline()
        if not line:
            raise KinerjaError("kata sandi tidak terbaca dari stdin (harapkan satu baris)")
        return line.rstrip("\r\n")
    first = getpass.getpass("Kata sandi baru: ")
    if confirm and getpass.getpass("Ulangi kata sandi: ") != first:
        raise KinerjaError("kedua kata sandi tidak sama")
    return first


def _actor(args: argparse.Namespace) -> str:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name in some containers
        who = "?"
    return f"cli:{who}"


def cmd_add(args: argparse.Namespace, engine: Engine) -> int:
    auth.check_new_user(engine, args.username, args.role, args.unit, email=args.email)  # before the prompt
    password = read_password()
    acc = auth.create_user(
        engine, args.username, password, args.role, args.unit, email=args.email, actor=_actor(args)
    )
    unit = f", unit {acc.unit_nama} ({acc.unit})" if acc.unit else ""
    print(f"akun '{acc.nama}' dibuat: peran {acc.peran}{unit}")
    return 0


def cmd_list(args: argparse.Namespace, engine: Engine) -> int:
    frame = auth.list_users(engine)
    if frame.empty:
        print("belum ada akun (aplikasi berjalan dalam mode demo, hanya baca)")
        return 0
    frame = frame.fillna("").astype({"aktif": str})
    print(frame.to_string(index=False))
    return 0


def cmd_disable(args: argparse.Namespace, engine: Engine) -> int:
    acc = auth.disable_user(engine, args.username, actor=_actor(args))
    print(f"akun '{acc.nama}' dinonaktifkan")
    return 0


def cmd_enable(args: argparse.Namespace, engine: Engine) -> int:
    acc = auth.enable_user(engine, args.username, actor=_actor(args))
    print(f"akun '{acc.nama}' diaktifkan kembali")
    return 0


def cmd_reset(args: argparse.Namespace, engine: Engine) -> int:
    if auth.get_account(engine, args.username) is None:
        raise KinerjaError(f"nama pengguna '{auth.normalize_name(args.username)}' tidak ada")
    acc = auth.reset_password(engine, args.username, read_password(), actor=_actor(args))
    print(f"kata sandi akun '{acc.nama}' diganti (kunci login dibuka)")
    return 0


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """Register `user add|list|disable|enable|reset-password` on the CLI's subparsers."""
    note = "Kata sandi dibaca dari prompt tersembunyi, atau satu baris stdin bila stdin bukan terminal."
    p = sub.add_parser(
        "user", help="kelola akun pengguna (peran walikota, admin, opd, camat)", description=note
    )
    users = p.add_subparsers(dest="user_command", required=True, metavar="AKSI")
    q = users.add_parser("add", help="buat akun", description=note)
    q.add_argument("username", metavar="USERNAME")
    q.add_argument("--role", required=True, choices=ROLES)
    q.add_argument("--unit", help="unit akun opd/camat (kode, nama atau alias)")
    q.add_argument("--email", help="e-mail untuk single sign-on (opsional)")
    q.set_defaults(func=cmd_add)
    q = users.add_parser("list", help="daftar akun")
    q.set_defaults(func=cmd_list)
    q = users.add_parser("disable", help="nonaktifkan akun")
    q.add_argument("username", metavar="USERNAME")
    q.set_defaults(func=cmd_disable)
    q = users.add_parser("enable", help="aktifkan kembali akun")
    q.add_argument("username", metavar="USERNAME")
    q.set_defaults(func=cmd_enable)
    q = users.add_parser(
        "reset-password", help="ganti kata sandi (juga membuka kunci login)", description=note
    )
    q.add_argument("username", metavar="USERNAME")
    q.set_defaults(func=cmd_reset)
