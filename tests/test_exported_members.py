"""kinerja's public API is deliberate: `__all__` lists exactly the public names of the package (as httpx's)."""

from __future__ import annotations

import types

import kinerja


def test_all_lists_every_public_member_and_only_those() -> None:
    exported = set(kinerja.__all__)
    public = {
        name
        for name, value in vars(kinerja).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert exported - {"__version__"} == public
    assert all(hasattr(kinerja, name) for name in exported)


def test_the_api_is_the_service_layer() -> None:
    assert kinerja.import_file.__module__ == "kinerja.services.importer"
    assert kinerja.preview_file.__module__ == "kinerja.services.preview"
    assert kinerja.connect.__module__ == "kinerja.store.engine"
    assert issubclass(kinerja.SchemaOutdated, kinerja.DatabaseError)
    assert issubclass(kinerja.DatabaseError, kinerja.KinerjaError)
