"""Who may undo an upload (issue 13): the admin any, a unit head its own, the Wali Kota none."""

from __future__ import annotations

import pytest

from kinerja.domain.access import Scope, check_rollback
from kinerja.errors import AccessDenied

ADMIN = Scope("admin", user="admin")
KADIS = Scope("opd", unit="DINKES", user="kadis.kesehatan")
CAMAT = Scope("camat", unit="KEC-ALAK", kecamatan="Alak", user="camat.alak")
WALIKOTA = Scope("walikota", user="walikota")


@pytest.mark.parametrize(
    ("scope", "owner", "allowed"),
    [
        (ADMIN, "kadis.kesehatan", True),
        (ADMIN, "admin", True),
        (KADIS, "kadis.kesehatan", True),
        (KADIS, "admin", False),
        (KADIS, "kadis.pendidikan", False),
        (KADIS, None, False),  # no such upload: nothing to claim
        (CAMAT, "camat.alak", True),
        (CAMAT, "kadis.kesehatan", False),
        (WALIKOTA, "walikota", False),
        (WALIKOTA, "admin", False),
    ],
)
def test_rollback_policy(scope, owner, allowed) -> None:
    if allowed:
        check_rollback(scope, owner)
    else:
        with pytest.raises(AccessDenied):
            check_rollback(scope, owner)
