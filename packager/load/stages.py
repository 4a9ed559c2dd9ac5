"""`stages:` in course.yaml: the trail cut into a few named stretches, each with its own colour.

Each stage names its first site; it runs to the next stage's first site. Whether those
sites exist is known only once the sites are read, so that check is separate.
"""

from __future__ import annotations

from collections.abc import Sequence

from packager.load.reader import MapReader
from packager.model import Stage
from packager.problems import Problems

MAX_STAGES = 6  # the theme has six stage colours (templates/trail.css, --stage-1 … --stage-6)


def read_stages(reader: MapReader) -> tuple[tuple[Stage, ...], tuple[int, ...]]:
    """The stages and the line of each stage's `first`, every problem at its file, line and key."""
    stages: list[Stage] = []
    lines: list[int] = []
    for i, value, line, path in reader.items("stages"):
        item = MapReader.of(value, reader.source, reader.problems, path, line)
        if item is None:
            continue
        title = item.text("title", required=True)
        first = item.integer("first", required=True, low=1, high=999)
        if i >= MAX_STAGES:
            item.error("title", f"is stage {i + 1}; a trail has at most {MAX_STAGES} stages (3 or 4 read best)")
        elif stages and first and first <= stages[-1].first:
            item.error("first", f"expected a site number after {stages[-1].first}, the previous stage's first site")
        item.finish()
        if title and first:
            stages.append(Stage(title, first))
            lines.append(item.line_of("first"))
    return tuple(stages), tuple(lines)


def check_stages(
    stages: Sequence[Stage], lines: Sequence[int], numbers: Sequence[int], file: str, problems: Problems
) -> None:
    """Each stage starts at a site that exists, and the first stage at the trail's first site."""
    for i, (stage, line) in enumerate(zip(stages, lines, strict=True)):
        key = f"stages[{i}].first"
        if stage.first not in numbers:
            problems.error(file, line, key, f"no site has number {stage.first}; expected one of "
                           f"{', '.join(map(str, numbers))}")
        elif i == 0 and numbers and stage.first != min(numbers):
            problems.error(file, line, key, f"the first stage starts at site {stage.first}, so sites before it "
                           f"belong to no stage; expected {min(numbers)}")
