"""Profile commands: list, rename and delete the saved column mappings (issue 12 §3) — through services."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.engine import Engine

from kinerja.cli.render import render
from kinerja.domain.access import admin_scope
from kinerja.services.profiles import delete_profile, rename_profile
from kinerja.views.history import profile_list


def cmd_list(args: argparse.Namespace, engine: Engine) -> int:
    frame = profile_list(engine)
    if frame.empty:
        print("belum ada profil kolom (profil dibuat di halaman Unggah saat kolom berkas dipetakan)")
        return 0
    print(render(frame, "table"))
    return 0


def cmd_rename(args: argparse.Namespace, engine: Engine) -> int:
    new = rename_profile(engine, args.old, args.new, scope=admin_scope(args.user))
    print(f"profil '{args.old}' kini bernama '{new}' (tercatat di log audit)")
    return 0


def cmd_delete(args: argparse.Namespace, engine: Engine) -> int:
    delete_profile(engine, args.name, scope=admin_scope(args.user))
    print(f"profil '{args.name}' dihapus (tercatat di log audit)")
    return 0


def add_arguments(sub: Any) -> None:
    """Register `profil list|rename|delete` on the CLI's subparsers."""
    p = sub.add_parser("profil", help="profil pemetaan kolom: lihat, ganti nama, hapus (admin)")
    actions = p.add_subparsers(dest="profil_command", required=True, metavar="AKSI", title="aksi")
    q = actions.add_parser("list", help="semua profil kolom tersimpan")
    q.set_defaults(func=cmd_list)
    q = actions.add_parser("rename", help="ganti nama profil, mis. profil rename 'Ekspor A' 'Ekspor SIKAP'")
    q.add_argument("old", metavar="NAMA_LAMA")
    q.add_argument("new", metavar="NAMA_BARU")
    q.set_defaults(func=cmd_rename)
    q = actions.add_parser("delete", help="hapus profil (berkas dengan tata letak itu akan ditanyakan lagi)")
    q.add_argument("name", metavar="NAMA")
    q.set_defaults(func=cmd_delete)
