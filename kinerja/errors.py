"""Named exceptions of the core; only the shells (cli.py, pages) turn them into messages."""

from __future__ import annotations


class KinerjaError(Exception):
    """Raised when a core operation cannot be done; the message is Indonesian and user-facing."""


class WorkbookError(KinerjaError):
    """Raised when a file cannot be read as a workbook at all (not xlsx, encrypted, empty)."""


class ImportRefused(KinerjaError):
    """Raised when a file has errors and nothing of it was stored; carries the report."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class RollbackError(KinerjaError):
    """Raised when an upload cannot be rolled back (unknown, already rolled back, superseded)."""


class PeriodLocked(KinerjaError):
    """Raised when realisasi targets a month the admin has locked."""


class AccessDenied(KinerjaError):
    """Raised when the acting user's role or unit does not allow the read or write."""
