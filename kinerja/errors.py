"""Named exceptions of the core; only the shells (cli, pages) turn them into messages.

The tree (every message is Indonesian and addressed to the person who acts)::

    KinerjaError                 any refusal of the core
    ├── WorkbookError            a file cannot be read at all (not xlsx, encrypted, empty, hostile)
    │   └── ChatExportError      a file is not a WhatsApp chat export, or its dates are undecidable
    ├── ImportRefused            a file has errors; nothing of it was stored (carries the report)
    ├── RollbackError            an upload cannot be rolled back (unknown, done, superseded)
    ├── PeriodLocked             realisasi or a lock targets a month in the wrong lock state
    ├── AccessDenied             the acting Scope may not read or change this
    ├── UnknownUnit              a unit name matches no stored unit (carries a suggestion)
    ├── AccountError             an account cannot be created, changed or used
    │   └── LoginFailed          a login did not succeed (one message whatever the cause)
    ├── SettingError             a setting key or value is not valid
    ├── TriageError              a WhatsApp candidate cannot be accepted, merged or discarded so
    ├── ProfileError             a column mapping profile cannot be saved, renamed or deleted
    └── DatabaseError            the database cannot be reached, opened or used
        └── SchemaOutdated       the database's schema revision is behind the code's
"""

from __future__ import annotations


class KinerjaError(Exception):
    """Raised when a core operation cannot be done; the message is Indonesian and user-facing."""


class WorkbookError(KinerjaError):
    """Raised when a file cannot be read as a workbook at all (not xlsx, encrypted, empty)."""


class ChatExportError(WorkbookError):
    """Raised when a file is not a WhatsApp chat export or its day/month order cannot be decided."""


class ImportRefused(KinerjaError):
    """Raised when a file has errors and nothing of it was stored; carries the report."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class RollbackError(KinerjaError):
    """Raised when an upload cannot be rolled back (unknown, already rolled back, superseded)."""


class PeriodLocked(KinerjaError):
    """Raised when a month is locked (or, for an unlock, not locked)."""


class AccessDenied(KinerjaError):
    """Raised when the acting user's role or unit does not allow the read or write."""


class UnknownUnit(KinerjaError):
    """Raised when a unit name matches no stored unit."""

    def __init__(self, name: str, suggestion: str | None = None) -> None:
        hint = f" (maksud Anda: {suggestion}?)" if suggestion else ""
        super().__init__(f"unit '{name}' tidak dikenal{hint}")
        self.name = name
        self.suggestion = suggestion


class AccountError(KinerjaError):
    """Raised when an account cannot be created, changed or used."""


class LoginFailed(AccountError):
    """Raised when a login does not succeed; the message never tells why (see services.accounts)."""


class SettingError(KinerjaError):
    """Raised when a setting key is unknown or its value is not valid."""


class TriageError(KinerjaError):
    """Raised when a WhatsApp complaint candidate cannot be triaged as asked (unknown, already done)."""


class ProfileError(KinerjaError):
    """Raised when a column mapping profile cannot be saved, renamed or deleted (issue 12 §3)."""


class DatabaseError(KinerjaError):
    """Raised when the database cannot be reached, opened or used."""


class SchemaOutdated(DatabaseError):
    """Raised when the database's schema revision is behind the code (run `kinerja db upgrade`)."""
