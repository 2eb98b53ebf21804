"""Keyed hashes of identities (UU 27/2022): stable per installation, useless without the secret."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from kinerja.domain.text import keyed_hash

SECRET = bytes(range(32))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("+62 812-3456-7890", "+62 812-3456-7890", True),
        ("WA-081277770000", "  wa-081277770000 ", True),  # case and edge spaces do not matter
        ("Budi  Santoso", "budi santoso", True),  # inner runs of spaces collapse
        ("081234567890", "081234567891", False),
    ],
)
def test_same_text_same_hash(a: str, b: str, same: bool) -> None:
    assert (keyed_hash(SECRET, a) == keyed_hash(SECRET, b)) is same


def test_the_hash_is_hmac_sha256_of_the_normalised_text() -> None:
    expected = hmac.new(SECRET, b"wa-081277770000", hashlib.sha256).hexdigest()
    assert keyed_hash(SECRET, " WA-081277770000", length=64) == expected
    assert keyed_hash(SECRET, "WA-081277770000") == expected[:16]


def test_another_installation_gets_another_hash() -> None:
    assert keyed_hash(SECRET, "081234567890") != keyed_hash(bytes(32), "081234567890")
