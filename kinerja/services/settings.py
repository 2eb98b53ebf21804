"""Settings: read with defaults; changed by the admin only, checked, in one transaction, audited."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.engine import Engine

from kinerja.domain import vocabulary
from kinerja.domain.access import Scope, require_admin
from kinerja.domain.settings import SPECS, Settings, parse_setting, setting_text
from kinerja.store import settings as stored
from kinerja.store.audit import log_event
from kinerja.store.writer import writing


def load_settings(engine: Engine) -> Settings:
    """Settings stored in the database (defaults for anything not stored)."""
    return Settings.from_dict(stored.get_settings(engine))


def list_settings(engine: Engine) -> list[tuple[str, str, str, str]]:
    """(key, label, value as text, help) of every setting, in the order of SPECS."""
    current = load_settings(engine)
    return [(k, s.label, setting_text(getattr(current, k)), s.help) for k, s in SPECS.items()]


def set_settings(engine: Engine, texts: dict[str, str], *, scope: Scope) -> Settings:
    """Change settings from their written values (all checked first; nothing stored on an error)."""
    require_admin(scope, "Mengubah pengaturan")
    values = {key: parse_setting(key, text) for key, text in texts.items()}
    return save_settings(engine, values, scope=scope)


def save_settings(engine: Engine, values: dict[str, Any], *, scope: Scope) -> Settings:
    """Store already-typed values (a form's widgets), recording old → new in the audit log."""
    require_admin(scope, "Mengubah pengaturan")
    before = load_settings(engine)
    merged = dataclasses.replace(before, **values)
    changed = {k: getattr(merged, k) for k in values if getattr(before, k) != getattr(merged, k)}
    if not changed:
        return before
    encoded = {k: merged.to_dict()[k] for k in changed}
    detail = {
        k: {"lama": setting_text(getattr(before, k)), "baru": setting_text(x)} for k, x in changed.items()
    }
    with writing(engine, exclusive=False) as conn:
        stored.save_settings(conn, encoded, scope.user or "admin")
        log_event(conn, scope.user, vocabulary.UBAH_PENGATURAN, detail)
    return merged
