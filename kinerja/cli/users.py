"""`python -m kinerja user …`: add, list, disable, enable and reset accounts; passwords never on argv."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, TextIO

from sqlalchemy.engine import Engine

from kinerja.domain.access import ROLES, Scope, admin_scope
from kinerja.domain.accounts import normalize_name
from kinerja.errors import AccountError
from kinerja.services import accounts


def read_password(stdin: TextIO | None = None, *, confirm: bool = True) -> str:
    """The new password: typed twice at a hidden prompt, or one line of stdin when it is not a TTY."""
    stdin = stdin or sys.stdin
    if not stdin.isatty():
        line = stdin.readline()
        if not line:
            raise AccountError("kata sandi tidak terbaca dari stdin (diharapkan satu baris)")
        return line.rstrip("\r\n")
    first = getpass.getpass("Kata sandi baru: ")
    if confirm and getpass.getpass("Ulangi kata sandi: ") != first:
        raise AccountError("kedua kata sandi tidak sama")
    return first


def _scope(args: argparse.Namespace) -> Scope:
    """Account changes from the shell act as the admin, recorded as `cli:<login name>`."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name in some containers
        who = "?"
    return admin_scope(f"cli:{who}")


def cmd_add(args: argparse.Namespace, engine: Engine) -> int:
    accounts.check_new_user(
        engine, args.username, args.role, args.unit, email=args.email
    )  # before the prompt
    password = read_password()
    acc = accounts.create_user(
        engine, args.username, password, args.role, args.unit, email=args.email, scope=_scope(args)
    )
    unit = f", unit {acc.unit_nama} ({acc.unit})" if acc.unit else ""
    print(f"akun '{acc.nama}' dibuat: peran {acc.peran}{unit}")
    return 0


def cmd_list(args: argparse.Namespace, engine: Engine) -> int:
    frame = accounts.list_users(engine, scope=_scope(args))
    if frame.empty:
        print("belum ada akun (aplikasi berjalan dalam mode demo, hanya baca)")
        return 0
    frame = frame.fillna("").astype({"aktif": str})
    print(frame.to_string(index=False))
    return 0


def cmd_disable(args: argparse.Namespace, engine: Engine) -> int:
    acc = accounts.disable_user(engine, args.username, scope=_scope(args))
    print(f"akun '{acc.nama}' dinonaktifkan")
    return 0


def cmd_enable(args: argparse.Namespace, engine: Engine) -> int:
    acc = accounts.enable_user(engine, args.username, scope=_scope(args))
    print(f"akun '{acc.nama}' diaktifkan kembali")
    return 0


def cmd_unlock(args: argparse.Namespace, engine: Engine) -> int:
    acc = accounts.unlock_user(engine, args.username, scope=_scope(args))
    print(f"kunci login akun '{acc.nama}' dibuka (kata sandi tidak berubah)")
    return 0


def cmd_reset(args: argparse.Namespace, engine: Engine) -> int:
    if accounts.get_account(engine, args.username) is None:
        raise AccountError(f"nama pengguna '{normalize_name(args.username)}' tidak ada")
    acc = accounts.reset_password(engine, args.username, read_password(), scope=_scope(args))
    print(f"kata sandi akun '{acc.nama}' diganti (kunci login dibuka)")
    return 0


def add_arguments(sub: Any) -> None:
    """Register `user add|list|disable|enable|unlock|reset-password` on the CLI's subparsers."""
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
    q = users.add_parser("unlock", help="buka kunci login setelah salah kata sandi (sandi tetap)")
    q.add_argument("username", metavar="USERNAME")
    q.set_defaults(func=cmd_unlock)
    q = users.add_parser(
        "reset-password", help="ganti kata sandi (juga membuka kunci login)", description=note
    )
    q.add_argument("username", metavar="USERNAME")
    q.set_defaults(func=cmd_reset)
