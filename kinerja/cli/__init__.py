"""Command line: `python -m kinerja [--db URL] PERINTAH`; every failure becomes one Indonesian line and exit 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import sqlalchemy as sa

from kinerja.cli import data, profiles, reports, users, whatsapp
from kinerja.cli.parser import IndonesianParser
from kinerja.errors import DatabaseError, KinerjaError
from kinerja.store.engine import connect

EXIT_REFUSED = 2
EXIT_PIPE = 1  # the reader of our output went away (`… | head`): stop quietly


def build_parser() -> argparse.ArgumentParser:
    parser = IndonesianParser(
        prog="python -m kinerja",
        description="Kinerja — Perjanjian Kinerja dan pengaduan masyarakat Kota Kupang.",
    )
    parser.add_argument(
        "--db", metavar="URL", help="URL basis data SQLAlchemy (bawaan: KINERJA_DB_URL atau data/kinerja.db)"
    )
    parser.add_argument(
        "--user", default="admin", metavar="NAMA", help="nama yang dicatat pada unggahan dan log audit"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH", title="perintah")
    data.add_arguments(sub)
    reports.add_arguments(sub)
    users.add_arguments(sub)
    whatsapp.add_arguments(sub)
    profiles.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 2 when something was refused (one line per problem on stderr)."""
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "needs_engine", True):
            engine = connect(args.db)
            try:
                code = int(args.func(args, engine) or 0)
            finally:
                engine.dispose()
        else:
            code = int(args.func(args) or 0)
        # Flush here, not at exit: a reader that already left (`… | head`) is caught below, quietly.
        sys.stdout.flush()
        return code
    except KinerjaError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except sa.exc.OperationalError as exc:  # the database went away mid-command
        print(
            f"galat: {DatabaseError(f'basis data tidak dapat dipakai ({_first_line(exc)})')}", file=sys.stderr
        )
        return EXIT_REFUSED
    except BrokenPipeError:
        # Python's advice for `| head`: point stdout at devnull so the exit flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    except KeyboardInterrupt:
        print("dibatalkan", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug must not show a traceback to the admin; nothing half-stored
        print(f"galat tak terduga ({type(exc).__name__}: {_first_line(exc)})", file=sys.stderr)
        return EXIT_REFUSED


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
