"""A report table: the one shape the HTML, the CSV files and the tests read.

Small groups are suppressed here, once, for every table: a count of learners from 1 to
`min_group - 1` is shown as "<5" (for the default of 5), and the shares, medians and flags
computed over so few learners are left out, so no one can be singled out from a breakdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | id (a label: site number, rank, week) | count (learners) | number | share | minutes
    # | lang (text in the course language)


@dataclass(frozen=True)
class Table:
    key: str  # the CSV file's stem
    title: str
    caption: str  # what the table shows, for the screen reader and the printed page
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    def column(self, name: str) -> list[Cell]:
        i = [c.name for c in self.columns].index(name)
        return [r[i] for r in self.rows]

    def as_dicts(self) -> list[dict[str, Cell]]:
        return [dict(zip([c.name for c in self.columns], r, strict=True)) for r in self.rows]


def small(n: Any, min_group: int) -> bool:
    return isinstance(n, int) and 0 < n < min_group


def suppress(rows: Sequence[Sequence[Any]], columns: tuple[Column, ...], group: int, min_group: int
             ) -> list[tuple[Cell, ...]]:
    """Rows whose group (column index `group`: its learners) is small keep only their labels."""
    out: list[tuple[Cell, ...]] = []
    for row in rows:
        tiny = small(row[group], min_group)
        cells: list[Cell] = []
        for col, value in zip(columns, row, strict=True):
            if col.kind == "count" and small(value, min_group):
                cells.append(f"<{min_group}")
            elif tiny and (col.kind not in ("text", "lang", "count", "id") or col.name == "flag"):
                cells.append(None)
            elif isinstance(value, float):
                cells.append(round(value, 3))
            else:
                cells.append(value)
        out.append(tuple(cells))
    return out


def text(value: Cell, kind: str = "text") -> str:
    """A cell as the HTML shows it (shares as percentages); the CSV keeps the raw value."""
    if value is None:
        return "–"
    if kind == "share" and isinstance(value, int | float):
        return f"{value * 100:.0f} %"
    if kind == "minutes" and isinstance(value, int | float):
        return f"{value:.1f}"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)
