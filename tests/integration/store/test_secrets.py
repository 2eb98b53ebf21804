"""The installation secret: made once per database, the same for every process, different per installation."""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

from kinerja.store.engine import connect
from kinerja.store.secrets import SECRET_BYTES, installation_secret


def test_made_once_and_then_always_the_same(engine: Engine) -> None:
    first = installation_secret(engine)
    assert len(first) == SECRET_BYTES
    assert installation_secret(engine) == first
    other = connect(engine.url.render_as_string(hide_password=False))  # a second process's engine
    try:
        assert installation_secret(other) == first
    finally:
        other.dispose()


def test_each_name_and_each_installation_has_its_own(engine: Engine, sqlite_engine: Engine) -> None:
    assert installation_secret(engine, "a") != installation_secret(engine, "b")
    assert installation_secret(engine) != installation_secret(sqlite_engine)


def test_two_processes_asking_at_once_end_with_one_secret(engine: Engine) -> None:
    start = threading.Barrier(4)
    found: list[bytes] = []

    def ask() -> None:
        start.wait()
        found.append(installation_secret(engine, "serentak"))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(found) == 4 and len(set(found)) == 1
