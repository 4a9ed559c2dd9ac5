"""The report's files: one self-contained HTML page and one CSV per table.

The page has no script and loads nothing: styles inline, charts inline SVG, each chart followed
by its table (what a screen reader reads and what prints). CSVs are UTF-8 with a byte order
mark, so spreadsheet programs set to Norwegian read æ, ø and å right.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from packager.report.course import ReportCourse
from packager.report.tables import Table, text

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Block:
    table: Table
    chart: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    blocks: list[Block] = field(default_factory=list)


def write_csv(table: Table, out: Path) -> Path:
    path = out / f"{table.key}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([c.name for c in table.columns])
        w.writerows(["" if v is None else v for v in row] for row in table.rows)
    return path


def write_html(course: ReportCourse, sections: list[Section], meta: dict[str, Any], out: Path) -> Path:
    env = Environment(loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(["j2", "html"]),
                      trim_blocks=False, lstrip_blocks=False)
    page = env.get_template("report.html.j2").render(course=course, sections=sections, meta=meta, cell=text)
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
