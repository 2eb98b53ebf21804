"""AppTest runs of app.py as a running server sees them (past its first request)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.runtime.pages_manager import PagesManager

from tests.helpers.accounts import cheap_hashes, create_accounts
from tests.helpers.apptest import clear_caches


@pytest.fixture(autouse=True)
def served_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every AppTest run as a request to a server that has already handed its first one to app.py.

    Streamlit decides once per server process whether `pages/` means its legacy folder mode;
    ui.router switches that mode off on the first request and reruns (a rerun drops the clicks
    of that request, harmless on a first visit). AppTest, though, resets the decision before
    every run, so every run would be a "first request" and lose its button clicks. The real
    first request is covered by tests/e2e/browser/test_router_browser.py; a page file run on
    its own is tested with AppTest.from_file(pages/<page>.py).
    """
    init = PagesManager.__init__

    def past_first_request(self: PagesManager, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", past_first_request)
    yield


@pytest.fixture
def admin_db(sqlite_engine, monkeypatch: pytest.MonkeyPatch):
    """A fresh SQLite store the app opens, with one admin account and empty Streamlit caches."""
    monkeypatch.setenv("KINERJA_DEMO", "0")
    monkeypatch.setenv("KINERJA_DB_URL", str(sqlite_engine.url))
    clear_caches()
    with cheap_hashes():
        create_accounts(sqlite_engine, ("admin",))
        yield sqlite_engine
    sqlite_engine.dispose()
    clear_caches()
