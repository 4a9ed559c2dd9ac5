"""Problems a user can cause, collected rather than raised.

Every stage appends to one `Problems` list so that `trail check` can report
everything wrong with a course in one run, each naming file, line and key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    key: str  # dotted path of the key, e.g. "questions[2].options"; "" for the file
    message: str  # what was expected, and what was found
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file if not self.line else f"{self.file}:{self.line}"
        key = f" {self.key}:" if self.key else ""
        label = "" if self.severity is Severity.ERROR else " warning:"
        return f"{where}:{label}{key} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "message": self.message,
            "severity": str(self.severity),
        }


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int, key: str, message: str) -> None:
        self.items.append(Problem(file, line, key, message))

    def warn(self, file: str, line: int, key: str, message: str) -> None:
        self.items.append(Problem(file, line, key, message, Severity.WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.file, p.line, p.key, p.message))


class UsageError(Exception):
    """A mistake in how trail was called rather than in the course: an output folder that
    cannot be written, a bad SOURCE_DATE_EPOCH. The CLI prints the message as one line and
    exits 2; the course's own problems are `Problems`, never this."""
