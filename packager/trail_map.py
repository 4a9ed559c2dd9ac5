"""The trail map's geometry, computed here so the template only draws it.

Sites sit at their `position` (percent of the map) inside a 1000×625 picture
with a 40-unit margin; the trail is a smooth path through them in site order
(Catmull-Rom through the points, written as cubic Béziers), one decimal each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from packager.model import MapPosition, Stage

Point = tuple[float, float]


def map_point(position: MapPosition) -> Point:
    """A site's position as map coordinates (viewBox 0 0 1000 625)."""
    return (40 + position.x * 9.2, 40 + position.y * 5.45)


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
