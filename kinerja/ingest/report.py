"""The import report: every error and notice of one file at once, in Bahasa Indonesia (DOMAIN §4)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

ERROR = "galat"
NOTICE = "catatan"
WARNING = "peringatan"  # stored if confirmed: a value that is possible but probably a slip
REPORT_COLUMNS = ["berkas", "sheet", "baris", "kolom", "masalah", "diharapkan", "tingkat"]


def column_letter(index: int) -> str:
    """Excel column letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, sheet, Excel row, column as the file names it) and what."""

    file: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # "D (Tanggal Masuk)" or a column name when the column is missing
    expected: str = ""
    level: str = ERROR

    def line(self) -> str:
        """`FILE · SHEET · baris N · kolom D (Tanggal Masuk): pesan (diharapkan: …)`."""
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        text = " · ".join(parts) + f": {self.message}"
        if self.expected:
            text += f" (diharapkan: {self.expected})"
        return text


@dataclass
class SheetCounts:
    """Rows of one sheet: added, updated and unchanged in the store."""

    sheet: str
    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass
class ImportReport:
    """Everything the importer found in one file; `ok` when there is no error."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    counts: list[SheetCounts] = field(default_factory=list)
    upload_id: int | None = None
    stored: bool = False
    skipped_rows: int = 0

    def error(self, message: str, **where: object) -> None:
        self.problems.append(Problem(self.file, message, level=ERROR, **where))  # type: ignore[arg-type]

    def notice(self, message: str, **where: object) -> None:
        self.problems.append(Problem(self.file, message, level=NOTICE, **where))  # type: ignore[arg-type]

    def warn(self, message: str, **where: object) -> None:
        self.problems.append(Problem(self.file, message, level=WARNING, **where))  # type: ignore[arg-type]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if p.level == NOTICE]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_frame(self) -> pd.DataFrame:
        """The report as a table (pandera-style failure cases) for screens and downloads."""
        rows = [[p.file, p.sheet, p.row, p.column, p.message, p.expected, p.level] for p in self.problems]
        frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
        frame["baris"] = frame["baris"].astype("Int64")
        return frame
