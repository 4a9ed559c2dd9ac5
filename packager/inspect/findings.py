"""A finding: one problem an LMS (or its admin) would trip on, in plain words.

`code` is stable for scripts and tests; `message` is for a person and says
what is wrong and what it breaks. Errors stop an import, break the launch or
must be fixed before publishing; warnings trip some LMSs or the ADL test suite.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# The findings that only trip some LMSs or the conformance suite; every other code is an error.
WARNINGS = frozenset({
    "non-ascii-path", "unlisted-file", "schema-file-missing", "schemaversion-old",
})


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    where: str = ""  # the zip entry, or the manifest element, it concerns

    @property
    def level(self) -> Level:
        return Level.WARNING if self.code in WARNINGS else Level.ERROR

    def as_dict(self) -> dict[str, str]:
        return {**asdict(self), "level": str(self.level)}

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.level}: {where}{self.message} [{self.code}]"
