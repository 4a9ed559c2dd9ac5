"""The trail map's geometry, computed here so the template only draws it.

Sites sit at their `position` (percent of the map) inside a 1000×760 picture
with a 40-unit margin; the trail is a smooth path through them in site order
(Catmull-Rom through the points, written as cubic Béziers), one decimal each.

Every marker carries its title in view (not on hover only), wrapped here into at
most three lines no wider than the room its neighbours leave, with a line under
it for the stage and the learner's status. The picture is taller than wide
enough for the dots alone (760, not 625) so a row of four stops leaves each
label about 120 units. Widths are estimated from the character count; the
runtime narrows a line a font draws wider than its room (`trail-map.js`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from packager.model import MapPosition, Stage

Point = tuple[float, float]

MAP_WIDTH, MAP_HEIGHT = 1000, 760
MARGIN = 40
DOT = 24  # a marker's radius; its touch target is DOT + 10
FONT, LINE = 17, 20  # the title's font size and line height, in map units (at 1280 px: ~15.6 px)
SMALL = 14  # the stage/status line and the suggestion flag
CHAR = 0.55 * FONT  # the average width of a character of the title (semibold system sans)
GAP = 14  # the least room between two labels side by side
MAX_WIDTH, MIN_WIDTH = 200.0, 96.0
MAX_LINES = 3


def map_point(position: MapPosition) -> Point:
    """A site's position as map coordinates (viewBox 0 0 MAP_WIDTH MAP_HEIGHT)."""
    return (MARGIN + position.x * (MAP_WIDTH - 2 * MARGIN) / 100, MARGIN + position.y * (MAP_HEIGHT - 2 * MARGIN) / 100)


@dataclass(frozen=True)
class Label:
    """Where a marker's visible title goes: `lines` centred on `x`, the first baseline at `y`.

    `width` is the most a line may take (the runtime squeezes a wider one); `state_y` is the
    baseline of the stage/status line, `flag_y` that of the "suggested next" flag on the other
    side of the dot. `box` is the label's extent (left, top, right, bottom), for checks and tests.
    """

    x: float
    y: float
    lines: tuple[str, ...]
    width: float
    state_y: float
    flag_y: float
    box: tuple[float, float, float, float]


def wrap_title(title: str, width: float) -> tuple[str, ...]:
    """The title in at most MAX_LINES lines of about `width` units; a longer one ends in "…".

    A word longer than a line keeps its own line (the runtime narrows it): Norwegian compounds
    broken at an arbitrary letter read worse than slightly narrower letters.
    """
    room = max(4, int(width // CHAR))
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > MAX_LINES:
        last = lines[MAX_LINES - 1]
        while len(last) + 1 > room and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines = [*lines[: MAX_LINES - 1], last.rstrip(" ,.;:–-") + "…"]
    return tuple(lines)


def label_width(points: Sequence[Point], i: int) -> float:
    """The room for point i's label: up to MAX_WIDTH, less what a neighbour at about its height takes."""
    x, y = points[i]
    near = [abs(px - x) for j, (px, py) in enumerate(points) if j != i and abs(py - y) < 4 * LINE + 2 * DOT]
    room = min([MAX_WIDTH, *(d - GAP for d in near)])
    return max(MIN_WIDTH, room)


def marker_labels(points: Sequence[Point], titles: Sequence[str]) -> list[Label]:
    """A label per marker: below its dot, or above it where the map ends first."""
    labels = []
    for i, ((x, y), title) in enumerate(zip(points, titles, strict=True)):
        width = label_width(points, i)
        lines = wrap_title(title, width)
        wide = min(width, max(len(line) for line in lines) * CHAR)
        cx = min(max(x, 4 + wide / 2), MAP_WIDTH - 4 - wide / 2)
        height = len(lines) * LINE + SMALL + 6
        if y + DOT + 10 + height <= MAP_HEIGHT - 4:  # below the dot
            top = y + DOT + 10
            flag_y = y - DOT - 8
        else:  # above it
            top = y - DOT - 10 - height
            flag_y = y + DOT + 8 + SMALL
        first = top + FONT - 3
        state_y = top + len(lines) * LINE + SMALL + 2
        labels.append(Label(round(cx, 1), round(first, 1), lines, round(width, 1), round(state_y, 1),
                            round(flag_y, 1), (cx - wide / 2, top, cx + wide / 2, top + height)))
    return labels


def trail_path(points: Sequence[Point]) -> str:
    """SVG path data through `points` in order; "" when there are fewer than two."""
    last = len(points) - 1
    if last < 1:
        return ""
    d = [f"M{points[0][0]:.1f} {points[0][1]:.1f}"]
    for i in range(last):
        a, b, c, e = points[i - 1 if i > 0 else 0], points[i], points[i + 1], points[min(i + 2, last)]
        controls = (b[0] + (c[0] - a[0]) / 6, b[1] + (c[1] - a[1]) / 6, c[0] - (e[0] - b[0]) / 6,
                    c[1] - (e[1] - b[1]) / 6, c[0], c[1])
        d.append("C" + " ".join(f"{v:.1f}" for v in controls))
    return " ".join(d)


def stage_groups(stages: Sequence[Stage], sites: Sequence[Any]) -> list[tuple[int, str, list[Any]]]:
    """The site views (each with `.site.number`) by stage: (stage number from 1, title, views).

    Without stages, one untitled group holds every site, so the template draws one list either way.
    """
    if not stages:
        return [(1, "", list(sites))]
    groups: list[tuple[int, str, list[Any]]] = [(i + 1, stage.title, []) for i, stage in enumerate(stages)]
    for view in sites:
        index = max((i for i, stage in enumerate(stages) if stage.first <= view.site.number), default=0)
        groups[index][2].append(view)
    return groups
