"""Accounts for the app tests: cheap Argon2 parameters, one account per role, login through the form."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import argon2
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from kinerja.domain.access import admin_scope
from kinerja.services import accounts as auth

SANDI = "Sandi-Uji-Kupang-1"
# name → (role, unit): one account per role (Dinas Kesehatan and Kecamatan Alak have a 2018 PK in the demo).
ACCOUNTS = {
    "admin": ("admin", None),
    "walikota": ("walikota", None),
    "kadis.kesehatan": ("opd", "Dinas Kesehatan"),
    "camat.alak": ("camat", "Kecamatan Alak"),
}


@contextmanager
def cheap_hashes() -> Iterator[None]:
    """Argon2's cheapest profile while testing (production parameters take ~0.5 s a hash)."""
    default = auth.use_hasher(argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST))
    try:
        yield
    finally:
        auth.use_hasher(default)


def create_accounts(engine: Engine, names: tuple[str, ...] = tuple(ACCOUNTS)) -> None:
    for name in names:
        role, unit = ACCOUNTS[name]
        auth.create_user(engine, name, SANDI, role, unit, scope=admin_scope("uji"))


def login(at: AppTest, name: str, password: str = SANDI) -> AppTest:
    """Sign in through the login form (keys login_username, login_password, login_submit)."""
    at.text_input(key="login_username").input(name)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click()
    return at.run()
