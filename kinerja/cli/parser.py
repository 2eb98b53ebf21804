"""argparse in Bahasa Indonesia: headings, the help option and the common error messages."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# argparse's own words (its messages are English gettext strings) and their Indonesian.
_HEADINGS = (
    ("usage: ", "pemakaian: "),
    ("\noptions:\n", "\nopsi:\n"),
    ("\npositional arguments:\n", "\nargumen:\n"),
    ("show this help message and exit", "tampilkan bantuan ini lalu keluar"),
)
_ERRORS = (
    (r"the following arguments are required: (.*)", r"argumen wajib belum diisi: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"argumen \1: pilihan \2 tidak dikenal (pilih: \3)",
    ),
    (r"argument (\S+): invalid int value: (.*)", r"argumen \1: \2 bukan bilangan bulat"),
    (r"argument (\S+): expected one argument", r"argumen \1 membutuhkan satu nilai"),
    (r"argument (\S+): (.*)", r"argumen \1: \2"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
)


def _translate(text: str) -> str:
    for en, idn in _HEADINGS:
        text = text.replace(en, idn)
    return text


class IndonesianParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors read in Indonesian (exit 2 on a usage error)."""

    def format_usage(self) -> str:
        return _translate(super().format_usage())

    def format_help(self) -> str:
        return _translate(super().format_help())

    def error(self, message: str) -> NoReturn:
        for pattern, repl in _ERRORS:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, repl, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")
